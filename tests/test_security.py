"""Security defects of issue 12, each with the test that failed before its fix (sections numbered
as in the issue): registration that hands an account to someone else, confirmation links that log
in more than once, registration that tells by its timing who has an account, feeds that turn text
into HTML, the login lockout, events injected into the calendar, and uploaded file names."""

import datetime
import re
import time
from contextlib import contextmanager
from unittest import mock

import icalendar
import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog
from django.contrib.auth.hashers import get_hasher
from django.core import mail
from django.core.cache import cache
from django.db.models import F
from django.test import Client
from django.urls import reverse
from lxml import etree

from tests.atom import atom_errors
from tests.catalog.test_catalog_bulk import apply as bulk_apply
from tests.catalog.test_catalog_bulk import csv_file, errors_of
from tests.catalog.test_catalog_bulk import upload as bulk_upload
from tests.factories import (
    CatalogFactory,
    ChallengeFactory,
    DepartmentFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffRoleFactory,
    UserFactory,
)
from uitdaagrecht.accounts import services
from uitdaagrecht.accounts.models import User
from uitdaagrecht.assessment.models import Decision
from uitdaagrecht.budgets.services import taakvelden_load
from uitdaagrecht.catalog.models import Contract, Task, add_months
from uitdaagrecht.catalog.selectors import calendar_events, task_list
from uitdaagrecht.catalog.services import task_refresh_binding, today
from uitdaagrecht.challenges.documents import safe_name

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- 1. account takeover

