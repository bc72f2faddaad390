"""Who may do what in execution and evaluation, from the kernel's role predicates."""

import rules

from uitdaagrecht.challenges.api import (
    is_case_handler,
    is_challenger,
    is_coordinator_of,
    is_municipal_staff,
)

PERMISSIONS = {
    # on a challenge
    "monitoring.hand_over": is_case_handler,
    "monitoring.add_moment": is_case_handler,
    "monitoring.report": is_challenger,
    "monitoring.acknowledge": is_case_handler,
    "monitoring.view_reports": is_challenger | is_municipal_staff,
    "monitoring.evaluate": is_case_handler,
    "monitoring.moderate_feedback": is_case_handler | is_coordinator_of,
}
for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
