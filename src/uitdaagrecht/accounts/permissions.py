"""Named predicates: who may do what in a municipality (DESIGN.md §4).

Every staff page and action asks one of these permissions with the municipality as the object,
e.g. `user.has_perm("tenants.change_texts", municipality)`. Views, templates and the API use the
same names; later features add predicates here, they do not write their own checks.
"""

import rules

from .models import MemberRole, Role


def roles_of(user, municipality) -> frozenset[str]:
    """The user's roles in the municipality, fetched once per request and user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or municipality is None:
        return frozenset()
    # An attribute, not user.__dict__: request.user is a lazy proxy whose own __dict__ is not
    # the user's, and setattr passes through to the real user.
    cache = getattr(user, "_ou_roles", None)
    if cache is None:
        cache = user._ou_roles = {}
    if municipality.pk not in cache:
        cache[municipality.pk] = frozenset(
            user.staff_roles.filter(municipality_id=municipality.pk).values_list("role", flat=True)
        )
    return cache[municipality.pk]


def forget_roles(user) -> None:
    if getattr(user, "_ou_roles", None) is not None:
        user._ou_roles = None


def memberships_of(user) -> dict[int, str]:
    """{organisation id: member role} of the user, fetched once per request and user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    # An attribute, not user.__dict__: request.user is a lazy proxy (see roles_of).
    if getattr(user, "_ou_memberships", None) is None:
        user._ou_memberships = dict(user.memberships.values_list("organisation_id", "role"))
    return user._ou_memberships


def forget_memberships(user) -> None:
    if getattr(user, "_ou_memberships", None) is not None:
        user._ou_memberships = None


def has_role(*roles: Role) -> rules.Predicate:
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_role({', '.join(sorted(wanted))})")
    def predicate(user, municipality) -> bool:
        return bool(roles_of(user, municipality) & wanted)

    return predicate


# Roles that open no workspace: the independent evaluator reaches only the evaluations of the
# challenges assigned to it (monitoring), never the municipality's staff pages.
GUEST_ROLES = frozenset({Role.EVALUATOR})


@rules.predicate
def is_staff_member(user, municipality) -> bool:
    return bool(roles_of(user, municipality) - GUEST_ROLES)


@rules.predicate
def is_owner(user, organisation) -> bool:
    return memberships_of(user).get(organisation.pk) == MemberRole.OWNER


@rules.predicate
def is_member(user, organisation) -> bool:
    return organisation.pk in memberships_of(user)


is_coordinator = has_role(Role.COORDINATOR)
is_municipal_admin = has_role(Role.MUNICIPAL_ADMIN)

PERMISSIONS = {
    "tenants.view_workspace": is_staff_member,
    "tenants.change_texts": is_coordinator | is_municipal_admin,
    "tenants.change_theme": is_municipal_admin,
    "tenants.manage_departments": is_municipal_admin,
    "budgets.change_cycle": is_coordinator | is_municipal_admin,
    "accounts.manage_staff": is_municipal_admin,
    "catalog.change_catalog": is_municipal_admin,
    "catalog.view_changes": is_municipal_admin | is_coordinator,
    # on an organisation
    "accounts.view_organisation": is_member,
    "accounts.manage_organisation": is_owner,
}
for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
