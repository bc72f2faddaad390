"""Reads for agreements: versions, the one that applies, and the differences between two."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from uitdaagrecht.challenges.api import Challenge, Event

from .models import PARTS, Version

# part → the fields of a version that belong to it (for confidentiality and the diff)
PART_FIELDS = {
    "terms": ("start_date", "term_months"),
    "vehicle": ("vehicle", "vehicle_reference"),
    "budget": ("payment_schedule",),
    "results": (),
    "preconditions": ("tasks_taken_over", "quality_requirements", "cooperation"),
    "accountability": ("accountability_form", "accountability_moments", "accountability_by"),
    # An experiment's interim evaluations are moments of review: the version page shows them
    # with the review moments, and they stay out of the public version with them.
    "reviews": ("review_moments", "experiment", "interim_evaluations"),
}


def versions_of(challenge: Challenge) -> QuerySet[Version]:
    return challenge.agreement_versions.select_related(
        "proposed_by", "signed_challengers_by", "signed_municipality_by"
    ).prefetch_related("budget", "results", "risks")


def applying(challenge: Challenge) -> Version | None:
    """The newest version signed by both sides."""
    return versions_of(challenge).public().order_by("-number").first()


def signed_versions() -> QuerySet[Version]:
    """For the API: of the challenge only its reference and municipality; the budget lines,
    results and risks as lists (`budget_lines`, `result_list`, `risk_list`)."""
    return (
        Version.objects.public()
        .select_related("challenge__municipality")
        .only(
            *(f.name for f in Version._meta.concrete_fields),
            "challenge__reference",
            "challenge__municipality__slug",
            "challenge__municipality__cbs_code",
        )
        .prefetch_related(
            Prefetch("budget", to_attr="budget_lines"),
            Prefetch("results", to_attr="result_list"),
            Prefetch("risks", to_attr="risk_list"),
        )
        .order_by("-signed_municipality_at", "-pk")
    )


def _display(version: Version, name: str) -> str:
    if name == "experiment":
        return _("yes") if version.experiment else _("no")
    if name == "interim_evaluations":
        return ", ".join(date_format(day, "j F Y") for day in version.interim_dates)
    value = getattr(version, f"get_{name}_display", lambda: getattr(version, name))()
    return "" if value is None else str(value)


def _number(value) -> str:
    """40.00 → 40, 7.50 → 7.5: as the version page shows it."""
    return f"{value.normalize():f}" if value is not None else ""


def _lines(version: Version, part: str) -> list[str]:
    if part == "budget":
        return [f"{b.year}: € {b.amount_eur:,}".replace(",", ".") for b in version.budget.all()]
    if part == "results":
        return [
            f"{r.indicator} ({r.get_dimension_display()}): "
            f"{'' if r.baseline is None else _number(r.baseline)} → {_number(r.target)} {r.unit}"
            for r in version.results.all()
        ]
    if part == "preconditions":
        return [f"{r.risk} — {r.mitigation}" for r in version.risks.all()]
    return []


@dataclass
class Change:
    part: str
    label: str
    old: str
    new: str


def differences(old: Version, new: Version) -> list[Change]:
    """Field by field and line by line, labelled, only what differs."""
    changes = []
    for part, fields in PART_FIELDS.items():
        for name in fields:
            before, after = _display(old, name), _display(new, name)
            if before != after:
                label = str(Version._meta.get_field(name).verbose_name)
                changes.append(Change(part, label, before, after))
        before, after = _lines(old, part), _lines(new, part)
        if before != after:
            changes.append(Change(part, str(PARTS[part]), "\n".join(before), "\n".join(after)))
    return changes


def public_parts(version: Version) -> dict[str, bool]:
    return {part: part not in version.confidential for part in PARTS}


def granted_part(challenge: Challenge) -> str:
    """The part the decision granted when it accepted the offer in part: the assessment puts it
    on the decide_accept step of the timeline (this app does not read the assessment's data)."""
    step = (
        Event.objects.filter(challenge=challenge, action="decide_accept")
        .order_by("-created_at", "-pk")
        .values_list("data", flat=True)
        .first()
    )
    return (step or {}).get("part", "")
