"""Everything works with the keyboard alone."""

import re

import pytest

from tests.browser.support import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser

MAX_TABS = 30


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute('href'),
                    text: el.textContent.trim(), inMain: !!el.closest('main'),
                    className: el.className};
        }"""
    )


def _tab_until(page, predicate) -> dict:
    """Press Tab until the focused element satisfies `predicate`; fail after MAX_TABS."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if predicate(focused):
            return focused
        seen.append(focused["id"] or focused["href"] or focused["text"][:30])
    pytest.fail(f"not reached with {MAX_TABS} × Tab; focus went through {seen}")


def test_search_and_open_a_municipality_with_the_keyboard(page, base_url):
    page.goto("/")
    _tab_until(page, lambda f: f["id"] == "q")
    page.keyboard.type("beek")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/\?q=beek$", page.url)

    first = page.locator("#results + ul a").first
    href, name = first.get_attribute("href"), first.inner_text()
    focused = _tab_until(page, lambda f: f["inMain"] and f["tag"] == "a" and f["href"] != "#main")
    assert focused["href"] == href, "the first link after the search form is the first result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base_url}{href}"
    assert name in page.locator("h1").inner_text()


def test_skip_link_and_details_on_the_budget_page(page):
    page.goto("/zwolle/begroting/")

    page.keyboard.press("Tab")
    skip = _focused(page)
    assert skip["href"] == "#main", f"the first focusable element is the skip link, not {skip}"
    assert page.locator(".utrecht-skip-link").is_visible(), "the skip link shows when focused"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("document.activeElement.id") == "main"
    after = _tab_until(page, lambda f: True)
    assert after["id"] == "periode", f"the next Tab goes into the main content, not to {after}"

    summary = page.locator("details.ou-details > summary").first
    details = page.locator("details.ou-details").first
    assert not details.evaluate("d => d.open")
    summary.focus()
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    assert details.locator("a").first.is_visible()
    page.keyboard.press("Enter")
    assert not details.evaluate("d => d.open")


# ---------------------------------------------------------------- submitting a challenge


def _tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector` (a form has many fields)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} not reached with {limit} × Tab on {page.url}")


def _type_into(page, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def _press(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def _next_step(page, step: int) -> None:
    _tab_to(page, "main button[name=next]")
    _press(page)
    assert page.url.endswith(f"/stap/{step}/"), page.url


def test_submit_a_challenge_with_the_keyboard(page, base_url, site_data):
    """A resident logs in, follows "Challenge this task", fills every step of the draft with
    Tab, typing, Space and Enter, attaches a file, submits and lands on the dossier."""
    from tests.browser.support import PDF
    from uitdaagrecht.challenges.models import Challenge

    data = site_data.challenges
    page.goto("/en/account/inloggen/")
    _type_into(page, "#id_username", site_data.resident_email)
    _type_into(page, "#id_password", site_data.resident_password)
    _press(page)
    assert page.url == f"{base_url}/en/account/"

    page.goto("/en/zwolle/taken/beheer-buurthuis-de-kluft/")
    _tab_to(page, f"main a[href$='/zwolle/uitdagingen/nieuw/?taak={data.task_id}']")
    _press(page)
    assert page.locator("#id_title").input_value() == "Beheer buurthuis De Kluft"
    _tab_to(page, "main form button[type=submit]")
    _press(page)
    assert page.url.endswith("/stap/1/"), page.url

    # 1 The task: chosen from the task page already; take over, and which part.
    assert page.locator(f"main input[name=tasks][value='{data.task_id}']").is_checked()
    _tab_to(page, "#id_mode_0")
    page.keyboard.press("Space")
    assert page.locator("#id_mode_0").is_checked()
    _type_into(page, "#id_part", "Het beheer van het gebouw en de verhuur van de zalen")
    _next_step(page, 2)

    # 2 The plan
    for name, text in [
        ("summary", "Buurtbewoners beheren het buurthuis zelf."),
        ("why_better", "Wij kennen de buurt en zijn er ook 's avonds."),
        ("plan_what", "Openen, sluiten, verhuren, schoonmaken."),
        ("plan_how", "Met een stichting, twintig vrijwilligers en een beheerder."),
        ("for_whom", "Alle bewoners van Assendorp."),
        ("area", "Assendorp"),
    ]:
        _type_into(page, f"#id_{name}", text)
    _next_step(page, 3)

    # 3 Team and budget
    _type_into(page, "#id_capacity", "Twintig vrijwilligers en een beheerder voor 16 uur.")
    _type_into(page, "#id_partners", "Woningcorporatie, wijkteam.")
    _type_into(page, "#id_budget_asked_eur", "45000")
    _next_step(page, 4)

    # 4 Value and support
    for name, text in [
        ("value_economic", "Lagere kosten dan nu."),
        ("value_social", "Meer ontmoeting."),
        ("value_democratic", "Bewoners beslissen mee."),
        ("supporters_count", "120"),
        ("risks", "Te weinig vrijwilligers in de zomer."),
        ("cooperation_wanted", "Hulp bij de overdracht van het gebouw."),
    ]:
        _type_into(page, f"#id_{name}", text)
    _next_step(page, 5)

    # 5 Attachments: Space on the file input opens the file chooser. Playwright switches
    # chooser interception on without waiting when the first listener is added, so a listener
    # from before the Tabs makes sure it is on before the key press.
    choosers = []
    page.on("filechooser", lambda opened: choosers.append(opened))
    _tab_to(page, "main input[type=file]")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(
        files=[{"name": "handtekeningen.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    assert len(choosers) == 1, "one chooser opened"
    _type_into(page, "main input[name=description]", "Handtekeningen")
    _tab_to(page, "main input[name=consent_to_publish]")
    page.keyboard.press("Space")
    _tab_to(page, "main form button[type=submit]")
    _press(page)
    assert page.url.endswith("/stap/5/"), page.url
    assert page.locator("main a[download]", has_text="handtekeningen.pdf").count() == 1
    _tab_to(page, "main a[href$='/stap/6/']")
    _press(page)

    # 6 Check and submit: nothing is missing.
    assert page.locator("main .utrecht-alert--warning").count() == 0
    _tab_to(page, "main form button[type=submit]")
    _press(page)
    match = re.search(r"/en/zwolle/uitdagingen/(UD-\d{4}-\d{4})/dossier/$", page.url)
    assert match, page.url
    reference = match.group(1)
    assert reference in page.locator("main").inner_text()

    challenge = Challenge.objects.get(reference=reference)
    assert challenge.state == "submitted"
    assert (challenge.mode, challenge.budget_asked_eur, challenge.supporters_count) == (
        "take_over",
        45_000,
        120,
    )
    assert list(challenge.tasks.values_list("pk", flat=True)) == [data.task_id]
    assert challenge.documents.get().consent_to_publish
