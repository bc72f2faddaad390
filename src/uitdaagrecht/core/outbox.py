"""The durable e-mail queue (ADR 0007): nothing lost, nothing doubled, no 500 for a dead mail server.

`mail_queue` writes an OutgoingMail row in the transaction of the change that causes it, and a
django-tasks task to send it. With the database backend (production) the task row is written in
that same transaction too; other backends (the demo's and the tests' ImmediateBackend) get the task
after the commit, so nothing is sent for a change that was rolled back.

The worker (`uitdaagrecht db_worker`) runs `deliver`: it claims the mail with one conditional
UPDATE, so two workers (or a task enqueued twice) never send it twice, sends it, and marks it sent.
A failure schedules the next attempt after settings.MAIL_RETRY_DELAYS; after the last one the mail
has failed and shows on the municipal admin's e-mail page. `mail_requeue_due` (run by check_terms)
enqueues mails whose task was lost, e.g. after a crash between the commit and the enqueue.

At most once per claim: if a worker dies after the server accepted a mail but before it recorded
that, the claim expires and the mail is sent again. SMTP offers nothing better; the window is the
few milliseconds between the two.
"""

import datetime
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import MailStatus, OutgoingMail

logger = logging.getLogger(__name__)

# A worker owns a claimed mail this long: longer than EMAIL_TIMEOUT times the SMTP round trips.
CLAIM = datetime.timedelta(minutes=10)
# A queued mail that is due, but was last handed to the queue longer ago than this, lost its task.
STALE = datetime.timedelta(hours=1)
# E-mails per task: a task is one worker's work, so many tasks spread a large batch over workers.
TASK_SIZE = 50
# Retention (privacy statement): a sent e-mail's record, with its address and text, is kept this
# long, to answer "did you send it?", and then deleted by check_terms. Failed ones stay until
# the admin sends them again or they are this old too.
SENT_MAIL_DAYS = 30

# The HTML part of an e-mail sent on behalf of a municipality (its logo and colours), given by the
# tenants app, which core may not import (ADR 0006). One renderer; a second one is a mistake.
_branding: Callable[[OutgoingMail], str | None] | None = None


def mail_branding_register(renderer: Callable[[OutgoingMail], str | None]) -> None:
    global _branding  # set once, at start-up (AppConfig.ready)
    if _branding is not None and _branding is not renderer:
        raise ImproperlyConfigured("An e-mail branding renderer is registered already.")
    _branding = renderer


def _message(mail: OutgoingMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject, body=mail.body, to=[mail.to], headers=mail.headers or None
    )
    html = _branding(mail) if _branding is not None and mail.municipality_id else None
    if html:
        message.attach_alternative(html, "text/html")
    return message


def mail_queue(
    *,
    to: str,
    subject: str,
    body: str,
    purpose: str,
    municipality_id: int | None = None,
    headers: dict | None = None,
) -> OutgoingMail:
    """Queue one e-mail; it is sent once the surrounding transaction has committed."""
    (mail,) = mail_queue_many(
        [
            OutgoingMail(
                to=to,
                subject=str(subject)[:200],
                body=str(body),
                purpose=purpose,
                municipality_id=municipality_id,
                headers=headers or {},
            )
        ]
    )
    return mail


@transaction.atomic
def mail_queue_many(mails: Iterable[OutgoingMail]) -> list[OutgoingMail]:
    """Queue unsaved OutgoingMail rows in one INSERT (and one task each)."""
    now = timezone.now()
    mails = list(mails)
    if not mails:
        return []
    for mail in mails:
        mail.subject = mail.subject[:200]
        mail.created_at = mail.next_attempt_at = mail.enqueued_at = now
    mails = OutgoingMail.objects.bulk_create(mails)
    pks = [mail.pk for mail in mails]
    if _transactional(default_task_backend):
        _enqueue(pks)
    else:
        transaction.on_commit(lambda: _enqueue(pks), robust=True)
    return mails


def _transactional(backend) -> bool:
    """Whether the backend stores its tasks in the database, in the caller's transaction."""
    return type(backend).__module__.startswith("django_tasks_db")


def _enqueue(pks: list[int], *, run_after: datetime.datetime | None = None) -> None:
    """One task for the lot: queueing a thousand alerts is one row, not a thousand."""
    runner = deliver
    if run_after is not None:
        runner = deliver.using(run_after=run_after)
    for start in range(0, len(pks), TASK_SIZE):
        runner.enqueue(mail_ids=pks[start : start + TASK_SIZE])


