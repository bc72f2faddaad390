"""Every staff page costs the same number of queries with ten times the data: departments, staff,
the catalogue, and challenges with their timelines (messages, internal notes, contact moments,
documents)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse

from uitdaagrecht.accounts.models import Role
from uitdaagrecht.budgets.models import BudgetCycleMoment
from uitdaagrecht.catalog.models import IndicatorValue
from uitdaagrecht.conf import workspace_urls

from .factories import CatalogFactory, DepartmentFactory, MunicipalityFactory, StaffRoleFactory
from .test_permissions import catalog_kwargs
from .test_query_counts import challenge_world, documents_in, grow_challenges

pytestmark = pytest.mark.django_db


def grow(place, times: int) -> dict:
    """`times` of everything a workspace page lists; returns the objects of the last round."""
    objects = {}
    for index in range(times):
        department = DepartmentFactory(municipality=place)
        StaffRoleFactory(municipality=place, role=Role.ASSESSOR, department=department)
        BudgetCycleMoment.objects.create(
            municipality=place, kind="begroting", date=f"{2030 + index}-01-01"
        )
        objects = CatalogFactory(municipality=place, department=department)
        for year in (2000, 2001, 2002):
            IndicatorValue.objects.create(indicator=objects["indicator"], year=year, target=1)
    return objects


def pages(place, objects: dict, challenge) -> list[str]:
    urls = []
    for pattern in workspace_urls.urlpatterns:
        if not isinstance(pattern, URLPattern) or pattern.name.endswith(("_remove", "_delete")):
            continue
        kwargs = {"municipality": place.slug}
        if pattern.name.startswith("catalog_"):
            kwargs |= catalog_kwargs(pattern.name, objects)
        elif pattern.name == "challenge":
            kwargs["reference"] = challenge.reference  # the dossier, with its whole timeline
        elif pattern.name.startswith("challenge_") and pattern.name != "challenge_terms":
            continue  # POST-only actions
        elif "reference" in pattern.pattern.converters:
            raise AssertionError(f"workspace:{pattern.name}: tell pages() which challenge to open")
        elif "<int:pk>" in str(pattern.pattern):
            continue  # department, staff member and cycle edit pages: one object each
        urls.append(reverse(f"workspace:{pattern.name}", kwargs=kwargs))
    return urls


def test_workspace_pages_do_not_grow_with_the_data(client, settings, tmp_path):
    settings.STAFF_2FA_REQUIRED = False
    documents_in(settings, tmp_path)
    place = MunicipalityFactory(slug="hier")
    world = challenge_world(place)
    # The administrator is coordinator too: every page opens, and the dossier shows every form.
    admin = StaffRoleFactory(municipality=place, admin=True, user=world["coordinator"])
    client.force_login(admin.user)

    def counts(objects) -> dict[str, int]:
        result = {}
        for url in pages(place, objects, world["challenge"]):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            result[url] = len(queries)
        return result

    grow_challenges(world, 2)
    small = counts(grow(place, 2))
    grow_challenges(world, 18)
    objects = grow(place, 18)
    large = counts(objects)
    # Compare by page, not by URL: the ids in the URLs differ between the two rounds.
    assert list(small.values()) == list(large.values()), (small, large)
    assert max(large.values()) <= 14
