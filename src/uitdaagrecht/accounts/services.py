"""Writes for accounts: staff invitations and roles."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from uitdaagrecht.core.tokens import token_hash
from uitdaagrecht.tenants.models import Department, Municipality

from .models import Role, StaffInvitation, StaffRole, User
from .permissions import forget_roles


@transaction.atomic
def staff_invite(
    *,
    municipality: Municipality,
    email: str,
    roles: list[str],
    department: Department | None,
    invited_by: User,
    accept_url: "callable",
) -> StaffInvitation:
    """Invite someone by e-mail to join the municipality's staff with the given roles.

    `accept_url(token)` builds the absolute link; the token itself is never stored.
    """
    token = secrets.token_urlsafe(32)
    invitation = StaffInvitation.objects.create(
        municipality=municipality,
        email=email.lower(),
        roles=sorted(set(roles)),
        department=department,
        token_hash=token_hash(token),
        invited_by=invited_by,
    )
    link = accept_url(token)

    def send() -> None:
        with override(settings.LANGUAGE_CODE):
            context = {"invitation": invitation, "link": link, "municipality": municipality}
            send_mail(
                subject=_("Invitation: Right to Challenge staff of {name}").format(
                    name=municipality.name
                ),
                message=render_to_string("accounts/email/invitation.txt", context),
                from_email=None,
                recipient_list=[invitation.email],
            )

    transaction.on_commit(send)
    return invitation


def staff_invitation_by_token(token: str) -> StaffInvitation | None:
    return (
        StaffInvitation.objects.select_related("municipality", "department")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def staff_invitation_accept(*, invitation: StaffInvitation, user: User) -> None:
    invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation has expired or has already been used."))
    if user.email.lower() != invitation.email:
        raise ValidationError(
            _("This invitation is for another e-mail address. Log in with that address.")
        )
    for role in invitation.roles:
        StaffRole.objects.get_or_create(
            user=user,
            municipality=invitation.municipality,
            role=role,
            defaults={"department": invitation.department, "granted_by": invitation.invited_by},
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_roles(user)


@transaction.atomic
def staff_invitation_accept_with_new_account(
    *, invitation: StaffInvitation, full_name: str, password: str
) -> User:
    """Create the invited person's account and give it the roles, or neither."""
    user = User.objects.create_user(invitation.email, password, full_name=full_name)
    staff_invitation_accept(invitation=invitation, user=user)
    return user


@transaction.atomic
def staff_roles_set(
    *,
    municipality: Municipality,
    user: User,
    roles: list[str],
    department: Department | None,
    actor: User,
) -> None:
    """Give the user exactly these roles in the municipality (none removes them from its staff).

    The municipality always keeps at least one administrator, so it never locks itself out.
    """
    wanted = set(roles)
    current = {
        r.role: r
        for r in StaffRole.objects.select_for_update().filter(municipality=municipality, user=user)
    }
    if Role.MUNICIPAL_ADMIN in current and Role.MUNICIPAL_ADMIN not in wanted:
        other_admins = (
            StaffRole.objects.filter(municipality=municipality, role=Role.MUNICIPAL_ADMIN)
            .exclude(user=user)
            .exists()
        )
        if not other_admins:
            raise ValidationError(
                _("The municipality needs at least one municipal administrator."),
                code="last_admin",
            )
    for role, staff_role in current.items():
        if role not in wanted:
            staff_role.delete()
        elif staff_role.department != department:
            staff_role.department = department
            staff_role.save(update_fields=["department"])
    for role in wanted - set(current):
        StaffRole.objects.create(
            user=user, municipality=municipality, role=role, department=department, granted_by=actor
        )
    forget_roles(user)
