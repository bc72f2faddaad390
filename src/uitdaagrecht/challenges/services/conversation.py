"""The conversation between the challengers and the municipality: messages, internal notes and
contact moments (call before you write)."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy

from uitdaagrecht.accounts.models import User
from uitdaagrecht.notifications.models import Kind

from ..models import Challenge, Channel, Event, EventKind, Visibility
from ..roles import is_challenger
from ..workflow import State
from . import base
from .documents import documents_store
from .terms import resume


def _open_for_conversation(challenge: Challenge) -> None:
    if challenge.state == State.DRAFT:
        raise PermissionDenied


@transaction.atomic
def message_post(
    *,
    challenge: Challenge,
    actor: User,
    text: str,
    files: Sequence = (),
    consent_to_publish: bool = False,
    now=None,
) -> Event:
    """A message in the conversation between the challengers and the municipality."""
    _open_for_conversation(challenge)
    if not actor.has_perm("challenges.post_message", challenge):
        raise PermissionDenied
    event = base.record(
        challenge, EventKind.MESSAGE, Visibility.PARTICIPANTS, actor, now=now, text=text.strip()
    )
    documents_store(challenge, actor, files, event=event, consent=consent_to_publish, now=now)
    # A message from the challengers answers a question: the term runs again. Read the pause
    # from the locked row: two answers at once resume it once, and a term changed meanwhile is
    # not overwritten with what this request loaded.
    if challenge.paused_at and is_challenger(actor, challenge):
        current = base.challenge_locked(challenge)
        if current.paused_at:
            resume(current, actor, now=now)
    base.tell_participants(
        challenge,
        Kind.MESSAGE,
        gettext_lazy("New message on challenge {reference}"),
        actor,
        now=now,
    )
    return event


@transaction.atomic
def note_add(
    *, challenge: Challenge, actor: User, text: str, files: Sequence = (), now=None
) -> Event:
    """An internal note: the challengers never see it, nor its attachments."""
    _open_for_conversation(challenge)
    if not actor.has_perm("challenges.add_note", challenge):
        raise PermissionDenied
    event = base.record(
        challenge, EventKind.NOTE, Visibility.STAFF, actor, now=now, text=text.strip()
    )
    documents_store(challenge, actor, files, event=event, staff_only=True, now=now)
    return event


@transaction.atomic
def contact_log(
    *,
    challenge: Challenge,
    actor: User,
    channel: str,
    summary: str,
    when: datetime.datetime | None = None,
    now=None,
) -> Event:
    """A call, meeting or visit with a short summary: call before you write."""
    _open_for_conversation(challenge)
    if not actor.has_perm("challenges.log_contact", challenge):
        raise PermissionDenied
    now = base.moment(now)
    return base.record(
        challenge,
        EventKind.CONTACT,
        Visibility.PARTICIPANTS,
        actor,
        now=now,
        channel=Channel(channel),
        text=summary.strip(),
        data={"on": (when or now).isoformat()},
    )
