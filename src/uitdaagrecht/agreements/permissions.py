import rules

from uitdaagrecht.accounts.models import MemberRole, Role
from uitdaagrecht.accounts.permissions import roles_of
from uitdaagrecht.challenges.permissions import is_case_handler, is_challenger, memberships_of


@rules.predicate
def is_owner_of_challenger(user, challenge) -> bool:
    return memberships_of(user).get(challenge.organisation_id) == MemberRole.OWNER


@rules.predicate
def is_decision_maker_of(user, challenge) -> bool:
    return Role.DECISION_MAKER in roles_of(user, challenge.municipality)


PERMISSIONS = {
    # on a challenge
    "agreements.propose": is_challenger | is_case_handler | is_decision_maker_of,
    "agreements.sign_for_challengers": is_owner_of_challenger,
    "agreements.sign_for_municipality": is_decision_maker_of,
}
for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
