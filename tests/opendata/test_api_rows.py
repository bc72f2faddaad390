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
    rows, url = [], f"/api/v1/tasks/?page_size={page_size}"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        rows += response.json()["results"]
        url = response.json()["next"]
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
    rows = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
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
def test_the_challenge_rows_are_what_the_serializer_gives(client, settings, tmp_path, page_size):
    from tests.challenge_world import in_state, make_world, pdf_bytes, upload
    from tests.factories import CatalogFactory
    from uitdaagrecht.challenges.services import documents
    from uitdaagrecht.challenges.workflow import State
    from uitdaagrecht.opendata.challenges_api import ChallengeSerializer, ChallengeViewSet

    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
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
