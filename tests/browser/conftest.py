"""Fixtures of the browser tests: one Chromium per session, a fresh context and page per test,
the live server with a small real dataset."""

import os

import pytest

from .support import CHROMIUM, CHROMIUM_ARGS, install_axe, load_site_data

# Playwright's sync API runs an asyncio event loop in the main thread; the ORM calls of the test
# code itself are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site_data(live_server):
    """The live server's database: loaded for every test, because `transactional_db` (which
    `live_server` needs) empties the database after each test."""
    return load_site_data()


@pytest.fixture
def base_url(live_server, site_data) -> str:
    return live_server.url


def _context(browser, base_url, **options):
    context = browser.new_context(base_url=base_url, locale="nl-NL", **options)
    context.set_default_timeout(TIMEOUT_MS)
    install_axe(context, base_url)
    return context


@pytest.fixture
def context(browser, base_url):
    context = _context(browser, base_url)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def no_js_page(browser, base_url):
    context = _context(browser, base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def without_2fa(settings):
    """Staff pages without the TOTP step (the real flow has its own test)."""
    settings.STAFF_2FA_REQUIRED = False
