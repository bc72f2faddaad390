from django.urls import path

from . import views

app_name = "tenants"
urlpatterns = [
    path("theme.css", views.theme, name="theme"),
    path("favicon.png", views.favicon, name="favicon"),
]
