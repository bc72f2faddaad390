"""Who answers 'Klopt dit niet?' reports: the municipality's coordinators and admins."""

import rules

from uitdaagrecht.accounts.permissions import is_coordinator, is_municipal_admin

PERMISSIONS = {"opendata.answer_reports": is_coordinator | is_municipal_admin}
for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
