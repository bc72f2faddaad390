"""Execution and evaluation (issue 10), the way the challengers, the contact person and the
people who use the service meet it."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.challenge_world import (
    REASON,
    fresh,
    in_state,
    make_world,
    propose_version,
    signed_agreement,
    take,
)
from uitdaagrecht.agreements.selectors import applying
from uitdaagrecht.catalog.models import Contract
from uitdaagrecht.catalog.units import value_problem
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges.models import Event, EventKind
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.monitoring.forms import ReportForm, parse_number
from uitdaagrecht.monitoring.models import Evaluation, Feedback, Moment, Report
from uitdaagrecht.monitoring.selectors import progress
from uitdaagrecht.monitoring.services import evaluations, feedback, handover, reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.STAFF_2FA_REQUIRED = False
    return make_world()


def executing(world):
    challenge = in_state(world, State.EXECUTION)
    return challenge, applying(challenge).results.get()


def url(challenge, name: str, *, staff: bool, **kwargs) -> str:
    base = "workspace:challenge" if staff else "challenges:dossier"
    return reverse(
        f"{base}_{name}",
        kwargs={
            "municipality": challenge.municipality.slug,
            "reference": challenge.reference,
            **kwargs,
        },
    )


def test_the_handover_starts_execution_and_puts_the_challengers_in_the_catalogue(world):
    challenge = in_state(world, State.AGREEMENTS)
    with pytest.raises(ValidationError):  # nothing signed yet
        handover.handover_record(
            challenge=challenge, actor=fresh(world.contact), version=None, values={}
        )
    take(world, challenge, "start_execution")  # signs, then hands over (challenge_world)
    challenge.refresh_from_db()
    assert challenge.state == State.EXECUTION
    contract = Contract.objects.get(task=world.task, reference=challenge.reference)
    assert contract.provider.name == challenge.organisation.name
    world.task.refresh_from_db()
    assert world.task.bound_until == contract.end_date  # not challengeable while it runs
    moments = list(Moment.objects.filter(challenge=challenge))
    assert [m.due_on for m in moments] == [datetime.date(2027, 7, 1), datetime.date(2028, 1, 1)]
    assert timezone.localtime(challenge.deadline).date() == moments[0].due_on
    page = fresh_client_page(world, challenge)
    assert challenge.organisation.name in page and "Onderhoud Park Eekhout" in page
    from django.test import Client

    task_page = Client().get(world.task.get_absolute_url()).content.decode()
    assert f"Uitgevoerd door {challenge.organisation.name} sinds 1 januari 2027" in task_page
    assert f'href="{challenge_page(challenge)}"' in task_page


def fresh_client_page(world, challenge) -> str:
    from django.test import Client

    return Client().get(challenge_page(challenge)).content.decode()


def challenge_page(challenge) -> str:
    return reverse(
        "challenges:detail",
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )


def test_an_amount_above_the_task_budget_needs_a_second_source(world):
    from uitdaagrecht.catalog.models import Finance

    challenge = in_state(world, State.AGREEMENTS)
    signed_agreement(world, challenge)
    Finance.objects.create(task=world.task, year=2027, budget_eur=5_000)
    values = {
        "task": world.task,
        "starts_on": datetime.date(2027, 1, 1),
        "period_months": 6,
        "amount_eur": 10_000,
        "source": "task_budget",
        "incumbent_contract": "Loopt af.",
    }
    with pytest.raises(ValidationError) as refused:
        handover.handover_record(
            challenge=challenge, actor=fresh(world.contact), version=None, values=values
        )
    assert "second_source" in refused.value.message_dict
    challenge.refresh_from_db()
    assert challenge.state == State.AGREEMENTS  # nothing half-written
    handover.handover_record(
        challenge=challenge,
        actor=fresh(world.contact),
        version=None,
        values={**values, "second_source": "bridging", "second_amount_eur": 5_000},
    )
    challenge.refresh_from_db()
    assert challenge.state == State.EXECUTION


@pytest.mark.django_db(transaction=True)  # the public page's cache generation moves on commit
def test_the_challengers_report_every_agreed_result_and_nothing_else(world):
    challenge, result = executing(world)
    moment = Moment.objects.filter(challenge=challenge).first()
    for values in ({}, {result.pk: Decimal(7), 999_999: Decimal(1)}):
        with pytest.raises(ValidationError):
            reports.report_submit(
                challenge=challenge,
                actor=fresh(world.resident),
                moment=moment,
                values=values,
                account="Goed gegaan.",
            )
    with pytest.raises(PermissionDenied):  # staff do not report for the challengers
        reports.report_submit(
            challenge=challenge,
            actor=fresh(world.contact),
            moment=moment,
            values={result.pk: Decimal(7)},
            account="x",
        )
    report = reports.report_submit(
        challenge=challenge,
        actor=fresh(world.teammate),
        moment=moment,
        values={result.pk: Decimal("7.5")},
        account="Zes maanden onderhoud, 40 vrijwilligers.",
        went_badly="Het snoeien liep achter.",
    )
    with pytest.raises(ValidationError):  # one report per moment
        reports.report_submit(
            challenge=challenge,
            actor=fresh(world.resident),
            moment=moment,
            values={result.pk: Decimal(8)},
            account="Nog een keer.",
        )
    challenge.refresh_from_db()
    # The term moves on to the next moment.
    assert timezone.localtime(challenge.deadline).date() == datetime.date(2028, 1, 1)
    assert Event.objects.filter(challenge=challenge, kind="report").count() == 1
    # Not public until acknowledged; then public, never edited, corrected by a new report.
    assert "Zes maanden onderhoud" not in fresh_client_page(world, challenge)
    with pytest.raises(PermissionDenied):
        reports.report_acknowledge(report=report, actor=fresh(world.resident))
    reports.report_acknowledge(report=report, actor=fresh(world.contact))
    page = fresh_client_page(world, challenge)
    assert "Zes maanden onderhoud" in page and "snoeien liep achter" not in page
    assert "<svg" in page and "7,5" in page
    report.refresh_from_db()
    with pytest.raises(ValidationError):
        report.account = "Anders."
        report.save()
    correction = reports.report_submit(
        challenge=challenge,
        actor=fresh(world.resident),
        moment=None,
        values={result.pk: Decimal(8)},
        account="Correctie: het cijfer was 8.",
        corrects=report,
    )
    assert correction.moment == moment
    [row] = progress(challenge, public=False)
    assert [p.value for p in row.points] == [Decimal(8)]  # the correction replaces the report


@pytest.mark.parametrize(
    ("unit", "typed", "expected"),
    [
        ("%", "85,5", Decimal("85.50")),
        ("%", "101", None),
        ("aantal", "4", Decimal("4.00")),
        ("aantal", "4,5", None),
        ("euro", "1.250,50", Decimal("1250.50")),
        ("euro", "€ 1.250", Decimal("1250.00")),
        ("rapportcijfer", "11", None),
        ("rapportcijfer", "7,5", Decimal("7.50")),
        ("kilometer", "abc", None),
        ("kilometer", "-3", None),
        # Units as municipalities write them: the catalogue's one rule reads the first word.
        ("% tevreden", "101", None),
        ("procent van de bewoners", "99,5", Decimal("99.50")),
        ("aantal per jaar", "4,5", None),
        ("deelnemers per week", "31", Decimal("31.00")),
        ("deelnemers per week", "30,5", None),
        ("euro per deelnemer", "38,50", Decimal("38.50")),
        ("cijfer", "0", None),
    ],
)
def test_the_unit_of_a_result_decides_what_may_be_typed(unit, typed, expected):
    class Result:
        pk, indicator = 1, "Resultaat"

    Result.unit = unit
    form = ReportForm({"result_1": typed, "account": "Goed."}, results=[Result])
    assert form.is_valid() is (expected is not None)
    if expected is not None:
        assert form.values() == {1: expected}
    else:
        assert form.errors["result_1"]  # a message in words, never a 500


@pytest.mark.parametrize(
    ("unit", "typed", "message"),
    [
        ("%", "101", "De eenheid is een percentage (%): een waarde van 0 tot 100."),
        ("rapportcijfer", "11", "De eenheid is een rapportcijfer (rapportcijfer): een waarde van"),
        ("aantal", "4,5", "De eenheid is een aantal (aantal): een geheel getal."),
        ("kilometer", "-3", "Een waarde in kilometer is niet negatief."),
    ],
)
def test_a_realised_value_is_refused_as_the_catalogue_refuses_it(unit, typed, message):
    """Realised values and the catalogue's indicator values follow one rule (catalog.units), with
    the same message that names the unit."""

    class Result:
        pk, indicator = 1, "Resultaat"

    Result.unit = unit
    form = ReportForm({"result_1": typed, "account": "Goed."}, results=[Result])
    assert not form.is_valid()
    assert form.errors["result_1"][0].startswith(message)
    assert form.errors["result_1"][0] == value_problem(unit, parse_number(typed))


def test_dutch_numbers():
    assert parse_number("679.500") == 679500
    assert parse_number("€679.500,-") == 679500
    assert parse_number("1250.5") == Decimal("1250.5")
    with pytest.raises(ValueError):
        parse_number("NaN")


def test_a_result_behind_its_trajectory_is_flagged(world):
    challenge, result = executing(world)
    result_target = result.target  # cijfer 8, no baseline: trajectory is the target
    first, _last = Moment.objects.filter(challenge=challenge)
    reports.report_submit(
        challenge=challenge,
        actor=fresh(world.resident),
        moment=first,
        values={result.pk: result_target - 2},
        account="Achter.",
    )
    [row] = progress(challenge, public=False)
    assert row.behind
    client_page = staff_client(world).get(url(challenge, "reports", staff=True))
    assert "achter" in client_page.content.decode().lower()


def staff_client(world, user=None):
    from django.test import Client

    client = Client()
    client.force_login(user or world.contact)
    return client


def test_missed_moments_stall_execution_once_and_reminders_go_once(world):
    challenge, _result = executing(world)
    moment = Moment.objects.filter(challenge=challenge).first()
    before = timezone.make_aware(datetime.datetime(2027, 6, 20, 9))
    assert [m.pk for m in reports.reminders_send(now=before)] == [moment.pk]
    assert reports.reminders_send(now=before) == []
    after = timezone.make_aware(datetime.datetime(2027, 7, 3, 9))
    assert [c.pk for c in services.stalled_escalate(now=after)] == [challenge.pk]
    assert services.stalled_escalate(now=after) == []
    assert Event.objects.filter(challenge=challenge, kind=EventKind.ESCALATION).count() == 1
    out = io.StringIO()
    call_command("check_terms", stdout=out)
    assert "reminders to report sent" in out.getvalue()


@pytest.mark.django_db(transaction=True)  # the public page's cache generation moves on commit
def test_anyone_leaves_feedback_without_an_account_within_limits(world, client, settings):
    challenge, _result = executing(world)
    page = challenge_page(challenge)
    leave = reverse(
        "monitoring:feedback_leave",
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )
    assert "Deel uw ervaring" in client.get(page).content.decode()
    refused = client.post(leave, {"rating": "9", "text": "Top", "email": "geen-adres"})
    assert refused.status_code == 400
    assert "Top" in refused.content.decode()  # what was typed is kept
    for n in range(3):
        response = client.post(
            leave, {"rating": "4", "text": f"Fijne tuin {n}", "email": "bewoner@example.org"}
        )
        assert response.status_code == 302
    assert client.post(leave, {"rating": "4", "text": "Nog eens"}).status_code == 429
    assert Feedback.objects.filter(challenge=challenge).count() == 3
    shown = client.get(page).content.decode()
    assert "Fijne tuin 0" in shown and "bewoner@example.org" not in shown
    item = Feedback.objects.filter(challenge=challenge).first()
    with pytest.raises(ValidationError):
        feedback.feedback_hide(feedback=item, actor=fresh(world.contact), reason=" ")
    feedback.feedback_hide(feedback=item, actor=fresh(world.contact), reason="Scheldwoorden")
    shown = client.get(page).content.decode()
    assert "Scheldwoorden" in shown and item.text not in shown


def evaluation_values(kind="final", conclusion="continue", **changes) -> dict:
    return {
        "kind": kind,
        "judgement_economic": "Goedkoper dan de aannemer.",
        "judgement_social": "Veertig vrijwilligers doen mee.",
        "judgement_democratic": "Bewoners beslissen mee.",
        "view_municipality": "Tevreden.",
        "evaluator": "De gemeente",
        "conclusion": conclusion if kind == "final" else "",
        "conclusion_reasons": "Doorgaan met een nieuwe termijn.",
        "lessons_worked": "Een vaste contactpersoon.",
        "lessons_failed": "Te weinig jongeren.",
        "lessons_advice": "Begin klein.",
        "task_after": "",
        **changes,
    }


def test_evaluations_decide_the_way_on_and_publish_lessons(world):
    challenge, _result = executing(world)
    take(world, challenge, "evaluate")
    challenge.refresh_from_db()
    with pytest.raises(ValidationError):  # every challenge ends with a final evaluation
        services.transition(
            challenge=challenge,
            action="complete",
            actor=fresh(world.coordinator),
            version=None,
            reason=REASON,
        )
    evaluations.evaluation_record(
        challenge=challenge, actor=fresh(world.contact), values=evaluation_values("interim")
    )
    with pytest.raises(ValidationError):  # an interim evaluation does not end it
        services.transition(
            challenge=challenge,
            action="complete",
            actor=fresh(world.coordinator),
            version=None,
            reason=REASON,
        )
    services.transition(
        challenge=challenge, action="interim", actor=fresh(world.contact), version=None
    )
    challenge.refresh_from_db()
    assert challenge.state == State.EXECUTION and challenge.deadline is not None
    take(world, challenge, "evaluate")
    challenge.refresh_from_db()
    evaluations.evaluation_record(
        challenge=challenge,
        actor=fresh(world.contact),
        values=evaluation_values(conclusion="stop", task_after="Terug naar de gemeente."),
    )
    with pytest.raises(ValidationError):  # the conclusion was to stop
        services.transition(
            challenge=challenge,
            action="continue",
            actor=fresh(world.coordinator),
            version=None,
            reason=REASON,
        )
    services.transition(
        challenge=challenge,
        action="stop",
        actor=fresh(world.coordinator),
        version=None,
        reason=REASON,
    )
    challenge.refresh_from_db()
    assert challenge.state == State.STOPPED
    page = fresh_client_page(world, challenge)
    assert "Begin klein." in page and "Terug naar de gemeente." in page
    evaluation = Evaluation.objects.filter(challenge=challenge).last()
    with pytest.raises(ValidationError):
        evaluation.lessons_advice = "Anders"
        evaluation.save()


def test_the_pages_of_execution_for_each_side(world, django_capture_on_commit_callbacks):
    challenge, result = executing(world)
    moment = Moment.objects.filter(challenge=challenge).first()
    member = staff_client(world, world.resident)
    response = member.get(url(challenge, "reports", staff=False))
    assert response.status_code == 200
    report_url = url(challenge, "report", staff=False, moment=moment.pk)
    typed = {f"result_{result.pk}": "12", "account": "Goed gegaan."}
    refused = member.post(report_url, typed)
    assert refused.status_code == 400 and "Goed gegaan." in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = member.post(report_url, {**typed, f"result_{result.pk}": "7,5"})
    assert sent.status_code == 302
    report = Report.objects.get(challenge=challenge)
    assert report.values.get().value == Decimal("7.5")
    staff = staff_client(world)
    assert staff.get(url(challenge, "reports", staff=True)).status_code == 200
    acknowledged = staff.post(url(challenge, "report_acknowledge", staff=True, pk=report.pk))
    assert acknowledged.status_code == 302
    report.refresh_from_db()
    assert report.acknowledged_at is not None
    dossier = staff.get(
        reverse(
            "workspace:challenge",
            kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
        )
    )
    assert url(challenge, "reports", staff=True) in dossier.content.decode()
    # The contact person heard of the report (in-app; e-mail per their settings).
    assert any("voortgangsrapportage" in m.subject.lower() for m in mail.outbox)


def test_the_api_gives_public_parts_only(world, client):
    challenge, result = executing(world)
    moment = Moment.objects.filter(challenge=challenge).first()
    report = reports.report_submit(
        challenge=challenge,
        actor=fresh(world.resident),
        moment=moment,
        values={result.pk: Decimal("7.5")},
        account="Openbaar verslag.",
        went_badly="Intern-3391: ruzie in het bestuur.",
    )
    assert client.get("/api/v1/progress-reports/").json()["results"] == []  # not acknowledged
    reports.report_acknowledge(report=report, actor=fresh(world.contact))
    [item] = client.get(f"/api/v1/progress-reports/?municipality={world.place.cbs_code}").json()[
        "results"
    ]
    assert item["account"] == "Openbaar verslag." and item["moment"] == "2027-07-01"
    assert item["values"] == [
        {"indicator": "Tevredenheid", "unit": "cijfer", "target": "8.00", "value": "7.50"}
    ]
    [handed] = client.get("/api/v1/handovers/?year=2027").json()["results"]
    assert handed["amount_eur"] == 10_000 and handed["organisation"] == challenge.organisation.name
    assert client.get("/api/v1/handovers/?year=2031").json()["results"] == []
    body = client.get("/api/v1/progress-reports/").content.decode()
    assert "Intern-3391" not in body and world.resident.email not in body
    # Confidential results in the agreements: no figures.
    version = applying(challenge)
    type(version).objects.filter(pk=version.pk).update(
        confidential={"results": "Bedrijfsgevoelig", "budget": "Onderhandeling"}
    )
    [item] = client.get("/api/v1/progress-reports/").json()["results"]
    assert item["values"] == []
    [handed] = client.get("/api/v1/handovers/").json()["results"]
    assert handed["amount_eur"] == 10_000  # public by design: the form says so
    take(world, challenge, "evaluate")
    evaluations.evaluation_record(
        challenge=challenge, actor=fresh(world.contact), values=evaluation_values()
    )
    [evaluation] = client.get("/api/v1/evaluations/").json()["results"]
    assert evaluation["lessons_advice"] == "Begin klein." and evaluation["kind"] == "final"


def test_the_other_side_hears_of_a_proposed_and_a_signed_agreement(
    world, django_capture_on_commit_callbacks
):
    from uitdaagrecht.notifications.models import Notification

    challenge = in_state(world, State.AGREEMENTS)
    with django_capture_on_commit_callbacks(execute=True):
        signed_agreement(world, challenge)
    told = {
        (n.user_id, n.text) for n in Notification.objects.filter(text__contains=challenge.reference)
    }
    proposed = [t for u, t in told if u == world.contact.pk and "nieuwe versie" in t]
    asked = [t for u, t in told if u == world.contact.pk and "handtekening" in t]
    both = [t for u, t in told if u == world.teammate.pk and "beide partijen" in t]
    assert proposed and asked and both


def test_evaluations_are_entries_of_the_decisions_feed(world, client):
    from tests.atom import atom_errors

    challenge, _result = executing(world)
    take(world, challenge, "evaluate")
    evaluations.evaluation_record(
        challenge=challenge, actor=fresh(world.contact), values=evaluation_values("interim")
    )
    feed = client.get(
        reverse("assessment:feed", kwargs={"municipality": challenge.municipality.slug})
    ).content
    assert atom_errors(feed) == []
    text = feed.decode()
    assert "tussenevaluatie" in text.lower() and 'term="evaluation"' in text


def test_a_new_term_moves_the_handover_and_stopping_ends_the_contract(world):

    challenge, _result = executing(world)
    signed = applying(challenge)
    propose_version(world, challenge, sign=True, start_date=signed.start_date, term_months=24)
    assert [h.pk for h in handover.follow_agreements()] == [challenge.handover.pk]
    assert handover.follow_agreements() == []  # once
    contract = Contract.objects.get(reference=challenge.reference)
    assert contract.end_date == datetime.date(2029, 1, 1)
    assert Moment.objects.filter(challenge=challenge).last().due_on == datetime.date(2029, 1, 1)
    take(world, challenge, "evaluate")
    challenge.refresh_from_db()
    evaluations.evaluation_record(
        challenge=challenge,
        actor=fresh(world.contact),
        values=evaluation_values(conclusion="stop", task_after="Terug naar de gemeente."),
    )
    services.transition(
        challenge=challenge,
        action="stop",
        actor=fresh(world.coordinator),
        version=None,
        reason=REASON,
    )
    contract.refresh_from_db()
    assert contract.end_date == timezone.localdate()


def test_the_challengers_write_their_own_view_for_the_evaluation(world):
    challenge, _result = executing(world)
    member = staff_client(world, world.resident)
    view_url = url(challenge, "evaluation_view", staff=False)
    early = member.post(view_url, {"text": "Te vroeg."})
    assert early.status_code == 400  # not yet: asked in the evaluation phase
    assert "Uw visie wordt gevraagd in de evaluatiefase." in early.content.decode()
    take(world, challenge, "evaluate")
    page = member.get(view_url)
    assert page.status_code == 200 and "Uw visie" in page.content.decode()
    assert member.post(view_url, {"text": " "}).status_code == 400
    assert member.post(view_url, {"text": "Het park is van de buurt geworden."}).status_code == 302
    staff = staff_client(world)
    form = staff.get(url(challenge, "evaluation", staff=True)).content.decode()
    assert "Het park is van de buurt geworden." in form  # the evaluation starts from it
