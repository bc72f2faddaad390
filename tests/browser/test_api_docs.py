"""The API documentation works under the product's Content-Security-Policy (issue 14)."""

import pytest

from tests.browser.support import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser


def test_the_api_docs_render_without_csp_errors(page, base_url, site_data):
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(f"{base_url}/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    # Swagger UI has read the schema and lists the operations.
    page.wait_for_selector(".opblock-summary", timeout=15_000)
    assert page.locator(".opblock-summary-path", has_text="/api/v1/municipalities/").count() >= 1
    assert "Open Uitdaagrecht API" in page.locator(".info .title").inner_text()
    page.locator(".opblock-summary", has_text="/api/v1/municipalities/").first.click()
    page.wait_for_selector(".opblock-body", timeout=5_000)
    assert [
        p for p in problems if "Content Security Policy" in p or "Content-Security-Policy" in p
    ] == []
    assert problems == []


def test_without_javascript_the_docs_point_to_the_schema(no_js_page, base_url, site_data):
    no_js_page.goto(f"{base_url}/api/v1/docs/")
    link = no_js_page.locator("main a", has_text="/api/v1/schema/")
    assert link.count() == 1
    schema = no_js_page.request.get(f"{base_url}{link.get_attribute('href')}")
    assert schema.ok and schema.text().startswith("openapi:")
