"""Execution and evaluation (phases 3 and 4 of DESIGN.md §3): the handover of the task, the
reporting moments and progress reports against the agreed results, feedback of the people who use
the service, and the evaluation with its lessons."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.catalog.models import Task
from uitdaagrecht.core.models import ChoiceLabels


class Source(models.TextChoices):
    TASK_BUDGET = "task_budget", _("the task's budget")
    OTHER_BUDGET = "other_budget", _("another budget")
    BRIDGING = "bridging", _("bridging money")


class Handover(ChoiceLabels):
    """What moves to the challengers at the start of execution, and where the money comes from."""

    challenge = models.OneToOneField(
        "challenges.Challenge", on_delete=models.PROTECT, related_name="handover"
    )
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="handovers"
    )
    part = models.TextField(_("which part of the task"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until (end of the agreement)"))
    amount_eur = models.PositiveBigIntegerField(_("amount per year (euros)"), null=False)
    source = models.CharField(
        _("where the money comes from"), max_length=14, choices=Source.choices
    )
    second_source = models.CharField(
        _("second source"), max_length=14, choices=Source.choices, blank=True
    )
    second_amount_eur = models.PositiveBigIntegerField(
        _("amount from the second source (euros)"), null=True, blank=True
    )
    incumbent_contract = models.TextField(
        _("what happens to the current provider's contract"),
        help_text=_("For example: ends on 31 March, is not extended, continues for the rest."),
    )
    period_months = models.PositiveSmallIntegerField(
        _("report every (months)"), default=6, help_text=_("The reporting moments follow from it.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.task}"


class Moment(models.Model):
    """A reporting moment: from the agreement's schedule, or added by staff."""

    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.CASCADE, related_name="reporting_moments"
    )
    due_on = models.DateField(_("report before"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reporting moment")
        verbose_name_plural = _("reporting moments")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "due_on"], name="moment_unique_date")
        ]

    def __str__(self) -> str:
        return f"{self.challenge}: {self.due_on}"


class InterimMoment(models.Model):
    """An interim evaluation date of an experiment, from the signed agreements: like a reporting
    moment it is a term of execution (missed: stalled, escalated once) with a reminder before
    it; an interim evaluation recorded in the evaluation phase settles the earliest open one."""

    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.CASCADE, related_name="interim_moments"
    )
    due_on = models.DateField(_("interim evaluation on"))
    reminded_at = models.DateTimeField(null=True, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("interim evaluation date")
        verbose_name_plural = _("interim evaluation dates")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "due_on"], name="interim_unique_date")
        ]

    def __str__(self) -> str:
        return f"{self.challenge}: {self.due_on}"


class ReportQuerySet(models.QuerySet):
    def public(self):
        """Acknowledged reports; their figures and account are public, the notes stay between
        the parties."""
        return self.filter(acknowledged_at__isnull=False)


