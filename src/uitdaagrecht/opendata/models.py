"""'Klopt dit niet?': a report from anyone that a published figure or text is wrong. It goes to
the queue of the municipality's coordinators and admins, who answer within a term; the outcome
is public on the page it was about, never who reported it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.tenants.models import Municipality


class Subject(models.TextChoices):
    TASK = "task", _("task")
    CONTRACT = "contract", _("contract")
    TAAKVELD = "taakveld", _("budget figures of a taakveld")
    CHALLENGE = "challenge", _("challenge")


class Outcome(models.TextChoices):
    OPEN = "open", _("not answered yet")
    CORRECTED = "corrected", _("corrected")
    NOT_CORRECTED = "not_corrected", _("not corrected")


class ErrorReportQuerySet(models.QuerySet):
    def public(self):
        """Answered reports, for their page: the outcome, never the reporter or their text."""
        return self.exclude(outcome=Outcome.OPEN)

    def open(self):
        return self.filter(outcome=Outcome.OPEN)


class ErrorReport(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="error_reports"
    )
    subject = models.CharField(_("about"), max_length=12, choices=Subject.choices)
    key = models.CharField(max_length=200)  # task or contract id, taakveld code, reference
    label = models.CharField(_("what"), max_length=300)  # its title when reported
    page = models.CharField(max_length=300)  # path of the public page it was reported from
    wrong = models.TextField(_("what is wrong"))
    should_be = models.TextField(_("what it should be"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    # Only for the answer; never shown on a page, in the API or in open data.
    email = models.EmailField(_("e-mail address for the answer"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(_("answer due"))
    # Set once when the term passed unanswered and the coordinators and admins were told.
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True, editable=False)
    outcome = models.CharField(
        _("outcome"), max_length=14, choices=Outcome.choices, default=Outcome.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["municipality", "page"], name="errorreport_page_idx"),
            models.Index(
                fields=["municipality", "outcome", "due_at"], name="errorreport_queue_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} {self.label}"

    @property
    def is_overdue(self) -> bool:
        return self.outcome == Outcome.OPEN and self.due_at < timezone.now()


class Regulation(models.Model):
    """Where a municipality's Right to Challenge regulation (verordening) is published, for the
    national view. Set by its coordinators and admins."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="challenge_regulation"
    )
    url = models.URLField(
        _("link to the regulation"),
        max_length=500,
        help_text=_("E.g. the verordening on lokaleregelgeving.overheid.nl."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Right to Challenge regulation")
        verbose_name_plural = _("Right to Challenge regulations")

    def __str__(self) -> str:
        return self.url
