"""E-mail alerts: anyone can follow a task, a taakveld or a whole municipality without an account.

Tip 3 of the Right to Challenge: initiators hear in time that a task can be challenged. The e-mail
address is personal data: it is stored only to send these alerts, never shown on a page, in the API,
in the admin or in a log line.

Tokens: the confirmation link carries a random token of which only the SHA-256 hash is stored (like
staff invitations). The unsubscribe link must be in every alert e-mail, which the periodic command
writes long after the confirmation, so that token is not random but derived: an HMAC of the
subscription with the SECRET_KEY (services.unsubscribe_token). Nothing stored in the database is
enough to confirm or cancel someone else's subscription.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.budgets.models import Taakveld
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.tenants.models import Municipality


class Horizon(models.IntegerChoices):
    """How far ahead the subscriber wants to hear that a task can be challenged."""

    THREE = 3, _("3 months")
    SIX = 6, _("6 months")
    TWELVE = 12, _("12 months")


class Subscription(models.Model):
    """One e-mail address following one scope: a task, a taakveld in a municipality, or all of it.

    A subscription receives nothing until it is confirmed through the link in the e-mail
    (double opt-in). Unconfirmed ones are removed by `check_terms` when their link expires.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("task"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    taakveld = models.ForeignKey(
        Taakveld,
        verbose_name=_("taakveld"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    challenge = models.ForeignKey(
        "challenges.Challenge",
        verbose_name=_("challenge"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    email = models.EmailField(_("e-mail address"), max_length=254)
    horizon_months = models.PositiveSmallIntegerField(
        _("horizon (months)"), choices=Horizon.choices, default=Horizon.SIX
    )
    # A confirmed subscriber who subscribes again with another horizon: it takes effect only
    # when that request is confirmed too, so nobody can change someone else's alerts.
    pending_horizon_months = models.PositiveSmallIntegerField(
        _("requested horizon (months)"), choices=Horizon.choices, null=True, blank=True
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    confirmation_sent_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(task__isnull=True) | Q(taakveld__isnull=True))
                & (Q(challenge__isnull=True) | (Q(task__isnull=True) & Q(taakveld__isnull=True))),
                name="subscription_one_scope",
            ),
            models.UniqueConstraint(
                fields=["email", "challenge"],
                condition=Q(challenge__isnull=False),
                name="subscription_unique_challenge",
            ),
            # One subscription per address and scope; partial indexes because NULLs are distinct.
            models.UniqueConstraint(
                fields=["email", "task"],
                condition=Q(task__isnull=False),
                name="subscription_unique_task",
            ),
            models.UniqueConstraint(
                fields=["email", "municipality", "taakveld"],
                condition=Q(taakveld__isnull=False),
                name="subscription_unique_taakveld",
            ),
            models.UniqueConstraint(
                fields=["email", "municipality"],
                condition=Q(task__isnull=True, taakveld__isnull=True, challenge__isnull=True),
                name="subscription_unique_municipality",
            ),
        ]

    def __str__(self) -> str:
        # Never the address: this string can end up in logs and error reports.
        return f"#{self.pk} {self.scope_label}"

    @property
    def scope_label(self) -> str:
        if self.challenge_id:
            return _("the challenge {reference} “{title}”").format(
                reference=self.challenge.reference, title=self.challenge.title
            )
        if self.task_id:
            return _("the task “{title}”").format(title=self.task.title)
        if self.taakveld_id:
            return _("tasks in taakveld {code} {name} of {municipality}").format(
                code=self.taakveld.code,
                name=self.taakveld.name,
                municipality=self.municipality.name,
            )
        return _("all tasks of {municipality}").format(municipality=self.municipality.name)


class SentAlert(models.Model):
    """An event a subscription has been told about; the unique key makes it at most once."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="sent_alerts"
    )
    key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "key"], name="sent_alert_unique_key")
        ]

    def __str__(self) -> str:
        return self.key


class Kind(models.TextChoices):
    """What a personal notification is about; each user chooses which of these come by e-mail."""

    SUBMISSION = "submission", _("a new challenge was submitted")
    PHASE = "phase", _("a challenge moved to another phase")
    MESSAGE = "message", _("a new message or document")
    ASSIGNMENT = "assignment", _("a contact person was assigned")
    ESCALATION = "escalation", _("a challenge is stalled")
    FOLLOW = "follow", _("news about a public challenge you follow")


class Notification(models.Model):
    """A line in a user's in-app list. Short and without confidential content: it links to
    the page where the user, once logged in and allowed, reads the rest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return self.text


class MutedEmail(models.Model):
    """A kind of notification the user does not want by e-mail (the in-app list keeps it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_emails"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="muted_email_unique")]

    def __str__(self) -> str:
        return self.kind
