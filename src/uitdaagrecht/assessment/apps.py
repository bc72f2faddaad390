from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "uitdaagrecht.assessment"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        from django.utils.translation import gettext as _

        from uitdaagrecht.challenges.services import GUARDS

        # decide_accept / decide_reject only together with a recorded decision (services.decide).
        GUARDS["decision"] = lambda challenge, decision=None, **kw: (
            None
            if decision is not None
            else _("Record the decision with its reasons on the assessment page.")
        )
