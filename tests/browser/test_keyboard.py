"""Everything works with the keyboard alone."""

import re

import pytest

from .support import CHROMIUM

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
