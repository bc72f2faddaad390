"""The open-data file of the evaluations: every evaluation is public once recorded, with its
conclusion and lessons (tip 4: learn from what others did). The evaluator is an organisation;
the results per indicator are left out (they follow the agreements' confidentiality)."""

from django.utils.translation import gettext_lazy as _

from uitdaagrecht.monitoring.models import Evaluation

from .datasets_cases import challenge_page
from .tables import Column, Dataset

CHUNK = 2000
TEXTS = (
    ("judgement_economic", "Judgement: economic value."),
    ("judgement_social", "Judgement: social value."),
    ("judgement_democratic", "Judgement: democratic and administrative value."),
    ("feedback_summary", "What the users said."),
    ("view_challengers", "The challengers' view."),
    ("view_municipality", "The municipality's view."),
    ("evaluator", "Who evaluated: the municipality or an independent organisation."),
    ("conclusion", "continue, adjust or stop (final evaluations)."),
    ("conclusion_reasons", "Reasons for the conclusion."),
    ("task_after", "What happens to the task."),
    ("lessons_worked", "Lesson: what worked."),
    ("lessons_failed", "Lesson: what did not work."),
    ("lessons_advice", "Lesson: advice to others."),
)


def _evaluations():
    return (
        Evaluation.objects.public()
        .select_related("challenge__municipality")
        .order_by("challenge__municipality_id", "recorded_at", "id")
        .iterator(chunk_size=CHUNK)
    )


def _text(name: str):
    return lambda e: getattr(e, name)


EVALUATIONS = Dataset(
    name="evaluations",
    title=_("Evaluations and lessons"),
    description=_(
        "Interim and final evaluations of challenges carried out: judgements per value, the "
        "views of both sides, the conclusion and the lessons for others."
    ),
    columns=(
        Column("id", "integer", "Identifier.", lambda e: e.pk),
        Column("municipality", "string", "CBS code.", lambda e: e.challenge.municipality.cbs_code),
        Column(
            "challenge", "string", "Reference of the challenge.", lambda e: e.challenge.reference
        ),
        Column("kind", "string", "interim or final.", lambda e: e.kind),
        Column("recorded_at", "datetime", "Recorded (UTC).", lambda e: e.recorded_at),
        *(Column(name, "string", text, _text(name)) for name, text in TEXTS),
        Column(
            "page", "string", "The challenge's public page.", lambda e: challenge_page(e.challenge)
        ),
    ),
    rows=_evaluations,
    municipality_of=lambda e: e.challenge.municipality_id,
    temporal=("recorded_at",),
)

MONITORING_DATASETS = (EVALUATIONS,)
