"""The open-data files of the challenges: submitted challenges, their public timeline, decisions
with reasons, advice that is public, scores aggregated per criterion and signed agreement
versions. Only the public() querysets; roles and organisations, never a person's name; the
confidential parts of an agreement and confidential advice are left empty."""

from django.db.models import Avg, Count, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.agreements.models import Version
from uitdaagrecht.agreements.selectors import PART_FIELDS
from uitdaagrecht.assessment.models import AdviceRequest, Decision, Score
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.challenges.api import Challenge, Event, public_challenges

from .tables import Column, Dataset, site_url

CHUNK = 2000


def challenge_page(challenge: Challenge) -> str:
    return site_url(
        reverse(
            "challenges:detail",
            kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
        )
    )


def _challenges():
    return (
        public_challenges()
        .prefetch_related(None)
        .prefetch_related(Prefetch("tasks", queryset=Task.objects.only("slug").order_by("slug")))
        .order_by("municipality_id", "submitted_at", "id")
        .iterator(chunk_size=CHUNK)
    )


CHALLENGES = Dataset(
    name="challenges",
    title=_("Challenges"),
    description=_("Submitted challenges with their phase; drafts never."),
    columns=(
        Column("municipality", "string", "CBS code.", lambda c: c.municipality.cbs_code),
        Column("reference", "string", "Reference, unique per municipality.", lambda c: c.reference),
        Column("title", "string", "Title.", lambda c: c.title),
        Column(
            "organisation",
            "string",
            "The challengers' organisation.",
            lambda c: c.organisation.name,
        ),
        Column(
            "organisation_legal_form",
            "string",
            "Its legal form.",
            lambda c: c.organisation.legal_form,
        ),
        Column("summary", "string", "Summary.", lambda c: c.summary),
        Column(
            "tasks",
            "string",
            "Slugs of the challenged tasks, separated by spaces.",
            lambda c: " ".join(t.slug for t in c.tasks.all()),
        ),
        Column(
            "other_task", "string", "A task not in the catalogue, in words.", lambda c: c.other_task
        ),
        Column("mode", "string", "take_over or co_produce.", lambda c: c.mode),
        Column("part", "string", "Which part of the task.", lambda c: c.part),
        Column("phase", "string", "Current phase.", lambda c: c.state),
        Column("classification", "string", "Classification.", lambda c: c.classification),
        Column("redirected_to", "string", "Where it was redirected to.", lambda c: c.redirected_to),
        Column("submitted_at", "datetime", "Submitted (UTC).", lambda c: c.submitted_at),
        Column("page", "string", "The challenge's public page.", challenge_page),
    ),
    rows=_challenges,
    municipality_of=lambda c: c.municipality_id,
    temporal=("submitted_at",),
)


def _events():
    return (
        Event.objects.public()
        .filter(challenge__submitted_at__isnull=False)
        .select_related("challenge__municipality")
        .order_by("challenge__municipality_id", "challenge_id", "created_at", "id")
        .iterator(chunk_size=CHUNK)
    )


EVENTS = Dataset(
    name="events",
    title=_("Public timeline events"),
    description=_("The public timeline of every submitted challenge."),
    columns=(
        Column("municipality", "string", "CBS code.", lambda e: e.challenge.municipality.cbs_code),
        Column(
            "challenge", "string", "Reference of the challenge.", lambda e: e.challenge.reference
        ),
        Column("created_at", "datetime", "When (UTC).", lambda e: e.created_at),
        Column("kind", "string", "Kind of event.", lambda e: e.kind),
        Column("from_state", "string", "Phase before.", lambda e: e.from_state),
        Column("to_state", "string", "Phase after.", lambda e: e.to_state),
        Column("action", "string", "Action.", lambda e: e.action),
        Column("actor", "string", "A role, never a person's name.", lambda e: e.actor_role),
        Column("text", "string", "Public text.", lambda e: e.text),
    ),
    rows=_events,
    municipality_of=lambda e: e.challenge.municipality_id,
    temporal=("created_at",),
)


def _decisions():
    return (
        Decision.objects.public()
        .select_related("challenge__municipality")
        .order_by("challenge__municipality_id", "published_at", "id")
        .iterator(chunk_size=CHUNK)
    )


