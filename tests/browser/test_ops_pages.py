"""Issue 12's pages in a real Chromium: axe (WCAG 2.1 A and AA) in Dutch and English under the
real CSP: the privacy statement, a person's data and account page (with its error state), the
municipal admin's e-mail delivery page with a failed e-mail, and the 503 page."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from tests.browser.support import CHROMIUM, log_in
from tests.browser.test_accessibility import LANGUAGES, Sweep
from uitdaagrecht.core.models import MailStatus, OutgoingMail

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_pages(page, base_url, site_data, language):
    prefix = LANGUAGES[language]
    sweep = Sweep(page, base_url, language)
    sweep.visit(f"{prefix}/privacy/")
    log_in(page, base_url, site_data.resident_email, site_data.resident_password, prefix=prefix)
    sweep.visit(f"{prefix}/account/mijn-gegevens/")
    page.fill("input[name=password]", "niet mijn wachtwoord")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.click("main form button[type=submit]")
    assert posted.value.status == 400
    sweep.check(f"{prefix}/account/mijn-gegevens/ (wrong password)")
    sweep.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_email_delivery_page(page, base_url, site_data, without_2fa, language):
    OutgoingMail.objects.create(
        to="iemand@example.org",
        subject="Nieuw bericht bij uitdaging",
        body="",
        purpose="test",
        municipality_id=site_data.zwolle_id,
        status=MailStatus.FAILED,
        attempts=9,
        last_error="ConnectionRefusedError",
    )
    prefix = LANGUAGES[language]
    sweep = Sweep(page, base_url, language)
    log_in(page, base_url, site_data.admin_email, site_data.admin_password, prefix=prefix)
    sweep.visit(f"{prefix}/zwolle/beheer/e-mail/")
    sweep.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_503_page(page, base_url, site_data, language):
    """While the database refuses connections, the live server answers the 503 page."""
    prefix = LANGUAGES[language]
    sweep = Sweep(page, base_url, language)
    refused = OperationalError('connection to server at "127.0.0.1" failed: refused')
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=refused):
        sweep.visit(f"{prefix}/zwolle/meldingen/", status=503)
    sweep.assert_clean()
