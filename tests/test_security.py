"""Security defects of issue 12, each with the test that failed before its fix (sections numbered
as in the issue): registration that hands an account to someone else, confirmation links that log
in more than once, registration that tells by its timing who has an account, feeds that turn text
into HTML, the login lockout, events injected into the calendar, and uploaded file names."""

import datetime
import re

import icalendar
import pytest
from django.urls import reverse
from lxml import etree

from uitdaagrecht.assessment.models import Decision
from uitdaagrecht.budgets.services import taakvelden_load
from uitdaagrecht.catalog.models import Contract, Task, add_months
from uitdaagrecht.catalog.selectors import calendar_events, task_list
from uitdaagrecht.catalog.services import task_refresh_binding, today
from uitdaagrecht.challenges.documents import safe_name

from .atom import atom_errors
from .factories import (
    CatalogFactory,
    ChallengeFactory,
    DepartmentFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffRoleFactory,
    UserFactory,
)
from .test_catalog_bulk import apply as bulk_apply
from .test_catalog_bulk import csv_file, errors_of
from .test_catalog_bulk import upload as bulk_upload

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- 4. feeds


ATOM = "{http://www.w3.org/2005/Atom}"
TEXT_CONSTRUCTS = ("title", "subtitle", "summary", "content", "rights")
HOSTILE = '<script>alert("feed")</script><img src=x onerror=alert(1)>'
ORDINARY = "Kosten < baten & de buurt doet mee; 5 > 3, dus R&D-budget <ja>."


@pytest.fixture
def decided(client):
    place = MunicipalityFactory(name="Kampen", slug="kampen")
    resident = UserFactory()
    organisation = OrganisationFactory(owner=resident)
    decisions = []
    for title, reasons in [("Park <b>&amp; buurt</b>", HOSTILE), ("Speeltuin & co", ORDINARY)]:
        challenge = ChallengeFactory(municipality=place, organisation=organisation, title=title)
        decisions.append(
            Decision.objects.create(
                challenge=challenge,
                outcome="reject",
                reasons_economic=reasons,
                reasons_social=reasons,
                reasons_democratic=reasons,
                reasons=reasons,
                body="council",
                decided_on=datetime.date(2026, 11, 20),
                decided_by=resident,
            )
        )
    return decisions


def test_every_text_in_the_decisions_feed_is_plain_text(client, decided):
    response = client.get(reverse("assessment:feed", kwargs={"municipality": "kampen"}))
    assert atom_errors(response.content) == []
    root = etree.fromstring(response.content)
    texts = [e for name in TEXT_CONSTRUCTS for e in root.iter(f"{ATOM}{name}")]
    assert texts
    # RFC 4287 §3.1.1: without a type a text is plain text; "html" would make readers render it.
    assert {e.get("type", "text") for e in texts} == {"text"}
    summaries = {e.findtext(f"{ATOM}summary") for e in root.iter(f"{ATOM}entry")}
    assert summaries == {HOSTILE, ORDINARY}  # read exactly as written, < and & included
    titles = {e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")}
    assert any("Park <b>&amp; buurt</b>" in title for title in titles)
    assert any("Speeltuin & co" in title for title in titles)


# ---------------------------------------------------------------- 7. the calendar (ICS)


TITLES = [
    "Groen\rbeheer",
    "Park\rBEGIN:VEVENT\rUID:nep\rSUMMARY:Nep\rDTSTART:20270101\rEND:VEVENT",
    "Wijk\r\nBEGIN:VEVENT\nEND:VEVENT\x00\x1b",
]


def test_a_task_title_with_line_breaks_adds_no_events_to_the_calendar(client):
    place = MunicipalityFactory(name="Hier", slug="hier")
    soon = add_months(datetime.date.today(), 5)
    for title in TITLES:
        task = CatalogFactory(municipality=place)["task"]
        Task.objects.filter(pk=task.pk).update(title=title)  # as stored before the fix
        Contract.objects.filter(task=task).update(end_date=soon, notice_months=0)
        task_refresh_binding(task=task)
    events = calendar_events(tasks=task_list(municipality=place, today=today()), today=today())
    assert {event.task.title for event in events} == set(TITLES)
    content = client.get("/hier/kalender.ics").content
    lines = re.split(rb"\r\n|\r|\n", content)
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == len(events)
    assert not re.search(rb"\r(?!\n)|(?<!\r)\n", content)  # every line ends in CRLF
    calendar = icalendar.Calendar.from_ical(content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert len(summaries) == len(events)
    assert not any(re.search(r"[\x00-\x1f\x7f]", summary) for summary in summaries)
    assert sum("Park BEGIN:VEVENT UID:nep" in summary for summary in summaries) == sum(
        event.task.title == TITLES[1] for event in events
    )


@pytest.fixture
def catalog_admin(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    taakvelden_load()
    role = StaffRoleFactory(admin=True, municipality__slug="hier", municipality__name="Hier")
    DepartmentFactory(municipality=role.municipality, name="Groen")
    client.force_login(role.user)
    return role


def test_the_task_form_stores_text_without_control_characters(client, catalog_admin):
    response = client.post(
        reverse("workspace:catalog_task_new", kwargs={"municipality": "hier"}),
        {
            "title": "Park\rBEGIN:VEVENT\x1b[31m\tEND:VEVENT",
            "description": "Regel een\rRegel twee\r\nRegel drie\x07\u2028Regel vier",
            "target_group": "Buurt\rbewoners",
            "area": "",
            "department": catalog_admin.municipality.departments.get().pk,
            "taakveld": "5.7",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.title == "Park BEGIN:VEVENT[31m END:VEVENT"
    assert task.description == "Regel een\nRegel twee\nRegel drie\nRegel vier"
    assert task.target_group == "Buurt bewoners"


def test_the_bulk_import_stores_text_without_control_characters(client, catalog_admin):
    rows = [
        {
            "taak": "Speel\rtuinen",
            "omschrijving": "Regel een\rRegel twee\x85",
            "afdeling": "Groen",
            "taakveld": "5.7",
        }
    ]
    content = csv_file(rows)
    assert b"\r" in content.replace(b"\r\n", b"")
    preview = bulk_upload(client, catalog_admin, content)
    assert preview.status_code == 200, errors_of(preview)
    bulk_apply(client, catalog_admin, preview)
    task = Task.objects.get()
    assert "\r" not in task.title and "\r" not in task.description
    assert task.description == "Regel een\nRegel twee"


# ---------------------------------------------------------------- 9. uploads


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("....pdf", "document.pdf"),
        (".pdf", "document.pdf"),
        (" . .docx", "document.docx"),
        ("../....pdf", "document.pdf"),
        ("rapport.pdf.", "rapport.pdf"),
        ("...", "document"),
        ("..verslag.pdf", "verslag.pdf"),
    ],
)
def test_a_file_name_of_only_dots_and_an_extension_keeps_a_name(name, stored):
    assert safe_name(name) == stored
