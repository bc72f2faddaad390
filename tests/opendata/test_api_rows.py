"""API lists written from `values()` rows give exactly what their serializer gives for the same
objects (the schema in docs/openapi.yaml is the serializer's): every field, its format, the order
of rows and of nested lists — on data with the cases that differ (blocked, bound, without budget,
an ended contract, decimals, several indicators)."""

import datetime
import json
from decimal import Decimal

import pytest
from django.test import RequestFactory
from rest_framework.request import Request

from tests.factories import CatalogFactory, MunicipalityFactory
from uitdaagrecht.catalog.models import Contract, Finance, Indicator, IndicatorValue, Task
from uitdaagrecht.catalog.services import today
from uitdaagrecht.opendata.catalog_api import TaskSerializer, TaskViewSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    zwolle = MunicipalityFactory(slug="zwolle", name="Zwolle")
    first = CatalogFactory(municipality=zwolle)
    second = CatalogFactory(municipality=zwolle)
    task = second["task"]
    task.blocker, task.blocker_explanation = "law", "Wettelijke taak"
    task.save()
    Contract.objects.create(
        task=task,
        provider=second["provider"],
        value_per_year_eur=1,
        start_date=datetime.date(2020, 1, 1),
        end_date=today() - datetime.timedelta(days=1),  # ended: not a current provider
    )
    Finance.objects.create(task=task, year=2027, budget_eur=5, overhead_eur=1, actuals_eur=7)
    indicator = Indicator.objects.create(task=task, name="Aantal deelnemers", unit="aantal")
    IndicatorValue.objects.create(indicator=indicator, year=2024, target=Decimal("12.5"))
    IndicatorValue.objects.create(indicator=indicator, year=2023, target=3, realised=None)
    bare = CatalogFactory(municipality=MunicipalityFactory(slug="deventer", name="Deventer"))
    bare["task"].finances.all().delete()
    bare["task"].contracts.all().delete()
    return first, second, bare


def _serialised(request) -> list[dict]:
    view = TaskViewSet()
    view.action, view.request = "retrieve", request  # the queryset with the instances' prefetches
    tasks = view.get_queryset()
    data = TaskSerializer(tasks, many=True, context={"request": request}).data
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_task_rows_are_what_the_serializer_gives(client, catalogue, page_size):
    rows = _all(client, f"/api/v1/tasks/?page_size={page_size}")
    request = Request(RequestFactory().get("/api/v1/tasks/"))
    expected = _serialised(request)
    assert len(rows) == Task.objects.count() == 3
    assert rows == expected
    blocked = next(row for row in rows if row["blocker"])
    assert blocked["challengeable_from"] is None
    assert blocked["providers"] == [catalogue[1]["provider"].name]
    assert [f["year"] for f in blocked["finances"]] == [2027, 2026]
    assert blocked["indicators"][0]["values"][1]["target"] == "12.50"


