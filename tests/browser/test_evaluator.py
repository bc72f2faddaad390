"""The independent evaluator and the challengers' view in Chromium (issue 10): the coordinator
chooses the evaluator, who finds the challenge on the account home and publishes the evaluation;
the challengers write their view. axe on every page and error state (nl, en); without JavaScript
too."""

import os
import re

import pytest

from tests.browser.conftest import TIMEOUT_MS
from tests.browser.support import (
    CHROMIUM,
    axe_violations,
    format_violations,
    install_axe,
    log_in,
)
from tests.challenge_world import in_state, make_world, take
from tests.factories import StaffRoleFactory, UserFactory
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.monitoring.models import Assignment, Evaluation

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser
PASSWORD = "Een heel lang wachtwoord 2026"
# Set SHOTS_DIR to keep screenshots of the pages (to look at them).
SHOTS = os.environ.get("SHOTS_DIR", "")
TEXTS = {
    "judgement_economic": "Goedkoper dan de aannemer.",
    "judgement_social": "Veertig vrijwilligers doen mee.",
    "judgement_democratic": "Bewoners beslissen mee.",
    "view_municipality": "Tevreden over de samenwerking.",
    "evaluator": "Bureau Onafhankelijk",
    "conclusion_reasons": "Doorgaan zoals het gaat.",
    "lessons_worked": "Een vaste contactpersoon.",
    "lessons_failed": "Te weinig jongeren.",
    "lessons_advice": "Begin klein.",
}


@pytest.fixture
def evaluating(live_server, settings):
    """A challenge in the evaluation phase and a person with the role of independent evaluator
    (not yet assigned)."""
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    world.evaluator = StaffRoleFactory(
        municipality=world.place, role=Role.EVALUATOR, user=UserFactory(full_name="Eva Luatie")
    ).user
    for user in (world.resident, world.coordinator, world.evaluator):
        user.set_password(PASSWORD)
        user.save()
    challenge = in_state(world, State.EXECUTION)
    take(world, challenge, "evaluate")
    challenge.refresh_from_db()
    return world, challenge, live_server.url


def new_page(browser, base_url, **options):
    context = browser.new_context(base_url=base_url, locale="nl-NL", **options)
    context.set_default_timeout(TIMEOUT_MS)
    install_axe(context, base_url)
    return context, context.new_page()


class Walk:
    """Visit pages and error states; axe on each, a screenshot in SHOTS_DIR if set."""

    def __init__(self, page, base_url: str, prefix: str) -> None:
        self.page, self.base_url, self.prefix, self.found = page, base_url, prefix, {}

    def check(self, label: str) -> None:
        if violations := axe_violations(self.page, self.base_url):
            self.found[f"{self.prefix} {label}"] = violations
        if SHOTS:
            name = re.sub(r"[^a-z0-9]+", "-", f"{self.prefix} {label}".lower()).strip("-")
            self.page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)

    def visit(self, url: str, label: str) -> None:
        response = self.page.goto(f"{self.base_url}{self.prefix}{url}")
        assert response.status == 200, url
        self.check(label)


