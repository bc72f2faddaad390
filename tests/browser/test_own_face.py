"""The municipality's own face and its privacy statement in Chromium (issue 14)."""

import io

import pytest
from PIL import Image

from tests.browser.support import CHROMIUM, axe_violations, log_in

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser


def test_the_admin_gives_the_municipality_its_logo_and_colours(
    page, base_url, site_data, without_2fa, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), "#00529c").save(buffer, "PNG")
    log_in(page, base_url, site_data.admin_email, site_data.admin_password)
    page.goto("/zwolle/beheer/huisstijl/")
    assert axe_violations(page, base_url) == []

    # A colour too light for bars on white is refused, with the reason, and nothing is saved.
    page.fill("#id_brand_colour", "#ffcc00")
    page.fill("#id_brand_text_colour", "#000000")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    error = page.locator("#id_brand_colour[aria-invalid=true]")
    assert error.count() == 1
    assert "te licht voor lijnen en balken" in page.locator("main").inner_text()
    assert axe_violations(page, base_url) == []

    page.set_input_files(
        "#id_logo",
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": buffer.getvalue()}],
    )
    page.fill("#id_brand_colour", "#00529c")
    page.fill("#id_brand_text_colour", "#ffffff")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".utrecht-alert--ok").count() == 1

    page.goto("/zwolle/")
    logo = page.locator("header img.ou-brand__logo")
    # (The file itself is served from MEDIA_ROOT as the URLconf read it at start-up.)
    assert logo.count() == 1 and logo.get_attribute("src").startswith("/media/logos/")
    header = page.locator("header.ou-header").evaluate("h => getComputedStyle(h).backgroundColor")
    assert header == "rgb(0, 82, 156)"
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon.startswith("/zwolle/favicon.png")
    assert page.request.get(f"{base_url}{icon}").headers["content-type"] == "image/png"
    assert axe_violations(page, base_url) == []
    page.goto("/en/zwolle/")
    assert axe_violations(page, base_url) == []


@pytest.mark.parametrize("path", ["/zwolle/privacy/", "/en/zwolle/privacy/"])
def test_the_municipalitys_privacy_statement_is_in_every_footer(page, base_url, site_data, path):
    page.goto(f"{base_url}/zwolle/taken/")
    page.locator("footer a", has_text="Privacyverklaring").click()
    assert page.url == f"{base_url}/zwolle/privacy/"
    page.goto(f"{base_url}{path}")
    assert page.locator("h2#fg").count() == 1
    assert axe_violations(page, base_url) == []
