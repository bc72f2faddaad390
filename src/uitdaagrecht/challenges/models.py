"""A challenge, its append-only timeline, its documents and the municipality's terms."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.accounts.models import Organisation
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.core.models import ChoiceLabels
from uitdaagrecht.tenants.models import Municipality

from .extensions import event_kind_choices
from .workflow import PHASE, State


class Mode(models.TextChoices):
    TAKE_OVER = "take_over", _("take over the task")
    CO_PRODUCE = "co_produce", _("co-produce the task with the municipality")


class Classification(models.TextChoices):
    CHALLENGE = "challenge", _("challenge")
    CITIZEN_INITIATIVE = "citizen_initiative", _("citizen initiative")
    SUBSIDY_REQUEST = "subsidy_request", _("subsidy request")
    SOCIAL_PROCUREMENT = "social_procurement", _("social procurement")
    OTHER = "other", _("other")


class Dimension(models.TextChoices):
    """The three kinds of value a challenge is judged on and agrees results in (tip 5)."""

    ECONOMIC = "economic", _("economic value")
    SOCIAL = "social", _("social value")
    DEMOCRATIC = "democratic", _("democratic and administrative value")


class ChallengeQuerySet(models.QuerySet):
    def public(self):
        """Submitted challenges: never drafts. Pages, feeds and the API show only these."""
        return self.filter(submitted_at__isnull=False)


class Challenge(ChoiceLabels):
    """An offer (aanbod) by a challenger organisation to take over or co-produce a task.

    The fields the challengers write are the offer; `state` and the term fields are only ever
    changed by services.transition and the term services, which also write the timeline.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="challenges"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    reference = models.CharField(_("reference number"), max_length=20, blank=True)
    state = models.CharField(_("phase"), max_length=20, choices=State.choices, default=State.DRAFT)
    # Incremented by every change of state, term or assignment: a form that shows an old version
    # is refused with "this challenge has changed" instead of overwriting someone else's work.
    version = models.PositiveIntegerField(default=1)

    # The offer
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("A few sentences for the public page.")
    )
    tasks = models.ManyToManyField(
        Task, verbose_name=_("tasks"), blank=True, related_name="challenges"
    )
    other_task = models.TextField(
        _("task not in the catalogue"),
        blank=True,
        help_text=_("Describe the task in your own words if it is not in the catalogue."),
    )
    mode = models.CharField(
        _("take over or co-produce"), max_length=12, choices=Mode.choices, blank=True
    )
    part = models.TextField(
        _("which part"), blank=True, help_text=_("Which part of the task, if not all of it.")
    )
    why_better = models.TextField(_("why it will be better or different"), blank=True)
    plan_what = models.TextField(_("what you will do"), blank=True)
    plan_how = models.TextField(_("how you will do it"), blank=True)
    start_from = models.DateField(_("from when"), null=True, blank=True)
    for_whom = models.TextField(_("for whom"), blank=True)
    area = models.CharField(
        _("area"), max_length=300, blank=True, help_text=_("Neighbourhood(s) or streets.")
    )
    capacity = models.TextField(_("the team and its capacity"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    budget_asked_eur = models.PositiveBigIntegerField(
        _("budget asked per year (euros)"), null=True, blank=True
    )
    value_economic = models.TextField(_("expected economic value"), blank=True)
    value_social = models.TextField(_("expected social value"), blank=True)
    value_democratic = models.TextField(_("expected democratic value"), blank=True)
    supporters_count = models.PositiveIntegerField(
        _("number of supporters"),
        null=True,
        blank=True,
        help_text=_(
            "People in the neighbourhood who support the offer; add letters or "
            "signatures as attachments."
        ),
    )
    risks = models.TextField(_("risks"), blank=True)
    cooperation_wanted = models.TextField(_("cooperation wanted from the municipality"), blank=True)

    # Intake
    classification = models.CharField(
        _("classification"), max_length=20, choices=Classification.choices, blank=True
    )
    classification_reason = models.TextField(_("reason for the classification"), blank=True)
    redirected_to = models.CharField(_("passed on to"), max_length=200, blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenges_in_contact",
    )

    # Terms: the deadline of the current phase, moved on while paused.
    phase_started_at = models.DateTimeField(null=True, blank=True)
    deadline = models.DateTimeField(_("term ends"), null=True, blank=True)
    paused_at = models.DateTimeField(_("waiting for the challengers since"), null=True, blank=True)
    stalled_at = models.DateTimeField(_("stalled since"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "reference"],
                condition=~Q(reference=""),
                name="challenge_unique_reference",
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "state"]),
            models.Index(fields=["stalled_at", "deadline"]),
            # The public list and the API, newest first across all municipalities.
            models.Index(fields=["-submitted_at"], name="challenge_submitted_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference or _('draft')} {self.title}"

    @property
    def is_public(self) -> bool:
        return self.submitted_at is not None

    @property
    def phase(self):
        return PHASE[State(self.state)]


class Visibility(models.TextChoices):
    PUBLIC = "public", _("everyone")
    PARTICIPANTS = "participants", _("challengers and municipality")
    STAFF = "staff", _("municipality only")


class EventKind(models.TextChoices):
    """The kernel's own kinds of event; the phase extensions register theirs (extensions.py)."""

    CREATED = "created", _("draft started")
    TRANSITION = "transition", _("phase change")
    MESSAGE = "message", _("message")
    NOTE = "note", _("internal note")
    CONTACT = "contact", _("contact moment")
    DOCUMENT = "document", _("document")
    DOCUMENT_PUBLISHED = "document_published", _("document published")
    CLASSIFICATION = "classification", _("classification")
    ASSIGNMENT = "assignment", _("contact person")
    PAUSE = "pause", _("waiting for information")
    RESUME = "resume", _("information received")
    TERM = "term", _("term changed")
    ESCALATION = "escalation", _("escalation")


class Channel(models.TextChoices):
    CALL = "call", _("phone call")
    MEETING = "meeting", _("meeting")
    VISIT = "visit", _("visit")
    OTHER = "other", _("other")


class EventQuerySet(models.QuerySet):
    def visible_to(self, levels: frozenset[str]):
        return self.filter(visibility__in=levels)

    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)


class Event(ChoiceLabels):
    """One entry on a challenge's timeline. Append-only: saved once, never changed or deleted."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=event_kind_choices)
    visibility = models.CharField(max_length=12, choices=Visibility.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # How the actor is shown to people who may not see names: a role, never a resident's name.
    actor_role = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    action = models.CharField(max_length=30, blank=True)
    text = models.TextField(blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["challenge", "visibility", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("Timeline events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Timeline events are append-only.")


def document_storage():
    return storages["documents"]


def document_path(document: "Document", filename: str) -> str:
    # A random name: the original name is kept in the database only, never used as a path.
    return f"{document.challenge.municipality_id}/{document.challenge_id}/{secrets.token_hex(16)}"


class DocumentQuerySet(models.QuerySet):
    def public(self):
        """Published by staff, with the challengers' consent; internal documents never."""
        return self.filter(published_at__isnull=False, staff_only=False)


class Document(models.Model):
    """A file on a challenge: stored outside the public media, served only to those allowed."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="documents")
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    file = models.FileField(storage=document_storage, upload_to=document_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    staff_only = models.BooleanField(default=False)
    consent_to_publish = models.BooleanField(
        _("may be published"),
        default=False,
        help_text=_("The challengers agree that the municipality publishes this document."),
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.published_at is not None


class Term(ChoiceLabels):
    """A municipality's own term for a phase that waits on it; without one the default holds."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=20, choices=State.choices)
    days = models.PositiveSmallIntegerField(_("days"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "state"], name="term_unique_state")
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.days}"
