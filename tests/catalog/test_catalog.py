"""The task catalogue as residents and staff use it: what can be challenged from when, the
procurement calendar and its feeds, the staff forms, the API and privacy."""

import csv
import datetime
import io

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.factories import CatalogFactory, DepartmentFactory, MunicipalityFactory, StaffRoleFactory
from uitdaagrecht.catalog.models import ChangeLog, Contract, Provider, Task, add_months
from uitdaagrecht.catalog.selectors import task_list
from uitdaagrecht.catalog.services import part_save, task_refresh_binding, task_save

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def place():
    return MunicipalityFactory(name="Hier", slug="hier")


@pytest.fixture
def world(place):
    return CatalogFactory(municipality=place)


def contract_until(task: Task, end: datetime.date, notice: int = 3) -> Contract:
    contract = Contract.objects.create(
        task=task,
        provider=Provider.objects.filter(municipality=task.municipality).first(),
        value_per_year_eur=1000,
        start_date=end - datetime.timedelta(days=1000),
        end_date=end,
        notice_months=notice,
    )
    task_refresh_binding(task=task)
    return contract


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2024, 3, 31), -1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2026, 12, 15), 13) == datetime.date(2028, 1, 15)


def test_a_task_can_be_challenged_the_day_after_its_last_contract(world):
    task = world["task"]
    Contract.objects.all().delete()
    task_refresh_binding(task=task)
    assert task.challengeable_from(TODAY) == TODAY
    end = add_months(TODAY, 8)
    contract_until(task, end)
    contract_until(task, add_months(TODAY, 2))
    assert task.challengeable_from(TODAY) == end + datetime.timedelta(days=1)


def test_blockers_statutory_never_and_procurement_until_a_date(world):
    task = world["task"]
    task.blocker, task.blocker_explanation = "statutory", "Wettelijke taak"
    task_save(task=task, actor=None)
    assert task.challengeable_from(TODAY) is None
    task.blocker, task.blocked_until = "procurement", add_months(TODAY, 30)
    task_save(task=task, actor=None)
    assert task.challengeable_from(TODAY) == add_months(TODAY, 30) + datetime.timedelta(days=1)


def test_availability_filters(place, world):
    task = world["task"]
    Contract.objects.all().delete()
    task_refresh_binding(task=task)
    soon = CatalogFactory(municipality=MunicipalityFactory())["task"]  # another municipality
    later = Task.objects.create(
        municipality=place,
        title="Later",
        slug="later",
        description="x",
        department=task.department,
        taakveld=task.taakveld,
    )
    Contract.objects.create(
        task=later,
        provider=world["provider"],
        value_per_year_eur=1,
        start_date=TODAY,
        end_date=add_months(TODAY, 6),
    )
    task_refresh_binding(task=later)

    def titles(availability):
        return {
            t.title for t in task_list(municipality=place, today=TODAY, availability=availability)
        }

    assert titles("nu") == {task.title}
    assert titles("12-maanden") == {task.title, "Later"}
    assert soon.title not in titles("")


def test_catalogue_page_filters_and_keeps_bad_values_harmless(client, place, world):
    html = client.get("/hier/taken/").content.decode()
    assert world["task"].title in html and world["provider"].name in html
    response = client.get("/hier/taken/?hoofdtaakveld=zz&department=%3Cscript%3E")
    assert response.status_code == 400
    assert "<script>" not in response.content.decode().split("<main")[1]
    assert world["task"].title in response.content.decode()  # invalid filters are ignored


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming needs PostgreSQL")
def test_dutch_full_text_search_finds_word_forms(place, world):
    task = world["task"]
    task.title, task.description = "Beheer sportvelden", "Wij maaien de speeltuinen en sportvelden."
    task.save()
    assert list(task_list(municipality=place, today=TODAY, query="sportveld")) == [task]
    assert list(task_list(municipality=place, today=TODAY, query="speeltuin maaien")) == [task]
    assert not task_list(municipality=place, today=TODAY, query="zwembaden").exists()


