"""The site works without JavaScript: search, choosing a budget period, logging in, saving."""

import re

import pytest

from tests.browser.support import CHROMIUM, log_in
from uitdaagrecht.tenants.models import Municipality

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


def _submit(page, selector: str = "main form button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(selector)


def test_submit_a_challenge(no_js_page, base_url, site_data):
    """The whole submission without JavaScript: from the task page through the six steps of the
    draft (with an error that keeps what was typed, and an attachment) to the dossier."""
    from tests.browser.support import PDF
    from uitdaagrecht.challenges.models import Challenge

    page, data = no_js_page, site_data.challenges
    log_in(page, base_url, site_data.resident_email, site_data.resident_password)
    page.goto("/zwolle/taken/beheer-buurthuis-de-kluft/")
    _submit(page, f"main a[href$='/zwolle/uitdagingen/nieuw/?taak={data.task_id}']")
    page.fill("#id_title", "De Kluft van de buurt")
    _submit(page)
    assert page.url.endswith("/stap/1/"), page.url

    assert page.locator(f"main input[name=tasks][value='{data.task_id}']").is_checked()
    page.check("#id_mode_1")  # co-produce
    page.fill("#id_part", "De verhuur van de zalen")
    _submit(page, "main button[name=next]")

    for name, text in [
        ("summary", "Buurtbewoners verhuren de zalen zelf."),
        ("why_better", "Wij kennen de verenigingen in de buurt."),
        ("plan_what", "Verhuur en sleutelbeheer."),
        ("plan_how", "Met een vrijwilligersrooster."),
    ]:
        page.fill(f"#id_{name}", text)
    page.fill("#id_start_from", "2027-01-01")
    _submit(page, "main button[name=next]")
    assert page.url.endswith("/stap/3/"), page.url

    # A budget in words: explained at the field, nothing typed is lost.
    page.fill("#id_capacity", "Acht vrijwilligers.")
    page.fill("#id_budget_asked_eur", "veel")
    with page.expect_navigation() as navigation:
        page.click("main button[name=next]")
    assert navigation.value.status == 400
    assert page.url.endswith("/stap/3/"), page.url
    assert page.locator("#id_budget_asked_eur").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_capacity").input_value() == "Acht vrijwilligers."
    assert page.locator("#id_budget_asked_eur").input_value() == "veel"
    page.fill("#id_budget_asked_eur", "12000")
    _submit(page, "main button[name=next]")
    assert page.url.endswith("/stap/4/"), page.url

    page.fill("#id_value_social", "Meer activiteiten voor jongeren.")
    page.fill("#id_supporters_count", "45")
    _submit(page, "main button[name=next]")
    assert page.url.endswith("/stap/5/"), page.url

    page.set_input_files(
        "main input[type=file]",
        files=[{"name": "zalen.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.fill("main input[name=description]", "Rooster")
    _submit(page)
    assert page.locator("main a[download]", has_text="zalen.pdf").count() == 1
    _submit(page, "main a[href$='/stap/6/']")

    assert page.locator("main .utrecht-alert--warning").count() == 0
    _submit(page)
    match = re.search(r"/zwolle/uitdagingen/(UD-\d{4}-\d{4})/dossier/$", page.url)
    assert match, page.url
    assert page.locator(".utrecht-alert--ok[role=status]").count() == 1

    challenge = Challenge.objects.get(reference=match.group(1))
    assert challenge.state == "submitted"
    assert (challenge.title, challenge.mode, challenge.budget_asked_eur) == (
        "De Kluft van de buurt",
        "co_produce",
        12_000,
    )
    assert str(challenge.start_from) == "2027-01-01"
    assert challenge.documents.count() == 1


def test_consent_to_publish_a_document_from_the_dossier(no_js_page, base_url, site_data):
    """The documents table holds no form of its own (it is a cached fragment): its buttons post
    through one form with the CSRF token (`form`, `formaction`, the button's name and value)."""
    page = no_js_page
    log_in(page, base_url, site_data.resident_email, site_data.resident_password)
    dossier = f"{base_url}/zwolle/uitdagingen/{site_data.challenges.assessment}/dossier/"
    page.goto(dossier)
    row = page.locator("main tr", has_text="begroting.pdf")
    with page.expect_navigation():
        row.get_by_role("button", name="Toestemming geven om openbaar te maken").click()
    assert page.url.startswith(dossier)
    withdraw = row.get_by_role("button", name="Toestemming om openbaar te maken intrekken")
    assert withdraw.count() == 1
    with page.expect_navigation():
        withdraw.click()  # as it was: the other tests see the same data
    assert row.get_by_role("button", name="Toestemming geven om openbaar te maken").count() == 1
