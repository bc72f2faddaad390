"""Fixtures of the browser tests: one Chromium per session, a fresh context and page per test,
the live server with a small real dataset."""

import contextlib
import os

import pytest

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, install_axe, load_site_data

TIMEOUT_MS = 10_000


@contextlib.contextmanager
def _async_unsafe_allowed():
    """Playwright's sync API keeps an asyncio event loop running in the main thread, so Django
    refuses ORM calls there (SynchronousOnlyOperation) unless DJANGO_ALLOW_ASYNC_UNSAFE is set.
    The calls are synchronous and safe; the variable is removed again afterwards, because it must
    not reach the rest of the suite (`check --deploy` in a subprocess reports it as an error)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# One Chromium for all browser tests. Scoped to this package, which is the whole browser session:
# when the last browser test is done, Playwright's event loop stops, so the tests that follow run
# without it (and without DJANGO_ALLOW_ASYNC_UNSAFE).
@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with _async_unsafe_allowed(), sync_api.sync_playwright() as playwright:
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
