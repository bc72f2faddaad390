"""The demo's people and organisations (people.yaml, organisations.yaml).

Accounts and organisations have no service that takes a moment, so they are created now and
back-dated: residents joined two years ago, organisations were founded before their first
challenge.
"""

import datetime

from django.db import transaction

from uitdaagrecht.accounts.models import MemberRole, Membership, Organisation, Role, StaffRole, User
from uitdaagrecht.accounts.permissions import forget_memberships
from uitdaagrecht.accounts.services import organisation_create
from uitdaagrecht.tenants.models import Department, Municipality

from .files import read
from .municipality import DOMAIN, Account, staff_email

JOINED_DAYS_AGO = 720


@transaction.atomic
def people_load(municipality: Municipality, now: datetime.datetime) -> dict[str, User]:
    """Everyone in the stories by their key: the staff accounts by their role, the other staff
    and the residents by name. Creates the ones that are missing."""
    people = read("people.yaml")
    cast = {role.value: User.objects.get(email=staff_email(role.value)) for role in Role}
    for person in people["residents"]:
        email = f"{person['email']}@{DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, person.get("password"), full_name=person["name"])
            joined = now - datetime.timedelta(days=JOINED_DAYS_AGO)
            User.objects.filter(pk=user.pk).update(date_joined=joined)
        cast[person["key"]] = user
    departments = {d.name: d for d in Department.objects.filter(municipality=municipality)}
    for person in people["extra_staff"]:
        email = f"{person['email']}@{DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, None, full_name=person["name"])
        StaffRole.objects.get_or_create(
            user=user,
            municipality=municipality,
            role=person["role"],
            defaults={"department": departments.get(person.get("department", ""))},
        )
        cast[person["key"]] = user
    return cast


def resident_accounts() -> list[Account]:
    """The residents who can log in: (label, e-mail, password) as printed."""
    return [
        (person["label"], f"{person['email']}@{DOMAIN}", person["password"])
        for person in read("people.yaml")["residents"]
        if person.get("password")
    ]


def staff_keys() -> list[str]:
    """The keys of the municipality's people: its staff work on weekdays."""
    return [role.value for role in Role] + [p["key"] for p in read("people.yaml")["extra_staff"]]


def organisation_names() -> list[str]:
    return [spec["name"] for spec in read("organisations.yaml")]


@transaction.atomic
def organisations_load(cast: dict[str, User], now: datetime.datetime) -> dict[str, Organisation]:
    """The organisations by their key, each with its owner and members."""
    organisations = {}
    for spec in read("organisations.yaml"):
        owner = cast[spec["owner"]]
        organisation = Organisation.objects.filter(
            name=spec["name"], memberships__user=owner, memberships__role=MemberRole.OWNER
        ).first()
        if organisation is None:
            organisation = organisation_create(
                actor=owner,
                name=spec["name"],
                legal_form=spec["legal_form"],
                kvk_number=spec.get("kvk_number", ""),
                neighbourhoods=spec["neighbourhoods"],
            )
            founded = now - datetime.timedelta(days=spec["founded_days_ago"])
            Organisation.objects.filter(pk=organisation.pk).update(created_at=founded)
            Membership.objects.filter(organisation=organisation).update(joined_at=founded)
        for key in spec.get("members", ()):
            Membership.objects.get_or_create(
                organisation=organisation, user=cast[key], defaults={"role": MemberRole.MEMBER}
            )
        organisations[spec["key"]] = organisation
    for user in cast.values():
        forget_memberships(user)
    return organisations
