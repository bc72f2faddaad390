from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "uitdaagrecht.agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from uitdaagrecht.challenges.api import registry

        from .extension import EXTENSION

        registry.register(EXTENSION)
