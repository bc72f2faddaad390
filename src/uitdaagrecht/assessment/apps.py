from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "uitdaagrecht.assessment"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        from uitdaagrecht.challenges.api import registry

        from .extension import EXTENSION

        registry.register(EXTENSION)
