"""Services and reads of 'Klopt dit niet?' (models.ErrorReport): what a report can be about, making
one (rate-limited per client), the staff queue, answering (the reporter gets the answer by e-mail
if they left an address) and the public outcomes of a page."""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.accounts.models import Role, User
from uitdaagrecht.budgets.models import Taakveld
from uitdaagrecht.catalog.models import Contract, Task
from uitdaagrecht.challenges.api import public_challenges
from uitdaagrecht.core import caching
from uitdaagrecht.core.outbox import mail_queue
from uitdaagrecht.notifications.models import Kind
from uitdaagrecht.notifications.personal import notify
from uitdaagrecht.tenants.models import Municipality

from .models import ErrorReport, Outcome, Subject

TERM_DAYS = 14  # the municipality answers within this many days
RATE_LIMIT = 5  # reports per client address per hour
RATE_WINDOW = 3600


@dataclass(frozen=True)
class Target:
    subject: str
    key: str
    label: str
    page: str  # the public page, in the default language


def _page(path_of) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return path_of()


def targets_of(*, municipality: Municipality, subject: str, key: str) -> list[Target]:
    """What can be reported from the page of `subject` `key`: a task and its contracts, a
    taakveld's figures, a public challenge; [] when there is no such thing here."""
    if subject == Subject.TASK and key.isdigit():
        task = Task.objects.filter(municipality=municipality, pk=int(key)).first()
        if task is None:
            return []
        page = _page(task.get_absolute_url)
        contracts = Contract.objects.filter(task=task).select_related("provider").order_by("pk")
        return [Target(Subject.TASK, str(task.pk), task.title, page)] + [
            Target(Subject.CONTRACT, str(c.pk), f"{task.title} — {c.provider.name}", page)
            for c in contracts
        ]
    if subject == Subject.CONTRACT and key.isdigit():
        # From a row of the procurement calendar: the task's choices, this contract first.
        contract = (
            Contract.objects.filter(task__municipality=municipality, pk=int(key))
            .values_list("task_id", flat=True)
            .first()
        )
        if contract is None:
            return []
        targets = targets_of(municipality=municipality, subject=Subject.TASK, key=str(contract))
        chosen = [t for t in targets if t.subject == Subject.CONTRACT and t.key == key]
        return chosen + [t for t in targets if t not in chosen]
    if subject == Subject.TAAKVELD:
        taakveld = Taakveld.objects.filter(code=key).first()
        if taakveld is None:
            return []
        page = _page(lambda: taakveld_page(municipality, taakveld.code))
        return [Target(Subject.TAAKVELD, taakveld.code, f"{taakveld.code} {taakveld.name}", page)]
    if subject == Subject.CHALLENGE:
        challenge = public_challenges(municipality).filter(reference=key).first()
        if challenge is None:
            return []
        page = _page(lambda: challenge_page(municipality, challenge.reference))
        return [Target(Subject.CHALLENGE, challenge.reference, challenge.title, page)]
    return []


def taakveld_page(municipality: Municipality, code: str) -> str:
    return reverse("budgets:taakveld", kwargs={"municipality": municipality.slug, "code": code})


def challenge_page(municipality: Municipality, reference: str) -> str:
    return reverse(
        "challenges:detail", kwargs={"municipality": municipality.slug, "reference": reference}
    )


def rate_limited(*, client: str) -> bool:
    """True once `client` (an address) made RATE_LIMIT reports within the hour; counts this one."""
    key = "ou-report-rate:" + hashlib.sha256(client.encode()).hexdigest()
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


@transaction.atomic
def report_create(
    *,
    municipality: Municipality,
    target: Target,
    wrong: str,
    should_be: str = "",
    source: str = "",
    email: str = "",
    now: datetime.datetime | None = None,
) -> ErrorReport:
    now = now or timezone.now()
    return ErrorReport.objects.create(
        municipality=municipality,
        subject=target.subject,
        key=target.key,
        label=target.label[:300],
        page=target.page,
        wrong=wrong,
        should_be=should_be,
        source=source,
        email=email,
        created_at=now,
        due_at=now + datetime.timedelta(days=TERM_DAYS),
    )