def test_search_by_a_word(place, world):
    assert list(task_list(municipality=place, today=TODAY, query="groen")) == [world["task"]]
    assert not task_list(municipality=place, today=TODAY, query="zwembad").exists()


def test_task_page_shows_money_contracts_results_and_the_date(client, world):
    task = world["task"]
    html = client.get(task.get_absolute_url()).content.decode()
    assert world["provider"].name in html
    assert "140.000" in html  # full cost = budget + overhead
    assert "Tevredenheid" in html
    assert "31 dec. 2027" in html
    assert "1 januari 2028" in html  # challengeable from the day after the contract
    assert client.get("/hier/taken/bestaat-niet/").status_code == 404


def test_calendar_page_csv_and_icalendar_feed(client, world):
    task = world["task"]
    contract_until(task, add_months(TODAY, 5), notice=2)
    assert task.title in client.get("/hier/kalender/").content.decode()

    rows = list(csv.reader(io.StringIO(client.get("/hier/kalender.csv").content.decode())))
    assert rows[0][:3] == ["date", "event", "task"]
    assert {"notice", "contract_end", "challengeable"} <= {row[1] for row in rows[1:]}

    response = client.get("/hier/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert events and all(e.get("UID") and e.get("DTSTART") and e.get("DTSTAMP") for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))


def test_csv_export_neutralises_spreadsheet_formulas(client, world):
    task = world["task"]
    task.title = '=HYPERLINK("http://evil")'
    task.save()
    contract_until(task, add_months(TODAY, 5))
    rows = list(csv.reader(io.StringIO(client.get("/hier/kalender.csv").content.decode())))
    assert all(not row[2].startswith("=") for row in rows[1:])


@pytest.fixture
def admin(client, settings, place):
    settings.STAFF_2FA_REQUIRED = False
    role = StaffRoleFactory(admin=True, municipality=place)
    client.force_login(role.user)
    return role


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"start_date": "2026-01-01", "end_date": "2025-01-01"},
            "end_date",
            "The contract ends before it starts.",
        ),
        (
            {"start_date": "2026-01-01", "end_date": "2026-03-01", "notice_months": "6"},
            "notice_months",
            "The notice period is longer than the contract itself.",
        ),
        ({"start_date": "morgen", "end_date": "2026-03-01"}, "start_date", ""),
        ({"value_per_year_eur": "-5"}, "value_per_year_eur", ""),
    ],
)
def test_contract_form_explains_what_is_wrong(client, admin, world, data, field, message):
    before = list(Contract.objects.values())
    base = {
        "provider": world["provider"].pk,
        "value_per_year_eur": "1000",
        "start_date": "2026-01-01",
        "end_date": "2027-01-01",
        "notice_months": "0",
    }
    url = reverse(
        "workspace:catalog_contract_new",
        kwargs={"municipality": "hier", "task_pk": world["task"].pk},
    )
    response = client.post(url, base | data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    with translation.override("nl"):
        assert escape(translation.gettext(message)) in html
    assert list(Contract.objects.values()) == before


def test_a_provider_of_another_municipality_cannot_be_chosen(client, admin, world):
    other = CatalogFactory(municipality=MunicipalityFactory())
    url = reverse(
        "workspace:catalog_contract_new",
        kwargs={"municipality": "hier", "task_pk": world["task"].pk},
    )
    response = client.post(
        url,
        {
            "provider": other["provider"].pk,
            "value_per_year_eur": "1",
            "start_date": "2026-01-01",
            "end_date": "2027-01-01",
            "notice_months": "0",
        },
    )
    assert response.status_code == 400
    assert Contract.objects.filter(provider=other["provider"]).count() == 1


def test_staff_create_a_task_with_hostile_text_shown_escaped_and_logged(client, admin, world):
    hostile = '<script>alert("x")</script>'
    response = client.post(
        reverse("workspace:catalog_task_new", kwargs={"municipality": "hier"}),
        {
            "title": hostile,
            "description": hostile,
            "target_group": hostile,
            "area": hostile,
            "department": world["task"].department.pk,
            "taakveld": "5.7",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(title=hostile)
    assert ChangeLog.objects.filter(task=task, actor=admin.user).exists()
    client.logout()
    for url in (task.get_absolute_url(), "/hier/taken/", "/hier/kalender/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
    assert "&lt;script&gt;" in client.get(task.get_absolute_url()).content.decode()


def test_a_blocker_needs_an_explanation(client, admin, world):
    response = client.post(
        reverse(
            "workspace:catalog_task_edit", kwargs={"municipality": "hier", "pk": world["task"].pk}
        ),
        {
            "title": "X",
            "description": "Y",
            "department": world["task"].department.pk,
            "taakveld": "5.7",
            "blocker": "statutory",
        },
    )
    assert response.status_code == 400
    assert "id_blocker_explanation_error" in response.content.decode()


def test_task_page_shows_last_updated(client, admin, world):
    part_save(
        obj=world["finance"],
        task=world["task"],
        municipality=world["task"].municipality,
        actor=admin.user,
    )
    client.logout()
    with translation.override("nl"):
        expected = translation.gettext("Last updated %(date)s.").split("%")[0]
    assert expected in client.get(world["task"].get_absolute_url()).content.decode()


def test_no_civil_servant_in_public_output(client, admin, world):
    admin.user.full_name = "Ambtenaar Geheim"
    admin.user.save()
    task_save(task=world["task"], actor=admin.user)
    client.logout()
    for url in [
        world["task"].get_absolute_url(),
        "/hier/taken/",
        "/hier/kalender/",
        "/hier/kalender.csv",
        "/hier/kalender.ics",
        "/api/v1/tasks/",
        "/api/v1/contracts/",
        "/api/v1/calendar/",
    ]:
        body = client.get(url).content.decode()
        assert "Ambtenaar Geheim" not in body and admin.user.email not in body, url


def test_api_filters_and_bad_values(client, world):
    body = client.get(f"/api/v1/tasks/?municipality={world['task'].municipality.cbs_code}").json()
    assert [t["slug"] for t in body["results"]] == [world["task"].slug]
    assert body["results"][0]["finances"][0]["full_cost_eur"] == 140_000
    assert client.get("/api/v1/tasks/?challengeable_from_before=gisteren").status_code == 400
    assert client.get("/api/v1/tasks/?municipality=GM9999").status_code == 400
    after = client.get("/api/v1/tasks/?challengeable_from_after=2027-12-31").json()["results"]
    assert [t["slug"] for t in after] == [world["task"].slug]
    assert client.get("/api/v1/tasks/?challengeable_from_after=2028-01-02").json()["results"] == []
    entries = client.get("/api/v1/calendar/").json()["results"]
    assert entries[0]["notice_deadline"] == "2027-06-30"


def many_tasks(place, count: int) -> None:
    department = DepartmentFactory(municipality=place)
    for _ in range(count):
        CatalogFactory(municipality=place, department=department)


@pytest.mark.parametrize(
    "url",
    [
        "/hier/taken/",
        "/hier/taken/?status=12-maanden&q=groen",
        "/hier/kalender/",
        "/hier/kalender.csv",
        "/hier/kalender.ics",
        "/api/v1/tasks/",
        "/api/v1/contracts/",
        "/api/v1/calendar/",
    ],
)
def test_query_counts_do_not_grow_with_ten_times_the_tasks(client, place, url, monkeypatch):
    from django.core.cache import cache

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    many_tasks(place, 3)
    small = count()
    many_tasks(place, 27)
    assert count() == small


def test_task_page_query_count_is_fixed(client, place, world, django_assert_max_num_queries):
    for _ in range(5):
        task = world["task"]
        contract_until(task, add_months(TODAY, 5))
    # slug, municipality, task, contracts, finances, indicators, values, taakveld budget
    with django_assert_max_num_queries(9):
        client.get(world["task"].get_absolute_url())
