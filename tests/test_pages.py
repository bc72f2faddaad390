"""The public pages as a resident reads them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from tests.iv3 import load_reference
from uitdaagrecht.budgets.models import BudgetCycleMoment
from uitdaagrecht.tenants.models import Municipality
from uitdaagrecht.tenants.services import municipality_update

pytestmark = pytest.mark.django_db
AMSTERDAM, ZWOLLE, DE_BILT = "GM0363", "GM0193", "GM0310"


@pytest.fixture
def data():
    return load_reference(ZWOLLE, DE_BILT)


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("zwolle", "Zwolle"),
        ("Overijssel", "Zwolle"),
        ("193", "Zwolle"),
        ("GM0193", "Zwolle"),
        ("beek", "Beek (L.)"),
    ],
)
def test_find_a_municipality_by_name_province_or_code(client, query, found):
    load_reference()
    html = page(client, f"/?q={query}")
    assert f">{found}</a>" in html


def test_home_lists_all_342_municipalities(client):
    load_reference()
    assert page(client, "/").count('class="utrecht-link-list__item"') == 342


def test_a_search_without_results_helps(client):
    load_reference()
    html = page(client, "/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_municipality_home_has_default_texts_and_links_to_its_budget(client, data):
    html = page(client, "/zwolle/")
    assert "Right to Challenge" in html and 'href="/zwolle/begroting/"' in html
    assert "Bron: CBS" in html or "CBS" in html


def test_budget_page_shows_figures_comparisons_and_source(client, data):
    html = page(client, "/zwolle/begroting/?periode=2024-begroting")
    assert "Begroting 2024" in html
    assert "Bron: CBS, Iv3" in html and "CC BY 4.0" in html
    assert "<svg" in html and "<table" in html  # a chart and the same figures as a table
    assert "Landelijk per inwoner" in html or "per inwoner" in html
    assert 'href="/zwolle/begroting/7.3/"' in html


def test_the_2025_scheme_change_is_explained_not_compared(client, data):
    html = page(client, "/zwolle/begroting/?periode=2025-begroting")
    assert "6.21" in html
    assert "nieuwe code" in html  # new social-domain codes have no year-on-year change
    assert "6.71a" in html  # the explanation names the codes that were replaced


def test_a_missing_delivery_is_not_shown_as_zero(client, data):
    html = page(client, "/de-bilt/begroting/?periode=2025-begroting")
    assert "niet aangeleverd" in html
    assert "<table" not in html.split("niet aangeleverd")[1].split("<footer")[0]


def test_an_unknown_period_falls_back_with_a_message(client, data):
    html = page(client, "/zwolle/begroting/?periode=1999-%3Cb%3E", status=400)
    assert "&lt;b&gt;" in html and "<b>" not in html.split("<main")[1]
    assert "Begroting 2025" in html


def test_taakveld_page_over_the_years_with_rank(client, data):
    html = page(client, "/zwolle/begroting/5.7/")
    for label in ("Begroting 2023", "Jaarrekening 2023", "Begroting 2024", "Begroting 2025"):
        assert label in html
    assert " van 2" in html  # rank among the municipalities that delivered
    page(client, "/zwolle/begroting/9.99/", status=404)


def test_upcoming_budget_moments_are_shown(client, data):
    zwolle = Municipality.objects.get(cbs_code=ZWOLLE)
    BudgetCycleMoment.objects.create(
        municipality=zwolle, kind="kadernota", date="2099-06-30", description="Inspreken <b>mag</b>"
    )
    BudgetCycleMoment.objects.create(municipality=zwolle, kind="begroting", date="2000-11-10")
    html = page(client, "/zwolle/begroting/")
    assert "30 juni 2099" in html and "10 november 2000" not in html
    assert "Inspreken &lt;b&gt;mag&lt;/b&gt;" in html


def test_english_pages(client, data):
    html = page(client, "/en/zwolle/begroting/")
    assert 'lang="en"' in html and "Budget of Zwolle" in html
    assert 'href="/zwolle/begroting/"' in html  # the language switch back to Dutch


def test_unknown_municipality_is_a_404_page(client):
    html = page(client, "/atlantis/", status=404)
    assert "utrecht-heading-1" in html


def test_anonymous_pages_are_cached_and_edits_show_at_once(
    client, data, django_capture_on_commit_callbacks
):
    page(client, "/zwolle/")
    with CaptureQueriesContext(connection) as queries:
        page(client, "/zwolle/")
    assert len(queries) == 0
    zwolle = Municipality.objects.get(cbs_code=ZWOLLE)
    with django_capture_on_commit_callbacks(execute=True):
        municipality_update(municipality=zwolle, fields={"why": "Omdat het kan."})
    assert "Omdat het kan." in page(client, "/zwolle/")


def test_logged_in_visitors_are_never_served_from_the_cache(client, data):
    page(client, "/zwolle/")
    client.force_login(UserFactory(full_name="Anna"))
    assert "Uitloggen" in page(client, "/zwolle/")


def test_theme_stylesheet(client, data, django_capture_on_commit_callbacks):
    zwolle = Municipality.objects.get(cbs_code=ZWOLLE)
    with django_capture_on_commit_callbacks(execute=True):
        municipality_update(
            municipality=zwolle, fields={"brand_colour": "#1d4f91", "brand_text_colour": "#ffffff"}
        )
    response = client.get("/zwolle/theme.css")
    assert response["Content-Type"].startswith("text/css")
    assert b"--ou-brand: #1d4f91" in response.content
    assert "/zwolle/theme.css" in page(client, "/zwolle/")


def test_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_head_requests_are_answered(client, data):
    for url in ("/", "/zwolle/", "/zwolle/begroting/", "/healthz"):
        assert client.head(url).status_code == 200, url


def test_a_re_import_without_changes_keeps_the_page_cache(
    client, data, django_capture_on_commit_callbacks
):
    from tests.iv3 import rows_of
    from uitdaagrecht.budgets.importer import import_iv3

    page(client, "/zwolle/")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_iv3(rows=rows_of(ZWOLLE))
    assert callbacks == []  # nothing changed: no invalidation
    with CaptureQueriesContext(connection) as queries:
        page(client, "/zwolle/")
    assert len(queries) == 0

    rows = rows_of(ZWOLLE)
    rows[1][rows[0].index("lasten_x1000_eur")] = "1"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_iv3(rows=rows)
    assert callbacks  # a changed amount invalidates every cached page
    with CaptureQueriesContext(connection) as queries:
        page(client, "/zwolle/")
    assert len(queries) > 0