VICTIM = "het wachtwoord van het slachtoffer 2026"
ATTACKER = "het wachtwoord van de aanvaller 2026"
LINK = re.compile(r"https?://[^/\s]+(/\S+)")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): …` sends the e-mails the block left for after the commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def register(client, committed, email: str, password: str, name: str = "Fatima de Vries"):
    with committed():
        response = client.post(
            reverse("accounts:register"),
            {"full_name": name, "email": email, "password1": password, "password2": password},
        )
    assert response.status_code == 200
    return response


def some_minutes_later() -> None:
    """The form sends one e-mail per address per few minutes; after that, another."""
    cache.clear()


def links_to(address: str) -> list[str]:
    return [LINK.search(m.body).group(1) for m in mail.outbox if m.to == [address]]


def logged_in_as(client) -> User | None:
    pk = client.session.get("_auth_user_id")
    return User.objects.get(pk=pk) if pk else None


def can_log_in(email: str, password: str) -> bool:
    response = Client().post(reverse("accounts:login"), {"username": email, "password": password})
    return response.status_code == 302


def test_registering_a_taken_unconfirmed_address_does_not_change_its_credentials(committed):
    victim, attacker = Client(), Client()
    register(victim, committed, "slachtoffer@example.org", VICTIM, name="Slachtoffer")
    account = User.objects.get(email="slachtoffer@example.org")
    some_minutes_later()
    register(attacker, committed, "Slachtoffer@Example.org", ATTACKER, name="Aanvaller")
    account.refresh_from_db()
    assert account.check_password(VICTIM)
    assert not account.check_password(ATTACKER)
    assert account.full_name == "Slachtoffer"
    # The victim confirms with their own link: their account, with their own password.
    first, *_rest = links_to("slachtoffer@example.org")
    assert victim.post(first).status_code == 302
    assert logged_in_as(victim) == account
    assert can_log_in("slachtoffer@example.org", VICTIM)
    assert not can_log_in("slachtoffer@example.org", ATTACKER)


def test_a_second_registration_with_another_password_confirms_without_logging_in(committed):
    """Whoever registered an address first chose its password. A link sent for a later
    registration with another password confirms the address but does not log in: the person
    who follows it logs in with the first password or chooses a new one by password reset
    (which ends any session of whoever chose the first)."""
    first_comer, owner = Client(), Client()
    register(first_comer, committed, "eigenaar@example.org", ATTACKER, name="Eerste")
    some_minutes_later()
    register(owner, committed, "eigenaar@example.org", VICTIM, name="Eigenaar")
    account = User.objects.get(email="eigenaar@example.org")
    assert account.full_name == "Eerste"  # nothing changed by the second registration
    _first, second = links_to("eigenaar@example.org")
    response = owner.post(second)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert logged_in_as(owner) is None
    account.refresh_from_db()
    assert account.is_active


def test_the_same_person_registering_again_gets_a_link_that_logs_in(committed):
    client = Client()
    register(client, committed, "twee@example.org", VICTIM, name="Eerste poging")
    some_minutes_later()
    register(client, committed, "twee@example.org", VICTIM, name="Tweede poging")
    account = User.objects.get(email="twee@example.org")
    assert account.full_name == "Tweede poging"  # they know the password: it is their account
    _first, second = links_to("twee@example.org")
    assert client.post(second).status_code == 302
    assert logged_in_as(client) == account


def test_a_confirmation_link_dies_when_the_password_changes(committed):
    client = Client()
    register(client, committed, "wissel@example.org", VICTIM)
    account = User.objects.get(email="wissel@example.org")
    account.set_password(ATTACKER)
    account.save(update_fields=["password"])
    [link] = links_to("wissel@example.org")
    response = client.post(link)
    assert response.status_code == 400
    assert logged_in_as(client) is None
    account.refresh_from_db()
    assert not account.is_active


# ---------------------------------------------------------------- 2. links used once


def test_a_used_confirmation_link_confirms_nothing_and_logs_no_one_in(committed):
    client = Client()
    register(client, committed, "eenmaal@example.org", VICTIM)
    [link] = links_to("eenmaal@example.org")
    assert client.post(link).status_code == 302
    assert logged_in_as(client) is not None
    # Someone who finds the link later (a shared mailbox, a forwarded mail) gets nothing.
    later = Client()
    response = later.post(link)
    assert response.status_code == 400
    assert logged_in_as(later) is None


def test_a_confirmation_link_logs_no_one_in_after_a_password_reset(committed):
    client = Client()
    register(client, committed, "reset@example.org", VICTIM)
    [link] = links_to("reset@example.org")
    assert client.post(link).status_code == 302
    account = User.objects.get(email="reset@example.org")
    account.set_password(ATTACKER)  # as the password-reset form does
    account.save(update_fields=["password"])
    later = Client()
    assert later.post(link).status_code == 400
    assert logged_in_as(later) is None


def test_a_stale_confirmation_link_confirms_nothing(committed):
    client = Client()
    register(client, committed, "oud@example.org", VICTIM)
    [link] = links_to("oud@example.org")
    three_days_later = time.time() + services.REGISTRATION_MAX_AGE + 60
    with mock.patch("time.time", return_value=three_days_later):
        response = client.post(link)
    assert response.status_code == 400
    assert logged_in_as(client) is None
    assert not User.objects.get(email="oud@example.org").is_active


# ---------------------------------------------------------------- 3. timing of registration


@contextmanager
def counted_hashing():
    """Counts the password hashes computed (making a hash and checking one both compute one)."""
    hasher = type(get_hasher())
    with mock.patch.object(hasher, "encode", autospec=True, side_effect=hasher.encode) as encode:
        yield encode


@pytest.mark.parametrize("kind", ["active", "unconfirmed", "just registered"])
def test_registration_hashes_a_password_as_often_for_a_known_address(committed, kind):
    UserFactory(email="bekend@example.org", is_active=kind == "active")
    if kind == "just registered":
        register(Client(), committed, "bekend@example.org", VICTIM)
    elif kind == "unconfirmed":
        register(Client(), committed, "onbevestigd@example.org", VICTIM)
        some_minutes_later()
    address = "onbevestigd@example.org" if kind == "unconfirmed" else "bekend@example.org"
    with counted_hashing() as unknown:
        new = register(Client(), committed, "nieuw@example.org", VICTIM)
    with counted_hashing() as known:
        again = register(Client(), committed, address, ATTACKER)
    assert unknown.call_count == 1
    assert known.call_count == unknown.call_count
    # The same page (the queued e-mail's text is rendered in the request too: left out).
    pages = [[t.name for t in r.templates if "/email/" not in t.name] for r in (new, again)]
    assert pages[0] == pages[1]


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


# ---------------------------------------------------------------- 6. login lockout

PASSWORD = "correct horse battery"  # UserFactory's


def log_in(email: str, password: str, address: str, forwarded: str | None = None) -> int:
    """The status of a login from `address` (REMOTE_ADDR), through a proxy if `forwarded`."""
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    data = {"username": email, "password": password}
    return Client().post(reverse("accounts:login"), data, **extra).status_code


def minutes_pass(minutes: float) -> None:
    """Move every recorded login attempt back in time."""
    delta = datetime.timedelta(minutes=minutes)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - delta)
    AccessFailureLog.objects.update(attempt_time=F("attempt_time") - delta)
    AccessAttemptExpiration.objects.update(expires_at=F("expires_at") - delta)


@pytest.fixture
def anna(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return UserFactory(email="anna@example.org")


def test_failures_from_one_address_do_not_lock_the_username_from_another(anna):
    for _attempt in range(3):
        log_in("anna@example.org", "fout", "198.51.100.7")
    assert log_in("anna@example.org", PASSWORD, "198.51.100.7") == 429
    assert log_in("anna@example.org", PASSWORD, "203.0.113.20") == 302


def test_x_forwarded_for_is_ignored_without_a_configured_proxy(anna):
    for attempt in range(3):
        log_in("anna@example.org", "fout", "198.51.100.7", f"10.0.0.{attempt}")
    assert log_in("anna@example.org", PASSWORD, "198.51.100.7", "10.0.0.99") == 429


def test_behind_a_configured_proxy_each_client_keeps_its_own_address(anna, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1  # TRUSTED_PROXY_COUNT=1: one reverse proxy
    proxy = "10.1.1.1"
    # The proxy appends the address it saw; what the client wrote before that is not trusted.
    for attempt in range(3):
        forwarded = f"192.0.2.{attempt}, 198.51.100.7"
        log_in("anna@example.org", "fout", proxy, forwarded)
    assert log_in("anna@example.org", PASSWORD, proxy, "192.0.2.50, 198.51.100.7") == 429
    assert log_in("anna@example.org", PASSWORD, proxy, "203.0.113.20") == 302
    # Not written by a proxy (someone reached the app around it): the connection's address.
    assert log_in("anna@example.org", "fout", "198.51.100.9", "geen adres") == 200
    assert AccessAttempt.objects.filter(ip_address="198.51.100.9").exists()


def test_the_username_is_one_whatever_its_capitals(anna):
    for email in ["Anna@Example.org", "ANNA@example.org", " anna@EXAMPLE.org"]:
        log_in(email, "fout", "198.51.100.7")
    assert log_in("anna@example.org", PASSWORD, "198.51.100.7") == 429


def test_the_lockout_is_short_at_first_and_grows_with_further_failures(anna):
    address = "198.51.100.7"
    for _attempt in range(3):
        log_in("anna@example.org", "fout", address)
    assert log_in("anna@example.org", PASSWORD, address) == 429
    minutes_pass(1.5)
    # Someone who mistyped a few times waits a minute, not an hour.
    assert log_in("anna@example.org", "fout", address) == 200
    assert log_in("anna@example.org", "fout", address) == 200
    assert log_in("anna@example.org", "fout", address) == 429
    minutes_pass(1.5)
    assert log_in("anna@example.org", PASSWORD, address) == 429  # the second lock is longer
    minutes_pass(1)
    assert log_in("anna@example.org", PASSWORD, address) == 302


# ---------------------------------------------------------------- 7. the calendar (ICS)


TITLES = [
    "Groen\rbeheer",
    "Park\rBEGIN:VEVENT\rUID:nep\rSUMMARY:Nep\rDTSTART:20270101\rEND:VEVENT",
    # (no NUL: PostgreSQL refuses it in text, so no such title can be stored)
    "Wijk\r\nBEGIN:VEVENT\nEND:VEVENT\x07\x1b",
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


def test_a_form_body_over_the_limit_is_refused_before_a_view_reads_it(client, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2 * 1024 * 1024
    body = {"username": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "password": "x"}
    assert client.post(reverse("accounts:login"), body).status_code == 400


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
