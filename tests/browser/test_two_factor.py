"""The real staff log-in: password, then setting up the authenticator app (TOTP)."""

import base64
import re
import time

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.support import CHROMIUM, log_in
from uitdaagrecht.accounts import otp
from uitdaagrecht.accounts.models import User

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser


def _code(key: bytes, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` × 30 seconds from now)."""
    # Not in the last seconds of a 30-second step, so the code cannot expire on its way.
    if time.time() % 30 > 27:
        time.sleep(4)
    return f"{totp(key, step=30, t0=0, digits=6, drift=steps_ahead):06d}"


def test_staff_log_in_with_a_second_factor(page, base_url, site_data, settings):
    settings.STAFF_2FA_REQUIRED = True
    # The set-up needs a grant: an accepted invitation or an administrator's reset.
    otp.allow_enrolment(User.objects.get(email=site_data.admin_email))
    page.goto("/zwolle/beheer/")
    assert "/account/inloggen/" in page.url, "anonymous visitors are sent to the login page"
    page.fill("#id_username", site_data.admin_email)
    page.fill("#id_password", site_data.admin_password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    # The workspace asks for the second factor first; the first time, the app is set up.
    assert page.url == f"{base_url}/account/tweestapsverificatie/?next=/zwolle/beheer/"
    assert page.locator(".ou-qr svg").count() == 1
    secret = page.locator(".ou-secret").inner_text().strip()
    key = base64.b32decode(secret)
    device = TOTPDevice.objects.get(user__email=site_data.admin_email, confirmed=False)
    assert key == device.bin_key, "the key shown is the one of the device being set up"

    page.fill("#id_token", "000000" if _code(key) != "000000" else "111111")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("#id_token[aria-invalid=true]").count() == 1, "a wrong code is refused"
    time.sleep(1.2)  # django-otp throttles the device for a second after a failure

    page.fill("#id_token", _code(key))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    # First the backup codes (shown once), then on to where the person was going.
    assert page.url.startswith(f"{base_url}/account/tweestapsverificatie/herstelcodes/")
    assert page.locator(".utrecht-alert--ok[role=status]").count() == 1
    assert page.locator(".ou-backup-codes li").count() == 10
    with page.expect_navigation():
        page.click("main a.utrecht-button-link")
    assert page.url == f"{base_url}/zwolle/beheer/"
    assert "Zwolle" in page.locator("h1").inner_text()
    assert TOTPDevice.objects.get(pk=device.pk).confirmed

    # Verified for the rest of the session: the other staff pages open directly.
    page.goto("/zwolle/beheer/begrotingscyclus/")
    assert page.url == f"{base_url}/zwolle/beheer/begrotingscyclus/"

    # Logging in again later asks for a code only, no new set-up.
    page.context.clear_cookies()
    log_in(page, base_url, site_data.admin_email, site_data.admin_password)
    page.goto("/zwolle/beheer/")
    assert re.search(r"/account/tweestapsverificatie/\?next=/zwolle/beheer/$", page.url)
    assert page.locator(".ou-qr").count() == 0
    # A code is accepted only once; the next step's code is accepted too (clock tolerance).
    page.fill("#id_token", _code(key, steps_ahead=1))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == f"{base_url}/zwolle/beheer/"
