"""Writes for alerts: subscribe (double opt-in), confirm, unsubscribe, and the periodic sending.

Sending is exactly once: `alerts_send_due` records the events as sent and queues the e-mails
(core.outbox) in one transaction; the queue's worker sends them, and tries again while the mail
server is down.
"""

import datetime
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import override

from uitdaagrecht.budgets.models import Taakveld
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.core.links import absolute_url
from uitdaagrecht.core.models import OutgoingMail
from uitdaagrecht.core.outbox import mail_queue, mail_queue_many
from uitdaagrecht.core.tokens import token_hash
from uitdaagrecht.tenants.models import Municipality

from .models import SentAlert, Subscription
from .selectors import AlertEvent, TaskIndex, candidate_tasks, subscription_events

logger = logging.getLogger(__name__)

# How long a confirmation link works; unconfirmed subscriptions are deleted after that.
CONFIRM_DAYS = 7
# Subscribing again within this time sends no new e-mail: the form cannot be used to flood an inbox.
RESEND_AFTER = datetime.timedelta(minutes=5)
BATCH_SIZE = 500
MAX_LISTED = 50
UNSUBSCRIBE_SALT = "uitdaagrecht.notifications.unsubscribe"


def _url(name: str, subscription: Subscription, token: str) -> str:
    with override(settings.LANGUAGE_CODE):
        path = reverse(
            f"notifications:{name}",
            kwargs={"municipality": subscription.municipality.slug, "token": token},
        )
    return absolute_url(path)


