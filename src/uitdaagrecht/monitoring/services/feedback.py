"""Feedback of the people who use the service (horizontal accountability), without an account."""

import hashlib
import ipaddress

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitdaagrecht.accounts.models import User
from uitdaagrecht.challenges import api as kernel
from uitdaagrecht.challenges.api import Challenge, State, Visibility
from uitdaagrecht.core.caching import invalidate_municipality

from ..events import MonitoringEvent
from ..models import Feedback

FEEDBACK_STATES = (State.EXECUTION, State.EVALUATION)
# At most this many items an hour from one address, and from one network (/24 or /48).
PER_ADDRESS, PER_NETWORK = 3, 20


class TooMany(Exception):
    """Too much feedback from one address or network in the last hour."""


def _keys(address: str) -> list[tuple[str, int]]:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        ip = ipaddress.ip_address("0.0.0.0")  # noqa: S104 (a key, not a socket)
    network = ipaddress.ip_network(f"{ip}/{24 if ip.version == 4 else 48}", strict=False)

    def key(text: str) -> str:
        return "feedback:" + hashlib.sha256(text.encode()).hexdigest()[:32]

    return [(key(str(ip)), PER_ADDRESS), (key(str(network)), PER_NETWORK)]


def _count(address: str) -> None:
    keys = _keys(address)
    if any(cache.get(key, 0) >= limit for key, limit in keys):
        raise TooMany
    for key, _limit in keys:
        cache.add(key, 0, timeout=3600)
        cache.incr(key)


@transaction.atomic
def feedback_leave(
    *, challenge: Challenge, rating: int, text: str, email: str, address: str, now=None
) -> Feedback:
    """Anyone may leave feedback while the challengers carry out the task. The address (for
    the limit) is kept only as a hashed counter for an hour; the e-mail address is never shown."""
    challenge = kernel.challenge_locked(
        challenge,
        states=FEEDBACK_STATES,
        refusal=_("Feedback is welcome while the challengers carry out the task."),
    )
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    _count(address)
    invalidate_municipality(challenge.municipality)  # its public page shows the feedback
    return Feedback.objects.create(
        challenge=challenge,
        rating=rating,
        text=text.strip(),
        email=email.strip(),
        created_at=now or timezone.now(),
    )


@transaction.atomic
def feedback_hide(*, feedback: Feedback, actor: User, reason: str, now=None) -> Feedback:
    """Hide an item (abuse, personal data); the reason stays visible in its place."""
    if not actor.has_perm("monitoring.moderate_feedback", feedback.challenge):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it is hidden: the reason is shown.")})
    feedback = (
        Feedback.objects.select_for_update()
        .select_related("challenge__municipality")
        .get(pk=feedback.pk)
    )
    if feedback.hidden_at is not None:
        raise ValidationError(_("This feedback is hidden already."))
    feedback.hidden_at = now or timezone.now()
    feedback.hidden_reason = reason.strip()
    feedback.hidden_by = actor
    feedback.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
    invalidate_municipality(feedback.challenge.municipality)
    kernel.record(
        feedback.challenge,
        MonitoringEvent.FEEDBACK_HIDDEN,
        Visibility.STAFF,
        actor,
        now=now,
        text=feedback.hidden_reason,
    )
    return feedback
