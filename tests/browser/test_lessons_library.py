"""The library of lessons in a real Chromium, as a journalist uses it: from the national view to
the lessons, filtered and searched without JavaScript, on to a municipality and a challenge;
axe (WCAG 2.1 A and AA) in Dutch and English, also with a choice that does not exist."""

import os

import pytest

from tests.browser.support import CHROMIUM
from tests.browser.test_accessibility import LANGUAGES, Sweep

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("OU_SHOTS", "")  # a directory: screenshots of the walk, to look at


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def lessons(site_data):
    """Lessons of Zwolle (carried out, completed) and of Kampen; a withdrawn one that is not."""
    from tests.factories import ChallengeFactory, OrganisationFactory, UserFactory
    from tests.opendata.test_lessons import evaluation, executing, task
    from uitdaagrecht.accounts.models import User
    from uitdaagrecht.tenants.models import Municipality

    zwolle = Municipality.objects.get(cbs_code="GM0193")
    kampen = Municipality.objects.get(cbs_code="GM0166")
    recorder = User.objects.get(email=site_data.admin_email)
    made = []
    for place, title, code, state, worked in [
        (
            zwolle,
            "Buurt beheert het Park de Wezenlanden",
            "5.7",
            "execution",
            "Vroeg beginnen met de buurtbewoners en de hovenier erbij halen.",
        ),
        (
            zwolle,
            "Samen het buurthuis Holtenbroek runnen",
            "5.3",
            "completed",
            "Een vaste sleutelhouder per avond maakte het buurthuis betrouwbaar.",
        ),
        (
            kampen,
            "Jongerenwerk door de buurtsportcoach",
            "6.1",
            "evaluation",
            "De jongeren kozen zelf de tijden; de opkomst verdubbelde.",
        ),
        (zwolle, "Ingetrokken plan", "5.7", "withdrawn", "GEHEIM-INGETROKKEN"),
    ]:
        organisation = OrganisationFactory(owner=UserFactory(), name=f"Stichting {title[:20]}")
        challenge = executing(
            ChallengeFactory(
                municipality=place, organisation=organisation, task=task(place, code), title=title
            ),
            state,
        )
        made.append(
            evaluation(
                challenge,
                recorder,
                lessons_worked=worked,
                lessons_failed="De planning was te krap voor de zomer.",
                lessons_advice="Spreek vaste momenten af met de gemeente.",
            )
        )
    return made


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lessons_library_is_accessible(page, base_url, lessons, language):
    prefix = LANGUAGES[language]
    sweep = Sweep(page, base_url, language)
    for path, status in [
        ("/uitdaagrecht/lessen/", 200),
        ("/uitdaagrecht/lessen/?provincie=Overijssel&soort=5&vorm=take_over&zoek=buurt", 200),
        ("/uitdaagrecht/lessen/?uitkomst=stop", 200),  # nothing matches
        ("/uitdaagrecht/lessen/?provincie=Atlantis&zoek=buurt", 400),
    ]:
        sweep.visit(prefix + path, status)
        shot(page, f"{language}-{path.strip('/').replace('/', '_').replace('?', '_')[:60]}")
    sweep.assert_clean()


def test_a_journalist_finds_lessons_without_javascript(no_js_page, base_url, lessons):
    page = no_js_page
    page.goto(f"{base_url}/uitdaagrecht/")
    with page.expect_navigation():
        page.click("text=Lessen uit alle gemeenten")
    shot(page, "walk-1-library")
    assert page.locator("article").count() == 3
    assert "GEHEIM" not in page.content()

    page.select_option("#id_provincie", "Overijssel")
    page.fill("#id_zoek", "buurthuis")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    shot(page, "walk-2-filtered")
    assert page.locator("article").count() == 1
    assert "Samen het buurthuis Holtenbroek runnen" in page.content()
    assert page.input_value("#id_zoek") == "buurthuis"  # the choices stay

    with page.expect_navigation():
        page.click("article >> text=Gemeente Zwolle")
    assert page.url.endswith("/zwolle/")
    page.go_back()
    with page.expect_navigation():
        page.click("article h3 a")
    shot(page, "walk-3-challenge")
    assert "Een vaste sleutelhouder per avond" in page.content()

    response = page.goto(f"{base_url}/uitdaagrecht/lessen/feed/")
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