def _unsubscribe_mac(subscription: Subscription, secret: str | None = None) -> str:
    # created_at makes the token belong to this subscription, even if a restored database ever
    # gives its number to another one.
    stamp = subscription.created_at.astimezone(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    return salted_hmac(
        UNSUBSCRIBE_SALT, f"{subscription.pk}:{stamp}", secret=secret, algorithm="sha256"
    ).hexdigest()[:40]


def unsubscribe_token(subscription: Subscription) -> str:
    return f"{subscription.pk}-{_unsubscribe_mac(subscription)}"


def unsubscribe_url(subscription: Subscription) -> str:
    return _url("unsubscribe", subscription, unsubscribe_token(subscription))


def subscription_by_unsubscribe_token(token: str) -> Subscription | None:
    pk, _sep, mac = token.partition("-")
    if not (pk.isascii() and pk.isdigit() and len(pk) <= 18 and mac):
        return None
    subscription = (
        Subscription.objects.select_related("municipality", "task", "taakveld", "challenge")
        .filter(pk=int(pk))
        .first()
    )
    if subscription is None:
        return None
    secrets_ = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    if any(constant_time_compare(mac, _unsubscribe_mac(subscription, s)) for s in secrets_):
        return subscription
    return None


def subscription_by_confirm_token(token: str) -> Subscription | None:
    """The subscription whose confirmation link this is, while the link is valid."""
    cutoff = timezone.now() - datetime.timedelta(days=CONFIRM_DAYS)
    return (
        Subscription.objects.select_related("municipality", "task", "taakveld", "challenge")
        .filter(token_hash=token_hash(token), confirmation_sent_at__gte=cutoff)
        .first()
    )


def _scope_filter(
    *, municipality: Municipality, task: Task | None, taakveld: Taakveld | None, challenge=None
) -> dict:
    if challenge is not None:
        return {"challenge": challenge}
    if task is not None:
        return {"task": task}
    if taakveld is not None:
        return {"municipality": municipality, "taakveld": taakveld, "task": None}
    return {"municipality": municipality, "task": None, "taakveld": None, "challenge": None}


@transaction.atomic
def subscription_request(
    *,
    municipality: Municipality,
    email: str,
    horizon_months: int,
    task: Task | None = None,
    taakveld: Taakveld | None = None,
    challenge=None,
) -> None:
    """Ask to follow a scope (or one public challenge); the confirmation e-mail goes out after commit.

    Returns nothing on purpose: the caller must answer the same whether the address was new,
    waiting for confirmation or already confirmed.
    """
    if task is not None and task.municipality_id != municipality.pk:
        raise ValueError("The task belongs to another municipality.")
    if challenge is not None and (
        challenge.municipality_id != municipality.pk or not challenge.is_public
    ):
        raise ValueError("Only public challenges of this municipality can be followed.")
    if task is not None or challenge is not None:
        taakveld = None
    email = email.strip().lower()
    scope = _scope_filter(
        municipality=municipality, task=task, taakveld=taakveld, challenge=challenge
    )
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    subscription = Subscription.objects.select_for_update().filter(email=email, **scope).first()
    if subscription is None:
        try:
            with transaction.atomic():
                subscription = Subscription.objects.create(
                    municipality=municipality,
                    task=task,
                    taakveld=taakveld,
                    challenge=challenge,
                    email=email,
                    horizon_months=horizon_months,
                    token_hash=token_hash(token),
                    confirmation_sent_at=now,
                )
        except IntegrityError:
            # The same request twice at once: the other one has sent the e-mail.
            return
    else:
        subscription.municipality = municipality
        if now - subscription.confirmation_sent_at < RESEND_AFTER:
            return
        if subscription.confirmed_at is None:
            subscription.horizon_months = horizon_months
        else:
            subscription.pending_horizon_months = horizon_months
        subscription.token_hash = token_hash(token)
        subscription.confirmation_sent_at = now
        subscription.save(
            update_fields=[
                "horizon_months",
                "pending_horizon_months",
                "token_hash",
                "confirmation_sent_at",
            ]
        )
    _queue_confirmation(subscription, _url("confirm", subscription, token))


def _queue_confirmation(subscription: Subscription, link: str) -> None:
    with override(settings.LANGUAGE_CODE):
        horizon = subscription.pending_horizon_months or subscription.horizon_months
        context = {
            "subscription": subscription,
            "municipality": subscription.municipality,
            "horizon": horizon,
            "link": link,
            "days": CONFIRM_DAYS,
        }
        mail_queue(
            subject=_("Confirm your alerts about the Right to Challenge in {name}").format(
                name=subscription.municipality.name
            ),
            body=render_to_string("notifications/email/confirm.txt", context),
            to=subscription.email,
            purpose="alert-confirmation",
            municipality_id=subscription.municipality_id,
        )


@transaction.atomic
def subscription_confirm(*, subscription: Subscription) -> Subscription:
    """Confirm the subscription, or the new horizon of one already confirmed. Idempotent."""
    subscription = (
        Subscription.objects.select_for_update(of=("self",))
        .select_related("municipality", "task", "taakveld", "challenge")
        .get(pk=subscription.pk)
    )
    fields = []
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        fields.append("confirmed_at")
    if subscription.pending_horizon_months:
        subscription.horizon_months = subscription.pending_horizon_months
        subscription.pending_horizon_months = None
        fields += ["horizon_months", "pending_horizon_months"]
    if fields:
        subscription.save(update_fields=fields)
    return subscription


@transaction.atomic
def subscription_cancel(*, subscription: Subscription) -> None:
    """Unsubscribe: the address and everything sent to it are deleted, not just switched off."""
    SentAlert.objects.filter(subscription_id=subscription.pk).delete()
    Subscription.objects.filter(pk=subscription.pk).delete()


@dataclass
class CheckReport:
    subscriptions: int = 0
    emails: int = 0
    events: int = 0
    expired: int = 0


def alerts_send_due(
    *, today: datetime.date | None = None, batch_size: int = BATCH_SIZE
) -> CheckReport:
    """Tell every confirmed subscriber what is new for them: one e-mail per subscriber per run.

    Idempotent (run it by cron every few minutes): an event is recorded in SentAlert in the same
    transaction that decides to send it, and is never sent twice. Subscriptions are locked in
    batches with SKIP LOCKED, so two runs at once share the work instead of doing it twice
    (SQLite serialises the transactions instead). A fixed number of queries per batch.
    """
    today = today or timezone.localdate()
    report = CheckReport()
    cutoff = timezone.now() - datetime.timedelta(days=CONFIRM_DAYS)
    _total, deleted = Subscription.objects.filter(
        confirmed_at__isnull=True, confirmation_sent_at__lt=cutoff
    ).delete()
    report.expired = deleted.get(Subscription._meta.label, 0)
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                # Followers of one challenge hear from challenge_followers_tell instead.
                Subscription.objects.filter(
                    confirmed_at__isnull=False, challenge__isnull=True, pk__gt=last_pk
                )
                .select_related("municipality", "task", "taakveld", "challenge")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")[:batch_size]
            )
            if batch:
                last_pk = batch[-1].pk
                _send_batch(batch=batch, today=today, report=report)
        if len(batch) < batch_size:
            return report