@transaction.atomic
def report_answer(
    *, report: ErrorReport, actor, outcome: str, answer: str, now: datetime.datetime | None = None
) -> ErrorReport:
    """Corrected (what changed, when, why) or not corrected (why not): public on the page; the
    reporter, if they left an address, gets it by e-mail."""
    report = ErrorReport.objects.select_for_update().get(pk=report.pk)
    report.outcome = outcome
    report.answer = answer
    report.answered_at = now or timezone.now()
    report.answered_by = actor
    report.save(update_fields=["outcome", "answer", "answered_at", "answered_by"])
    # The outcome is public on the page it is about: not yesterday's cached page.
    caching.invalidate_municipality(report.municipality)
    if report.email:
        with translation.override(settings.LANGUAGE_CODE):
            mail_queue(
                to=report.email,
                subject=_("Answer to your report about %(what)s") % {"what": report.label},
                body=_(
                    "You reported that something was wrong about %(what)s.\n\n"
                    "Outcome: %(outcome)s\n\n%(answer)s\n\nThe page: %(page)s\n"
                )
                % {
                    "what": report.label,
                    "outcome": report.get_outcome_display(),
                    "answer": answer,
                    "page": settings.SITE_URL.rstrip("/") + report.page,
                },
                purpose="error_report_answer",
                municipality_id=report.municipality_id,
            )
        report.email = ""  # not kept once it has served its purpose
        report.save(update_fields=["email"])
    return report


def reports_overdue_escalate(*, now: datetime.datetime | None = None) -> list[ErrorReport]:
    """Reports still open past their term: tell the municipality's coordinators and municipal
    admins, once per report (run by check_terms). The conditional update claims a report, so two
    runs at the same time escalate it once."""
    now = now or timezone.now()
    escalated = []
    due = ErrorReport.objects.open().filter(escalated_at__isnull=True, due_at__lt=now)
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            claimed = ErrorReport.objects.filter(
                pk=pk, outcome=Outcome.OPEN, escalated_at__isnull=True
            ).update(escalated_at=now)
            if not claimed:
                continue
            report = ErrorReport.objects.select_related("municipality").get(pk=pk)
            notify(
                users=report_handlers(report.municipality),
                kind=Kind.ESCALATION,
                text=gettext_lazy(
                    "A report that published data is wrong (about {what}) is past its term "
                    "of {days} days and not answered yet"
                ),
                params={"what": report.label, "days": TERM_DAYS},
                url=reverse(
                    "opendata_staff:answer",
                    kwargs={"municipality": report.municipality.slug, "pk": report.pk},
                ),
                at=now,
            )
            escalated.append(report)
    return escalated


def report_handlers(municipality: Municipality) -> list[User]:
    """Who answers the reports of a municipality: its coordinators and municipal admins."""
    return list(
        User.objects.filter(
            staff_roles__municipality=municipality,
            staff_roles__role__in=[Role.COORDINATOR, Role.MUNICIPAL_ADMIN],
        ).distinct()
    )


def queue(municipality: Municipality) -> QuerySet[ErrorReport]:
    """Open reports by their term, for the staff workspace."""
    return ErrorReport.objects.open().filter(municipality=municipality).order_by("due_at", "pk")


def answered(municipality: Municipality, limit: int = 50) -> list[ErrorReport]:
    return list(
        ErrorReport.objects.public()
        .filter(municipality=municipality)
        .order_by("-answered_at", "-pk")[:limit]
    )


def public_outcomes(*, municipality: Municipality, page: str) -> list[ErrorReport]:
    """The answered reports of one page, newest first: outcome and answer only."""
    return list(
        ErrorReport.objects.public()
        .filter(municipality=municipality, page=page)
        .only("subject", "label", "outcome", "answer", "created_at", "answered_at")
        .order_by("-answered_at", "-pk")
    )


OUTCOMES = [
    (Outcome.CORRECTED, Outcome.CORRECTED.label),
    (Outcome.NOT_CORRECTED, Outcome.NOT_CORRECTED.label),
]
