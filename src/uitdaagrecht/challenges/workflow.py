"""The challenge process of DESIGN.md §3 as data.

`PHASES` lists the states in process order with what the public "how it works" page says about
them and, for the phases that wait on the municipality, the default term in days.
`TRANSITIONS` is the table: from which states an action leads to which state, and who may take it.
The transition service (services.transition), the staff and challenger screens, the public
process page and the tests all read these two tables; nothing else knows the process.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    INTAKE = "intake", _("intake")
    REDIRECTED = "redirected", _("redirected")
    ASSESSMENT = "assessment", _("assessment")
    REJECTED = "rejected", _("rejected")
    AGREEMENTS = "agreements", _("agreements")
    EXECUTION = "execution", _("execution")
    EVALUATION = "evaluation", _("evaluation")
    COMPLETED = "completed", _("completed")
    STOPPED = "stopped", _("stopped")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Actor(models.TextChoices):
    """Who may take an action. The municipality roles are checked against the challenge's
    municipality; the contact person only counts for the challenge they are assigned to."""

    CHALLENGER = "challenger", _("the challengers")
    COORDINATOR = "coordinator", _("the coordinator")
    CONTACT_PERSON = "contact_person", _("the contact person")
    DECISION_MAKER = "decision_maker", _("the decision maker")


@dataclass(frozen=True)
class Phase:
    state: State
    description: str
    term_days: int | None = None  # waits on the municipality for at most this many days
    step: bool = True  # one of the process steps on the public page (not an end state)


PHASES: tuple[Phase, ...] = (
    Phase(
        State.DRAFT,
        _("The challengers write their offer, alone or as a team. Nobody else can see it."),
    ),
    Phase(
        State.SUBMITTED,
        _("The offer has reached the municipality. The coordinator starts the intake."),
        term_days=10,
    ),
    Phase(
        State.INTAKE,
        _(
            "The coordinator and the challengers decide together whether this is a challenge or "
            "fits better elsewhere, and the challenge gets one fixed, neutral contact person."
        ),
        term_days=28,
    ),
    Phase(
        State.ASSESSMENT,
        _(
            "Departments advise, an assessment committee weighs the economic, social and "
            "democratic value against the current provider, and the deciding body decides with "
            "published reasons."
        ),
        term_days=84,
    ),
    Phase(
        State.AGREEMENTS,
        _(
            "Municipality and challengers agree on the start, results, preconditions, "
            "accountability, legal form and budget, and both sign."
        ),
        term_days=56,
    ),
    Phase(
        State.EXECUTION,
        _("The challengers carry out the task and report on the agreed results."),
    ),
    Phase(
        State.EVALUATION,
        _("Together they evaluate: continue with a new term, adjust or stop. Lessons are shared."),
        term_days=42,
    ),
    Phase(State.COMPLETED, _("The challenge has been carried out and evaluated.")),
    Phase(
        State.REDIRECTED,
        _("The offer fits better elsewhere (e.g. a subsidy); it was passed on with the reason."),
        step=False,
    ),
    Phase(State.REJECTED, _("The deciding body rejected the challenge, with reasons."), step=False),
    Phase(State.STOPPED, _("The challenge was stopped, with reasons."), step=False),
    Phase(State.WITHDRAWN, _("The challengers withdrew their offer."), step=False),
)
PHASE = {phase.state: phase for phase in PHASES}
PROCESS_STEPS = tuple(p.state for p in PHASES if p.step and p.state != State.DRAFT)
END_STATES = frozenset(
    {State.REDIRECTED, State.REJECTED, State.COMPLETED, State.STOPPED, State.WITHDRAWN}
)
OPEN_STATES = frozenset(State) - END_STATES - {State.DRAFT}
TERM_STATES = tuple(p.state for p in PHASES if p.term_days)


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[State]
    target: State
    actors: frozenset[Actor]
    # What the actor must write: a reason that goes on the timeline (public for end states).
    reason_required: bool = True
    help_text: str = ""
    # Names of preconditions checked by services.transition, registered by the kernel or the
    # extension that owns them (extensions.py). A step that needs more than a reason is taken on
    # a page of the extension that registered it in its `steps`; otherwise the dossier shows a
    # form for it.
    guards: tuple[str, ...] = field(default=())


def _t(action, label, sources, target, actors, **kwargs) -> Transition:
    return Transition(action, label, frozenset(sources), target, frozenset(actors), **kwargs)


A = Actor
TRANSITIONS: tuple[Transition, ...] = (
    _t(
        "submit",
        _("Submit"),
        [State.DRAFT],
        State.SUBMITTED,
        [A.CHALLENGER],
        reason_required=False,
        guards=("complete",),
    ),
    _t(
        "start_intake",
        _("Start the intake"),
        [State.SUBMITTED],
        State.INTAKE,
        [A.COORDINATOR],
        reason_required=False,
    ),
    _t(
        "accept",
        _("Accept as a challenge"),
        [State.INTAKE],
        State.ASSESSMENT,
        [A.COORDINATOR],
        help_text=_("Needs a contact person. The reason is shown to everyone."),
        guards=("contact_person",),
    ),
    _t(
        "redirect",
        _("Redirect"),
        [State.INTAKE],
        State.REDIRECTED,
        [A.COORDINATOR],
        help_text=_("Say where the offer goes and why; the challengers keep everything."),
        guards=("classified_elsewhere",),
    ),
    # Deciding records a decision with reasons per value dimension (the assessment extension),
    # which takes one of these two steps.
    _t(
        "decide_accept",
        _("Decide: accept (also in part)"),
        [State.ASSESSMENT],
        State.AGREEMENTS,
        [A.DECISION_MAKER],
        guards=("decision",),
    ),
    _t(
        "decide_reject",
        _("Decide: reject"),
        [State.ASSESSMENT],
        State.REJECTED,
        [A.DECISION_MAKER],
        guards=("decision",),
    ),
    _t(
        "start_execution",
        _("Start execution"),
        [State.AGREEMENTS],
        State.EXECUTION,
        [A.COORDINATOR, A.CONTACT_PERSON],
        reason_required=False,
        help_text=_("Only when both sides have signed a version of the agreements."),
        guards=("signed_agreement", "handover"),
    ),
    _t(
        "evaluate",
        _("Start the evaluation"),
        [State.EXECUTION],
        State.EVALUATION,
        [A.COORDINATOR, A.CONTACT_PERSON],
        reason_required=False,
        help_text=_("An interim evaluation can lead back to execution."),
    ),
    _t(
        "interim",
        _("Back to execution after the interim evaluation"),
        [State.EVALUATION],
        State.EXECUTION,
        [A.COORDINATOR, A.CONTACT_PERSON],
        reason_required=False,
        help_text=_("The interim evaluation is recorded on the evaluation page first."),
        guards=("interim_evaluation",),
    ),
    _t(
        "continue",
        _("Continue (new term)"),
        [State.EVALUATION],
        State.EXECUTION,
        [A.COORDINATOR],
        help_text=_("After a final evaluation that concludes to continue; agree the new term."),
        guards=("final_evaluation",),
    ),
    _t(
        "complete",
        _("Complete"),
        [State.EVALUATION],
        State.COMPLETED,
        [A.COORDINATOR],
        guards=("final_evaluation",),
    ),
    _t(
        "stop",
        _("Stop"),
        [State.AGREEMENTS, State.EVALUATION],
        State.STOPPED,
        [A.COORDINATOR],
        help_text=_(
            "During execution, evaluate first: stopping follows a final evaluation that says so."
        ),
        guards=("evaluated_before_stopping",),
    ),
    _t(
        "withdraw",
        _("Withdraw"),
        OPEN_STATES,
        State.WITHDRAWN,
        [A.CHALLENGER],
        help_text=_("The municipality stops working on it; everything stays readable."),
    ),
)
TRANSITION = {t.action: t for t in TRANSITIONS}


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if state in t.sources]
