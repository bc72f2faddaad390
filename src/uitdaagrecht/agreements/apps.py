from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "uitdaagrecht.agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from django.utils.translation import gettext as _

        from uitdaagrecht.challenges.services import GUARDS

        from .selectors import applying

        GUARDS["signed_agreement"] = lambda challenge, **kw: (
            None
            if applying(challenge) is not None
            else _("Execution starts when both sides have signed a version of the agreements.")
        )