DECISIONS = Dataset(
    name="decisions",
    title=_("Decisions"),
    description=_("Decisions with their reasons per value; a correction names what it corrects."),
    columns=(
        Column("id", "integer", "Identifier.", lambda d: d.pk),
        Column("municipality", "string", "CBS code.", lambda d: d.challenge.municipality.cbs_code),
        Column(
            "challenge", "string", "Reference of the challenge.", lambda d: d.challenge.reference
        ),
        Column("outcome", "string", "accept, partial or reject.", lambda d: d.outcome),
        Column("part", "string", "Which part is accepted.", lambda d: d.part),
        Column(
            "reasons_economic", "string", "Reasons: economic value.", lambda d: d.reasons_economic
        ),
        Column("reasons_social", "string", "Reasons: social value.", lambda d: d.reasons_social),
        Column(
            "reasons_democratic",
            "string",
            "Reasons: democratic and administrative value.",
            lambda d: d.reasons_democratic,
        ),
        Column("reasons", "string", "Overall reasons.", lambda d: d.reasons),
        Column("body", "string", "Deciding body.", lambda d: d.body),
        Column("decided_on", "date", "Date of the decision.", lambda d: d.decided_on),
        Column(
            "council_document_url", "string", "Council document.", lambda d: d.council_document_url
        ),
        Column(
            "ori_identifier",
            "string",
            "The council item in Open Raadsinformatie (https://id.openraadsinformatie.nl/<id>).",
            lambda d: d.ori_identifier,
        ),
        Column("objection", "string", "How to object.", lambda d: d.objection),
        Column("corrects", "integer", "The decision this one corrects.", lambda d: d.corrects_id),
        Column("published_at", "datetime", "Published (UTC).", lambda d: d.published_at),
        Column(
            "page", "string", "The challenge's public page.", lambda d: challenge_page(d.challenge)
        ),
    ),
    rows=_decisions,
    municipality_of=lambda d: d.challenge.municipality_id,
    temporal=("decided_on",),
)


def _advice():
    return (
        AdviceRequest.objects.public()
        .select_related("challenge__municipality", "department")
        .order_by("challenge__municipality_id", "challenge_id", "submitted_at", "id")
        .iterator(chunk_size=CHUNK)
    )


def _unless_confidential(attribute: str):
    return lambda a: None if a.confidential else getattr(a, attribute)


ADVICE = Dataset(
    name="advice",
    title=_("Advice"),
    description=_(
        "Advice of departments on decided challenges; of confidential advice only the reason."
    ),
    columns=(
        Column("municipality", "string", "CBS code.", lambda a: a.challenge.municipality.cbs_code),
        Column(
            "challenge", "string", "Reference of the challenge.", lambda a: a.challenge.reference
        ),
        Column("department", "string", "Advising department.", lambda a: a.department.name),
        Column(
            "recommendation", "string", "Recommendation.", _unless_confidential("recommendation")
        ),
        Column("advice", "string", "The advice.", _unless_confidential("text")),
        Column("confidential", "boolean", "Confidential.", lambda a: a.confidential),
        Column(
            "confidential_reason", "string", "Why confidential.", lambda a: a.confidential_reason
        ),
        Column("submitted_at", "datetime", "Given (UTC).", lambda a: a.submitted_at),
    ),
    rows=_advice,
    municipality_of=lambda a: a.challenge.municipality_id,
    temporal=("submitted_at",),
)

_CARD = "scorecard__challenge"


def _scores():
    return (
        Score.objects.filter(
            scorecard__submitted_at__isnull=False,
            scorecard__recused=False,
            **{f"{_CARD}__in": Decision.objects.values("challenge")},
        )
        .values(
            f"{_CARD}__municipality_id",
            f"{_CARD}__municipality__cbs_code",
            f"{_CARD}__reference",
            "scorecard__framework__version",
            "criterion__name",
            "criterion__dimension",
            "criterion__weight",
            "subject",
        )
        .annotate(mean=Avg("value"), scorecards=Count("scorecard", distinct=True))
        .order_by(f"{_CARD}__municipality_id", f"{_CARD}_id", "criterion_id", "subject")
        .iterator(chunk_size=CHUNK)
    )


