"""Who may see and do what with a challenge (DESIGN.md §2, §4).

Object-level: challengers see their own organisations' challenges (drafts included), staff see the
non-draft challenges of their own municipality, everyone else sees only the public page.
"""

import rules

from uitdaagrecht.accounts.models import MemberRole, Role
from uitdaagrecht.accounts.permissions import (  # noqa: F401 (memberships_of: re-exported)
    forget_memberships,
    has_role,
    is_staff_member,
    memberships_of,
    roles_of,
)

from .workflow import Actor, State


def actors_of(user, challenge) -> frozenset[Actor]:
    """The workflow actors the user is for this challenge."""
    found = set()
    if challenge.organisation_id in memberships_of(user):
        found.add(Actor.CHALLENGER)
    roles = roles_of(user, challenge.municipality)
    if Role.COORDINATOR in roles:
        found.add(Actor.COORDINATOR)
    if Role.DECISION_MAKER in roles:
        found.add(Actor.DECISION_MAKER)
    if roles and challenge.contact_person_id == user.pk:
        found.add(Actor.CONTACT_PERSON)
    return frozenset(found)


@rules.predicate
def is_challenger(user, challenge) -> bool:
    return challenge.organisation_id in memberships_of(user)


@rules.predicate
def is_owner(user, organisation) -> bool:
    return memberships_of(user).get(organisation.pk) == MemberRole.OWNER


@rules.predicate
def is_member(user, organisation) -> bool:
    return organisation.pk in memberships_of(user)


@rules.predicate
def is_draft(user, challenge) -> bool:
    return challenge.state == State.DRAFT


@rules.predicate
def is_municipal_staff(user, challenge) -> bool:
    return is_staff_member(user, challenge.municipality)


@rules.predicate
def is_coordinator_of(user, challenge) -> bool:
    return Role.COORDINATOR in roles_of(user, challenge.municipality)


@rules.predicate
def is_contact_person_of(user, challenge) -> bool:
    return challenge.contact_person_id == user.pk and is_municipal_staff(user, challenge)


is_case_handler = is_coordinator_of | is_contact_person_of

PERMISSIONS = {
    # on a municipality
    "challenges.view_dashboard": is_staff_member,
    "challenges.change_terms": has_role(Role.COORDINATOR, Role.MUNICIPAL_ADMIN),
    # on an organisation
    "accounts.view_organisation": is_member,
    "accounts.manage_organisation": is_owner,
    # on a challenge
    "challenges.edit_draft": is_challenger & is_draft,
    "challenges.view_as_challenger": is_challenger,
    "challenges.view_as_staff": is_municipal_staff & ~is_draft,
    "challenges.post_message": (is_challenger | is_case_handler) & ~is_draft,
    "challenges.add_document": (is_challenger | is_municipal_staff) & ~is_draft,
    "challenges.add_note": is_municipal_staff & ~is_draft,
    "challenges.log_contact": is_case_handler & ~is_draft,
    "challenges.assign": is_coordinator_of & ~is_draft,
    "challenges.pause": is_case_handler & ~is_draft,
    "challenges.extend_term": is_coordinator_of & ~is_draft,
    "challenges.publish_document": is_case_handler,
}
for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
