"""Experiments (issue 10): an agreement version marks the challenge as an experiment with interim
evaluation dates; each date is a term of execution with a reminder, like a reporting moment; an
interim evaluation settles it and the challenge returns to execution."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.assessment_world import agreement_post
from tests.challenge_world import fresh, in_state, make_world, propose_version, take
from tests.factories import StaffRoleFactory
from tests.monitoring.test_monitoring import evaluation_values
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.agreements.forms import VersionForm
from uitdaagrecht.agreements.models import Version
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges.models import Event, EventKind
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.monitoring.models import InterimMoment
from uitdaagrecht.monitoring.services import evaluations, handover, reports
from uitdaagrecht.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.STAFF_2FA_REQUIRED = False
    return make_world()


def form(**changes) -> VersionForm:
    data = agreement_post(**changes)
    return VersionForm(data)


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ({"experiment": "on", "interim_evaluations": ""}, "Geef ten minste één datum"),
        ({"experiment": "on", "interim_evaluations": "31-2-2027"}, "“31-2-2027” is geen datum"),
        ({"experiment": "on", "interim_evaluations": "1 juli"}, "is geen datum"),
        ({"experiment": "on", "interim_evaluations": "1-7-2030"}, "binnen de looptijd"),
        ({"interim_evaluations": "1-7-2027"}, "horen bij een experiment"),
    ],
)
def test_a_wrong_experiment_is_a_clear_message(typed, error):
    refused = form(**typed)
    assert not refused.is_valid()
    assert error in " ".join(str(e) for errors in refused.errors.values() for e in errors)


def test_a_wrong_date_is_said_once():
    refused = form(experiment="on", interim_evaluations="1-7-2027, 31-2-2028")
    assert not refused.is_valid()
    assert refused.errors["interim_evaluations"] == [
        "“31-2-2028” is geen datum: schrijf dag-maand-jaar, bijvoorbeeld 1-7-2027."
    ]


def test_interim_dates_are_typed_the_dutch_way():
    typed = form(experiment="on", interim_evaluations="1-1-2028; 1-7-2027, 2027-07-01")
    assert typed.is_valid(), typed.errors
    assert typed.cleaned_data["interim_evaluations"] == ["2027-07-01", "2028-01-01"]
    again = VersionForm(initial={"interim_evaluations": ["2027-07-01", "2028-01-01"]})
    assert 'value="1-7-2027, 1-1-2028"' in str(again["interim_evaluations"])


def test_the_propose_page_keeps_what_was_typed(world):
    challenge = in_state(world, State.AGREEMENTS)
    client = Client()
    client.force_login(world.resident)
    url = reverse(
        "challenges:dossier_agreements_propose",
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )
    refused = client.post(url, agreement_post(experiment="on", interim_evaluations="1-13-2027"))
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "1-13-2027" in text and "is geen datum" in text


def experiment(world, challenge, days=("2027-04-01",)) -> Version:
    return propose_version(
        world,
        challenge,
        sign=True,
        experiment=True,
        interim_evaluations=list(days),
    )


def at(day: str, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour))
    )


def test_an_interim_date_is_a_term_with_a_reminder_and_the_evaluation_returns_to_execution(
    world,
):
    challenge = in_state(world, State.AGREEMENTS)
    experiment(world, challenge)
    evaluator = StaffRoleFactory(municipality=world.place, role=Role.EVALUATOR).user
    take(world, challenge, "start_execution")
    challenge.refresh_from_db()
    [interim] = InterimMoment.objects.filter(challenge=challenge)
    assert interim.due_on == datetime.date(2027, 4, 1)
    # The term of execution is the interim date: before the first report (1 July).
    assert timezone.localtime(challenge.deadline).date() == datetime.date(2027, 4, 1)
    evaluations.evaluator_assign(
        challenge=challenge, actor=fresh(world.coordinator), evaluator=evaluator
    )
    assert reports.interim_reminders_send(now=at("2027-03-01")) == []  # not yet
    assert [m.pk for m in reports.interim_reminders_send(now=at("2027-03-20"))] == [interim.pk]
    assert reports.interim_reminders_send(now=at("2027-03-21")) == []  # once
    reminded = Notification.objects.filter(text__contains="tussenevaluatie staat gepland")
    assert {n.user_id for n in reminded} >= {world.resident.pk, world.contact.pk, evaluator.pk}
    # Missed: stalled and escalated once, like a reporting moment.
    assert [c.pk for c in services.stalled_escalate(now=at("2027-04-02"))] == [challenge.pk]
    assert services.stalled_escalate(now=at("2027-04-03")) == []
    assert Event.objects.filter(challenge=challenge, kind=EventKind.ESCALATION).count() == 1
    take(world, challenge, "evaluate")
    challenge.refresh_from_db()
    evaluations.evaluation_record(
        challenge=challenge, actor=fresh(evaluator), values=evaluation_values("interim")
    )
    interim.refresh_from_db()
    assert interim.evaluated_at is not None
    services.transition(
        challenge=challenge, action="interim", actor=fresh(world.contact), version=None
    )
    challenge.refresh_from_db()
    assert challenge.state == State.EXECUTION
    assert timezone.localtime(challenge.deadline).date() == datetime.date(2027, 7, 1)
    page = Client()
    page.force_login(world.contact)
    reports_page = page.get(
        reverse(
            "workspace:challenge_reports",
            kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
        )
    ).content.decode()
    assert "tussenevaluaties op 1 april 2027 (geëvalueerd)" in reports_page


def test_a_new_version_moves_the_interim_dates(world):
    challenge = in_state(world, State.AGREEMENTS)
    experiment(world, challenge)
    take(world, challenge, "start_execution")
    challenge.refresh_from_db()
    experiment(world, challenge, days=("2027-05-01", "2027-10-01"))
    handover.follow_agreements()
    days = list(InterimMoment.objects.filter(challenge=challenge).values_list("due_on", flat=True))
    assert days == [datetime.date(2027, 5, 1), datetime.date(2027, 10, 1)]
    public = Client().get(
        reverse(
            "challenges:detail",
            kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
        )
    )
    assert public.status_code == 200
    assert "Tussenevaluaties op 1 mei 2027, 1 oktober 2027" in public.content.decode()
