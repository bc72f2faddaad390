import rules

from uitdaagrecht.challenges.api import (
    is_case_handler,
    is_challenger,
    is_decision_maker_of,
    is_owner_of_challenger,
)

PERMISSIONS = {
    # on a challenge
    "agreements.propose": is_challenger | is_case_handler | is_decision_maker_of,
    "agreements.sign_for_challengers": is_owner_of_challenger,
    "agreements.sign_for_municipality": is_decision_maker_of,
}
for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
