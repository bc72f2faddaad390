from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "uitdaagrecht.challenges"
    verbose_name = _("Challenges")

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers the system check of the registry)
        from .extension import EXTENSION
        from .extensions import registry

        registry.register(EXTENSION)
