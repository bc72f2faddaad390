"""Writes for accounts: staff invitations and roles."""

import secrets
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.hashers import check_password, is_password_usable, make_password
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from uitdaagrecht.core.outbox import mail_queue
from uitdaagrecht.core.tokens import token_hash
from uitdaagrecht.tenants.models import Department, Municipality

from . import otp
from .models import (
    MemberRole,
    Membership,
    Organisation,
    OrganisationInvitation,
    Role,
    StaffInvitation,
    StaffRole,
    User,
)
from .permissions import forget_memberships, forget_roles
from .tokens import AccountStateTokens


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
    with override(settings.LANGUAGE_CODE):
        _mail(
            to=invitation.email,
            subject=_("Invitation: Right to Challenge staff of {name}").format(
                name=municipality.name
            ),
            template="accounts/email/invitation.txt",
            context={
                "invitation": invitation,
                "link": accept_url(token),
                "municipality": municipality,
            },
            purpose="staff-invitation",
            municipality_id=municipality.pk,
        )
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


# ---------------------------------------------------------------- residents and organisations

REGISTRATION_SALT = "uitdaagrecht.accounts.registration"
REGISTRATION_MAX_AGE = 3 * 24 * 3600
REGISTRATION_RESEND_SECONDS = 5 * 60
# What a confirmation link may do besides confirming: log in, when it was sent to whoever chose
# the account's password; otherwise only confirm (see resident_register).
LOG_IN, CONFIRM_ONLY = "in", "ok"
registration_tokens = AccountStateTokens(
    salt=REGISTRATION_SALT, max_age=REGISTRATION_MAX_AGE, purposes=(LOG_IN, CONFIRM_ONLY)
)


class Confirmed(NamedTuple):
    user: User
    log_in: bool


def _mail(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    purpose: str,
    municipality_id: int | None = None,
) -> None:
    """Queue the e-mail in the current transaction (core.outbox): a worker sends it."""
    with override(settings.LANGUAGE_CODE):
        mail_queue(
            to=to,
            subject=str(subject),
            body=render_to_string(template, context),
            purpose=purpose,
            municipality_id=municipality_id,
        )


def _same_password(password: str, encoded: str) -> bool:
    """check_password, computing one hash also when the stored password is unusable."""
    if not is_password_usable(encoded):
        make_password(password)
        return False
    return check_password(password, encoded)


@transaction.atomic
def resident_register(
    *, email: str, full_name: str, password: str, verify_url: "callable", reset_url: str
) -> None:
    """Register a resident; the account works once the link in the e-mail is followed.

    For an address that already has an account the answer on screen is the same, and that
    address gets a "you already have an account" e-mail, so the form does not reveal who is
    registered; every way through computes one password hash, so neither does its timing.

    Registration never changes an existing account's password (or name): an address registered
    but not confirmed yet keeps the password chosen first, and gets a new link to confirm it. If
    the second registration gave another password, that link confirms but does not log in:
    whoever follows it logs in with the first password, or chooses a new one by password reset.
    """
    email = email.strip().lower()
    # At most one e-mail per address per few minutes: the form must not become a way to flood
    # someone's mailbox. The answer on screen stays the same.
    if not cache.add(f"register:{token_hash(email)}", 1, REGISTRATION_RESEND_SECONDS):
        make_password(password)  # the same work as any other answer
        return
    existing = User.objects.select_for_update().filter(email=email).first()
    if existing is not None and existing.is_active:
        make_password(password)  # the same work as creating an account
        _mail(
            to=email,
            subject=_("Open Uitdaagrecht: you already have an account"),
            template="accounts/email/already_registered.txt",
            context={"link": reset_url},
            purpose="registration",
        )
        return
    if existing is None:
        user = User.objects.create_user(email, password, full_name=full_name, is_active=False)
        purpose = LOG_IN
    else:  # registered before but never confirmed
        user = existing
        purpose = LOG_IN if _same_password(password, existing.password) else CONFIRM_ONLY
        if purpose == LOG_IN and full_name != user.full_name:
            user.full_name = full_name  # the same person: they know the password
            user.save(update_fields=["full_name"])
    _mail(
        to=email,
        subject=_("Open Uitdaagrecht: confirm your e-mail address"),
        template="accounts/email/verify.txt",
        context={"link": verify_url(registration_tokens.make(user, purpose=purpose)), "user": user},
        purpose="registration",
    )


@transaction.atomic
def resident_verify(*, token: str) -> Confirmed:
    """Activate the account the link is for. A link works once: activating the account (and
    logging in, or a new password) changes what its token was made from."""
    parsed = registration_tokens.parse(token)
    user = (
        User.objects.select_for_update().filter(pk=parsed.pk).first()
        if parsed is not None
        else None
    )
    if user is None or user.is_active or not registration_tokens.check(user, parsed):
        raise ValidationError(
            _("This link is not valid or has expired. Register again to get a new one.")
        )
    user.is_active = True
    user.save(update_fields=["is_active"])
    return Confirmed(user=user, log_in=parsed.purpose == LOG_IN)


@transaction.atomic
def organisation_create(*, actor: User, **fields) -> Organisation:
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(organisation=organisation, user=actor, role=MemberRole.OWNER)
    forget_memberships(actor)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, actor: User, **fields) -> Organisation:
    if not actor.has_perm("accounts.manage_organisation", organisation):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save(update_fields=list(fields))
    return organisation


@transaction.atomic
def organisation_invite(
    *, organisation: Organisation, email: str, role: str, actor: User, accept_url: "callable"
) -> OrganisationInvitation:
    if not actor.has_perm("accounts.manage_organisation", organisation):
        raise PermissionDenied
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    token = secrets.token_urlsafe(32)
    invitation = OrganisationInvitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=token_hash(token),
        invited_by=actor,
    )
    _mail(
        to=email,
        subject=_("Invitation to join {name} on Open Uitdaagrecht").format(name=organisation.name),
        template="accounts/email/organisation_invitation.txt",
        context={"organisation": organisation, "link": accept_url(token), "invited_by": actor},
        purpose="organisation-invitation",
    )
    return invitation


def organisation_invitation_by_token(token: str) -> OrganisationInvitation | None:
    return (
        OrganisationInvitation.objects.select_related("organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def organisation_invitation_accept(*, invitation: OrganisationInvitation, user: User) -> None:
    invitation = OrganisationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation has expired or has already been used."))
    if user.email.lower() != invitation.email:
        raise ValidationError(
            _("This invitation is for another e-mail address. Log in with that address.")
        )
    Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    forget_memberships(user)


@transaction.atomic
def member_remove(*, organisation: Organisation, user: User, actor: User) -> None:
    """Owners remove members; anyone may leave. The organisation always keeps an owner."""
    if actor.pk != user.pk and not actor.has_perm("accounts.manage_organisation", organisation):
        raise PermissionDenied
    memberships = list(Membership.objects.select_for_update().filter(organisation=organisation))
    mine = next((m for m in memberships if m.user_id == user.pk), None)
    if mine is None:
        return
    owners = [m for m in memberships if m.role == MemberRole.OWNER]
    if mine.role == MemberRole.OWNER and len(owners) == 1:
        raise ValidationError(
            _("The organisation needs at least one owner. Make someone else owner first.")
        )
    mine.delete()


@transaction.atomic
def second_factor_reset(*, user: User, actor: User, municipality: Municipality) -> None:
    """A lost phone: the old authenticator stops working, a new one may be set up."""
    if not actor.has_perm("accounts.manage_staff", municipality):
        raise PermissionDenied
    otp.reset_second_factor(user)
