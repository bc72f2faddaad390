"""Who may do what in execution and evaluation, from the kernel's role predicates."""

import rules

from uitdaagrecht.accounts.models import Role
from uitdaagrecht.accounts.permissions import roles_of
from uitdaagrecht.challenges.api import (
    is_case_handler,
    is_challenger,
    is_coordinator_of,
    is_municipal_staff,
)

from .models import Assignment


@rules.predicate
def is_assigned_evaluator(user, challenge) -> bool:
    """The independent evaluator the coordinator assigned to this challenge, while the person
    holds the role in its municipality (a role taken away closes the door at once)."""
    if Role.EVALUATOR not in roles_of(user, challenge.municipality):
        return False
    # Asked several times per request (the page, the form, the service): looked up once, as
    # roles_of does, on the user object of the request.
    cache = getattr(user, "_ou_assigned", None)
    if cache is None:
        cache = user._ou_assigned = {}
    if challenge.pk not in cache:
        cache[challenge.pk] = Assignment.objects.filter(
            challenge_id=challenge.pk, evaluator_id=user.pk
        ).exists()
    return cache[challenge.pk]


PERMISSIONS = {
    # on a challenge
    "monitoring.hand_over": is_case_handler,
    "monitoring.add_moment": is_case_handler,
    "monitoring.report": is_challenger,
    "monitoring.acknowledge": is_case_handler,
    "monitoring.view_reports": is_challenger | is_municipal_staff,
    "monitoring.evaluate": is_case_handler | is_assigned_evaluator,
    "monitoring.evaluate_independently": is_assigned_evaluator,
    "monitoring.assign_evaluator": is_coordinator_of,
    "monitoring.moderate_feedback": is_case_handler | is_coordinator_of,
}
for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
