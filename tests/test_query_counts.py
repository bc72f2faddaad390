"""Every public page and API endpoint costs a fixed number of queries, whatever the data size:
measured with 3 municipalities' budgets, then again with 30."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from uitdaagrecht.budgets.importer import import_iv3

from .iv3 import first_codes, load_reference, rows_of

pytestmark = pytest.mark.django_db

ZWOLLE = "GM0193"

# URL → number of queries, and why.
BUDGET = (
    "municipality, periods, the cycle's next meetings, deliveries of both years, lines of "
    "both years with their taakveld, reference figures, hoofdtaakvelden"
)
EXPECTED = {
    "/": (1, "the municipalities"),
    "/?q=zwol": (1, "the matching municipalities"),
    "/?q=193": (1, "the municipality with code GM0193"),
    "/zwolle/": (2, "municipality, the cycle's next meetings"),
    "/en/zwolle/": (2, "the same in English"),
    "/zwolle/begroting/": (7, BUDGET),
    "/zwolle/begroting/?periode=2023-jaarrekening": (7, BUDGET),
    "/zwolle/begroting/?periode=1999-begroting": (7, BUDGET + " (a bad period falls back)"),
    "/zwolle/begroting/7.3/": (5, "municipality, taakveld, deliveries, lines, reference"),
    "/zwolle/theme.css": (1, "municipality"),
    "/api/v1/municipalities/": (2, "count, page"),
    "/api/v1/municipalities/GM0193/": (1, "the municipality"),
    "/api/v1/taakvelden/": (2, "count, page with hoofdtaakveld"),
    "/api/v1/budget-lines/?municipality=GM0193&year=2025": (2, "filter's municipality, page"),
    "/api/v1/budget-lines/": (1, "one cursor page with the municipality joined"),
    "/api/v1/municipalities/GM0193/budget/": (
        6,
        "municipality, periods, deliveries, lines, reference figures, hoofdtaakvelden",
    ),
}


def count_queries(client) -> dict[str, int]:
    counts = {}
    for url in EXPECTED:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in (200, 400), url
        counts[url] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_data(client):
    codes = [ZWOLLE, *first_codes(2)]
    load_reference(*codes)
    small = count_queries(client)
    more = [c for c in first_codes(30) if c not in codes][: 30 - len(codes)]
    import_iv3(rows=rows_of(*more))
    large = count_queries(client)
    assert small == large
    assert small == {url: n for url, (n, _why) in EXPECTED.items()}


def test_account_and_alert_pages_have_a_fixed_query_count(
    client, settings, django_assert_num_queries
):
    """Pages outside the budget: their counts do not depend on the data at all."""
    from .factories import CatalogFactory, MunicipalityFactory, StaffRoleFactory

    settings.STAFF_2FA_REQUIRED = True
    place = MunicipalityFactory(slug="hier")
    task = CatalogFactory(municipality=place)["task"]
    # (url, queries, why); anonymous first, then as a staff member without a verified code.
    anonymous = [
        ("/account/inloggen/", 0, "nothing: the form only"),
        ("/account/wachtwoord-vergeten/", 0, "nothing"),
        ("/hier/meldingen/", 1, "the municipality"),
        (f"/hier/meldingen/?taak={task.slug}", 2, "the municipality, the task with its taakveld"),
    ]
    for url, queries, _why in anonymous:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
    client.force_login(StaffRoleFactory(municipality=place).user)
    # session and user, then the page: the municipalities of the user; the set-up page also
    # looks for confirmed and pending TOTP devices and creates one (session, user, 3 more).
    for url, queries in [("/account/", 3), ("/account/tweestapsverificatie/", 5)]:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