class Report(models.Model):
    """A progress report: a realised value for every agreed result of the signed version, and a
    short account. Never edited after it is acknowledged; a correction is a new report that
    points at the one it corrects."""

    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.PROTECT, related_name="progress_reports"
    )
    moment = models.ForeignKey(
        Moment, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    version = models.ForeignKey(
        "agreements.Version", on_delete=models.PROTECT, related_name="progress_reports"
    )
    account = models.TextField(_("account"))
    went_well = models.TextField(_("what goes well"), blank=True)
    went_badly = models.TextField(_("what does not go well"), blank=True)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correction"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["submitted_at", "pk"]
        indexes = [
            # The progress API's pages: acknowledged reports, newest first (its cursor).
            models.Index(
                fields=["-submitted_at", "-id"],
                condition=Q(acknowledged_at__isnull=False),
                name="report_acknowledged_newest",
            )
        ]
        constraints = [
            # One report per moment; a later one for it is a correction.
            models.UniqueConstraint(
                fields=["moment"], condition=Q(corrects__isnull=True), name="report_one_per_moment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.challenge} {self.submitted_at:%Y-%m-%d}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.pop("acknowledging", False):
            raise ValidationError("A report is never edited: write a correction.")
        super().save(*args, **kwargs)


class Value(models.Model):
    """The realised value of one agreed result in one report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    result = models.ForeignKey("agreements.Result", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("realised value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["result_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "result"], name="value_unique_result")
        ]

    def __str__(self) -> str:
        return f"{self.result_id}: {self.value}"


class FeedbackQuerySet(models.QuerySet):
    def public(self):
        """What anyone sees: rating and text, never the address; a hidden item shows only that
        it was hidden and why."""
        return self.only(
            "challenge_id", "rating", "text", "created_at", "hidden_at", "hidden_reason"
        )


class Feedback(models.Model):
    """Horizontal accountability: what the people who use the service say, without an account."""

    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    text = models.TextField(_("your experience"))
    email = models.EmailField(
        _("e-mail address (optional)"),
        blank=True,
        help_text=_("Only if you would like an answer. It is never shown."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("why hidden"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.challenge_id}: {self.rating}"


class Kind(models.TextChoices):
    INTERIM = "interim", _("interim evaluation")
    FINAL = "final", _("final evaluation")


class Conclusion(models.TextChoices):
    CONTINUE = "continue", _("continue with a new term")
    ADJUST = "adjust", _("continue with adjustments")
    STOP = "stop", _("stop")


class EvaluationQuerySet(models.QuerySet):
    def public(self):
        """Every evaluation is public once recorded, with its lessons (tip 4)."""
        return self.all()


class Evaluation(ChoiceLabels):
    """An evaluation: realised against target per result, a judgement per value dimension, the
    feedback of users, the views of both sides, the conclusion and the lessons."""

    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.PROTECT, related_name="evaluations"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    results = models.JSONField(default=list, editable=False)  # [{indicator, target, realised}]
    judgement_economic = models.TextField(_("judgement: economic value"))
    judgement_social = models.TextField(_("judgement: social value"))
    judgement_democratic = models.TextField(_("judgement: democratic and administrative value"))
    feedback_summary = models.TextField(_("what the users said"), blank=True)
    view_challengers = models.TextField(_("the challengers' view"), blank=True)
    view_municipality = models.TextField(_("the municipality's view"))
    evaluator = models.CharField(
        _("evaluated by"),
        max_length=200,
        help_text=_("The municipality, or the independent evaluator (an organisation)."),
    )
    conclusion = models.CharField(
        _("conclusion"), max_length=10, choices=Conclusion.choices, blank=True
    )
    conclusion_reasons = models.TextField(_("reasons for the conclusion"))
    task_after = models.TextField(
        _("what happens to the task"),
        blank=True,
        help_text=_("When stopping: back to the municipality, to another provider, …"),
    )
    lessons_worked = models.TextField(_("what worked"))
    lessons_failed = models.TextField(_("what did not work"))
    lessons_advice = models.TextField(_("advice to others"))
    independent = models.BooleanField(
        _("by the independent evaluator"), default=False, editable=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["-recorded_at", "-id"], name="evaluation_recorded_idx")]

    def __str__(self) -> str:
        return f"{self.challenge}: {self.get_kind_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("A published evaluation is never changed.")
        super().save(*args, **kwargs)


class Assignment(models.Model):
    """The independent evaluator of a challenge, chosen by the coordinator (tip 4: evaluations,
    interim ones of experiments, by an independent party). One at a time: a new choice replaces
    the old one, which then opens nothing any more."""

    challenge = models.OneToOneField(
        "challenges.Challenge", on_delete=models.CASCADE, related_name="evaluator_assignment"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("independent evaluator"),
        on_delete=models.PROTECT,
        related_name="evaluations_assigned",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assignment of an independent evaluator")
        verbose_name_plural = _("assignments of independent evaluators")

    def __str__(self) -> str:
        return f"{self.challenge}: {self.evaluator}"
