"""Personal notifications: a line in the in-app list and, unless muted, an e-mail.

The e-mail says what happened and links to the platform; it never carries the message itself or
any other confidential content, because e-mail is forwarded, archived and read on shared devices.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from uitdaagrecht.accounts.models import User
from uitdaagrecht.core.links import absolute_url
from uitdaagrecht.core.models import OutgoingMail
from uitdaagrecht.core.outbox import mail_queue_many
from uitdaagrecht.tenants.models import Municipality

from .models import Kind, MutedEmail, Notification


def notify(
    *,
    users: Iterable[User],
    kind: Kind,
    text,
    params: dict,
    url: str,
    exclude=None,
    at: datetime.datetime | None = None,
) -> None:
    """Tell the users: their in-app lines and e-mails are written in the surrounding
    transaction; the e-mails are sent by the queue's worker after it commits (core.outbox).

    `text` is a short, public-safe gettext_lazy string with {placeholders} from `params`; it is
    stored and sent in the platform's language. `at` dates the notification (default: now).
    """
    with override(settings.LANGUAGE_CODE):
        text = str(text).format(**params)
    recipients = {u.pk: u for u in users if u is not None and u.is_active}
    if exclude is not None:
        recipients.pop(exclude.pk, None)
    if not recipients:
        return
    Notification.objects.bulk_create(
        Notification(
            user=u, kind=kind, text=str(text)[:300], url=url, created_at=at or timezone.now()
        )
        for u in recipients.values()
    )
    muted = set(
        MutedEmail.objects.filter(user__in=recipients, kind=kind).values_list("user_id", flat=True)
    )
    with override(settings.LANGUAGE_CODE):
        body = _(
            "{text}\n\nRead more on Open Uitdaagrecht (log in first):\n{url}\n\n"
            "You get this e-mail because of your notification settings: {settings}\n"
        ).format(
            text=text,
            url=absolute_url(url),
            settings=absolute_url(reverse("portal:notification_settings")),
        )
        subject = _("Open Uitdaagrecht: {text}").format(text=text)[:150]
    emails = [u.email for u in recipients.values() if u.pk not in muted]
    if emails:
        municipality_id = _municipality_of(url)
        mail_queue_many(
            OutgoingMail(
                to=email,
                subject=subject,
                body=body,
                purpose=f"notification:{kind!s}",
                municipality_id=municipality_id,
            )
            for email in emails
        )


def _municipality_of(url: str) -> int | None:
    """The municipality a notification is about, from the /<slug>/ its link starts with."""
    try:
        slug = resolve(url).kwargs.get("municipality")
    except Resolver404:
        return None
    if not slug:
        return None
    return Municipality.objects.filter(slug=slug).values_list("pk", flat=True).first()


def notifications_of(user: User, *, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(user=user)[:limit])


def notifications_unread(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_mark_read(*, user: User) -> None:
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def email_preferences_set(*, user: User, wanted: Iterable[str]) -> None:
    wanted = set(wanted)
    MutedEmail.objects.filter(user=user).delete()
    MutedEmail.objects.bulk_create(
        MutedEmail(user=user, kind=kind) for kind in Kind.values if kind not in wanted
    )


def email_preferences_of(user: User) -> set[str]:
    muted = set(MutedEmail.objects.filter(user=user).values_list("kind", flat=True))
    return set(Kind.values) - muted
