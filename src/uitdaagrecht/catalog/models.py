"""The task catalogue: what the municipality does, what it costs, who does it, until when.

Tip 3 of the Right to Challenge: initiators know beforehand which tasks there are, their budget,
their result agreements and until when current contracts bind the municipality. Tip 5: the
incumbent's cost and results are on record in the same terms as a challenger's will be.
Amounts of tasks are whole euros (`_eur`), unlike Iv3 figures (thousands of euros).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.budgets.models import Taakveld
from uitdaagrecht.core.models import ChoiceLabels
from uitdaagrecht.tenants.models import Department, Municipality

from .units import value_problem


class Blocker(models.TextChoices):
    """Why a task cannot be challenged at all, whatever its contracts say."""

    STATUTORY = "statutory", _("a statutory task the municipality must perform itself")
    PROCUREMENT = "procurement", _("already being procured")
    POLICY = "policy", _("excluded by council decision")
    OTHER = "other", _("other reason")


class Task(ChoiceLabels):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    description = models.TextField(_("what the task is"))
    target_group = models.CharField(_("for whom"), max_length=300, blank=True)
    area = models.CharField(
        _("area"), max_length=200, blank=True, help_text=_("District or neighbourhood, if any.")
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="tasks"
    )
    taakveld = models.ForeignKey(
        Taakveld, verbose_name=_("taakveld"), on_delete=models.PROTECT, related_name="tasks"
    )
    blocker = models.CharField(
        _("cannot be challenged because"), max_length=12, choices=Blocker.choices, blank=True
    )
    blocker_explanation = models.TextField(
        _("explanation in plain language"),
        blank=True,
        help_text=_("Shown to residents: why this task cannot be challenged, and until when."),
    )
    blocked_until = models.DateField(
        _("cannot be challenged until"),
        null=True,
        blank=True,
        help_text=_("Leave empty when it is permanent (e.g. a statutory task)."),
    )
    # Derived from the contracts and the blocker by services.task_refresh_binding: the last day
    # the municipality is bound, kept on the task so that catalogue filters are one indexed query.
    bound_until = models.DateField(_("bound until"), null=True, blank=True, editable=False)
    is_example = models.BooleanField(_("example data"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="task_unique_slug")
        ]
        indexes = [models.Index(fields=["municipality", "bound_until"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "catalog:task", kwargs={"municipality": self.municipality.slug, "task": self.slug}
        )

    @property
    def permanently_blocked(self) -> bool:
        return bool(self.blocker) and self.blocked_until is None

    def challengeable_from(self, today: datetime.date) -> datetime.date | None:
        """The first day a challenger could take the task over; None if never."""
        if self.permanently_blocked:
            return None
        if self.bound_until is None or self.bound_until < today:
            return today
        return self.bound_until + datetime.timedelta(days=1)


class Provider(models.Model):
    """Who performs tasks now (incumbent): a company, a foundation, or the municipality itself."""

    class Kind(models.TextChoices):
        IN_HOUSE = "in_house", _("the municipality itself")
        COMPANY = "company", _("company")
        FOUNDATION = "foundation", _("foundation or association")
        PUBLIC = "public", _("other public body")
        COOPERATIVE = "cooperative", _("cooperative or residents' organisation")
        OTHER = "other", _("other")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="providers"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="provider_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Contract(models.Model):
    """A current agreement with a provider about (part of) a task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="contracts")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="contracts")
    reference = models.CharField(_("contract reference"), max_length=100, blank=True)
    value_per_year_eur = models.PositiveBigIntegerField(_("value per year (EUR)"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    notice_months = models.PositiveSmallIntegerField(
        _("notice period (months)"),
        default=0,
        help_text=_("How long before the end date the municipality must give notice."),
    )
    extension_options = models.CharField(
        _("extension options"),
        max_length=300,
        blank=True,
        help_text=_("E.g. 'twice one year'. The end date is the end without extensions."),
    )
    # Set when the task was taken over through the Right to Challenge: the challenge's page.
    via = models.CharField(_("taken over through"), max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["end_date"]
        indexes = [models.Index(fields=["end_date"])]

    def __str__(self) -> str:
        return f"{self.provider} ({self.start_date} – {self.end_date})"

    @property
    def notice_deadline(self) -> datetime.date:
        return add_months(self.end_date, -self.notice_months)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


class Finance(models.Model):
    """A task's money in one year: budget and actuals, with the overhead share (full cost)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="finances")
    year = models.PositiveSmallIntegerField(_("year"))
    budget_eur = models.PositiveBigIntegerField(_("budget (EUR)"))
    actuals_eur = models.PositiveBigIntegerField(_("actuals (EUR)"), null=True, blank=True)
    overhead_eur = models.PositiveBigIntegerField(
        _("overhead share (EUR)"),
        default=0,
        help_text=_("Share of overhead (housing, ICT, management) so that the full cost is shown."),
    )

    class Meta:
        verbose_name = _("budget of a task")
        verbose_name_plural = _("budgets of tasks")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["task", "year"], name="finance_unique_year")]

    def __str__(self) -> str:
        return f"{self.task} {self.year}"

    @property
    def full_cost_eur(self) -> int:
        return self.budget_eur + self.overhead_eur


class Indicator(models.Model):
    """A result agreement with the current provider: what is measured, in which unit, from where."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("result indicator")
        verbose_name_plural = _("result indicators")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A new unit must fit the values already recorded (e.g. not "%" over a target 1500)."""
        if self.pk is None:
            return
        for value in self.values.all():
            for number in (value.target, value.realised):
                if problem := value_problem(self.unit, number):
                    raise ValidationError(
                        {
                            "unit": _("{problem} The value of {year} is {value}.").format(
                                problem=problem,
                                year=value.year,
                                value=int(number) if number == int(number) else number,
                            )
                        }
                    )


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    realised = models.DecimalField(
        _("realised"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="indicator_value_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"

    def clean(self) -> None:
        """The indicator's unit decides what a target or realised value may be."""
        if self.indicator_id is None:
            return
        errors = {
            name: problem
            for name in ("target", "realised")
            if (problem := value_problem(self.indicator.unit, getattr(self, name)))
        }
        if errors:
            raise ValidationError(errors)


class ChangeLog(models.Model):
    """Who changed what in the catalogue, and when (staff only; never public)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, null=True, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    summary = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return self.summary
