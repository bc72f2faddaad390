"""What a new resident meets first, in Chromium: amounts typed the Dutch way, not lost at login."""

import re

import pytest

from tests.browser.support import CHROMIUM, axe_violations, log_in

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser


def _step3(page, base_url, draft_id: int) -> None:
    page.goto(f"{base_url}/zwolle/uitdagingen/concept/{draft_id}/stap/3/")


@pytest.mark.parametrize("typed", ["€ 679.500", "679.500,00", "€679.500,-", "679 500"])
def test_a_resident_types_the_budget_the_dutch_way(page, base_url, site_data, typed):
    from uitdaagrecht.challenges.models import Challenge

    draft_id = site_data.challenges.draft_id
    log_in(page, base_url, site_data.resident_email, site_data.resident_password)
    _step3(page, base_url, draft_id)
    page.locator("#id_budget_asked_eur").fill("")
    page.locator("#id_budget_asked_eur").type(typed)
    with page.expect_navigation():
        page.click("main button[name=next]")
    assert page.url.endswith("/stap/4/"), page.url
    assert Challenge.objects.get(pk=draft_id).budget_asked_eur == 679_500

    _step3(page, base_url, draft_id)
    assert page.locator("#id_budget_asked_eur").input_value() == "679.500"


def test_nonsense_in_the_budget_is_explained_and_kept(page, base_url, site_data):
    draft_id = site_data.challenges.draft_id
    log_in(page, base_url, site_data.resident_email, site_data.resident_password)
    _step3(page, base_url, draft_id)
    field = page.locator("#id_budget_asked_eur")
    field.fill("een ton")
    with page.expect_navigation():
        page.click("main button[name=next]")
    assert page.url.endswith("/stap/3/")
    assert field.input_value() == "een ton"
    assert field.get_attribute("aria-invalid") == "true"
    message = page.locator(f"#{field.get_attribute('aria-describedby').split()[-1]}")
    assert "“een ton” is geen bedrag" in message.inner_text()
    assert axe_violations(page, base_url) == []


def test_an_anonymous_challenge_leads_through_registration_back_to_the_task(
    page, base_url, site_data
):
    """ "Deze taak uitdagen" without an account: the login page says why and offers an account;
    after registering, confirming the address (the link in the e-mail) and registering an
    organisation the person is at the challenge form of that task."""
    from django.core import mail

    task_page = f"{base_url}/zwolle/taken/beheer-buurthuis-de-kluft/"
    page.goto(task_page)
    # The taakveld's budget as people say it (the exact figures are in the budget tables).
    share = page.locator("main p", has_text="van taakveld").inner_text()
    assert re.search(r"in de begroting van \d{4} \(€\s[\d,]+ miljoen\)", share), share
    with page.expect_navigation():
        page.locator("main a", has_text="Deze taak uitdagen").click()
    assert "/account/inloggen/?next=" in page.url
    explanation = page.locator("main [role=status]").inner_text()
    assert "Log in of maak een account aan om deze taak uit te dagen." in explanation
    assert axe_violations(page, base_url) == []

    with page.expect_navigation():
        page.locator("main a", has_text="Account aanmaken").click()
    assert "deze taak uit te dagen" in page.locator("main [role=status]").inner_text()
    page.fill("#id_full_name", "Nina Nieuw")
    page.fill("#id_email", "nina@example.org")
    page.fill("#id_password1", "Een lang wachtwoord voor Nina")
    page.fill("#id_password2", "Een lang wachtwoord voor Nina")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    [message] = [m for m in mail.outbox if m.to == ["nina@example.org"]]
    link = next(word for word in message.body.split() if "/account/bevestigen/" in word)

    page.goto(base_url + link[link.index("/account/") :])  # the mail's SITE_URL is not the test's
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith(f"/zwolle/uitdagingen/nieuw/?taak={site_data.challenges.task_id}")
    # No organisation yet: registering one is the next step, and then the form of this task.
    with page.expect_navigation():
        page.locator("main a", has_text="Meld eerst uw organisatie aan").click()
    page.fill("#id_name", "Buurtkracht De Kluft")
    page.locator("#id_legal_form").select_option(index=1)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith(f"/zwolle/uitdagingen/nieuw/?taak={site_data.challenges.task_id}")
    assert page.locator("#id_title").input_value() == "Beheer buurthuis De Kluft"


def test_the_missing_list_puts_the_focus_on_the_empty_field(page, base_url, site_data):
    empty = site_data.challenges.empty_draft_id
    log_in(page, base_url, site_data.resident_email, site_data.resident_password)
    page.goto(f"{base_url}/zwolle/uitdagingen/concept/{empty}/stap/6/")
    link = page.locator("main .utrecht-alert--warning a[href*='ontbreekt=summary']")
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/stap/2/?ontbreekt=summary#id_summary")
    focused = page.evaluate(
        "() => [document.activeElement.id, document.activeElement.getAttribute('aria-invalid')]"
    )
    assert focused == ["id_summary", "true"]
    label = page.locator("label[for=id_summary]").inner_text()
    assert "(verplicht)" in label
    assert axe_violations(page, base_url) == []


def test_the_decision_maker_reads_what_is_signed_and_ticks_i_agree(
    page, base_url, site_data, without_2fa
):
    reference = site_data.challenges.agreed
    log_in(page, base_url, site_data.assessment_email, site_data.assessment_password)
    page.goto(f"{base_url}/zwolle/beheer/uitdagingen/{reference}/afspraken/")
    with page.expect_navigation():
        page.locator("main a", has_text="Versie 2 lezen en ondertekenen").click()
    assert page.url.endswith("/afspraken/2/ondertekenen/")
    summary = page.locator("main section").first.inner_text()
    assert "Versie 2" in summary and "maanden" in summary and "€" in summary
    assert axe_violations(page, base_url) == []

    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("main [role=alert]").first.inner_text().startswith("Nog niet ondertekend")
    page.get_by_label("Ik ga akkoord").check()
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/afspraken/")
    assert "Ondertekend" in page.locator("main [role=status]").first.inner_text()


@pytest.mark.parametrize(
    "path",
    ["/zwolle/toegankelijkheid/", "/en/toegankelijkheid/", "/bestaat/niet/", "/account/uitloggen/"],
)
def test_statement_and_error_pages_pass_axe(page, base_url, site_data, path):
    page.goto(f"{base_url}{path}")
    assert (
        page.locator("footer a", has_text="oegankelijkheid").count()
        + page.locator("footer a", has_text="ccessibility").count()
        == 1
    )
    assert axe_violations(page, base_url) == []
