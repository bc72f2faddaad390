"""Terms: each phase that waits on the municipality has one; past it, a challenge is stalled."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.accounts.models import User
from uitdaagrecht.notifications.models import Kind
from uitdaagrecht.notifications.personal import notify
from uitdaagrecht.tenants.models import Municipality

from ..models import Challenge, EventKind, Term, Visibility
from ..workflow import OPEN_STATES, PHASE, TERM_STATES, State
from . import base


def term_days(municipality: Municipality, state: str) -> int | None:
    default = PHASE[State(state)].term_days
    if default is None:
        return None
    own = Term.objects.filter(municipality=municipality, state=state).values_list("days", flat=True)
    return next(iter(own), default)


def terms_of(municipality: Municipality) -> dict[str, int]:
    own = dict(Term.objects.filter(municipality=municipality).values_list("state", "days"))
    return {state.value: own.get(state.value, PHASE[state].term_days) for state in TERM_STATES}


def start_phase(challenge: Challenge, state: str, now: datetime.datetime) -> None:
    challenge.state = state
    challenge.phase_started_at = now
    days = term_days(challenge.municipality, state)
    challenge.deadline = now + datetime.timedelta(days=days) if days else None
    challenge.paused_at = None
    challenge.stalled_at = None


def resume(challenge: Challenge, actor: User | None, *, now=None) -> None:
    now = base.moment(now)
    paused = now - challenge.paused_at
    if challenge.deadline:
        challenge.deadline += paused
    challenge.paused_at = None
    base.bump(challenge, "paused_at", "deadline", now=now)
    base.record(
        challenge,
        EventKind.RESUME,
        Visibility.PARTICIPANTS,
        actor,
        now=now,
        data={
            "paused_days": paused.days,
            "deadline": challenge.deadline.isoformat() if challenge.deadline else None,
        },
    )


@transaction.atomic
def term_pause(
    *, challenge: Challenge, actor: User, version: int | None, question: str, now=None
) -> Challenge:
    """The municipality waits for information from the challengers: the clock stops."""
    current = base.challenge_locked(challenge, version=version)
    if not actor.has_perm("challenges.pause", current):
        raise PermissionDenied
    # Only the terms that wait on the municipality stop while it waits for the challengers (the
    # term of execution is the challengers' own next report).
    if current.paused_at or current.deadline is None or current.state not in TERM_STATES:
        raise ValidationError(_("The term of this phase is not running, so it cannot be paused."))
    if not question.strip():
        raise ValidationError({"question": _("Write which information you need.")})
    now = base.moment(now)
    current.paused_at = now
    current.stalled_at = None
    base.bump(current, "paused_at", "stalled_at", now=now)
    base.record(
        current, EventKind.PAUSE, Visibility.PARTICIPANTS, actor, now=now, text=question.strip()
    )
    base.tell_participants(
        current,
        Kind.MESSAGE,
        gettext_lazy("The municipality asks for information on challenge {reference}"),
        actor,
        now=now,
    )
    return current


@transaction.atomic
def term_resume(*, challenge: Challenge, actor: User, version: int | None, now=None) -> Challenge:
    current = base.challenge_locked(challenge, version=version)
    if not actor.has_perm("challenges.pause", current):
        raise PermissionDenied
    if not current.paused_at:
        raise base.ChallengeChanged()
    resume(current, actor, now=now)
    return current


@transaction.atomic
def term_extend(
    *, challenge: Challenge, actor: User, version: int | None, days: int, reason: str, now=None
) -> Challenge:
    current = base.challenge_locked(challenge, version=version)
    if not actor.has_perm("challenges.extend_term", current):
        raise PermissionDenied
    if current.deadline is None:
        raise ValidationError(_("This phase has no term."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write the reason: it goes on the timeline.")})
    current.deadline += datetime.timedelta(days=days)
    current.stalled_at = None
    base.bump(current, "deadline", "stalled_at", now=now)
    base.record(
        current,
        EventKind.TERM,
        Visibility.PARTICIPANTS,
        actor,
        now=now,
        text=reason.strip(),
        data={"days": days, "deadline": current.deadline.isoformat()},
    )
    return current


@transaction.atomic
def deadline_set(
    *, challenge: Challenge, deadline: datetime.datetime | None, actor, reason: str, now=None
) -> Challenge:
    """Set the term of the current phase (an extension's own term, e.g. the next reporting
    moment), and say why on the timeline. A new term ends a stall."""
    current = base.challenge_locked(challenge)
    if current.deadline == deadline:
        return current
    current.deadline = deadline
    current.stalled_at = None
    base.bump(current, "deadline", "stalled_at", now=now)
    base.record(
        current,
        EventKind.TERM,
        Visibility.PARTICIPANTS,
        actor,
        now=now,
        text=reason,
        data={"deadline": deadline.isoformat() if deadline else None},
    )
    return current


@transaction.atomic
def terms_set(*, municipality: Municipality, days: dict[str, int], actor: User) -> None:
    if not actor.has_perm("challenges.change_terms", municipality):
        raise PermissionDenied
    for state, value in days.items():
        if PHASE[State(state)].term_days is None:
            continue
        Term.objects.update_or_create(
            municipality=municipality, state=state, defaults={"days": value}
        )


def stalled_escalate(*, now: datetime.datetime | None = None) -> list[Challenge]:
    """Mark every challenge past its term as stalled, once: record the escalation and tell the
    contact person and coordinators. Safe to run concurrently and as often as wanted."""
    now = base.moment(now)
    escalated = []
    due = Challenge.objects.filter(
        stalled_at__isnull=True,
        paused_at__isnull=True,
        deadline__lt=now,
        # The phases with a default term, and any open phase whose term an extension set (e.g.
        # execution, whose term is the next reporting moment).
        state__in=OPEN_STATES,
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            # The conditional update is the "once": a second run (or a parallel one) finds
            # stalled_at already set and updates nothing.
            if not Challenge.objects.filter(
                pk=pk, stalled_at__isnull=True, paused_at__isnull=True, deadline__lt=now
            ).update(stalled_at=now):
                continue
            challenge = Challenge.objects.select_related("municipality", "contact_person").get(
                pk=pk
            )
            base.record(
                challenge,
                EventKind.ESCALATION,
                Visibility.STAFF,
                None,
                now=now,
                data={
                    "state": challenge.state,
                    "deadline": challenge.deadline.isoformat(),
                    "days_over": (now - challenge.deadline).days,
                },
            )
            escalation_notify(challenge, now=now)
            escalated.append(challenge)
    return escalated


def escalation_notify(challenge: Challenge, *, now=None) -> None:
    """Tell the coordinators and the contact person that the challenge is stuck."""
    users = base.coordinators(challenge.municipality)
    if challenge.contact_person_id:
        users.append(challenge.contact_person)
    notify(
        users=users,
        kind=Kind.ESCALATION,
        text=gettext_lazy("Challenge {reference} “{title}” is stalled: its term has passed"),
        params={"reference": challenge.reference, "title": challenge.title},
        url=base.dossier_url(challenge, staff=True),
        at=now,
    )
