"""What every write on a challenge shares: the row lock and version, the timeline, who is told.

Every write that two people could make at once takes the challenge's row lock and compares the
version the actor saw; a stale version is refused with ChallengeChanged ("this challenge has
changed"), so one wins and the other is told, and the timeline never gets a double event.

Every write takes an optional `now`: the moment it happens (the demo writes its history with it).
"""

import datetime
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from uitdaagrecht.accounts.models import Role, User
from uitdaagrecht.accounts.permissions import GUEST_ROLES, roles_of
from uitdaagrecht.core.caching import invalidate_municipality
from uitdaagrecht.notifications.models import Kind
from uitdaagrecht.notifications.personal import notify
from uitdaagrecht.tenants.models import Municipality

from ..models import Challenge, Event, EventKind, Visibility
from ..roles import actors_of
from ..workflow import Actor


class ChallengeChanged(Exception):
    """Someone else changed the challenge after the actor loaded it."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This challenge has changed since you opened it: someone else acted on it. "
                "Look at the current state below and try again if it is still needed."
            )
        )


def moment(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def dossier_url(challenge: Challenge, *, staff: bool) -> str:
    name = "workspace:challenge" if staff else "challenges:dossier"
    return reverse(
        name,
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )


def challengers(challenge: Challenge) -> list[User]:
    return list(User.objects.filter(memberships__organisation_id=challenge.organisation_id))


def coordinators(municipality: Municipality) -> list[User]:
    return list(
        User.objects.filter(
            staff_roles__municipality=municipality, staff_roles__role=Role.COORDINATOR
        ).distinct()
    )


def tell_participants(
    challenge: Challenge, kind: Kind, text, actor: User | None, *, now=None, params=None
) -> None:
    """The challengers, and the contact person (the coordinators while there is none, and
    always for a submission or an escalation). `text` may use {reference}, {title} and the
    names in `params`."""
    params = {"reference": challenge.reference, "title": challenge.title, **(params or {})}
    notify(
        users=challengers(challenge),
        kind=kind,
        text=text,
        params=params,
        url=dossier_url(challenge, staff=False),
        exclude=actor,
        at=now,
    )
    staff = [challenge.contact_person] if challenge.contact_person_id else []
    if not staff or kind in (Kind.SUBMISSION, Kind.ESCALATION):
        staff += coordinators(challenge.municipality)
    notify(
        users=staff,
        kind=kind,
        text=text,
        params=params,
        url=dossier_url(challenge, staff=True),
        exclude=actor,
        at=now,
    )


def challenge_locked(
    challenge: Challenge,
    *,
    version: int | None = None,
    states: Collection[str] | None = None,
    refusal: str = "",
) -> Challenge:
    """The challenge's row, locked until the transaction ends, at the version the actor saw.

    With `states`, also refuses a challenge that has left them meanwhile (withdrawn, stopped):
    every write on a challenge's parts checks the state under the same lock as the write."""
    current = (
        # Only the challenge's own row: not its municipality or organisation, so transitions of
        # different challenges of one municipality do not wait for each other.
        Challenge.objects.select_for_update(of=("self",))
        .select_related("municipality", "organisation")
        .get(pk=challenge.pk)
    )
    if version is not None and current.version != version:
        raise ChallengeChanged()
    if states is not None and current.state not in states:
        if refusal:
            raise ValidationError(refusal)
        raise ChallengeChanged()
    return current


def actor_role(actor: User | None, challenge: Challenge) -> str:
    """How the actor appears publicly: a role, never a resident's name."""
    if actor is None:
        return "system"
    actors = actors_of(actor, challenge)
    for candidate in (Actor.CONTACT_PERSON, Actor.COORDINATOR, Actor.DECISION_MAKER):
        if candidate in actors:
            return candidate.value
    if Actor.CHALLENGER in actors:
        return Actor.CHALLENGER.value
    roles = roles_of(actor, challenge.municipality)
    if roles and roles <= GUEST_ROLES:
        return Role.EVALUATOR.value  # not the municipality: the independent evaluator
    return "staff" if roles else ""


def record(
    challenge: Challenge, kind: str, visibility: Visibility, actor, *, now=None, **fields
) -> Event:
    """An event on the timeline: of this app, or of a phase extension (its own kinds)."""
    if visibility == Visibility.PUBLIC:
        invalidate_municipality(challenge.municipality)  # its public pages show this event
    return Event.objects.create(
        challenge=challenge,
        kind=kind,
        visibility=visibility,
        actor=actor,
        actor_role=actor_role(actor, challenge),
        created_at=moment(now),
        **fields,
    )


def bump(challenge: Challenge, *fields: str, now=None) -> None:
    challenge.version = F("version") + 1
    challenge.updated_at = moment(now)
    challenge.save(update_fields=[*fields, "version", "updated_at"])
    challenge.refresh_from_db(fields=["version"])


__all__ = ["ChallengeChanged", "EventKind", "challenge_locked", "record"]
