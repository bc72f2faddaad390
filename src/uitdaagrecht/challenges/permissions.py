"""Who may see and do what with a challenge (DESIGN.md §2, §4), from the role predicates.

Object-level: challengers see their own organisations' challenges (drafts included), staff see the
non-draft challenges of their own municipality, everyone else sees only the public page.
"""

import rules

from uitdaagrecht.accounts.models import Role
from uitdaagrecht.accounts.permissions import has_role, is_staff_member

from .roles import (
    is_case_handler,
    is_challenger,
    is_coordinator_of,
    is_draft,
    is_municipal_staff,
)

PERMISSIONS = {
    # on a municipality
    "challenges.view_dashboard": is_staff_member,
    "challenges.change_terms": has_role(Role.COORDINATOR, Role.MUNICIPAL_ADMIN),
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
