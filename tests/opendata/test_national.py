"""/uitdaagrecht/: every municipality's regulation, contact point and challenges per phase;
filterable by province, sortable, downloadable; drafts never counted; a fixed number of
queries; the regulation link is set by the municipality's coordinators and admins."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ChallengeFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffRoleFactory,
    UserFactory,
)
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.opendata.models import Regulation

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(settings):
    settings.STAFF_2FA_REQUIRED = False
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    zwolle = MunicipalityFactory(
        name="Zwolle", slug="zwolle", province="Overijssel", contact_email="uitdaagrecht@zwolle.nl"
    )
    deventer = MunicipalityFactory(name="Deventer", slug="deventer", province="Overijssel")
    utrecht = MunicipalityFactory(name="Utrecht", slug="utrecht", province="Utrecht")
    organisation = OrganisationFactory(owner=UserFactory())
    for _n in range(2):
        ChallengeFactory(municipality=zwolle, organisation=organisation)
    ChallengeFactory(municipality=zwolle, organisation=organisation, submitted=False)
    Regulation.objects.create(municipality=zwolle, url="https://lokaleregelgeving.overheid.nl/x")
    return zwolle, deventer, utrecht


def rows(client, query: str = "") -> list[list[str]]:
    content = client.get(f"/uitdaagrecht/gemeenten.csv{query}").content.decode()
    return list(csv.reader(io.StringIO(content)))


def test_every_municipality_with_its_regulation_contact_and_phases(client, places):
    page = client.get("/uitdaagrecht/").content.decode()
    assert "https://lokaleregelgeving.overheid.nl/x" in page
    assert "Contactpunt van Zwolle" in page and "nog geen" in page  # Deventer has none
    table = rows(client)
    assert table[0][:5] == ["cbs_code", "municipality", "province", "regulation", "page"]
    assert "draft" not in table[0]
    zwolle = next(r for r in table if r[1] == "Zwolle")
    assert zwolle[3] == "https://lokaleregelgeving.overheid.nl/x"
    assert zwolle[table[0].index("submitted")] == "2"  # the draft is not counted
    assert [r[1] for r in table[1:]] == ["Deventer", "Utrecht", "Zwolle"]


def test_filter_by_province_and_sort(client, places):
    assert [r[1] for r in rows(client, "?provincie=Overijssel")[1:]] == ["Deventer", "Zwolle"]
    assert rows(client, "?sorteer=challenges")[1][1] == "Zwolle"
    page = client.get("/uitdaagrecht/?provincie=Utrecht").content.decode()
    assert "Zwolle" not in page.split("<tbody")[1]
    bad = client.get("/uitdaagrecht/?provincie=Atlantis")
    assert bad.status_code == 400 and "bestaat niet" in bad.content.decode()


def test_the_queries_do_not_grow_with_the_municipalities(client, places):
    def count() -> int:
        cache.clear()  # counted with nothing cached, as tests/test_query_counts.py counts
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/uitdaagrecht/").status_code == 200
        return len(queries)

    few = count()
    for n in range(10):
        MunicipalityFactory(name=f"Gemeente {n}", slug=f"gemeente-{n}", province="Zeeland")
    assert count() == few == 3


def test_coordinators_and_admins_set_the_regulation_link(client, places):
    zwolle, deventer, _utrecht = places
    url = "/deventer/beheer/verordening/"
    for user in (UserFactory(), StaffRoleFactory(municipality=zwolle, role=Role.COORDINATOR).user):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(StaffRoleFactory(municipality=deventer, role=Role.COORDINATOR).user)
    bad = client.post(url, {"url": "geen link"})
    assert bad.status_code == 400 and "geldige URL" in bad.content.decode()
    assert client.post(url, {"url": "https://example.org/verordening"}).status_code == 302
    assert Regulation.objects.get(municipality=deventer).url == "https://example.org/verordening"
    client.logout()
    assert "https://example.org/verordening" in client.get("/uitdaagrecht/").content.decode()
