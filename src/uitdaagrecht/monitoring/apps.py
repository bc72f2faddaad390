from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    """Execution and evaluation, a phase extension of the case kernel (docs/adr/0006)."""

    name = "uitdaagrecht.monitoring"
    verbose_name = _("Execution and evaluation")

    def ready(self) -> None:
        from uitdaagrecht.challenges.api import registry

        from .extension import EXTENSION

        registry.register(EXTENSION)
