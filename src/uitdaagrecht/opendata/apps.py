from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "uitdaagrecht.opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        # check_terms (portal) runs the kernel's periodic jobs; portal may not import this app,
        # so the escalation of overdue error reports is registered there as a job of its own.
        from uitdaagrecht.challenges.api import Extension, registry

        from .reports import reports_overdue_escalate

        registry.register(
            Extension(
                name="opendata",
                periodic={"overdue error reports escalated": reports_overdue_escalate},
            )
        )
