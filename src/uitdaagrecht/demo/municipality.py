"""The demo municipality: example texts, departments, budget cycle and one account per role.

Its budget figures are the real CBS figures; everything else is example data, and the pages say
so (municipality.yaml, people.yaml).
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from uitdaagrecht.accounts import otp
from uitdaagrecht.accounts.models import Role, StaffRole, User
from uitdaagrecht.budgets.models import BudgetCycleMoment
from uitdaagrecht.tenants.models import Department, Municipality

from .catalogue import catalog_demo_load
from .files import read
from .logo import demo_logo_png

SETTINGS = read("municipality.yaml")
DOMAIN: str = SETTINGS["domain"]
DEPARTMENTS: list[str] = SETTINGS["departments"]

Account = tuple[str, str, str]  # (role or label, e-mail, password), as printed


def demo_password(role: str) -> str:
    return f"demo-{role.replace('_', '-')}-2026"


def staff_email(role: str) -> str:
    return f"{role.replace('_', '-')}@{DOMAIN}"


@transaction.atomic
def municipality_load() -> tuple[Municipality, list[Account]]:
    """Create or refresh the demo municipality, its departments, budget cycle, one account per
    staff role and the example tasks; returns it and the staff accounts."""
    municipality = Municipality.objects.get(cbs_code=SETTINGS["cbs_code"])
    municipality.is_demo = True
    for field, value in SETTINGS["contact"].items():
        setattr(municipality, field, getattr(municipality, field) or value)
    _theme_load(municipality)
    municipality.save(
        update_fields=["is_demo", *SETTINGS["contact"], "brand_colour", "brand_text_colour", "logo"]
    )
    departments = {
        name: Department.objects.get_or_create(municipality=municipality, name=name)[0]
        for name in DEPARTMENTS
    }
    today = timezone.localdate()
    for moment in SETTINGS["budget_cycle"]:
        month, day = (int(part) for part in moment["date"].split("-"))
        BudgetCycleMoment.objects.get_or_create(
            municipality=municipality,
            kind=moment["kind"],
            date=datetime.date(today.year + 1, month, day),
            defaults={"description": moment["description"]},
        )
    accounts = [_staff_account_load(municipality, Role(role), departments) for role in Role]
    catalog_demo_load(municipality=municipality, today=today)
    return municipality, accounts


def _theme_load(municipality: Municipality) -> None:
    """Its colours and a logo drawn for it, unless the municipality set its own (saved by the
    caller)."""
    theme = SETTINGS["theme"]
    for field in ("brand_colour", "brand_text_colour"):
        setattr(municipality, field, getattr(municipality, field) or theme[field])
    if not municipality.logo:
        png = demo_logo_png(
            name=municipality.name,
            colour=theme["brand_colour"],
            text_colour=theme["brand_text_colour"],
        )
        municipality.logo.save(f"{municipality.slug}-demo.png", ContentFile(png), save=False)


def _staff_account_load(
    municipality: Municipality, role: Role, departments: dict[str, Department]
) -> Account:
    person = read("people.yaml")["staff"][role.value]
    email = staff_email(role.value)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, demo_password(role), full_name=person["name"])
    otp.allow_enrolment(user)  # as an invitation does: the first log-in sets up the app
    department = departments.get(person.get("department", ""))
    staff_role, _created = StaffRole.objects.get_or_create(
        user=user, municipality=municipality, role=role, defaults={"department": department}
    )
    if role == Role.CONTACT_PERSON and staff_role.department != department:
        # Demos loaded before the contact person moved to a neutral department.
        staff_role.department = department
        staff_role.save(update_fields=["department"])
    return (role.label, email, demo_password(role))