def _all(client, url: str) -> list[dict]:
    """Every page's rows; each page asked twice: the second answer, from the rows' parts kept in
    the cache (core.fragments.cached_parts), is the first one's."""
    rows = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        assert client.get(url).content == response.content
        rows += response.json()["results"]
        url = response.json()["next"]
    return rows


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_contract_and_calendar_rows_are_what_their_serializers_give(
    client, catalogue, page_size
):
    from uitdaagrecht.opendata.catalog_api import (
        CalendarEntrySerializer,
        CalendarViewSet,
        ContractSerializer,
        ContractViewSet,
    )

    request = Request(RequestFactory().get("/"))
    for url, view, serializer, order in [
        ("/api/v1/contracts/", ContractViewSet, ContractSerializer, ("id",)),
        ("/api/v1/calendar/", CalendarViewSet, CalendarEntrySerializer, ("end_date", "id")),
    ]:
        rows = _all(client, f"{url}?page_size={page_size}")
        objects = view(request=request, action="retrieve").get_queryset().order_by(*order)
        expected = serializer(objects, many=True, context={"request": request}).data
        assert rows == json.loads(json.dumps(expected, default=str)), url
        assert len(rows) == objects.count() > 0


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_challenge_rows_are_what_the_serializer_gives(client, documents_storage, page_size):
    from tests.challenge_world import in_state, make_world, pdf_bytes, upload
    from tests.factories import CatalogFactory
    from uitdaagrecht.challenges.services import documents
    from uitdaagrecht.challenges.workflow import State
    from uitdaagrecht.opendata.challenges_api import ChallengeSerializer, ChallengeViewSet

    world = make_world()
    intake = in_state(world, State.INTAKE)
    in_state(world, State.ASSESSMENT)
    in_state(world, State.REDIRECTED)
    intake.tasks.add(CatalogFactory(municipality=world.place)["task"])  # two tasks, by title
    event = documents.documents_add(
        challenge=intake,
        actor=world.resident,
        files=[upload("plan.pdf", pdf_bytes(), "application/pdf")],
        consent_to_publish=True,
    )
    documents.document_publish(document=event.documents.get(), actor=world.contact)
    rows = _all(client, f"/api/v1/challenges/?page_size={page_size}")
    request = Request(RequestFactory().get("/"))
    challenges = ChallengeViewSet(request=request, action="list").get_queryset()
    expected = ChallengeSerializer(challenges, many=True, context={"request": request}).data
    assert rows == json.loads(json.dumps(expected, default=str))
    assert len(rows) == 3 and any(row["documents"] for row in rows)
    assert any(len(row["tasks"]) == 2 for row in rows)


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_decision_rows_are_what_the_serializer_gives(client, page_size):
    from tests.challenge_world import in_state, make_world
    from uitdaagrecht.assessment.models import Decision
    from uitdaagrecht.assessment.selectors import public_decisions
    from uitdaagrecht.challenges.workflow import State
    from uitdaagrecht.opendata.assessment_api import DecisionSerializer

    world = make_world()
    values = {
        "reasons_economic": "Goedkoper.",
        "reasons_social": "Dichtbij.",
        "reasons_democratic": "Meer zeggenschap.",
        "reasons": "Samen.",
        "body": "college",
        "decided_on": datetime.date(2026, 5, 4),
        "decided_by": world.decision_maker,
    }
    first = Decision.objects.create(
        challenge=in_state(world, State.AGREEMENTS), outcome="accept", **values
    )
    Decision.objects.create(
        challenge=first.challenge,
        outcome="partial",
        part="Alleen het maaien",
        corrects=first,
        ori_identifier="1234567",
        **values,
    )
    Decision.objects.create(challenge=in_state(world, State.REJECTED), outcome="reject", **values)
    rows = _all(client, f"/api/v1/decisions/?page_size={page_size}")
    request = Request(RequestFactory().get("/"))
    decisions = public_decisions().order_by("-published_at", "-id")
    expected = DecisionSerializer(decisions, many=True, context={"request": request}).data
    assert rows == json.loads(json.dumps(expected, default=str))
    assert len(rows) == decisions.count() >= 2
    assert any(row["ori_uri"] for row in rows)


# Frameworks, agreements and progress reports (issue 13): rows against their serializers, with
# the cases that differ — draft and unsigned versions (left out), confidential parts (null), a
# part key that is no part, a criterion without levels, a report without a moment, a report
# whose version keeps its results confidential, and a report not yet acknowledged (left out).

SECRET = "Bedrijfsgevoelig"


def _agreements_world(times: int = 1):
    """`times` rounds of: two published framework versions and a draft; a challenge with two
    signed versions (the second with confidential parts) and one with an unsigned version;
    progress reports on them."""
    from tests.assessment_world import RESULT, propose, publish_framework
    from tests.challenge_world import fresh, in_state, make_world
    from uitdaagrecht.agreements import services as agreements
    from uitdaagrecht.agreements.models import Version
    from uitdaagrecht.assessment import services as assessment
    from uitdaagrecht.assessment.models import Criterion
    from uitdaagrecht.challenges.workflow import State
    from uitdaagrecht.monitoring.models import Moment, Report, Value

    for _ in range(times):
        world = make_world()
        publish_framework(world.place, world.coordinator)
        latest = publish_framework(world.place, world.coordinator)
        Criterion.objects.create(framework=latest, dimension="social", name="Zonder schaal")
        assessment.framework_draft(municipality=world.place, actor=world.coordinator)

        def signed(challenge, world=world, **values):
            version = propose(challenge, fresh(world.resident), **values)
            agreements.version_sign(version=version, actor=fresh(world.resident))
            agreements.version_sign(version=version, actor=fresh(world.decision_maker))
            return version

        challenge = in_state(world, State.AGREEMENTS)
        first = signed(challenge, results=(RESULT, {**RESULT, "baseline": None, "target": "7.5"}))
        second = signed(
            challenge,
            risks=({"risk": "Te weinig vrijwilligers", "mitigation": "Werven"},),
            experiment=True,
            interim_evaluations=["2028-01-01", "2027-07-01"],
            confidential={"budget": SECRET, "results": SECRET, "preconditions": SECRET},
        )
        reviews = signed(
            in_state(world, State.AGREEMENTS),
            experiment=True,
            interim_evaluations=["2027-09-01"],
            confidential={"reviews": SECRET, "terms": SECRET},
        )
        # A key that is no part (older data): not among the confidential parts, nothing left out.
        Version.objects.filter(pk=reviews.pk).update(
            confidential={"reviews": SECRET, "terms": SECRET, "elders": "x"}
        )
        propose(in_state(world, State.AGREEMENTS), fresh(world.resident))  # never signed

        moment = Moment.objects.create(challenge=challenge, due_on=datetime.date(2027, 7, 1))
        for version, due, acknowledged in [
            (first, moment, True),
            (first, None, True),  # a correction has no moment of its own
            (second, None, True),  # its results are confidential
            (first, None, False),  # not acknowledged: not public
        ]:
            report = Report.objects.create(
                challenge=challenge,
                moment=due,
                version=version,
                account="Goed op weg.",
                submitted_by=world.resident,
                acknowledged_at=(
                    datetime.datetime(2027, 7, 2, 12, tzinfo=datetime.UTC) if acknowledged else None
                ),
                acknowledged_by=world.contact if acknowledged else None,
            )
            for result in version.results.all():
                Value.objects.create(report=report, result=result, value=Decimal("7.25"))


