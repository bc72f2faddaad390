"""Who may do what in the assessment. Advisors advise and never decide; assessors score; only
decision makers decide (DESIGN.md §2)."""

import rules

from uitdaagrecht.accounts.models import Role
from uitdaagrecht.accounts.permissions import has_role
from uitdaagrecht.challenges.api import is_assessor_of, is_coordinator_of, is_decision_maker_of


def departments_of(user, municipality, role: str) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        user.staff_roles.filter(municipality=municipality, role=role).values_list(
            "department_id", flat=True
        )
    )


@rules.predicate
def is_advisor_for(user, advice_request) -> bool:
    challenge = advice_request.challenge
    return advice_request.department_id in departments_of(
        user, challenge.municipality, Role.ADVISOR
    )


PERMISSIONS = {
    # on a municipality
    "assessment.change_framework": has_role(Role.COORDINATOR, Role.MUNICIPAL_ADMIN),
    # on a challenge
    "assessment.request_advice": is_coordinator_of,
    "assessment.score": is_assessor_of,
    "assessment.decide": is_decision_maker_of,
    # on an advice request
    "assessment.give_advice": is_advisor_for,
}
for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
