"""Execution and evaluation in Chromium: axe on every new page and error state (nl, en), the
challengers report progress without JavaScript, and a visitor leaves feedback."""

import os
import re
from decimal import Decimal

import pytest

from tests.browser.conftest import TIMEOUT_MS
from tests.browser.support import (
    CHROMIUM,
    axe_violations,
    format_violations,
    install_axe,
    log_in,
)
from tests.challenge_world import fresh, in_state, make_world, take
from uitdaagrecht.agreements.selectors import applying
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.monitoring.models import Feedback, Moment
from uitdaagrecht.monitoring.services import evaluations, feedback, reports

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser
PASSWORD = "Een heel lang wachtwoord 2026"
# Set SHOTS_DIR to keep screenshots of the swept pages (to look at them).
SHOTS = os.environ.get("SHOTS_DIR", "")


@pytest.fixture
def execution(live_server, settings):
    """A challenge in execution with a report, feedback (one hidden), and one in evaluation."""
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    for user in (world.resident, world.contact, world.coordinator):
        user.set_password(PASSWORD)
        user.save()
    challenge = in_state(world, State.EXECUTION)
    result = applying(challenge).results.get()
    first = Moment.objects.filter(challenge=challenge).first()
    report = reports.report_submit(
        challenge=challenge,
        actor=fresh(world.resident),
        moment=first,
        values={result.pk: Decimal("6.5")},
        account="Zes maanden onderhoud door veertig vrijwilligers.",
        went_badly="Snoeien liep achter.",
    )
    reports.report_acknowledge(report=report, actor=fresh(world.contact))
    for n, text in enumerate(["Het park is veel schoner.", "Scheldpartij"], 1):
        item = feedback.feedback_leave(
            challenge=challenge, rating=3 + n, text=text, email="", address=f"10.0.{n}.1"
        )
    feedback.feedback_hide(feedback=item, actor=fresh(world.contact), reason="Onaardig")
    evaluating = in_state(world, State.EXECUTION)
    take(world, evaluating, "evaluate")
    evaluations.evaluation_record(
        challenge=evaluating,
        actor=fresh(world.contact),
        values={
            "kind": "interim",
            "judgement_economic": "Binnen budget.",
            "judgement_social": "Meer buren doen mee.",
            "judgement_democratic": "Bewoners beslissen mee.",
            "view_municipality": "Tevreden.",
            "evaluator": "De gemeente",
            "conclusion": "",
            "conclusion_reasons": "Doorgaan zoals het gaat.",
            "lessons_worked": "Een vaste contactpersoon.",
            "lessons_failed": "Te weinig jongeren.",
            "lessons_advice": "Begin klein.",
            "task_after": "",
        },
    )
    return world, challenge, evaluating, live_server.url


def new_page(browser, base_url, **options):
    context = browser.new_context(base_url=base_url, locale="nl-NL", **options)
    context.set_default_timeout(TIMEOUT_MS)
    install_axe(context, base_url)
    return context, context.new_page()


def sweep(page, base_url, urls, prefix, found, shots=False):
    for url in urls:
        response = page.goto(f"{base_url}{prefix}{url}")
        assert response.status == 200, url
        if violations := axe_violations(page, base_url):
            found[f"{prefix}{url}"] = violations
        if shots and SHOTS:
            name = re.sub(r"[^a-z0-9]+", "-", f"{prefix}{url}").strip("-")
            page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_pages_of_execution_have_no_axe_violations(browser, execution, prefix):
    world, challenge, evaluating, base_url = execution
    slug, ref = challenge.municipality.slug, challenge.reference
    moment = Moment.objects.filter(challenge=challenge, reports__isnull=True).first()
    found: dict = {}
    context, page = new_page(browser, base_url)
    sweep(page, base_url, [f"/{slug}/uitdagingen/{ref}/"], prefix, found, shots=not prefix)
    log_in(page, base_url, world.resident.email, PASSWORD, prefix=prefix)
    dossier = f"/{slug}/uitdagingen/{ref}/dossier"
    sweep(
        page,
        base_url,
        [f"{dossier}/", f"{dossier}/voortgang/", f"{dossier}/voortgang/{moment.pk}/rapporteren/"],
        prefix,
        found,
        shots=not prefix,
    )
    # The error state of the report form.
    page.click("main form button[type=submit]")
    if violations := axe_violations(page, base_url):
        found[f"{prefix} report form with errors"] = violations
    context.close()
    context, page = new_page(browser, base_url)
    log_in(page, base_url, world.contact.email, PASSWORD, prefix=prefix)
    staff = f"/{slug}/beheer/uitdagingen"
    sweep(
        page,
        base_url,
        [
            f"{staff}/{ref}/",
            f"{staff}/{ref}/overdracht/",
            f"{staff}/{ref}/voortgang/",
            f"{staff}/{ref}/ervaringen/",
            f"{staff}/{evaluating.reference}/evaluatie/",
            f"/{slug}/uitdagingen/{evaluating.reference}/",
        ],
        prefix,
        found,
        shots=not prefix,
    )
    context.close()
    assert not found, format_violations(found)


def test_the_challengers_report_without_javascript(browser, execution):
    world, challenge, _evaluating, base_url = execution
    result = applying(challenge).results.get()
    moment = Moment.objects.filter(challenge=challenge, reports__isnull=True).first()
    context, page = new_page(browser, base_url, java_script_enabled=False)
    log_in(page, base_url, world.resident.email, PASSWORD)
    slug, ref = challenge.municipality.slug, challenge.reference
    page.goto(f"{base_url}/{slug}/uitdagingen/{ref}/dossier/voortgang/")
    page.click(f"a[href$='/voortgang/{moment.pk}/rapporteren/']")
    page.fill(f"#id_result_{result.pk}", "11")  # a mark is at most 10
    page.fill("#id_account", "Een jaar onderhoud.")
    page.click("main form button[type=submit]")
    assert "een rapportcijfer (cijfer): een waarde van 1 tot 10." in page.content()
    assert page.input_value("#id_account") == "Een jaar onderhoud."  # what was typed is kept
    page.fill(f"#id_result_{result.pk}", "7,5")
    page.click("main form button[type=submit]")
    assert "Dank u wel: uw rapportage is verstuurd." in page.content()
    assert moment.reports.get().values.get().value == Decimal("7.5")
    context.close()


def test_a_visitor_shares_an_experience_without_an_account(browser, execution):
    _world, challenge, _evaluating, base_url = execution
    context, page = new_page(browser, base_url, java_script_enabled=False)
    page.goto(f"{base_url}/{challenge.municipality.slug}/uitdagingen/{challenge.reference}/")
    assert "Verborgen omdat: Onaardig" in page.content()
    page.check("input[name=rating][value='5']")
    page.fill("textarea[name=text]", "Mijn kinderen spelen er weer.")
    page.click("section[aria-labelledby=ervaringen] form button[type=submit]")
    assert "Dank u wel voor uw reactie." in page.content()
    assert "Mijn kinderen spelen er weer." in page.content()
    assert Feedback.objects.filter(challenge=challenge, rating=5).exists()
    context.close()
