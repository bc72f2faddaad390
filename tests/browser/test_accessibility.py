"""axe-core (WCAG 2.1 A and AA) on every page, in Dutch and in English, under the real CSP."""

import pytest

from tests.browser.support import CHROMIUM, axe_violations, format_violations, install_axe, log_in

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
# The challenge pages, as (path, status); references and ids come from the test data.


def challenge_public_pages(data) -> list[tuple[str, int]]:
    return [
        ("/zwolle/uitdagingen/", 200),
        ("/zwolle/uitdagingen/?fase=assessment", 200),
        ("/zwolle/uitdagingen/?fase=completed", 200),  # none in this phase
        ("/zwolle/uitdagingen/hoe-werkt-het/", 200),
        (f"/zwolle/uitdagingen/{data.assessment}/", 200),
        (f"/zwolle/uitdagingen/{data.submitted}/", 200),
        (f"/zwolle/meldingen/?uitdaging={data.assessment}", 200),
        ("/account/bevestigen/onbekend/", 200),
        ("/account/organisaties/uitnodiging/onbekend/", 404),
        ("/zwolle/uitdagingen/ONBEKEND/", 404),
        ("/account/registreren/", 200),  # the last one: its error state is checked next
    ]


def assessment_public_pages(data) -> list[tuple[str, int]]:
    """Issue 5: the published criteria (current and by version), a challenge with a decision and
    a signed agreement."""
    return [
        ("/zwolle/criteria/", 200),
        ("/zwolle/criteria/?versie=1", 200),
        ("/de-bilt/criteria/", 200),  # nothing published
        (f"/zwolle/uitdagingen/{data.agreed}/", 200),
    ]


def resident_pages(data) -> list[str]:
    draft = f"/zwolle/uitdagingen/concept/{data.draft_id}/stap"
    return [
        "/account/",
        "/account/organisaties/nieuw/",
        f"/account/organisaties/{data.organisation_id}/",
        "/account/meldingen/",
        "/account/meldingen/instellingen/",
        "/zwolle/uitdagingen/nieuw/",
        f"/zwolle/uitdagingen/nieuw/?taak={data.task_id}",
        *(f"{draft}/{step}/" for step in range(1, 7)),
        f"/zwolle/uitdagingen/concept/{data.empty_draft_id}/stap/6/",
        f"/zwolle/uitdagingen/{data.submitted}/dossier/",
        f"/zwolle/uitdagingen/{data.assessment}/dossier/",
        f"/zwolle/uitdagingen/{data.agreed}/dossier/",
        f"/zwolle/uitdagingen/{data.agreed}/dossier/afspraken/",  # a diff, version 2 to sign
        f"/zwolle/uitdagingen/{data.agreed}/dossier/afspraken/nieuw/",
    ]


