from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "uitdaagrecht.demo"
    label = "demo"
    verbose_name = "Demo"
