"""Two-factor authentication (TOTP) for staff, with django-otp."""

import segno
from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice


def needs_second_factor(user) -> bool:
    """Staff must have verified a TOTP code in this session before the workspace opens."""
    return settings.STAFF_2FA_REQUIRED and not user.is_verified()


def has_confirmed_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_device(user) -> TOTPDevice:
    """The device being set up: one unconfirmed TOTP device per user, reused across visits."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG QR code (no external service, no script)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=True)
