"""An error report left unanswered past its term is escalated by check_terms, once: the
municipality's coordinators and municipal admins get a notification (in-app and e-mail) that
links to the report; nobody else, and the reporter's address never."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.challenges.test_challenge_workflow import only_postgres, race
from tests.factories import MunicipalityFactory, StaffRoleFactory
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.core.models import OutgoingMail
from uitdaagrecht.notifications.models import Notification
from uitdaagrecht.opendata.models import ErrorReport, Outcome
from uitdaagrecht.opendata.reports import (
    TERM_DAYS,
    report_answer,
    report_create,
    reports_overdue_escalate,
    targets_of,
)

SECRET = "melder@example.org"


def make_world():
    place = MunicipalityFactory(slug="hier", name="Hier")
    other = MunicipalityFactory(slug="elders", name="Elders")
    people = {
        role: StaffRoleFactory(municipality=place, role=role).user
        for role in (Role.COORDINATOR, Role.MUNICIPAL_ADMIN, Role.ASSESSOR)
    }
    people["elsewhere"] = StaffRoleFactory(municipality=other, role=Role.COORDINATOR).user
    return place, people


def a_report(place, *, days_ago: int) -> ErrorReport:
    from tests.factories import CatalogFactory

    task = CatalogFactory(municipality=place)["task"]
    target = targets_of(municipality=place, subject="task", key=str(task.pk))[0]
    return report_create(
        municipality=place,
        target=target,
        wrong="Het bedrag klopt niet.",
        email=SECRET,
        now=timezone.now() - datetime.timedelta(days=days_ago),
    )


@pytest.mark.django_db
def test_an_overdue_report_is_escalated_once_to_coordinators_and_admins(settings):
    settings.STAFF_2FA_REQUIRED = False
    place, people = make_world()
    overdue = a_report(place, days_ago=TERM_DAYS + 1)
    a_report(place, days_ago=TERM_DAYS - 1)  # still within its term
    answered = a_report(place, days_ago=TERM_DAYS + 3)
    report_answer(
        report=answered, actor=people[Role.COORDINATOR], outcome=Outcome.CORRECTED, answer="Ok."
    )
    mails_before = OutgoingMail.objects.count()

    out = io.StringIO()
    call_command("check_terms", stdout=out)
    assert "1 overdue error reports escalated" in out.getvalue()
    overdue.refresh_from_db()
    assert overdue.escalated_at is not None

    told = Notification.objects.filter(url__contains=f"/meldingen-gegevens/{overdue.pk}/")
    assert {n.user for n in told} == {people[Role.COORDINATOR], people[Role.MUNICIPAL_ADMIN]}
    assert "past its term" not in told[0].text  # in Dutch
    assert "niet beantwoord" in told[0].text
    mails = OutgoingMail.objects.filter(purpose__startswith="notification:")
    assert sorted(m.to for m in mails) == sorted(
        [people[Role.COORDINATOR].email, people[Role.MUNICIPAL_ADMIN].email]
    )
    assert all(SECRET not in m.body and m.to != SECRET for m in mails)

    # Once: the next runs tell nobody again.
    call_command("check_terms", stdout=(again := io.StringIO()))
    assert "0 overdue error reports escalated" in again.getvalue()
    assert reports_overdue_escalate() == []
    assert Notification.objects.filter(url__contains="/meldingen-gegevens/").count() == 2
    assert OutgoingMail.objects.count() == mails_before + 2


@pytest.mark.django_db
def test_the_link_in_the_notification_opens_the_report_for_the_coordinator(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    place, people = make_world()
    overdue = a_report(place, days_ago=TERM_DAYS + 2)
    reports_overdue_escalate()
    note = Notification.objects.get(user=people[Role.COORDINATOR])
    client.force_login(people[Role.COORDINATOR])
    response = client.get(note.url)
    assert response.status_code == 200
    assert "Het bedrag klopt niet." in response.content.decode()
    # The assessor was not told and may not open it.
    client.force_login(people[Role.ASSESSOR])
    assert client.get(note.url).status_code in (403, 404)
    # The queue shows it was escalated.
    client.force_login(people[Role.MUNICIPAL_ADMIN])
    queue = client.get("/hier/beheer/meldingen-gegevens/").content.decode()
    assert "(te laat)" in queue
    assert "geëscaleerd op" in queue
    assert overdue.pk


@only_postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_escalate_once(settings):
    settings.STAFF_2FA_REQUIRED = False
    place, _people = make_world()
    reports = [a_report(place, days_ago=TERM_DAYS + 1) for _ in range(5)]
    results = race(reports_overdue_escalate, reports_overdue_escalate)
    assert [kind for kind, _value in results] == ["ok", "ok"], results
    escalated = [r.pk for _kind, value in results for r in value]
    assert sorted(escalated) == sorted(r.pk for r in reports)  # each once, by one of the runs
    assert Notification.objects.count() == 2 * len(reports)