def fill_evaluation(page) -> None:
    if page.locator("select#id_kind").count():
        page.select_option("#id_kind", "interim")
    else:
        page.check("input[name=kind][value=interim]")
    for name, text in TEXTS.items():
        page.fill(f"#id_{name}", text)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_evaluator_and_the_challengers_view_have_no_axe_violations(browser, evaluating, prefix):
    world, challenge, base_url = evaluating
    slug, ref = challenge.municipality.slug, challenge.reference
    # The challengers write their view (the form with an error first).
    context, page = new_page(browser, base_url)
    walk = Walk(page, base_url, prefix)
    log_in(page, base_url, world.resident.email, PASSWORD, prefix=prefix)
    walk.visit(f"/{slug}/uitdagingen/{ref}/dossier/evaluatie/visie/", "challengers view")
    page.click("main form button[type=submit]")
    walk.check("challengers view with an error")
    page.fill("main form textarea", "Het park is van de buurt geworden.")
    page.click("main form button[type=submit]")
    walk.check("challengers view sent")
    context.close()
    # The coordinator chooses the independent evaluator.
    context, page = new_page(browser, base_url)
    walk.page = page
    log_in(page, base_url, world.coordinator.email, PASSWORD, prefix=prefix)
    staff = f"/{slug}/beheer/uitdagingen/{ref}"
    walk.visit(f"{staff}/evaluatie/", "staff evaluation without evaluator")
    page.click(f"main a[href$='{staff}/evaluatie/evaluator/']")
    walk.check("choose the evaluator")
    page.click("main form button[type=submit]")
    walk.check("choose the evaluator with an error")
    page.select_option("#id_evaluator", str(world.evaluator.pk))
    page.click("main form button[type=submit]")
    walk.check("evaluator chosen")
    assert Assignment.objects.get(challenge=challenge).evaluator == world.evaluator
    context.close()
    # The evaluator finds it on the account home and publishes an interim evaluation.
    context, page = new_page(browser, base_url)
    walk.page = page
    log_in(page, base_url, world.evaluator.email, PASSWORD, prefix=prefix)
    walk.visit("/account/", "evaluator account home")
    page.click(f"main a[href$='/{slug}/uitdagingen/{ref}/onafhankelijke-evaluatie/']")
    walk.check("evaluator page")
    assert "Het park is van de buurt geworden." in page.input_value("#id_view_challengers")
    page.click("main form button[type=submit]")
    walk.check("evaluator page with errors")
    fill_evaluation(page)
    page.click("main form button[type=submit]")
    walk.check("evaluation published")
    evaluation = Evaluation.objects.get(challenge=challenge)
    assert evaluation.independent and evaluation.evaluator == "Bureau Onafhankelijk"
    # Nothing else of the municipality opens.
    response = page.goto(f"{base_url}{prefix}/{slug}/beheer/")
    assert response.status == 403
    context.close()
    assert not walk.found, format_violations(walk.found)


def test_the_evaluator_publishes_without_javascript(browser, evaluating):
    world, challenge, base_url = evaluating
    Assignment.objects.create(challenge=challenge, evaluator=world.evaluator)
    context, page = new_page(browser, base_url, java_script_enabled=False)
    log_in(page, base_url, world.evaluator.email, PASSWORD)
    page.goto(f"{base_url}/account/")
    page.click("main a[href$='/onafhankelijke-evaluatie/']")
    fill_evaluation(page)
    page.fill("#id_lessons_advice", "")
    page.click("main form button[type=submit]")
    assert page.input_value("#id_evaluator") == "Bureau Onafhankelijk"  # what was typed is kept
    page.fill("#id_lessons_advice", "Begin klein.")
    page.click("main form button[type=submit]")
    assert "De evaluatie is gepubliceerd. De gemeente zet de volgende stap." in page.content()
    assert "Bureau Onafhankelijk (onafhankelijk evaluator)" in page.content()
    context.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_an_experiment_with_a_wrong_date_is_a_clear_message(browser, live_server, settings, prefix):
    """The propose form of the agreements: an experiment with interim evaluation dates; a date
    that is not one comes back with the message and what was typed (axe-clean)."""
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    world.resident.set_password(PASSWORD)
    world.resident.save()
    challenge = in_state(world, State.AGREEMENTS)
    context, page = new_page(browser, live_server.url)
    walk = Walk(page, live_server.url, prefix)
    log_in(page, live_server.url, world.resident.email, PASSWORD, prefix=prefix)
    slug, ref = challenge.municipality.slug, challenge.reference
    walk.visit(f"/{slug}/uitdagingen/{ref}/dossier/afspraken/nieuw/", "propose agreements")
    page.check("#id_experiment")
    page.fill("#id_interim_evaluations", "1-7-2027, 31-2-2028")
    page.click("main form button[type=submit]")
    walk.check("propose an experiment with a wrong date")
    assert page.input_value("#id_interim_evaluations") == "1-7-2027, 31-2-2028"
    message = "is geen datum" if not prefix else "is not a date"
    assert message in page.content()
    context.close()
    assert not walk.found, format_violations(walk.found)