@task()
def deliver(mail_ids: list[int]) -> dict[str, int]:
    """The worker's task: send these queued e-mails, each on its own (see mail_deliver)."""
    outcomes: dict[str, int] = {}
    for pk in mail_ids:
        outcome = mail_deliver(pk=pk)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def mail_deliver(*, pk: int, now: datetime.datetime | None = None) -> str:
    """Send the mail if it is queued, due and nobody else is sending it; says what happened."""
    now = now or timezone.now()
    claimed = (
        OutgoingMail.objects.filter(pk=pk, status=MailStatus.QUEUED, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + CLAIM)
    )
    if not claimed:
        return "skipped"
    mail = OutgoingMail.objects.get(pk=pk)
    try:
        _message(mail).send()
    except Exception as error:
        return _attempt_failed(mail, error, now)
    OutgoingMail.objects.filter(pk=pk).update(
        status=MailStatus.SENT,
        sent_at=timezone.now(),
        attempts=F("attempts") + 1,
        claimed_until=None,
        last_error="",
    )
    return "sent"


def _attempt_failed(mail: OutgoingMail, error: Exception, now: datetime.datetime) -> str:
    delays = settings.MAIL_RETRY_DELAYS
    attempts = mail.attempts + 1
    # Never the exception's text: SMTP errors quote the recipient's address.
    fields = {"attempts": attempts, "last_error": type(error).__name__[:100], "claimed_until": None}
    if attempts > len(delays):
        fields["status"] = MailStatus.FAILED
        OutgoingMail.objects.filter(pk=mail.pk).update(**fields)
        logger.error("E-mail %s failed for good: %s", mail.pk, fields["last_error"])
        return "failed"
    next_attempt = now + datetime.timedelta(seconds=delays[attempts - 1])
    fields["next_attempt_at"] = next_attempt
    deferrable = default_task_backend.supports_defer
    # Without a backend that can wait (the demo's), check_terms tries it again when due.
    fields["enqueued_at"] = now if deferrable else None
    OutgoingMail.objects.filter(pk=mail.pk).update(**fields)
    logger.warning("E-mail %s not sent (attempt %s): %s", mail.pk, attempts, fields["last_error"])
    if deferrable:
        _enqueue([mail.pk], run_after=next_attempt)
    return "retry"


def mail_requeue_due(*, now: datetime.datetime | None = None) -> int:
    """Hand due mails whose task was lost (or never deferred) to the queue again; how many."""
    now = now or timezone.now()
    due = OutgoingMail.objects.filter(status=MailStatus.QUEUED, next_attempt_at__lte=now).filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - STALE)
    )
    pks = list(due.values_list("pk", flat=True)[:1000])
    if pks:
        OutgoingMail.objects.filter(pk__in=pks).update(enqueued_at=now)
        _enqueue(pks)
    return len(pks)


@transaction.atomic
def mail_retry(*, municipality_id: int) -> int:
    """The municipal admin sends the failed mails of their municipality again; how many."""
    mails = OutgoingMail.objects.select_for_update().filter(
        municipality_id=municipality_id, status=MailStatus.FAILED
    )
    pks = list(mails.values_list("pk", flat=True))
    now = timezone.now()
    OutgoingMail.objects.filter(pk__in=pks).update(
        status=MailStatus.QUEUED, attempts=0, next_attempt_at=now, enqueued_at=now
    )
    if _transactional(default_task_backend):
        _enqueue(pks)
    else:
        transaction.on_commit(lambda: _enqueue(pks), robust=True)
    return len(pks)


def mail_forget_sent(*, now: datetime.datetime | None = None, days: int = SENT_MAIL_DAYS) -> int:
    """Retention: sent and failed e-mails (addresses, texts) are deleted after `days`; how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=days)
    deleted, _detail = OutgoingMail.objects.filter(
        Q(status=MailStatus.SENT, sent_at__lt=cutoff)
        | Q(status=MailStatus.FAILED, created_at__lt=cutoff)
    ).delete()
    return deleted


def masked(address: str) -> str:
    """An address as the admin's e-mail page shows it: enough to recognise, not to harvest."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}…@{domain}"


def mail_trouble(*, municipality_id: int, limit: int = 100) -> dict:
    """What the municipal admin's e-mail page shows: counts, and the e-mails that failed or are
    being tried again, newest first."""
    mails = OutgoingMail.objects.filter(municipality_id=municipality_id)
    counts = dict(
        mails.values_list("status")
        .order_by("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    trouble = list(
        mails.filter(Q(status=MailStatus.FAILED) | Q(status=MailStatus.QUEUED, attempts__gt=0))
        .defer("body", "headers")
        .order_by("-created_at", "-pk")[:limit]
    )
    return {
        "queued": counts.get(MailStatus.QUEUED, 0),
        "failed": counts.get(MailStatus.FAILED, 0),
        "sent": counts.get(MailStatus.SENT, 0),
        "trouble": trouble,
    }
