"""Every staff page costs the same number of queries with ten times the data: departments, staff,
the catalogue, challenges with their timelines (messages, internal notes, contact moments,
documents), and their assessment and agreements (criteria, advice, scorecards, decisions,
agreement versions)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse

from tests.factories import CatalogFactory, DepartmentFactory, MunicipalityFactory, StaffRoleFactory
from tests.test_permissions import catalog_kwargs
from tests.test_query_counts import challenge_world, grow_assessment, grow_challenges
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.budgets.models import BudgetCycleMoment
from uitdaagrecht.catalog.models import IndicatorValue
from uitdaagrecht.conf import workspace_urls

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


# The assessment's and agreements' POST-only actions.
POST_ONLY = {
    "framework_draft",
    "framework_publish",
    "challenge_advice_request",
    "challenge_assessment_scores",
    "challenge_assessment_decide",
    "challenge_agreements_sign",
}


def pages(place, objects: dict, challenge) -> list[str]:
    urls = []
    for pattern in workspace_urls.urlpatterns:
        name = pattern.name if isinstance(pattern, URLPattern) else None
        if name is None or name.endswith(("_remove", "_delete")) or name in POST_ONLY:
            continue
        kwargs = {"municipality": place.slug}
        if name.startswith("catalog_"):
            kwargs |= catalog_kwargs(name, objects)
        elif name == "challenge":
            kwargs["reference"] = challenge.reference  # the dossier, with its whole timeline
        elif name == "challenge_assessment":
            # In the assessment phase, with the forms to score and to decide; and decided, with
            # advice, every assessor's scores side by side and the decision with its corrections.
            for challenge_ in (objects["assessing"], objects["decided"]):
                urls.append(
                    reverse(
                        f"workspace:{name}", kwargs=kwargs | {"reference": challenge_.reference}
                    )
                )
            continue
        elif name.startswith("challenge_agreements"):
            kwargs["reference"] = objects["decided"].reference  # versions, the diff, signing
        elif name.startswith("challenge_") and name != "challenge_terms":
            continue  # the dossier's own actions: POST-only, or tested with the dossier
        elif name == "criterion_edit":
            kwargs["pk"] = objects["criterion"].pk  # with its levels
        elif name == "advice":
            kwargs["pk"] = objects["advice"].pk  # open: the form
        elif "reference" in pattern.pattern.converters:
            raise AssertionError(f"workspace:{name}: tell pages() which challenge to open")
        elif "<int:pk>" in str(pattern.pattern):
            continue  # department, staff member and cycle edit pages: one object each
        urls.append(reverse(f"workspace:{name}", kwargs=kwargs))
    return urls


def test_workspace_pages_do_not_grow_with_the_data(client, settings, documents_storage):
    settings.STAFF_2FA_REQUIRED = False
    place = MunicipalityFactory(slug="hier")
    world = challenge_world(place)
    # The administrator is coordinator too: every page opens, and the dossier shows every form;
    # and an advisor, an assessor and a decision maker (see grow_assessment).
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
    small = counts(grow(place, 2) | grow_assessment(world, 2, viewer=admin.user))
    grow_challenges(world, 18)
    objects = grow(place, 18) | grow_assessment(world, 20, viewer=admin.user)
    large = counts(objects)
    # Compare by page, not by URL: the ids in the URLs differ between the two rounds.
    assert list(small.values()) == list(large.values()), (small, large)
    # The assessment page shows the most when none of its fragments is kept yet (as here, the
    # first visit): session, user, municipality, roles, the challenge, the framework with its
    # criteria (and levels for the scores form), one's own scorecard with its scores, the
    # submitted scorecards with their scores (once for the result and every assessor's scores),
    # decisions, the names of the current providers of its tasks (issue 14), advice.
    assessment = [url for url in large if url.endswith("/beoordeling/")]
    assert len(assessment) == 2
    assert max(n for url, n in large.items() if url not in assessment) <= 10
    assert max(large[url] for url in assessment) <= 14
    # Again, with the fragments kept (ADR 8): the decided challenge's page 7 (session, user,
    # municipality, roles, the challenge, one's own scorecard with its scores); in the assessment
    # phase 12, as its forms read the framework with its criteria and levels, the decisions, the
    # current providers (the scores form names them) and the departments to ask for advice.
    warm = counts(objects)
    assert sorted(warm[url] for url in assessment) == [7, 12]
