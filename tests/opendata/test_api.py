"""The public read-only API: natural keys, filters, cursor pagination, clear 400s, no personal data."""

import pytest
from django.urls import reverse

from tests.factories import StaffRoleFactory
from tests.iv3 import load_reference, rows_of

pytestmark = pytest.mark.django_db
AMSTERDAM, ZWOLLE, DE_BILT = "GM0363", "GM0193", "GM0310"


@pytest.fixture
def data():
    return load_reference(AMSTERDAM, ZWOLLE, DE_BILT)


def test_municipalities_by_cbs_code(client, data):
    listing = client.get("/api/v1/municipalities/?province=Noord-Holland").json()
    assert "GM0363" in {m["cbs_code"] for m in listing["results"]}
    detail = client.get("/api/v1/municipalities/GM0363/").json()
    assert detail["name"] == "Amsterdam" and detail["page"].endswith("/amsterdam/")
    assert client.get("/api/v1/municipalities/GM9999/").status_code == 404


def test_taakvelden_by_code_and_scheme_year(client, data):
    codes = {
        t["code"]
        for t in client.get("/api/v1/taakvelden/?year=2025&page_size=200").json()["results"]
    }
    assert "6.21" in codes and "6.2" not in codes and "0.10" in codes
    detail = client.get("/api/v1/taakvelden/6.71a/").json()
    assert detail["valid_to_year"] == 2024 and detail["hoofdtaakveld"] == "6"


def test_budget_lines_filter_and_state_their_unit(client, data):
    response = client.get(
        "/api/v1/budget-lines/",
        {"municipality": AMSTERDAM, "year": 2025, "document": "begroting", "page_size": 1000},
    )
    lines = response.json()["results"]
    assert sum(line["expenditure_k_eur"] for line in lines) == 8_109_528
    assert {line["amount_unit"] for line in lines} == {"EUR x 1000"}
    social = client.get("/api/v1/budget-lines/", {"hoofdtaakveld": "6", "taakveld": "6.21"}).json()
    assert {line["taakveld"] for line in social["results"]} == {"6.21"}


@pytest.mark.parametrize(
    "query",
    [
        {"year": "twintig"},
        {"document": "kadernota"},
        {"municipality": "GM9999"},
        {"taakveld": "9.9"},
        {"hoofdtaakveld": "x"},
    ],
)
def test_invalid_filters_are_a_400_with_a_message(client, data, query):
    response = client.get("/api/v1/budget-lines/", query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_cursor_pagination_walks_every_line_once(client, data):
    seen, url = [], "/api/v1/budget-lines/?page_size=1000"
    while url:
        page = client.get(url).json()
        seen += [line["id"] for line in page["results"]]
        url = page["next"]
    assert (
        len(seen)
        == len(set(seen))
        == sum(len(rows_of(c)) - 1 for c in (AMSTERDAM, ZWOLLE, DE_BILT))
    )
    assert client.get("/api/v1/budget-lines/?cursor=bogus").status_code == 404


def test_budget_totals_per_hoofdtaakveld(client, data):
    body = client.get(
        f"/api/v1/municipalities/{AMSTERDAM}/budget/?year=2025&document=begroting"
    ).json()
    assert body["total"]["expenditure_k_eur"] == 8_109_528
    assert body["amount_unit"] == "EUR x 1000" and "CBS" in body["source"]
    assert sum(h["expenditure_k_eur"] for h in body["hoofdtaakvelden"]) == 8_109_528
    social = next(h for h in body["hoofdtaakvelden"] if h["code"] == "6")
    assert "6.21" in {t["code"] for t in social["taakvelden"]}


def test_a_missing_delivery_is_null_not_zero(client, data):
    body = client.get(f"/api/v1/municipalities/{DE_BILT}/budget/?year=2025").json()
    assert body["delivered"] is False
    assert body["total"]["expenditure_k_eur"] is None
    assert all(h["expenditure_k_eur"] is None for h in body["hoofdtaakvelden"])


@pytest.mark.parametrize(
    "query", ["year=1999", "year=abc", "document=kadernota", "year=2024&document=jaarrekening"]
)
def test_budget_with_a_bad_period_is_a_400(client, data, query):
    response = client.get(f"/api/v1/municipalities/{ZWOLLE}/budget/?{query}")
    assert response.status_code == 400
    assert response.json()


def test_the_api_is_read_only(client, data):
    assert client.post("/api/v1/municipalities/", {"cbs_code": "GM0001"}).status_code == 405
    assert client.delete("/api/v1/municipalities/GM0363/").status_code == 405


def test_no_personal_data_in_the_api(client, data):
    staff = StaffRoleFactory(municipality__cbs_code=ZWOLLE)
    staff.municipality.contact_email = "team@gemeente.example"
    staff.municipality.save()
    text = "".join(
        client.get(url).content.decode()
        for url in [
            "/api/v1/municipalities/?page_size=1000",
            f"/api/v1/municipalities/{ZWOLLE}/",
            f"/api/v1/municipalities/{ZWOLLE}/budget/",
            "/api/v1/schema/",
        ]
    )
    assert staff.user.email not in text and staff.user.full_name not in text


def test_schema_and_docs_are_served(client):
    assert client.get(reverse("opendata:schema")).status_code == 200
    docs = client.get(reverse("opendata:docs"))
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
