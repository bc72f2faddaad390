"""axe-core (WCAG 2.1 A and AA) on every page, in Dutch and in English."""

import pytest

from .support import CHROMIUM, axe_violations, format_violations, install_axe, log_in

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser

LANGUAGES = {"nl": "", "en": "/en"}
PUBLIC_PAGES = [
    ("/", 200),
    ("/?q=beek", 200),
    ("/zwolle/", 200),
    ("/zwolle/begroting/", 200),
    ("/zwolle/begroting/?periode=2024-begroting", 200),
    ("/de-bilt/begroting/?periode=2025-begroting", 200),  # not delivered to CBS
    ("/zwolle/begroting/6.21/", 200),
    ("/zwolle/begroting/5.7/", 200),
    ("/account/inloggen/", 200),
    ("/account/wachtwoord-vergeten/", 200),
    ("/deze-pagina-bestaat-niet/", 404),
    ("/zwolle/begroting/99.9/", 404),
]
STAFF_PAGES = [
    "/account/",
    "/account/tweestapsverificatie/",
    "/zwolle/beheer/",
    "/zwolle/beheer/pagina/",
    "/zwolle/beheer/huisstijl/",
    "/zwolle/beheer/afdelingen/",
    "/zwolle/beheer/medewerkers/",
    "/zwolle/beheer/begrotingscyclus/",
]


def _check(page, base_url, url, status, found):
    page.on("response", lambda r: r.status >= 400 and print("RESP", r.status, r.url))
    page.on("console", lambda m: "Refused" in m.text and print("CSP", m.text))
    response = page.goto(url)
    assert response.status == status, f"{url}: HTTP {response.status}, expected {status}"
    if violations := axe_violations(page, base_url):
        found[url] = violations


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_have_no_wcag_violations(page, base_url, language):
    prefix = LANGUAGES[language]
    found = {}
    for path, status in PUBLIC_PAGES:
        _check(page, base_url, prefix + path, status, found)
    assert page.evaluate("document.documentElement.lang") == language
    assert not found, format_violations(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages_have_no_wcag_violations(page, base_url, site_data, without_2fa, language):
    prefix = LANGUAGES[language]
    log_in(page, base_url, site_data.admin_email, site_data.admin_password, prefix=prefix)
    found = {}
    for path in STAFF_PAGES:
        _check(page, base_url, prefix + path, 200, found)
    assert page.evaluate("document.documentElement.lang") == language

    # A form with validation errors: the budget cycle form submitted empty.
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.click("main form.ou-form button[type=submit]")
    assert posted.value.status == 400
    assert page.locator("[aria-invalid=true]").count() >= 2
    if violations := axe_violations(page, base_url):
        found[f"{prefix}/zwolle/beheer/begrotingscyclus/ (POST, empty)"] = violations
    assert not found, format_violations(found)


SMALL_SCREEN_PAGES = [
    "/?q=beek",
    "/zwolle/",
    "/zwolle/begroting/",
    "/zwolle/begroting/6.21/",
    "/account/inloggen/",
]


def test_pages_reflow_on_a_small_screen(browser, base_url):
    """At 320 CSS pixels wide (WCAG 1.4.10) only tables scroll sideways, never the page itself;
    a scrolling table can be reached with the keyboard."""
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 640})
    install_axe(context, base_url)
    page = context.new_page()
    found, too_wide = {}, {}
    try:
        for path in SMALL_SCREEN_PAGES:
            _check(page, base_url, path, 200, found)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide[path] = width
    finally:
        context.close()
    assert not found, format_violations(found)
    assert not too_wide, f"pages wider than the screen (320 px): {too_wide}"
