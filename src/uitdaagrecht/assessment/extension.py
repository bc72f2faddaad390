"""The assessment as a phase extension of the case kernel (challenges/extensions.py): advice,
scores side by side with the current provider, and the decision that takes a decide_* step."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.challenges.api import STAFF, DossierAction, Extension, Outcome

from . import selectors, services, workspace
from .events import AssessmentEvent

STAFF_ONLY = frozenset({STAFF})


def decision(challenge, decision=None, **details) -> str | None:
    """decide_accept / decide_reject only together with a recorded decision (services.decide)."""
    if decision is not None:
        return None
    return _("Record the decision with its reasons on the assessment page.")


def decided(challenge, *, decision=None, **details) -> Outcome:
    """The effect of decide_accept: the timeline says what was decided, and which part."""
    return Outcome(data={"outcome": decision.outcome, "part": decision.part})


def public_assessment(challenge) -> tuple[str, dict]:
    """Decisions with their reasons, the advice (unless confidential) and the scores side by
    side: published once there is a decision (tip 3)."""
    decisions = selectors.decisions_of(challenge)
    return "assessment/_public.html", {
        "challenge": challenge,
        "decisions": decisions,
        "incumbent": selectors.incumbent_of(challenge, decisions) if decisions else "",
        "advice": selectors.public_advice(challenge, decided=bool(decisions)),
        "result": (
            selectors.result(challenge, selectors.framework_of(challenge, levels=False))
            if decisions
            else None
        ),
    }


EXTENSION = Extension(
    name="assessment",
    guards={"decision": decision},
    effects={"decide_accept": decided},
    steps={"decide_accept": "assessment", "decide_reject": "assessment"},
    event_kinds=AssessmentEvent.choices,
    actions=(
        DossierAction(
            name="assessment",
            path="beoordeling/",
            title=gettext_lazy("Assessment: advice, scores, decision"),
            audience=STAFF_ONLY,
            view=workspace.assessment,
            post_only=False,
            placement="section",
        ),
        DossierAction(
            name="advice_request",
            path="beoordeling/advies/",
            title=gettext_lazy("Ask for advice"),
            audience=STAFF_ONLY,
            view=workspace.advice_request,
        ),
        DossierAction(
            name="assessment_scores",
            path="beoordeling/scores/",
            title=gettext_lazy("Scores"),
            audience=STAFF_ONLY,
            view=workspace.scores,
        ),
        DossierAction(
            name="assessment_decide",
            path="beoordeling/besluit/",
            title=gettext_lazy("Decide"),
            audience=STAFF_ONLY,
            view=workspace.decide,
        ),
    ),
    public_sections=(public_assessment,),
    periodic={"overdue advice requests escalated": services.advice_overdue_escalate},
)
