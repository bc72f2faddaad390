"""The open-data pages, 'Klopt dit niet?' and the national view in a real Chromium: axe (WCAG 2.1
A and AA) in Dutch and English under the real CSP, and reporting an error without JavaScript."""

import io

import pytest
from django.core.management import call_command

from tests.browser.support import CHROMIUM, log_in
from tests.browser.test_accessibility import LANGUAGES, Sweep
from uitdaagrecht.opendata.models import ErrorReport

if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.browser


@pytest.fixture
def exported(settings, tmp_path, site_data):
    settings.STORAGES = {
        **settings.STORAGES,
        "opendata": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "opendata"},
        },
    }
    call_command("export_open_data", stdout=io.StringIO())
    return site_data


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_open_data_pages(page, base_url, exported, language):
    prefix = LANGUAGES[language]
    sweep = Sweep(page, base_url, language)
    task = exported.task_id
    for path, status in [
        ("/open-data/", 200),
        ("/zwolle/open-data/", 200),
        ("/uitdaagrecht/", 200),
        ("/uitdaagrecht/?provincie=Overijssel&sorteer=challenges", 200),
        ("/uitdaagrecht/?provincie=Atlantis", 400),
        ("/zwolle/klopt-dit-niet/?over=taakveld&id=5.7", 200),
        (f"/zwolle/klopt-dit-niet/?over=task&id={task}", 200),
    ]:
        sweep.visit(prefix + path, status)
    sweep.submit("main form.ou-form", f"{prefix} report (POST, empty)")
    assert page.locator("[aria-invalid=true]").count() >= 1
    page.fill("#id_wrong", "De contractwaarde klopt niet.")
    sweep.submit("main form.ou-form", f"{prefix} report (POST, sent)", status=302)
    sweep.assert_clean()


def test_reporting_works_without_javascript(no_js_page, base_url, exported):
    page = no_js_page
    page.goto(f"{base_url}/zwolle/begroting/5.7/")
    with page.expect_navigation():
        page.click("text=Meld een fout in deze informatie")
    page.fill("#id_wrong", "De lasten van 2024 zijn te hoog.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Bedankt" in page.content() and "Iv3-levering" in page.content()
    assert ErrorReport.objects.filter(subject="taakveld", key="5.7").count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_open_data_pages(page, base_url, exported, without_2fa, language):
    prefix = LANGUAGES[language]
    page.goto(f"{base_url}/zwolle/klopt-dit-niet/?over=taakveld&id=5.7")
    page.fill("#id_wrong", "De lasten van 2024 zijn te hoog.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    sweep = Sweep(page, base_url, language)
    log_in(page, base_url, exported.admin_email, exported.admin_password, prefix=prefix)
    report = ErrorReport.objects.get()
    for path in [
        "/zwolle/beheer/meldingen-gegevens/",
        f"/zwolle/beheer/meldingen-gegevens/{report.pk}/",
        "/zwolle/beheer/verordening/",
    ]:
        sweep.visit(prefix + path)
    sweep.submit("main form.ou-form", f"{prefix} regulation (POST, empty)")
    sweep.assert_clean()