def _expected(objects, serializer_class) -> list[dict]:
    request = Request(RequestFactory().get("/"))
    data = serializer_class(objects, many=True, context={"request": request}).data
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_framework_agreement_and_report_rows_are_what_their_serializers_give(
    client, settings, page_size
):
    from uitdaagrecht.agreements.selectors import signed_versions
    from uitdaagrecht.assessment.models import Framework
    from uitdaagrecht.monitoring.models import Report
    from uitdaagrecht.opendata.assessment_api import (
        AgreementSerializer,
        FrameworkSerializer,
        FrameworkViewSet,
    )
    from uitdaagrecht.opendata.monitoring_api import (
        ProgressReportSerializer,
        ProgressReportViewSet,
    )

    settings.STAFF_2FA_REQUIRED = False
    _agreements_world()
    request = Request(RequestFactory().get("/"))
    frameworks = FrameworkViewSet(request=request, action="list").get_queryset()
    reports = (
        ProgressReportViewSet(request=request, action="list")
        .get_queryset()
        .order_by("-submitted_at", "-id")
    )
    for url, objects, serializer in [
        ("/api/v1/frameworks/", frameworks, FrameworkSerializer),
        ("/api/v1/agreements/", signed_versions(), AgreementSerializer),
        ("/api/v1/progress-reports/", reports, ProgressReportSerializer),
    ]:
        rows = _all(client, f"{url}?page_size={page_size}")
        assert rows == _expected(objects, serializer), url
        assert len(rows) == objects.count() > 0, url
    assert Framework.objects.count() == 3 and len(_all(client, "/api/v1/frameworks/")) == 2
    assert any(
        c["levels"] == [] for f in _all(client, "/api/v1/frameworks/") for c in f["criteria"]
    )
    agreements = _all(client, "/api/v1/agreements/")
    assert len(agreements) == 3  # the unsigned version is left out
    hidden = [a for a in agreements if a["confidential_parts"]]
    assert {a["budget"] is None and a["results"] is None for a in hidden} == {True, False}
    assert any(a["interim_evaluations"] is None and a["start_date"] is None for a in hidden)
    assert all("elders" not in a["confidential_parts"] for a in agreements)
    reports = _all(client, "/api/v1/progress-reports/")
    assert len(reports) == Report.objects.exclude(acknowledged_at=None).count() == 3
    assert any(r["values"] == [] for r in reports) and any(r["moment"] is None for r in reports)
    assert any(r["values"] and r["moment"] for r in reports)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/frameworks/",
        "/api/v1/frameworks/?municipality=GM0001",
        "/api/v1/agreements/",
        "/api/v1/progress-reports/",
        "/api/v1/progress-reports/?challenge=x",
        "/api/v1/challenges/",
    ],
)
def test_the_row_lists_cost_the_same_queries_with_more_data(client, settings, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.STAFF_2FA_REQUIRED = False

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _agreements_world()
    once = count()
    _agreements_world(times=3)
    assert count() == once


# With the rows' nested parts kept (core.fragments.cached_parts), a page costs only its own
# queries — whatever the data, and the first request after a change reads the parts again.
KEPT = {
    "/api/v1/tasks/": (1, "the page"),
    "/api/v1/challenges/": (1, "the cursor page"),
    "/api/v1/agreements/": (2, "count, page"),
    "/api/v1/frameworks/": (2, "count, page"),
    "/api/v1/progress-reports/": (1, "the cursor page"),
}


@pytest.mark.parametrize("url", KEPT)
def test_a_page_whose_parts_are_kept_costs_only_its_own_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for times in (1, 3):
        _agreements_world(times=times)
        assert count() > KEPT[url][0]  # after the change: the parts read again
        assert count() == KEPT[url][0], KEPT[url][1]
