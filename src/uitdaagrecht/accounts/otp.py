"""Two-factor authentication (TOTP) for staff, with django-otp.

An authenticator app is set up only with a grant: an unconfirmed device, made when an invitation
is accepted (`allow_enrolment`) or when an administrator resets the second factor
(`reset_second_factor`). A staff password alone never sets one up.

Backup codes (django-otp's static tokens) are issued when an app is set up and whenever the person
asks for new ones: each works once at the second-factor step, so a lost phone is not a call to the
administrator. The codes are shown once; a new set replaces the old one."""

import re

import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "backup codes"
# StaticToken.random_token(): eight characters of lowercase base32.
_BACKUP_CODE = re.compile(r"^[a-z2-7]{8}$")


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
    """An authenticator app is set up (backup codes alone are no second factor to set up from)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


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
    """An administrator's reset (lost phone): the old app and its backup codes stop working, a new
    one may be set up."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def normalised_backup_code(text: str) -> str | None:
    """A backup code as people copy it (spaces, hyphens, capitals), or None if it cannot be one."""
    code = re.sub(r"[\s-]", "", text).lower()
    return code if _BACKUP_CODE.match(code) else None


@transaction.atomic
def backup_codes_issue(user) -> list[str]:
    """A new set of backup codes; the previous set stops working. Returned to be shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes: list[str] = []
    while len(codes) < BACKUP_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def backup_code_use(user, code: str) -> StaticDevice | None:
    """Use one backup code (it is then gone); the device to log in with, or None."""
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None and device.verify_token(code):
        return device
    return None


def current_code_matches(user, text: str) -> TOTPDevice | StaticDevice | None:
    """A code from the confirmed app, or else one of the backup codes (used up)."""
    text = text.strip()
    if text.isdigit():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_token(text):
                return device
        return None
    code = normalised_backup_code(text)
    return backup_code_use(user, code) if code else None


def reenrol_start(user) -> TOTPDevice:
    """A new authenticator app, asked for from the account page (after a current code): set up
    beside the old one, which keeps working until the new one is confirmed."""
    device = pending_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def reenrol_confirm(user, device: TOTPDevice) -> list[str]:
    """The new app gave a correct code: it replaces the old one, with new backup codes."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_issue(user)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG QR code (no external service, no script)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=True)