SCORES = Dataset(
    name="scores",
    title=_("Scores"),
    description=_(
        "Mean scores per criterion for the challengers and the current provider, over the "
        "assessors' scorecards, once there is a decision. No single assessor's score."
    ),
    columns=(
        Column(
            "municipality", "string", "CBS code.", lambda s: s[f"{_CARD}__municipality__cbs_code"]
        ),
        Column(
            "challenge", "string", "Reference of the challenge.", lambda s: s[f"{_CARD}__reference"]
        ),
        Column(
            "framework_version",
            "integer",
            "Framework version.",
            lambda s: s["scorecard__framework__version"],
        ),
        Column("criterion", "string", "Criterion.", lambda s: s["criterion__name"]),
        Column("dimension", "string", "Value dimension.", lambda s: s["criterion__dimension"]),
        Column("weight", "integer", "Weight of the criterion.", lambda s: s["criterion__weight"]),
        Column("subject", "string", "challenger or incumbent.", lambda s: s["subject"]),
        Column("mean_score", "number", "Mean score, 2 decimals.", lambda s: round(s["mean"], 2)),
        Column("scorecards", "integer", "Number of scorecards.", lambda s: s["scorecards"]),
    ),
    rows=_scores,
    municipality_of=lambda s: s[f"{_CARD}__municipality_id"],
)


def _agreements():
    return (
        Version.objects.public()
        .select_related("challenge__municipality")
        .prefetch_related(Prefetch("budget", to_attr="budget_lines"))
        .order_by("challenge__municipality_id", "challenge_id", "number")
        .iterator(chunk_size=CHUNK)
    )


def _part_field(part: str, name: str):
    value = AGREEMENT_VALUES.get(name, lambda v: getattr(v, name))
    return lambda v: None if part in v.confidential else value(v)


def _budget_total(version: Version) -> int | None:
    if "budget" in version.confidential:
        return None
    return sum(b.amount_eur for b in version.budget_lines)


def _agreement_columns() -> tuple[Column, ...]:
    fields = [(part, name) for part, names in PART_FIELDS.items() for name in names]
    return tuple(
        Column(
            name,
            COLUMN_TYPES.get(name, "string"),
            AGREEMENT_DESCRIPTIONS.get(name, name.replace("_", " ").capitalize() + "."),
            _part_field(part, name),
        )
        for part, name in fields
        if name != "accountability_by"  # may name a person
    )


COLUMN_TYPES = {"start_date": "date", "term_months": "integer", "experiment": "boolean"}
# A list in one cell: the ISO dates separated by a space (empty when there are none).
AGREEMENT_VALUES = {
    "interim_evaluations": lambda v: " ".join(day.isoformat() for day in v.interim_dates)
}
AGREEMENT_DESCRIPTIONS = {
    "experiment": "The challenge is an experiment, evaluated in between (interim_evaluations).",
    "interim_evaluations": (
        "Of an experiment: the dates of its interim evaluations (ISO 8601), separated by a space."
    ),
}

AGREEMENTS = Dataset(
    name="agreements",
    title=_("Agreement versions"),
    description=_(
        "Agreement versions signed by both sides; confidential parts are empty, with the reason."
    ),
    columns=(
        Column("municipality", "string", "CBS code.", lambda v: v.challenge.municipality.cbs_code),
        Column(
            "challenge", "string", "Reference of the challenge.", lambda v: v.challenge.reference
        ),
        Column("number", "integer", "Version.", lambda v: v.number),
        Column("signed_at", "datetime", "Signed by both sides (UTC).", lambda v: v.signed_at),
        *_agreement_columns(),
        Column("budget_total_eur", "integer", "Total budget in euros.", _budget_total),
        Column(
            "confidential_parts",
            "string",
            "Parts left out, each as part: reason, separated by semicolons.",
            lambda v: "; ".join(f"{p}: {r}" for p, r in sorted(v.confidential.items())),
        ),
        Column(
            "page", "string", "The challenge's public page.", lambda v: challenge_page(v.challenge)
        ),
    ),
    rows=_agreements,
    municipality_of=lambda v: v.challenge.municipality_id,
    temporal=("signed_at",),
)

CASE_DATASETS = (CHALLENGES, EVENTS, DECISIONS, ADVICE, SCORES, AGREEMENTS)
