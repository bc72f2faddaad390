"""The site works without JavaScript: search, choosing a budget period, logging in, saving."""

import re

import pytest

from uitdaagrecht.tenants.models import Municipality

from .support import CHROMIUM, log_in

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser


def test_search(no_js_page):
    page = no_js_page
    page.goto("/")
    page.fill("#q", "beek")
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    assert re.search(r"/\?q=beek$", page.url)
    results = page.locator("#results + ul a")
    assert results.count() >= 2
    assert "Beek (L.)" in results.all_inner_texts()


@pytest.mark.parametrize(
    ("prefix", "button"),
    [("", re.compile(r"^(Toon|Tonen)$")), ("/en", re.compile(r"^Show$"))],
    ids=["nl", "en"],
)
def test_choose_a_budget_period(no_js_page, prefix, button):
    page = no_js_page
    page.goto(f"{prefix}/zwolle/begroting/")
    period_heading = page.locator("main h2").filter(has_text=re.compile(r"20\d\d")).first
    assert "2025" in period_heading.inner_text()
    page.select_option("#periode", "2024-begroting")
    with page.expect_navigation():
        page.locator("form.ou-filters").get_by_role("button", name=button).click()
    assert page.url.endswith(f"{prefix}/zwolle/begroting/?periode=2024-begroting")
    assert page.locator("#periode").input_value() == "2024-begroting"
    assert "2024" in period_heading.inner_text()


def test_log_in_and_save_the_right_to_challenge_texts(no_js_page, base_url, site_data, without_2fa):
    page = no_js_page
    log_in(page, base_url, site_data.admin_email, site_data.admin_password)
    assert page.url == f"{base_url}/account/"
    with page.expect_navigation():
        page.click("a[href='/zwolle/beheer/']")
    with page.expect_navigation():
        page.click("a[href='/zwolle/beheer/pagina/']")

    page.fill("#id_why", "Omdat inwoners het soms beter weten.")
    page.fill("#id_contact_name", "Loket Uitdaagrecht")
    with page.expect_navigation():
        page.click("main form.ou-form button[type=submit]")
    assert page.url == f"{base_url}/zwolle/beheer/pagina/"
    assert page.locator(".utrecht-alert--ok[role=status]").count() == 1
    assert page.locator("#id_contact_name").input_value() == "Loket Uitdaagrecht"

    zwolle = Municipality.objects.get(pk=site_data.zwolle_id)
    assert (zwolle.why, zwolle.contact_name) == (
        "Omdat inwoners het soms beter weten.",
        "Loket Uitdaagrecht",
    )
    page.goto("/zwolle/")
    assert "Omdat inwoners het soms beter weten." in page.locator("main").inner_text()
