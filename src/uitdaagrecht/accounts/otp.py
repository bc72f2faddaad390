"""Two-factor authentication (TOTP) for staff, with django-otp.

An authenticator app is set up only with a grant: an unconfirmed device, made when an invitation
is accepted (`allow_enrolment`) or when an administrator resets the second factor
(`reset_second_factor`). A staff password alone never sets one up."""

import segno
from django.conf import settings
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice


def needs_second_factor(user) -> bool:
    """Staff must have verified a TOTP code in this session before the workspace opens."""
    return settings.STAFF_2FA_REQUIRED and not user.is_verified()


def is_staff_anywhere(user) -> bool:
    """A role in any municipality (or the platform's superuser): such an account shows nothing
    of its staff side before the second factor."""
    return user.is_authenticated and (user.is_superuser or user.staff_roles.exists())


def must_verify(user) -> bool:
    return needs_second_factor(user) and is_staff_anywhere(user)  # the query only if needed


def has_confirmed_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_device(user) -> TOTPDevice | None:
    """The device being set up, if the account may set one up (see the module's docstring)."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).select_related("user").first()


def allow_enrolment(user) -> None:
    """An accepted invitation: the next visit of the two-factor page sets up the app, unless the
    account has one already."""
    if not has_confirmed_device(user) and pending_device(user) is None:
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def reset_second_factor(user) -> None:
    """An administrator's reset (lost phone): the old app stops working, a new one may be set up."""
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG QR code (no external service, no script)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=True)
