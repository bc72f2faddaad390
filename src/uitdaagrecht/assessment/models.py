"""A broad, fair assessment (tip 5): a published, versioned framework of criteria in three value
dimensions; advice from departments; scores for the challenger and the incumbent side by side;
and decisions whose reasons are published and never edited."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.challenges.api import Dimension
from uitdaagrecht.core.models import ChoiceLabels
from uitdaagrecht.tenants.models import Department, Municipality

from .ori import ori_uri, validate_ori_identifier


class Body(models.TextChoices):
    COLLEGE = "college", _("the college of mayor and aldermen")
    COUNCIL = "council", _("the municipal council")
    COMMITTEE = "committee", _("an independent committee")
    NETWORK = "network", _("a network of residents and partners")


class FrameworkQuerySet(models.QuerySet):
    def public(self):
        """Published versions; a draft is the coordinator's until it is published."""
        return self.filter(published_at__isnull=False)


class Framework(ChoiceLabels):
    """One version of a municipality's assessment framework. A published version never changes:
    a change is a new version, so every challenge keeps the version it was submitted under."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="frameworks"
    )
    version = models.PositiveIntegerField(_("version"))
    introduction = models.TextField(_("introduction"), blank=True)
    deciding_body = models.CharField(
        _("who decides"),
        max_length=12,
        choices=Body.choices,
        default=Body.COLLEGE,
        help_text=_(
            "Tip 5: let politics, an independent body or a network decide, not one department."
        ),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "version"], name="framework_unique_version"
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(published_at__isnull=True),
                name="framework_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Criterion(ChoiceLabels):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    dimension = models.CharField(_("value dimension"), max_length=12, choices=Dimension.choices)
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), validators=[MinValueValidator(1), MaxValueValidator(100)], default=1
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Level(models.Model):
    """One step of a criterion's scale, described in words (e.g. 0 = none … 4 = excellent)."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("score"))
    description = models.CharField(_("what this score means"), max_length=300)

    class Meta:
        ordering = ["value"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "value"], name="level_unique_value")
        ]

    def __str__(self) -> str:
        return f"{self.value}: {self.description}"


class Recommendation(models.TextChoices):
    FAVOURABLE = "favourable", _("favourable")
    CONDITIONAL = "conditional", _("favourable with conditions")
    UNFAVOURABLE = "unfavourable", _("unfavourable")
    NONE = "none", _("no recommendation")


class AdviceQuerySet(models.QuerySet):
    def public(self):
        """Advice is published with the decision: given advice on a decided challenge. Of
        confidential advice only the reason is shown (the pages and the API take care)."""
        return self.filter(
            submitted_at__isnull=False,
            challenge__in=Decision.objects.values("challenge"),
        )


class AdviceRequest(ChoiceLabels):
    """The coordinator asks a department for advice before a deadline. Advisors never decide."""

    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.CASCADE, related_name="advice_requests"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("question"))
    deadline = models.DateTimeField(_("advice due"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    # Advice written:
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("advice"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=12, choices=Recommendation.choices, blank=True
    )
    confidential = models.BooleanField(_("confidential"), default=False)
    confidential_reason = models.TextField(_("why confidential"), blank=True)
    submitted_at = models.DateTimeField(_("advice given"), null=True, blank=True)
    stalled_at = models.DateTimeField(null=True, blank=True)

    objects = AdviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advice")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "department"],
                condition=Q(submitted_at__isnull=True),
                name="advice_one_open_request_per_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.department}"


class Scorecard(models.Model):
    """One assessor's scores on one challenge: for the challenger and for the incumbent."""

    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.CASCADE, related_name="scorecards"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scorecards"
    )
    conflict_of_interest = models.TextField(
        _("conflict of interest"),
        blank=True,
        help_text=_("Describe any interest you have in the challenge or the current provider."),
    )
    recused = models.BooleanField(_("I recuse myself"), default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "assessor"], name="scorecard_unique")
        ]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.assessor}"


class Subject(models.TextChoices):
    CHALLENGER = "challenger", _("the challengers")
    INCUMBENT = "incumbent", _("the current provider")


class Score(ChoiceLabels):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=12, choices=Subject.choices)
    value = models.PositiveSmallIntegerField(_("score"))
    motivation = models.TextField(_("motivation"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "criterion", "subject"], name="score_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Outcome(models.TextChoices):
    ACCEPT = "accept", _("accepted")
    PARTIAL = "partial", _("accepted in part")
    REJECT = "reject", _("rejected")


class DecisionQuerySet(models.QuerySet):
    def public(self):
        """Every decision is public from the moment it is recorded, with its reasons (tip 3)."""
        return self.all()


class Decision(ChoiceLabels):
    """A published decision with its reasons. Never edited: a correction is a new decision that
    points at the one it corrects."""

    challenge = models.ForeignKey(
        "challenges.Challenge", on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    part = models.TextField(_("which part is accepted"), blank=True)
    reasons_economic = models.TextField(_("reasons: economic value"))
    reasons_social = models.TextField(_("reasons: social value"))
    reasons_democratic = models.TextField(_("reasons: democratic and administrative value"))
    reasons = models.TextField(_("overall reasons"))
    body = models.CharField(_("deciding body"), max_length=12, choices=Body.choices)
    decided_on = models.DateField(_("date of the decision"))
    council_document_url = models.URLField(_("link to the council document"), blank=True)
    ori_identifier = models.CharField(
        _("Open Raadsinformatie identifier"),
        max_length=15,
        blank=True,
        default="",
        validators=[validate_ori_identifier],
        help_text=_("The council item in Open Raadsinformatie, e.g. 1234567."),
    )
    objection = models.TextField(
        _("how to object"),
        blank=True,
        help_text=_("Whether and how an objection (bezwaar) can be made, and before when."),
    )
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correction"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-published_at", "-pk"]
        # The feed and the API list the newest first: without it, every page joins and sorts
        # all decisions with their challenges.
        indexes = [models.Index(fields=["-published_at", "-id"], name="decision_published_idx")]
        constraints = [
            # One original decision per challenge; further ones are corrections of it.
            models.UniqueConstraint(
                fields=["challenge"],
                condition=Q(corrects__isnull=True),
                name="decision_one_per_challenge",
            )
        ]

    def __str__(self) -> str:
        return f"{self.challenge}: {self.get_outcome_display()}"

    @property
    def ori_uri(self) -> str:
        """The council item's address in Open Raadsinformatie ('' when none is named)."""
        return ori_uri(self.ori_identifier)

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("A published decision is never edited; record a correction.")
        super().save(*args, **kwargs)
