"""What models share."""

from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


class ChoiceLabels(models.Model):
    """`get_FOO_display()` that translates only the label it returns. Django's own makes a
    hashable dict of all choices on every call, which translates every lazy label (an event's
    kind has about 40): with ~70 calls per staff dossier that was a sixth of its time."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        for choice, label in field.flatchoices:
            if choice == value:
                return force_str(label, strings_only=True)
        return force_str(value, strings_only=True)


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("could not be sent")


class OutgoingMail(models.Model):
    """An e-mail in the durable queue (core.outbox, ADR 0007): written in the transaction of the
    change that causes it, sent by a worker, tried again with growing pauses until it is sent or
    has failed for good. Sent ones are removed after a while by `check_terms` (retention)."""

    # The municipality the e-mail is about, if any, so its admin sees what failed. A number, not
    # a foreign key: core is below tenants (ADR 0006).
    municipality_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=40)
    to = models.EmailField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField()
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The exception's class only: an SMTP error's text quotes the recipient's address.
    last_error = models.CharField(_("last error"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # A worker that claims the mail owns it until then: two workers never send one mail twice.
    claimed_until = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outgoing_mail_due"),
            models.Index(fields=["municipality_id", "status"], name="outgoing_mail_municipality"),
        ]

    def __str__(self) -> str:
        # Never the address: this string can end up in logs.
        return f"#{self.pk} {self.purpose} ({self.status})"
