"""axe-core (WCAG 2.1 A and AA) on every page, in Dutch and in English, under the real CSP."""

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
    ("/zwolle/taken/", 200),
    ("/zwolle/taken/?status=12-maanden&q=groen", 200),
    ("/zwolle/taken/beheer-buurthuis-de-kluft/", 200),
    ("/zwolle/taken/handhaving-openbare-ruimte-boas/", 200),  # cannot be challenged
    ("/zwolle/kalender/", 200),
    ("/zwolle/meldingen/", 200),
    ("/zwolle/meldingen/?taak=beheer-buurthuis-de-kluft", 200),
    ("/zwolle/meldingen/aangevraagd/", 200),
    ("/zwolle/meldingen/bevestigen/onbekend/", 404),
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
    "/zwolle/beheer/taken/",
    "/zwolle/beheer/taken/nieuw/",
    "/zwolle/beheer/uitvoerders/nieuw/",
    "/zwolle/beheer/begrotingscyclus/",
]
SMALL_SCREEN_PAGES = [
    "/?q=beek",
    "/zwolle/",
    "/zwolle/begroting/",
    "/zwolle/begroting/6.21/",
    "/account/inloggen/",
]


class Sweep:
    """Visits pages and collects axe violations and CSP errors, to report them all at once."""

    def __init__(self, page, base_url: str, language: str = "nl") -> None:
        self.page, self.base_url, self.language = page, base_url, language
        self.violations: dict[str, list[dict]] = {}
        self.csp_errors: list[str] = []
        page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_errors.append(f"{self.page.url}: {message.text}")

    def visit(self, url: str, status: int = 200) -> None:
        response = self.page.goto(url)
        assert response.status == status, f"{url}: HTTP {response.status}, expected {status}"
        self.check(url)

    def check(self, label: str) -> None:
        assert self.page.evaluate("document.documentElement.lang") == self.language, label
        if violations := axe_violations(self.page, self.base_url):
            self.violations[label] = violations

    def assert_clean(self) -> None:
        if self.violations:
            report = format_violations(self.violations)
            print(report)
            pytest.fail(f"axe found WCAG 2.1 A/AA violations:{report}", pytrace=False)
        assert not self.csp_errors, "\n".join(self.csp_errors)


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages(page, base_url, language):
    prefix = LANGUAGES[language]
    sweep = Sweep(page, base_url, language)
    for path, status in PUBLIC_PAGES:
        sweep.visit(prefix + path, status)
    sweep.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages(page, base_url, site_data, without_2fa, language):
    prefix = LANGUAGES[language]
    sweep = Sweep(page, base_url, language)
    log_in(page, base_url, site_data.admin_email, site_data.admin_password, prefix=prefix)
    task = site_data.task_id
    for path in [
        *STAFF_PAGES[:-1],
        f"/zwolle/beheer/taken/{task}/",
        f"/zwolle/beheer/taken/{task}/wijzigen/",
        f"/zwolle/beheer/taken/{task}/contracten/nieuw/",
        STAFF_PAGES[-1],
    ]:
        sweep.visit(prefix + path)

    # A form with validation errors: the budget cycle form (the last page) submitted empty.
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.click("main form.ou-form button[type=submit]")
    assert posted.value.status == 400
    assert page.locator("[aria-invalid=true]").count() >= 2
    sweep.check(f"{prefix}/zwolle/beheer/begrotingscyclus/ (POST, empty form)")
    sweep.assert_clean()


def test_small_screen(browser, base_url):
    """At 320 CSS pixels wide (WCAG 1.4.10) only tables scroll sideways, never the page itself;
    and axe checks that a table that scrolls can be reached with the keyboard."""
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 640})
    install_axe(context, base_url)
    page = context.new_page()
    sweep, too_wide = Sweep(page, base_url), {}
    try:
        for path in SMALL_SCREEN_PAGES:
            sweep.visit(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide[path] = width
    finally:
        context.close()
    sweep.assert_clean()
    assert not too_wide, f"pages wider than the screen (320 px): {too_wide}"
