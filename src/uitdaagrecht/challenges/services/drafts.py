"""Drafts: the challengers write their offer, alone or as a team; nobody else sees it."""

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from uitdaagrecht.accounts.models import Organisation, User
from uitdaagrecht.accounts.permissions import memberships_of
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.tenants.models import Municipality

from ..models import Challenge, EventKind, Visibility
from ..workflow import State
from . import base

# What must be filled in before an offer can be submitted, with the form step that asks it.
REQUIRED_FOR_SUBMIT = {
    "title": 1,
    "mode": 1,
    "summary": 2,
    "why_better": 2,
    "plan_what": 2,
    "plan_how": 2,
    "capacity": 3,
}


@transaction.atomic
def draft_start(
    *,
    municipality: Municipality,
    organisation: Organisation,
    actor: User,
    title: str,
    tasks: Iterable[Task] = (),
    now=None,
) -> Challenge:
    if organisation.pk not in memberships_of(actor):
        raise PermissionDenied
    now = base.moment(now)
    challenge = Challenge.objects.create(
        municipality=municipality,
        organisation=organisation,
        title=title,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    challenge.tasks.set([t for t in tasks if t.municipality_id == municipality.pk])
    base.record(challenge, EventKind.CREATED, Visibility.PARTICIPANTS, actor, now=now)
    return challenge


@transaction.atomic
def draft_update(
    *,
    challenge: Challenge,
    actor: User,
    values: dict,
    tasks: Sequence[Task] | None = None,
    now=None,
) -> Challenge:
    """Save what the challengers typed in one step of the form; empty fields are fine in a draft."""
    current = base.challenge_locked(challenge, states=[State.DRAFT])
    if not actor.has_perm("challenges.edit_draft", current):
        raise base.ChallengeChanged()
    for name, value in values.items():
        setattr(current, name, value)
    current.updated_at = base.moment(now)
    current.save(update_fields=[*values, "updated_at"])
    if tasks is not None:
        current.tasks.set([t for t in tasks if t.municipality_id == current.municipality_id])
    return current


def missing_for_submit(challenge: Challenge) -> list[tuple[str, int]]:
    """(field label, form step) of everything that must be filled in before submitting."""
    missing = [
        (str(Challenge._meta.get_field(name).verbose_name), step)
        for name, step in REQUIRED_FOR_SUBMIT.items()
        if not getattr(challenge, name)
    ]
    if not challenge.other_task and not challenge.tasks.exists():
        missing.insert(0, (_("the task(s): from the catalogue or described in words"), 1))
    return missing
