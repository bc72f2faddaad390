"""Reads for execution and evaluation: progress per agreed result against its trajectory, the
reporting moments, feedback and its aggregates, evaluations."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Prefetch
from django.utils import timezone

from uitdaagrecht.agreements.selectors import applying
from uitdaagrecht.challenges.api import Challenge

from .models import (
    Assignment,
    Evaluation,
    Feedback,
    Handover,
    InterimMoment,
    Moment,
    Report,
    Value,
)
from .schedule import add_months


@dataclass
class Point:
    day: datetime.date
    value: Decimal


@dataclass
class Progress:
    """One agreed result: where it started, where it should go, what was realised."""

    result: object
    start: datetime.date
    end: datetime.date
    points: list[Point] = field(default_factory=list)

    @property
    def latest(self) -> Decimal | None:
        return self.points[-1].value if self.points else None

    def expected(self, day: datetime.date) -> Decimal:
        """The agreed trajectory: a straight line from the baseline at the start to the target
        at the end of the agreement (from the target when there is no baseline)."""
        baseline = self.result.baseline if self.result.baseline is not None else self.result.target
        span = max((self.end - self.start).days, 1)
        part = Decimal(min(max((day - self.start).days, 0), span)) / Decimal(span)
        return baseline + (self.result.target - baseline) * part

    @property
    def behind(self) -> bool:
        """The latest realised value lags the trajectory (up or down, as the target goes)."""
        if not self.points:
            return False
        point = self.points[-1]
        expected = self.expected(point.day)
        baseline = self.result.baseline or Decimal(0)
        rising = self.result.target >= baseline
        return point.value < expected if rising else point.value > expected


def confidential_results(challenge: Challenge) -> str:
    """Why the agreements keep the results confidential, or ""."""
    version = applying(challenge)
    return version.confidential.get("results", "") if version else ""


def reports_of(challenge: Challenge, *, public: bool) -> list[Report]:
    reports = Report.objects.public() if public else Report.objects.all()
    return list(
        reports.filter(challenge=challenge)
        .select_related("moment")
        .prefetch_related(Prefetch("values", queryset=Value.objects.select_related("result")))
        .order_by("submitted_at", "pk")
    )


def progress(challenge: Challenge, *, public: bool, reports=None) -> list[Progress]:
    """Per result of the signed version that applies, the realised values of the reports (a
    correction replaces the report it corrects; a report on an earlier version counts for the
    result with the same indicator)."""
    version = applying(challenge)
    if version is None:
        return []
    end = add_months(version.start_date, version.term_months)
    rows = {
        r.pk: Progress(result=r, start=version.start_date, end=end) for r in version.results.all()
    }
    by_indicator = {row.result.indicator: row for row in rows.values()}
    reports = reports_of(challenge, public=public) if reports is None else reports
    corrected = {r.corrects_id for r in reports if r.corrects_id}
    for report in reports:
        if report.pk in corrected:
            continue
        day = (
            report.moment.due_on
            if report.moment
            else timezone.localtime(report.submitted_at).date()
        )
        for value in report.values.all():
            row = rows.get(value.result_id) or by_indicator.get(value.result.indicator)
            if row is not None:
                row.points.append(Point(day, value.value))
    for row in rows.values():
        row.points.sort(key=lambda p: p.day)
    return list(rows.values())


def moments_of(challenge: Challenge) -> list[Moment]:
    return list(
        Moment.objects.filter(challenge=challenge).prefetch_related("reports").order_by("due_on")
    )


def handover_of(challenge: Challenge) -> Handover | None:
    return Handover.objects.filter(challenge=challenge).select_related("task").first()


def feedback_of(challenge: Challenge, *, public: bool) -> list[Feedback]:
    items = Feedback.objects.public() if public else Feedback.objects.all()
    return list(items.filter(challenge=challenge)[:100])


@dataclass
class Period:
    label: str
    count: int
    average: float | None


def feedback_per_quarter(challenge: Challenge) -> list[Period]:
    """Count and average rating per quarter, hidden items left out."""
    rows = (
        Feedback.objects.filter(challenge=challenge, hidden_at__isnull=True)
        .values_list("created_at", "rating")
        .order_by("created_at")
    )
    quarters: dict[str, list[int]] = {}
    for created, rating in rows:
        local = timezone.localtime(created)
        quarters.setdefault(f"{local.year} Q{(local.month - 1) // 3 + 1}", []).append(rating)
    return [
        Period(label, len(ratings), round(sum(ratings) / len(ratings), 1))
        for label, ratings in quarters.items()
    ]


def feedback_totals(challenge: Challenge) -> dict:
    return Feedback.objects.filter(challenge=challenge, hidden_at__isnull=True).aggregate(
        count=Count("pk"), average=Avg("rating")
    )


def evaluations_of(challenge: Challenge) -> list[Evaluation]:
    return list(Evaluation.objects.public().filter(challenge=challenge))


def assignments_of(user) -> list[Assignment]:
    """The challenges the person evaluates independently (for the account home)."""
    return list(
        Assignment.objects.filter(evaluator=user)
        .select_related("challenge__municipality", "challenge__organisation")
        .order_by("-assigned_at", "-pk")
    )


def interim_moments_of(challenge: Challenge) -> list[InterimMoment]:
    """An experiment's interim evaluation dates (none for another challenge)."""
    return list(InterimMoment.objects.filter(challenge=challenge))
