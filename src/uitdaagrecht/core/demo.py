"""The demo municipality: example texts, departments, budget cycle and one account per role.

Its budget figures are the real CBS figures; everything else is example data, and the pages say so.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from uitdaagrecht.accounts.models import Role, StaffRole, User
from uitdaagrecht.budgets.models import BudgetCycleMoment
from uitdaagrecht.catalog.demo import catalog_demo_load
from uitdaagrecht.challenges.demo import challenges_demo_load
from uitdaagrecht.tenants.models import Department, Municipality

DEMO_CBS_CODE = "GM0193"  # Zwolle
DEMO_DOMAIN = "demo.open-uitdaagrecht.nl"
DEPARTMENTS = [
    "Openbare Ruimte",
    "Sociaal Domein",
    "Sport en Cultuur",
    "Bedrijfsvoering",
    "Strategie en Participatie",
]
# The contact person works in a department that owns none of the tasks, so they are neutral for
# every challenge (DESIGN.md §2); the advisor in one that owns many.
ROLE_DEPARTMENT = {
    Role.ADVISOR: "Openbare Ruimte",
    Role.CONTACT_PERSON: "Strategie en Participatie",
}
NAMES = {
    Role.COORDINATOR: "Cor Dinator",
    Role.CONTACT_PERSON: "Connie Tact",
    Role.ADVISOR: "Ad Viseur",
    Role.ASSESSOR: "Bea Oordelaar",
    Role.DECISION_MAKER: "Bas Besluit",
    Role.MUNICIPAL_ADMIN: "Fay Beheer",
}


def demo_password(role: str) -> str:
    return f"demo-{role.replace('_', '-')}-2026"


def demo_load() -> tuple[Municipality, list[tuple[str, str, str]]]:
    """Create or refresh the demo municipality with its example tasks and challenges; returns it
    and the (role, e-mail, password) rows of the demo accounts, staff first."""
    municipality, accounts = _municipality_load()
    # In its own transaction: it quiets e-mail until its own commit.
    accounts += challenges_demo_load(municipality=municipality, domain=DEMO_DOMAIN)
    return municipality, accounts


@transaction.atomic
def _municipality_load() -> tuple[Municipality, list[tuple[str, str, str]]]:
    municipality = Municipality.objects.get(cbs_code=DEMO_CBS_CODE)
    municipality.is_demo = True
    municipality.contact_name = municipality.contact_name or "Team Uitdaagrecht"
    municipality.contact_email = municipality.contact_email or f"uitdaagrecht@{DEMO_DOMAIN}"
    municipality.contact_phone = municipality.contact_phone or "14 038"
    municipality.contact_hours = (
        municipality.contact_hours or "Maandag tot en met vrijdag, 9–17 uur"
    )
    municipality.save()
    departments = {
        name: Department.objects.get_or_create(municipality=municipality, name=name)[0]
        for name in DEPARTMENTS
    }
    today = timezone.localdate()
    year = today.year + 1
    for kind, date, description in [
        (
            BudgetCycleMoment.Kind.FRAMEWORK,
            datetime.date(year, 6, 30),
            "Inspreken bij de commissie Bestuur: meld u twee dagen vooraf aan bij de griffie.",
        ),
        (
            BudgetCycleMoment.Kind.ACCOUNTS,
            datetime.date(year, 7, 7),
            "Raadsvergadering over de jaarrekening.",
        ),
        (
            BudgetCycleMoment.Kind.BUDGET,
            datetime.date(year, 11, 10),
            "Begrotingsraad: inspreken bij de commissie in oktober.",
        ),
    ]:
        BudgetCycleMoment.objects.get_or_create(
            municipality=municipality, kind=kind, date=date, defaults={"description": description}
        )
    accounts = []
    for role in Role:
        email = f"{role.value.replace('_', '-')}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, demo_password(role), full_name=NAMES[role])
        staff_role, _created = StaffRole.objects.get_or_create(
            user=user,
            municipality=municipality,
            role=role,
            defaults={"department": departments.get(ROLE_DEPARTMENT.get(role, ""))},
        )
        if role == Role.CONTACT_PERSON and staff_role.department != departments.get(
            ROLE_DEPARTMENT[role]
        ):
            # Demos loaded before the contact person moved to a neutral department.
            staff_role.department = departments[ROLE_DEPARTMENT[role]]
            staff_role.save(update_fields=["department"])
        accounts.append((role.label, email, demo_password(role)))
    catalog_demo_load(municipality=municipality, today=today)
    return municipality, accounts
