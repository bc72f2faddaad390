"""The challenge's one fixed, neutral contact person (tips 6 and 9)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.accounts.models import Role, StaffRole, User
from uitdaagrecht.notifications.models import Kind
from uitdaagrecht.notifications.personal import notify

from ..models import Challenge, EventKind, Visibility
from ..workflow import END_STATES
from . import base


def contact_person_problem(challenge: Challenge, person: User) -> str | None:
    """Why this person cannot be the contact person, or None. Neutrality (tip 6): nobody from
    a department that owns one of the challenged tasks."""
    roles = list(StaffRole.objects.filter(user=person, municipality_id=challenge.municipality_id))
    if not any(r.role == Role.CONTACT_PERSON for r in roles):
        return _("{name} does not have the role of contact person in this municipality.").format(
            name=person
        )
    owning = {t.department_id: t.department for t in challenge.tasks.select_related("department")}
    conflict = next((r.department for r in roles if r.department_id in owning), None)
    if conflict is not None:
        return _(
            "{name} works at {department}, the department that owns the challenged task. The "
            "contact person must be neutral: choose someone from another department."
        ).format(name=person, department=conflict.name)
    return None


@transaction.atomic
def contact_person_assign(
    *, challenge: Challenge, person: User, actor: User, version: int | None, now=None
) -> Challenge:
    current = base.challenge_locked(challenge, version=version)
    if not actor.has_perm("challenges.assign", current):
        raise PermissionDenied
    if current.state in END_STATES:
        raise ValidationError(_("This challenge is closed; its contact person stays as it was."))
    if current.contact_person_id == person.pk:
        raise ValidationError(_("{name} is already the contact person.").format(name=person))
    problem = contact_person_problem(current, person)
    if problem:
        raise ValidationError(problem)
    previous = current.contact_person
    current.contact_person = person
    base.bump(current, "contact_person", now=now)
    base.record(
        current,
        EventKind.ASSIGNMENT,
        Visibility.PARTICIPANTS,
        actor,
        now=now,
        data={"contact_person": person.pk, "previous": previous.pk if previous else None},
        text=str(person),
    )
    params = {"reference": current.reference, "title": current.title, "name": str(person)}
    staff_url = base.dossier_url(current, staff=True)
    notify(
        users=base.challengers(current),
        kind=Kind.ASSIGNMENT,
        params=params,
        # The civil servant's name: the challengers need to know whom to call.
        text=gettext_lazy("Challenge {reference}: your contact person is {name}"),
        url=base.dossier_url(current, staff=False),
        at=now,
    )
    notify(
        users=[person],
        kind=Kind.ASSIGNMENT,
        params=params,
        text=gettext_lazy("You are the contact person for challenge {reference} “{title}”"),
        url=staff_url,
        exclude=actor,
        at=now,
    )
    if previous:
        notify(
            users=[previous],
            kind=Kind.ASSIGNMENT,
            params=params,
            text=gettext_lazy("You are no longer the contact person for challenge {reference}"),
            url=staff_url,
            exclude=actor,
            at=now,
        )
    return current
