"""Execution and evaluation as a phase extension of the case kernel (challenges/extensions.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.challenges.api import (
    CHALLENGERS,
    STAFF,
    DossierAction,
    Extension,
    FeedItem,
    State,
)

from . import charts, selectors, views
from .events import MonitoringEvent
from .forms import EvaluatorForm, FeedbackForm, ViewForm
from .models import Evaluation
from .services import evaluations, handover, reports

STAFF_ONLY = frozenset({STAFF})
EXECUTING = (State.EXECUTION, State.EVALUATION, State.COMPLETED, State.STOPPED)


def public_progress(challenge) -> tuple[str, dict] | None:
    """Per agreed result the baseline, target and realised values, as a chart and a table, and
    the accounts of the acknowledged reports; no notes, nothing confidential, no names."""
    if challenge.state not in EXECUTING:
        return None
    public_reports = selectors.reports_of(challenge, public=True)
    rows = selectors.progress(challenge, public=True, reports=public_reports)
    secret = selectors.confidential_results(challenge)
    if secret:
        rows = []  # the agreements keep the results confidential: their figures too
    return "monitoring/_public.html", {
        "challenge": challenge,
        "handover": selectors.handover_of(challenge),
        "rows": [(row, charts.chart(row)) for row in rows],
        "confidential_results": secret,
        "reports": public_reports,
        "evaluations": selectors.evaluations_of(challenge),
        "feedback": selectors.feedback_of(challenge, public=True),
        "periods": selectors.feedback_per_quarter(challenge),
        "feedback_form": FeedbackForm()
        if challenge.state in (State.EXECUTION, State.EVALUATION)
        else None,
    }


def evaluations_feed(municipality, limit: int) -> list[FeedItem]:
    """Evaluations as entries of the municipality's feed of decisions."""
    return [
        FeedItem(
            kind="evaluation",
            title=_("{reference} {title}: {kind}").format(
                reference=e.challenge.reference,
                title=e.challenge.title,
                kind=e.get_kind_display(),
            )
            + (f" — {e.get_conclusion_display()}" if e.conclusion else ""),
            description=e.conclusion_reasons,
            link=reverse(
                "challenges:detail",
                kwargs={"municipality": municipality.slug, "reference": e.challenge.reference},
            )
            + f"#evaluatie-{e.pk}",
            published=e.recorded_at,
            author=e.evaluator,
        )
        for e in Evaluation.objects.public()
        .filter(challenge__municipality=municipality)
        .select_related("challenge")
        .order_by("-recorded_at", "-pk")[:limit]
    ]


EXTENSION = Extension(
    name="monitoring",
    guards={
        "handover": handover.handed_over,
        "interim_evaluation": evaluations.interim_evaluation,
        "final_evaluation": evaluations.final_evaluation,
        "evaluated_before_stopping": evaluations.evaluated_before_stopping,
    },
    effects={
        "start_execution": handover.start_execution,
        "evaluate": evaluations.evaluation_started,
        "interim": reports.back_to_execution,
        "continue": reports.back_to_execution,
        "stop": handover.end_early,
    },
    steps={"start_execution": "handover"},
    event_kinds=MonitoringEvent.choices,
    actions=(
        DossierAction(
            name="handover",
            path="overdracht/",
            title=_("Handover: what moves, from when, the money"),
            audience=STAFF_ONLY,
            view=views.handover_page,
            post_only=False,
            placement="section",
            available=lambda c: c.state in (State.AGREEMENTS, *EXECUTING),
        ),
        DossierAction(
            name="reports",
            path="voortgang/",
            title=_("Progress reports"),
            view=views.reports_page,
            post_only=False,
            placement="section",
            available=lambda c: c.state in EXECUTING,
        ),
        DossierAction(
            name="report",
            path="voortgang/<int:moment>/rapporteren/",
            title=_("Report progress"),
            audience=frozenset({CHALLENGERS}),
            view=views.report_page,
            post_only=False,
        ),
        DossierAction(
            name="report_correct",
            path="voortgang/rapport/<int:pk>/corrigeren/",
            title=_("Correct a report"),
            audience=frozenset({CHALLENGERS}),
            view=views.correction_page,
            post_only=False,
        ),
        DossierAction(
            name="report_acknowledge",
            path="voortgang/rapport/<int:pk>/bevestigen/",
            title=_("Acknowledge"),
            audience=STAFF_ONLY,
            view=views.acknowledge,
        ),
        DossierAction(
            name="moment_add",
            path="voortgang/moment/",
            title=_("Add a reporting moment"),
            audience=STAFF_ONLY,
            view=views.moment_add,
        ),
        DossierAction(
            name="evaluation",
            path="evaluatie/",
            title=_("Evaluation and lessons"),
            audience=STAFF_ONLY,
            view=views.evaluation_page,
            post_only=False,
            placement="section",
            available=lambda c: c.state in (State.EVALUATION, State.COMPLETED, State.STOPPED),
        ),
        DossierAction(
            name="evaluation_view",
            path="evaluatie/visie/",
            title=_("Give your view for the evaluation"),
            intro=_("Each side writes its own view; the evaluation publishes both."),
            audience=frozenset({CHALLENGERS}),
            form=lambda c, data=None, files=None: ViewForm(data),
            service=lambda c, actor, data: evaluations.challengers_view(
                challenge=c, actor=actor, text=data["text"]
            ),
            permission="monitoring.report",
            done=_("Thank you: your view is with the municipality for the evaluation."),
            post_only=False,
            placement="section",
            available=lambda c: c.state == State.EVALUATION,
        ),
        DossierAction(
            name="evaluator_assign",
            path="evaluatie/evaluator/",
            title=_("Choose an independent evaluator"),
            intro=_(
                "The independent evaluator writes the evaluations of this challenge (the interim "
                "ones of an experiment too) and sees nothing else of the municipality. The "
                "challengers see who it is on the dossier."
            ),
            audience=STAFF_ONLY,
            form=lambda c, data=None, files=None: EvaluatorForm(
                data, candidates=evaluations.evaluator_candidates(c)
            ),
            service=lambda c, actor, data: evaluations.evaluator_assign(
                challenge=c, actor=actor, evaluator=data["evaluator"]
            ),
            permission="monitoring.assign_evaluator",
            done=_("The independent evaluator has been told and can start."),
            post_only=False,
            placement="more",
            available=lambda c: c.state in evaluations.ASSIGNABLE,
        ),
        DossierAction(
            name="feedback",
            path="ervaringen/",
            title=_("Feedback of users"),
            audience=STAFF_ONLY,
            view=views.feedback_page,
            permission="monitoring.moderate_feedback",
            post_only=False,
            placement="section",
            available=lambda c: c.state in EXECUTING,
        ),
        DossierAction(
            name="feedback_hide",
            path="ervaringen/<int:pk>/verbergen/",
            title=_("Hide"),
            audience=STAFF_ONLY,
            view=views.feedback_hide,
        ),
    ),
    public_sections=(public_progress,),
    periodic={
        "reminders to report sent": reports.reminders_send,
        "reminders of interim evaluations sent": reports.interim_reminders_send,
        "handovers moved to a new agreement term": handover.follow_agreements,
    },
    feeds=(evaluations_feed,),
)
