"""The one service that moves a challenge through the workflow table."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.accounts.models import User
from uitdaagrecht.notifications.models import Kind
from uitdaagrecht.notifications.services import challenge_followers_tell

from ..extensions import effect_of, registry
from ..models import Challenge, EventKind, Visibility
from ..roles import actors_of
from ..workflow import TRANSITION, State
from . import base
from .terms import start_phase

PHASE_TEXT = gettext_lazy("Challenge {reference} “{title}” moved to a new phase")


@transaction.atomic
def transition(
    *,
    challenge: Challenge,
    action: str,
    actor: User,
    version: int | None,
    reason: str = "",
    now=None,
    **details,
) -> Challenge:
    """Take one step of the workflow table, or refuse with PermissionDenied, ChallengeChanged or
    ValidationError (a precondition, in words for the actor).

    `details` go to the guards and the effect of the action, as the extension that registered
    them wants them: e.g. the classification and where an offer goes at intake, or the decision
    that the assessment records together with the decide_* step."""
    step = TRANSITION.get(action)
    if step is None:
        raise PermissionDenied(action)
    current = base.challenge_locked(challenge, version=version, states=step.sources)
    if not actors_of(actor, current) & step.actors:
        raise PermissionDenied(action)
    reason = reason.strip()
    if step.reason_required and not reason:
        raise ValidationError({"reason": _("Write the reason: it goes on the timeline.")})
    for guard in step.guards:
        problem = registry.guards[guard](current, action=action, **details)
        if problem:
            raise ValidationError(problem)

    now = base.moment(now)
    source = current.state
    outcome = effect_of(action)(current, actor=actor, now=now, reason=reason, **details)
    start_phase(current, step.target, now)
    if outcome.deadline is not None:
        current.deadline = outcome.deadline
    base.bump(
        current,
        "state",
        "phase_started_at",
        "deadline",
        "paused_at",
        "stalled_at",
        *outcome.fields,
        now=now,
    )
    event = base.record(
        current,
        EventKind.TRANSITION,
        Visibility.PUBLIC,
        actor,
        now=now,
        from_state=source,
        to_state=step.target,
        action=action,
        text=reason,
        data=outcome.data,
    )
    _tell_followers(current, event)
    base.tell_participants(
        current,
        outcome.notice or Kind.PHASE,
        outcome.text or PHASE_TEXT,
        actor,
        now=now,
        params=outcome.params,
    )
    if outcome.then is not None:
        outcome.then(current, actor, now)
    return current


def _tell_followers(challenge: Challenge, event) -> None:
    """The people who follow the public challenge by e-mail hear of its new phase: queued in the
    transition's own transaction (docs/adr/0007), so the step and its e-mails go together."""
    url = reverse(
        "challenges:detail",
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )
    label = str(State(event.to_state).label)
    challenge_followers_tell(challenge=challenge, event_pk=event.pk, phase_label=label, url=url)
