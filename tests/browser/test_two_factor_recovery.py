"""Two-factor recovery in Chromium (issue 14): backup codes at set-up, a lost phone, a new app."""

import base64
import time

import pytest
from django_otp.oath import totp

from tests.browser.support import CHROMIUM, axe_violations, log_in
from uitdaagrecht.accounts import otp
from uitdaagrecht.accounts.models import User

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser


def _code(key: bytes) -> str:
    if time.time() % 30 > 27:  # not in the last seconds of a step
        time.sleep(4)
    return f"{totp(key, step=30, t0=0, digits=6):06d}"


def _submit(page, selector: str = "main form button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(selector)


def test_a_lost_phone_is_not_a_call_to_the_administrator(page, base_url, site_data, settings):
    settings.STAFF_2FA_REQUIRED = True
    otp.allow_enrolment(User.objects.get(email=site_data.admin_email))
    log_in(page, base_url, site_data.admin_email, site_data.admin_password)
    page.goto("/zwolle/beheer/")
    key = base64.b32decode(page.locator(".ou-secret").inner_text().strip())
    page.fill("#id_token", _code(key))
    _submit(page)

    # The backup codes, once, with advice to keep them safe; then on to the workspace.
    assert "/account/tweestapsverificatie/herstelcodes/" in page.url
    codes = [c.strip() for c in page.locator(".ou-backup-codes .ou-secret").all_inner_texts()]
    assert len(codes) == 10
    assert "bewaar ze veilig" in page.locator("main").inner_text()
    assert axe_violations(page, base_url) == []
    _submit(page, "main a.utrecht-button-link")
    assert page.url == f"{base_url}/zwolle/beheer/"

    # The phone is lost: a backup code at the second-factor step, without JavaScript's help.
    page.context.clear_cookies()
    log_in(page, base_url, site_data.admin_email, site_data.admin_password)
    page.goto("/zwolle/beheer/")
    page.click("summary")
    page.fill("#id_backup_code", codes[0].upper())
    _submit(page, "details form button[type=submit]")
    assert page.url == f"{base_url}/zwolle/beheer/"
    assert "Nog over: 9" in page.locator(".utrecht-alert").inner_text()

    # From the account page, with another backup code, a new app on the new phone.
    page.goto("/account/")
    page.click("text=Tweestapsverificatie: nieuwe app of herstelcodes")
    assert axe_violations(page, base_url) == []
    page.fill("#id_app-code", codes[1])
    _submit(page, "form:has(#id_app-code) button[type=submit]")
    assert page.url.endswith("/account/tweestapsverificatie/nieuwe-app/")
    assert axe_violations(page, base_url) == []
    new_key = base64.b32decode(page.locator(".ou-secret").inner_text().strip())
    assert new_key != key
    page.fill("#id_token", _code(new_key))
    _submit(page)
    assert len(page.locator(".ou-backup-codes .ou-secret").all_inner_texts()) == 10
    assert otp.backup_codes_left(User.objects.get(email=site_data.admin_email)) == 10
    page.goto("/en/account/tweestapsverificatie/beheren/")
    assert "unused backup codes" in page.locator("main").inner_text()
    assert axe_violations(page, base_url) == []