def _send_batch(*, batch: list[Subscription], today: datetime.date, report: CheckReport) -> None:
    now = timezone.now()
    index = TaskIndex(candidate_tasks(subscriptions=batch, today=today, now=now))
    sent = set(
        SentAlert.objects.filter(subscription__in=batch).values_list("subscription_id", "key")
    )
    records: list[SentAlert] = []
    messages: list[OutgoingMail] = []
    for subscription in batch:
        report.subscriptions += 1
        events = [
            event
            for event in subscription_events(
                subscription=subscription,
                tasks=index.in_scope(subscription),
                today=today,
                now=now,
            )
            if (subscription.pk, event.key) not in sent
        ]
        if not events:
            continue
        records += [SentAlert(subscription=subscription, key=e.key, sent_at=now) for e in events]
        messages.append(_alert_message(subscription, events, today))
        report.events += len(events)
        report.emails += 1
    SentAlert.objects.bulk_create(records)
    mail_queue_many(messages)


def _alert_message(
    subscription: Subscription, events: list[AlertEvent], today: datetime.date
) -> OutgoingMail:
    unsubscribe = unsubscribe_url(subscription)
    place = subscription.municipality
    challengeable = sorted(
        (e for e in events if e.kind == "challengeable"), key=lambda e: (e.date, e.task.title)
    )
    new_tasks = [e for e in events if e.kind == "new_task"]
    with override(settings.LANGUAGE_CODE):
        context = {
            "subscription": subscription,
            "municipality": place,
            # A bulk import can add hundreds of tasks at once: list some, link to the rest.
            "challengeable": [(e, _task_url(e.task)) for e in challengeable[:MAX_LISTED]],
            "more_challengeable": max(0, len(challengeable) - MAX_LISTED),
            "new_tasks": [(e, _task_url(e.task)) for e in new_tasks[:MAX_LISTED]],
            "more_new_tasks": max(0, len(new_tasks) - MAX_LISTED),
            "catalogue": absolute_url(
                reverse("catalog:catalogue", kwargs={"municipality": place.slug})
            ),
            "unsubscribe": unsubscribe,
            "today": today,
        }
        return OutgoingMail(
            subject=_("Right to Challenge in {name}: news about tasks").format(name=place.name),
            body=render_to_string("notifications/email/alert.txt", context),
            to=subscription.email,
            purpose="alert",
            municipality_id=place.pk,
            headers={
                # RFC 2369 and RFC 8058: mail programs show an "unsubscribe" button that POSTs.
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        )


def _task_url(task: Task) -> str:
    return absolute_url(task.get_absolute_url())


@transaction.atomic
def challenge_followers_tell(
    *, challenge, event_pk: int, phase_label: str, url: str, news: str = ""
) -> None:
    """E-mail the confirmed followers of a public challenge that it moved to a new phase, or,
    with `news`, of other public news (new progress, a published evaluation; `phase_label` is
    then the subject's short form of it).

    The SentAlert rows and the queued e-mails are written together: once per follower and event.
    """
    followers = list(Subscription.objects.filter(challenge=challenge, confirmed_at__isnull=False))
    if not followers:
        return
    key = f"challenge-event:{event_pk}"
    already = set(
        SentAlert.objects.filter(subscription__in=followers, key=key).values_list(
            "subscription_id", flat=True
        )
    )
    followers = [f for f in followers if f.pk not in already]
    SentAlert.objects.bulk_create(
        [SentAlert(subscription=f, key=key) for f in followers], ignore_conflicts=True
    )
    messages = []
    with override(settings.LANGUAGE_CODE):
        for follower in followers:
            unsubscribe = unsubscribe_url(follower)
            body = render_to_string(
                "notifications/email/challenge_update.txt",
                {
                    "challenge": challenge,
                    "phase": phase_label,
                    "news": str(news),
                    "link": absolute_url(url),
                    "unsubscribe": unsubscribe,
                },
            )
            messages.append(
                OutgoingMail(
                    subject=_("Challenge {reference}: {phase}").format(
                        reference=challenge.reference, phase=phase_label
                    ),
                    body=body,
                    to=follower.email,
                    purpose="follower",
                    municipality_id=challenge.municipality_id,
                    headers={
                        "List-Unsubscribe": f"<{unsubscribe}>",
                        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                    },
                )
            )
    mail_queue_many(messages)
