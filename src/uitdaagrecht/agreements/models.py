"""Agreements (tip 6 and 8): versioned, signed by both sides, readable forever.

A version is proposed by either side. It applies once an owner of the challenger organisation and
the municipality's decision maker have both signed it; only then can execution start. A signed
version is never changed: an amendment is a new version. The signed version is public, except the
parts marked confidential with a reason.
"""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.challenges.api import Dimension
from uitdaagrecht.core.models import ChoiceLabels


class Vehicle(models.TextChoices):
    SUBSIDY = "subsidy", _("subsidy")
    ASSIGNMENT = "assignment", _("assignment (opdracht)")
    PROCUREMENT = "procurement", _("procurement")
    COVENANT = "covenant", _("covenant")
    OTHER = "other", _("other")


class Accountability(models.TextChoices):
    WRITTEN = "written", _("written report to the municipality")
    HORIZONTAL = "horizontal", _("horizontal: to the users of the service")
    THIRD_PARTY = "third_party", _("by a third party")
    MIX = "mix", _("a mix of these")


class Side(models.TextChoices):
    CHALLENGERS = "challengers", _("the challengers")
    MUNICIPALITY = "municipality", _("the municipality")


# The parts of a version that can be marked confidential, with their labels.
PARTS = {
    "terms": _("start and term"),
    "vehicle": _("legal vehicle"),
    "budget": _("budget and payments"),
    "results": _("results"),
    "preconditions": _("preconditions"),
    "accountability": _("accountability"),
    "reviews": _("review moments"),
}


class VersionQuerySet(models.QuerySet):
    def public(self):
        """Versions signed by both sides; their confidential parts are shown by their label and
        reason only (PARTS, public_parts)."""
        return self.filter(
            signed_challengers_at__isnull=False, signed_municipality_at__isnull=False
        )


class Version(ChoiceLabels):
    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.PROTECT, related_name="agreement_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_side = models.CharField(max_length=12, choices=Side.choices)
    proposed_at = models.DateTimeField(default=timezone.now)
    explanation = models.TextField(_("what changes and why"), blank=True)

    start_date = models.DateField(_("start date"))
    term_months = models.PositiveSmallIntegerField(_("term (months)"))
    vehicle = models.CharField(_("legal vehicle"), max_length=12, choices=Vehicle.choices)
    vehicle_reference = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the subsidy decision or contract number."),
    )
    payment_schedule = models.TextField(_("payment schedule"), blank=True)
    tasks_taken_over = models.TextField(_("which tasks are taken over"))
    quality_requirements = models.TextField(_("quality requirements"), blank=True)
    cooperation = models.TextField(_("how the parties cooperate"), blank=True)
    accountability_form = models.CharField(
        _("form of accountability"), max_length=12, choices=Accountability.choices
    )
    accountability_moments = models.TextField(_("accountability moments"), blank=True)
    accountability_by = models.CharField(
        _("accountable person or body"), max_length=200, blank=True
    )
    review_moments = models.TextField(
        _("review moments"), blank=True, help_text=_("When the agreements are looked at again.")
    )
    experiment = models.BooleanField(
        _("an experiment"),
        default=False,
        help_text=_(
            "An experiment is also evaluated in between, preferably by an independent evaluator; "
            "after each interim evaluation the execution continues."
        ),
    )
    interim_evaluations = models.JSONField(
        _("interim evaluation dates"),
        default=list,
        blank=True,
        help_text=_("Of an experiment, within the term, e.g. 1-7-2027, 1-1-2028."),
    )
    confidential = models.JSONField(
        default=dict,
        blank=True,
        help_text="{part: reason} for the parts not published with the signed version.",
    )

    signed_challengers_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_challengers_at = models.DateTimeField(null=True, blank=True)
    signed_municipality_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_municipality_at = models.DateTimeField(null=True, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["challenge", "number"]
        # The API lists signed versions newest first (agreements.selectors.signed_versions).
        indexes = [
            models.Index(fields=["-signed_municipality_at", "-id"], name="version_signed_idx")
        ]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "number"], name="version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.challenge} v{self.number}"

    def save(self, *args, **kwargs) -> None:
        signing = kwargs.pop("signing", False)
        if self.pk is not None and self.is_signed and not signing:
            raise ValidationError("A signed agreement version is never changed.")
        super().save(*args, **kwargs)

    @property
    def end_date(self) -> datetime.date | None:
        """The day the term ends: start date plus the term in months."""
        if not self.start_date or not self.term_months:
            return None
        month = self.start_date.month - 1 + self.term_months
        year, month = self.start_date.year + month // 12, month % 12 + 1
        return datetime.date(
            year, month, min(self.start_date.day, calendar.monthrange(year, month)[1])
        )

    @property
    def interim_dates(self) -> list[datetime.date]:
        return sorted(datetime.date.fromisoformat(day) for day in self.interim_evaluations or [])

    def clean(self) -> None:
        """An experiment has interim evaluation dates, within its term; only an experiment."""
        super().clean()
        dates = self.interim_dates
        if self.experiment and not dates:
            raise ValidationError(
                {"interim_evaluations": _("Give at least one date for an interim evaluation.")}
            )
        if dates and not self.experiment:
            raise ValidationError(
                {
                    "experiment": _(
                        "Interim evaluations are for an experiment: tick “an experiment”, or "
                        "leave the dates empty."
                    )
                }
            )
        end = self.end_date
        if end and any(not self.start_date < day < end for day in dates):
            raise ValidationError(
                {
                    "interim_evaluations": _(
                        "Interim evaluations fall within the term: after {start} and before {end}."
                    ).format(start=f"{self.start_date:%d-%m-%Y}", end=f"{end:%d-%m-%Y}")
                }
            )

    @property
    def is_signed(self) -> bool:
        return bool(self.signed_challengers_at and self.signed_municipality_at)

    @property
    def confidential_parts(self) -> list[tuple[str, str]]:
        """(label, reason) of the parts left out of the public version."""
        return [(str(PARTS[p]), reason) for p, reason in self.confidential.items() if p in PARTS]

    @property
    def signed_at(self):
        return (
            max(self.signed_challengers_at, self.signed_municipality_at) if self.is_signed else None
        )


class BudgetLine(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="budget")
    year = models.PositiveSmallIntegerField(_("year"))
    amount_eur = models.PositiveBigIntegerField(_("amount (euros)"))

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount_eur}"


class Result(ChoiceLabels):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="results")
    indicator = models.CharField(_("indicator"), max_length=200)
    dimension = models.CharField(_("value dimension"), max_length=12, choices=Dimension.choices)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=50)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.indicator


class Risk(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="risks")
    risk = models.CharField(_("risk"), max_length=300)
    mitigation = models.TextField(_("mitigation"))

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.risk
