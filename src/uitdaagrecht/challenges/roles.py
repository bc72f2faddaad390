"""Who someone is for a challenge: the role predicates, defined once.

The workflow's actors (`actors_of`), the named permissions of every app (`rules`) and the
templates all ask these; no app writes its own "is a decision maker" check.
"""

import rules

from uitdaagrecht.accounts.models import MemberRole, Role
from uitdaagrecht.accounts.permissions import is_staff_member, memberships_of, roles_of

from .workflow import Actor, State


def _has(user, challenge, role: str) -> bool:
    return role in roles_of(user, challenge.municipality)


@rules.predicate
def is_challenger(user, challenge) -> bool:
    """A member of the challenging organisation."""
    return challenge.organisation_id in memberships_of(user)


@rules.predicate
def is_owner_of_challenger(user, challenge) -> bool:
    """An owner of the challenging organisation: may sign for it."""
    return memberships_of(user).get(challenge.organisation_id) == MemberRole.OWNER


@rules.predicate
def is_draft(user, challenge) -> bool:
    return challenge.state == State.DRAFT


@rules.predicate
def is_municipal_staff(user, challenge) -> bool:
    return is_staff_member(user, challenge.municipality)


@rules.predicate
def is_coordinator_of(user, challenge) -> bool:
    return _has(user, challenge, Role.COORDINATOR)


@rules.predicate
def is_decision_maker_of(user, challenge) -> bool:
    return _has(user, challenge, Role.DECISION_MAKER)


@rules.predicate
def is_assessor_of(user, challenge) -> bool:
    return _has(user, challenge, Role.ASSESSOR)


@rules.predicate
def is_contact_person_of(user, challenge) -> bool:
    return challenge.contact_person_id == user.pk and is_municipal_staff(user, challenge)


is_case_handler = is_coordinator_of | is_contact_person_of

# The workflow's actors, each with the predicate that makes someone one for a challenge.
ACTORS = {
    Actor.CHALLENGER: is_challenger,
    Actor.COORDINATOR: is_coordinator_of,
    Actor.DECISION_MAKER: is_decision_maker_of,
    Actor.CONTACT_PERSON: is_contact_person_of,
}


def actors_of(user, challenge) -> frozenset[Actor]:
    """The workflow actors the user is for this challenge."""
    return frozenset(actor for actor, test in ACTORS.items() if test(user, challenge))
