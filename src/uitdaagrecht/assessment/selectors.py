"""Reads for the assessment: which framework applies, results side by side, decisions."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from uitdaagrecht.catalog.selectors import provider_names
from uitdaagrecht.challenges.api import Challenge
from uitdaagrecht.tenants.models import Municipality

from .models import (
    AdviceRequest,
    Criterion,
    Decision,
    Dimension,
    Framework,
    Score,
    Scorecard,
    Subject,
)


def current_framework(municipality: Municipality) -> Framework | None:
    return (
        Framework.objects.public()
        .filter(municipality=municipality)
        .prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.prefetch_related("levels"))
        )
        .first()
    )


def framework_of(
    challenge: Challenge, *, levels: bool = True, criteria: bool = True
) -> Framework | None:
    """The version that was public when the challenge was submitted; a later change never
    rewrites it. (If none was public yet, the first one published after.) `levels=False`: the
    criteria without their scales (the result table does not show them); `criteria=False`: the
    criteria are read only if used (a cached result shows them)."""
    published = Framework.objects.public().filter(municipality_id=challenge.municipality_id)
    if criteria:
        rows = Criterion.objects.prefetch_related("levels") if levels else Criterion.objects.all()
        published = published.prefetch_related(Prefetch("criteria", queryset=rows))
    if challenge.submitted_at is None:
        return published.first()
    return (
        published.filter(published_at__lte=challenge.submitted_at).order_by("-version").first()
        or published.order_by("version").first()
    )


@dataclass
class Row:
    criterion: Criterion
    challenger: float | None
    incumbent: float | None
    scores: list = field(default_factory=list)


@dataclass
class Result:
    framework: Framework
    rows: list[Row]
    totals: dict[str, float | None]
    per_dimension: dict[str, dict[str, float | None]]
    submitted: int
    recused: int


def _weighted(rows: list[Row], subject: str) -> float | None:
    pairs = [(getattr(r, subject), r.criterion.weight) for r in rows]
    pairs = [(v, w) for v, w in pairs if v is not None]
    if not pairs:
        return None
    weight = sum(w for _v, w in pairs)
    return round(sum(v * w for v, w in pairs) / weight, 2)


def submitted_scorecards(challenge: Challenge) -> list[Scorecard]:
    return list(
        Scorecard.objects.filter(challenge=challenge, submitted_at__isnull=False)
        .select_related("assessor")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    )


def result(
    challenge: Challenge,
    framework: Framework | None = None,
    cards: list[Scorecard] | None = None,
) -> Result | None:
    """Challenger and incumbent side by side: mean score per criterion over the submitted,
    not recused scorecards, and weighted per dimension and overall. `framework` (framework_of)
    and `cards` (submitted_scorecards): when the caller has them already."""
    framework = framework or framework_of(challenge)
    if framework is None:
        return None
    cards = submitted_scorecards(challenge) if cards is None else cards
    scoring = [c for c in cards if not c.recused]
    rows = []
    for criterion in framework.criteria.all():
        means = {}
        for subject in Subject.values:
            values = [
                s.value
                for c in scoring
                for s in c.scores.all()
                if s.criterion_id == criterion.pk and s.subject == subject
            ]
            means[subject] = round(sum(values) / len(values), 2) if values else None
        rows.append(Row(criterion, means[Subject.CHALLENGER], means[Subject.INCUMBENT]))
    per_dimension = {
        d: {
            s: _weighted([r for r in rows if r.criterion.dimension == d], s) for s in Subject.values
        }
        for d in Dimension.values
    }
    totals = {s: _weighted(rows, s) for s in Subject.values}
    return Result(framework, rows, totals, per_dimension, len(cards), len(cards) - len(scoring))


def incumbent_of(challenge: Challenge, decisions: list[Decision]) -> str:
    """Who "the current provider" is that the challengers are compared with, by name ("A en B"),
    or "" when nobody is on record (a task not in the catalogue, no running contract): the
    providers of the challenged catalogue tasks on the day of the decision (`decisions`:
    decisions_of) — a decided comparison names who was compared, also after the challengers took
    the task over — or today while there is none. One query."""
    day = min((d.decided_on for d in decisions), default=None) or timezone.localdate()
    names = provider_names(tasks=challenge.tasks.values("pk"), day=day)
    return get_text_list(names, _("and"))


def advice_of(challenge: Challenge) -> QuerySet[AdviceRequest]:
    return AdviceRequest.objects.filter(challenge=challenge).select_related("department", "advisor")


def public_advice(challenge: Challenge, decided: bool | None = None) -> list[AdviceRequest]:
    """Advice is published with the decision, unless marked confidential (the reason is).
    `decided`: whether there is a decision, when the caller knows it already."""
    if decided is False:
        return []  # nothing to ask the database
    return list(advice_of(challenge).public())


def decisions_of(challenge: Challenge) -> list[Decision]:
    return list(
        Decision.objects.public().filter(challenge=challenge).order_by("published_at", "pk")
    )


def public_decisions(municipality: Municipality | None = None) -> QuerySet[Decision]:
    """Of the challenge only what the feed and the API show: its long texts were most of what
    a page of decisions read."""
    qs = (
        Decision.objects.public()
        .select_related("challenge__municipality")
        .only(
            *(f.name for f in Decision._meta.concrete_fields),
            "challenge__reference",
            "challenge__title",
            "challenge__municipality__slug",
            "challenge__municipality__cbs_code",
        )
    )
    if municipality is not None:
        qs = qs.filter(challenge__municipality=municipality)
    return qs.order_by("-published_at", "-pk")


def framework_with_criteria(pk: int) -> Framework:
    return Framework.objects.prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.prefetch_related("levels"))
    ).get(pk=pk)