def challenge_staff_pages(data) -> list[str]:
    return [
        "/zwolle/beheer/uitdagingen/",
        "/zwolle/beheer/uitdagingen/termijnen/",
        f"/zwolle/beheer/uitdagingen/{data.submitted}/",
        f"/zwolle/beheer/uitdagingen/{data.assessment}/",
        f"/zwolle/beheer/uitdagingen/{data.intake}/",
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

    def submit(self, form: str, label: str, status: int = 400) -> None:
        """Submit `form` (a selector) as it is and check the page that comes back."""
        with self.page.expect_response(lambda r: r.request.method == "POST") as posted:
            self.page.locator(form).locator("button[type=submit]").first.click()
        assert posted.value.status == status, f"{label}: HTTP {posted.value.status}"
        self.page.wait_for_load_state()
        self.check(label)


def _open_details(page, form: str) -> None:
    """Open the <details> around `form`, as a user would, by clicking its summary."""
    details = page.locator(form).locator("xpath=ancestor::details[1]")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages(page, base_url, site_data, language):
    prefix = LANGUAGES[language]
    sweep = Sweep(page, base_url, language)
    data = site_data.challenges
    for path, status in PUBLIC_PAGES + assessment_public_pages(data) + challenge_public_pages(data):
        sweep.visit(prefix + path, status)

    # Error states: the registration form submitted empty, an unknown verification token.
    sweep.submit("main form.ou-form", f"{prefix}/account/registreren/ (POST, empty form)")
    assert page.locator("[aria-invalid=true]").count() >= 2
    page.fill("#id_full_name", "Nieuwe Inwoner")
    page.fill("#id_email", "nieuw@example.org")
    page.fill("#id_password1", "Een nieuw en lang wachtwoord")
    page.fill("#id_password2", "Een nieuw en lang wachtwoord")
    sweep.submit("main form.ou-form", f"{prefix}/account/registreren/ (POST, sent)", status=200)
    sweep.visit(f"{prefix}/account/bevestigen/onbekend/")
    sweep.submit("main form", f"{prefix}/account/bevestigen/onbekend/ (POST)")
    sweep.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_resident_pages(page, base_url, site_data, language):
    """A resident with an organisation: their account, organisation, notifications, the draft
    form step by step, the challengers' dossier; and every form's error state."""
    prefix, data = LANGUAGES[language], site_data.challenges
    sweep = Sweep(page, base_url, language)
    log_in(page, base_url, site_data.resident_email, site_data.resident_password, prefix=prefix)
    for path in resident_pages(data):
        sweep.visit(prefix + path)

    def error(path: str, form: str = "main form.ou-form", fill: dict | None = None) -> None:
        sweep.visit(prefix + path)
        for selector, value in (fill or {}).items():
            page.fill(selector, value)
        sweep.submit(form, f"{prefix}{path} (POST, {fill or 'empty'})")

    error("/zwolle/uitdagingen/nieuw/", fill={"#id_title": ""})
    error("/account/organisaties/nieuw/", fill={"#id_kvk_number": "123"})
    error(
        f"/account/organisaties/{data.organisation_id}/",
        form="main form:has([name=form][value=invite])",
        fill={"form:has([name=form][value=invite]) input[type=email]": "geen-adres"},
    )
    draft = f"/zwolle/uitdagingen/concept/{data.draft_id}/stap"
    error(f"{draft}/1/", fill={"#id_title": ""})
    error(f"{draft}/3/", fill={"#id_budget_asked_eur": "veel"})
    assert page.locator("#id_budget_asked_eur").input_value() == "veel", "nothing typed is lost"
    error(f"{draft}/5/")
    error(f"/zwolle/uitdagingen/concept/{data.empty_draft_id}/stap/6/", form="main form")
    error(
        f"/zwolle/uitdagingen/{data.assessment}/dossier/",
        form="main form[action$='/bericht/']",
    )
    path = f"/zwolle/uitdagingen/{data.assessment}/dossier/"
    sweep.visit(prefix + path)
    form = "main form[action$='/actie/withdraw/']"
    _open_details(page, form)
    sweep.submit(form, f"{prefix}{path} (withdraw without a reason)")
    # A new version of the agreements, without a term: everything else is kept.
    error(
        f"/zwolle/uitdagingen/{data.agreed}/dossier/afspraken/nieuw/",
        fill={"#id_term_months": "", "#id_explanation": "Langer en meer ritten."},
    )
    assert page.locator("#id_explanation").input_value() == "Langer en meer ritten."
    assert page.locator("#id_term_months").get_attribute("aria-invalid") == "true"
    sweep.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_challenge_staff_pages(page, base_url, site_data, without_2fa, language):
    """The coordinator: dashboard, terms and the staff dossier in three phases, with errors."""
    prefix, data = LANGUAGES[language], site_data.challenges
    sweep = Sweep(page, base_url, language)
    log_in(
        page, base_url, site_data.coordinator_email, site_data.coordinator_password, prefix=prefix
    )
    for path in challenge_staff_pages(data):
        sweep.visit(prefix + path)
    sweep.visit(f"{prefix}/zwolle/uitdagingen/nieuw/")  # staff have no organisation
    sweep.visit(prefix + challenge_staff_pages(data)[-1])

    # Error states. The last page is the dossier in intake: accepting needs a contact person.
    path = challenge_staff_pages(data)[-1]
    form = "main form[action$='/actie/accept/']"
    _open_details(page, form)
    page.locator(form).locator("textarea").fill("Past goed bij het uitdaagrecht.")
    sweep.submit(form, f"{prefix}{path} (accept without a contact person)")
    assert page.locator(f"{form} [role=alert]").count() == 1
    form = "main form[action$='/actie/redirect/']"
    _open_details(page, form)
    sweep.submit(form, f"{prefix}{path} (redirect, empty form)")
    sweep.visit(prefix + path)
    sweep.submit("main form[action$='/bericht/']", f"{prefix}{path} (message, empty form)")
    # The other staff actions each have a page of their own.
    for segment, label in [
        ("notitie/", "note"),
        ("contactmoment/", "contact moment"),
        ("contactpersoon/", "contact person"),
        ("pauzeren/", "ask for information"),
        ("verlengen/", "extend the term"),
    ]:
        sweep.visit(prefix + path + segment)
        sweep.submit(
            f"main form[action$='/{segment}']", f"{prefix}{path}{segment} ({label}, empty)"
        )
    sweep.visit(prefix + "/zwolle/beheer/uitdagingen/termijnen/")
    page.locator("main form.ou-form input[type=number]").first.fill("0")
    sweep.submit("main form.ou-form", f"{prefix}/zwolle/beheer/uitdagingen/termijnen/ (POST, 0)")
    sweep.assert_clean()


def assessment_coordinator_pages(data) -> list[str]:
    beheer = "/zwolle/beheer"
    return [
        f"{beheer}/",
        f"{beheer}/beoordelingskader/",  # the published version and a draft
        f"{beheer}/beoordelingskader/criteria/{data.criterion_id}/",
        f"{beheer}/uitdagingen/{data.agreed}/beoordeling/",  # the result, advice, the decision
        f"{beheer}/uitdagingen/{data.agreed}/afspraken/",  # a diff
        f"{beheer}/uitdagingen/{data.assessing}/beoordeling/",  # the advice form (last)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_assessment_staff_pages(page, base_url, site_data, without_2fa, language):
    """Issue 5 in the workspace: the coordinator's framework, criterion, assessment and agreement
    pages; then someone who is assessor, decision maker and advisor at once: the advice, the
    scores and the decision forms; each form's error state."""
    prefix, data = LANGUAGES[language], site_data.challenges
    sweep = Sweep(page, base_url, language)
    log_in(
        page, base_url, site_data.coordinator_email, site_data.coordinator_password, prefix=prefix
    )
    for path in assessment_coordinator_pages(data):
        sweep.visit(prefix + path)
    path = assessment_coordinator_pages(data)[-1]
    form = "main form[action$='/beoordeling/advies/']"
    _open_details(page, form)
    sweep.submit(form, f"{prefix}{path} (advice request, empty form)")
    assert page.locator(f"{form} [aria-invalid=true]").count() >= 2

    path = "/zwolle/beheer/beoordelingskader/criteria/nieuw/"
    sweep.visit(prefix + path)
    page.fill("#id_name", "Bereik")
    sweep.submit("main form.ou-form", f"{prefix}{path} (POST, no levels)")
    assert page.locator("#id_name").input_value() == "Bereik", "nothing typed is lost"

    path = f"/zwolle/beheer/uitdagingen/{data.agreed}/afspraken/nieuw/"
    sweep.visit(prefix + path)
    page.fill("#id_term_months", "48")
    page.fill("#id_tasks_taken_over", "")
    sweep.submit("main form.ou-form", f"{prefix}{path} (POST, no tasks taken over)")
    assert page.locator("#id_term_months").input_value() == "48", "nothing typed is lost"
    assert page.locator("#id_tasks_taken_over").get_attribute("aria-invalid") == "true"

    page.context.clear_cookies()
    log_in(page, base_url, site_data.assessment_email, site_data.assessment_password, prefix=prefix)
    path = f"/zwolle/beheer/advies/{data.advice_id}/"
    for visit in (
        "/zwolle/beheer/advies/",
        f"/zwolle/beheer/uitdagingen/{data.agreed}/afspraken/",  # the decision maker signs
        path,
    ):
        sweep.visit(prefix + visit)
    sweep.submit("main form.ou-form", f"{prefix}{path} (POST, empty form)")

    path = f"/zwolle/beheer/uitdagingen/{data.assessing}/beoordeling/"
    sweep.visit(prefix + path)
    form = "main form[action$='/beoordeling/scores/']"
    assert page.locator(form).count() == 1
    assert page.locator("main form[action$='/beoordeling/besluit/']").count() == 1
    page.locator(f"{form} textarea[name^=motivation_]").first.fill("Sterk plan.")
    sweep.submit(form, f"{prefix}{path} (scores, submitted incomplete)")
    assert page.locator(f"{form} textarea[name^=motivation_]").first.input_value() == "Sterk plan."
    assert page.locator(f"{form} [aria-invalid=true]").count() >= 1
    sweep.visit(prefix + path)
    form = "main form[action$='/beoordeling/besluit/']"
    _open_details(page, form)
    page.locator(f"{form} textarea[name=reasons_economic]").fill("Goedkoper.")
    sweep.submit(form, f"{prefix}{path} (decision, reasons missing)")
    assert page.locator(f"{form} textarea[name=reasons_economic]").input_value() == "Goedkoper."
    assert page.locator(f"{form} [aria-invalid=true]").count() >= 3
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
