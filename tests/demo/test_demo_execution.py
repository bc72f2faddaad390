"""The demo's execution and evaluation (issue 10): handovers, progress reports over three
periods (one late and escalated, one result behind and improved), feedback of users, and
evaluations with their lessons."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from uitdaagrecht.agreements.selectors import applying
from uitdaagrecht.challenges.models import EventKind
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.demo.loader import demo_challenges
from uitdaagrecht.monitoring.events import MonitoringEvent
from uitdaagrecht.monitoring.models import (
    Conclusion,
    Evaluation,
    Feedback,
    Handover,
    InterimMoment,
    Kind,
)
from uitdaagrecht.monitoring.selectors import Point, Progress, progress

pytestmark = pytest.mark.django_db

REACHED_EXECUTION = (State.EXECUTION, State.EVALUATION, State.COMPLETED, State.STOPPED)


def test_the_demo_hands_the_tasks_over_to_their_new_providers(zwolle_demo, client):
    municipality, _accounts = zwolle_demo
    executed = demo_challenges(municipality).filter(state__in=REACHED_EXECUTION)
    assert executed.count() == 4
    for challenge in executed:
        handover = Handover.objects.get(challenge=challenge)
        started = challenge.events.get(action="start_execution")
        assert handover.recorded_at == started.created_at, challenge.title
        assert handover.task in challenge.tasks.all() and handover.ends_on > handover.starts_on
        assert handover.incumbent_contract and handover.period_months in (3, 6)
        assert challenge.reporting_moments.exists()
        # The catalogue knows the challengers as the task's provider until the agreement ends.
        contract = handover.task.contracts.get(reference=challenge.reference)
        assert contract.provider.name == challenge.organisation.name
        assert contract.end_date == handover.ends_on
    task = executed.get(state=State.EXECUTION).tasks.get()
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Stichting Buurtkracht Assendorp" in page


def test_the_demo_challenge_in_execution_reports_on_three_periods(zwolle_demo, client):
    municipality, _accounts = zwolle_demo
    challenge = demo_challenges(municipality).get(state=State.EXECUTION)
    reports = list(challenge.progress_reports.select_related("moment").order_by("submitted_at"))
    moments = list(challenge.reporting_moments.order_by("due_on"))
    assert [r.moment for r in reports] == moments[:3]  # the first three periods, in order
    assert all(r.acknowledged_at and r.account for r in reports)
    assert not moments[3].reports.exists() and moments[3].due_on > timezone.localdate()
    assert len(moments) == 7  # four from the handover, three added for the amendment's term
    # The third report came late: the nightly check escalated the missed moment once, between
    # the moment and the report, and the report ended the stall.
    on_time, late = reports[:2], reports[2]
    reminded = timezone.localtime(late.moment.reminded_at).date()
    assert late.moment.due_on - datetime.timedelta(days=14) <= reminded < late.moment.due_on
    assert challenge.events.filter(kind=MonitoringEvent.REMINDER).count() == 1
    assert all(timezone.localtime(r.submitted_at).date() <= r.moment.due_on for r in on_time)
    escalation = challenge.events.get(kind=EventKind.ESCALATION)
    assert late.moment.due_on < timezone.localtime(escalation.created_at).date()
    assert escalation.created_at < late.submitted_at and challenge.stalled_at is None
    # A result fell behind its agreed trajectory; the improvement is the second version of the
    # agreements, proposed after that report and signed by both sides.
    first, second = challenge.agreement_versions.order_by("number")
    cost = first.results.get(indicator="Kosten per deelnemer per dag")
    behind = Progress(result=cost, start=first.start_date, end=moments[3].due_on)
    behind.points = [Point(reports[1].moment.due_on, reports[1].values.get(result=cost).value)]
    assert behind.behind
    assert reports[1].submitted_at < second.proposed_at and second.is_signed
    assert "achter" in second.explanation
    assert late.version == second and reports[0].version == first
    # Its public page: per result a chart with the three periods (the earlier ones reported on
    # the first version), the figures, the accounts.
    assert [len(row.points) for row in progress(challenge, public=True)] == [3, 3, 3, 3]
    page = client.get(f"/{municipality.slug}/uitdagingen/{challenge.reference}/")
    html = page.content.decode()
    assert page.status_code == 200 and html.count("<svg") >= 4
    assert "Kosten per deelnemer per dag" in html and "penningmeester was ziek" in html


def test_the_demo_has_feedback_of_users_one_hidden_with_a_reason(zwolle_demo, client):
    municipality, _accounts = zwolle_demo
    challenge = demo_challenges(municipality).get(state=State.EXECUTION)
    items = challenge.feedback.all()
    assert items.count() >= 6 and {1, 2, 3, 4, 5} > set(items.values_list("rating", flat=True))
    hidden = items.get(hidden_at__isnull=False)
    assert "telefoonnummer" in hidden.hidden_reason and hidden.hidden_by
    assert challenge.contact_person == hidden.hidden_by and hidden.hidden_at > hidden.created_at
    html = client.get(f"/{municipality.slug}/uitdagingen/{challenge.reference}/").content.decode()
    assert f"Verborgen omdat: {hidden.hidden_reason.split('.')[0]}" in html
    assert "06-12345678" not in html
    shown = items.filter(hidden_at__isnull=True).first()
    assert shown.text.split(".")[0] in html
    others = Feedback.objects.filter(challenge__in=demo_challenges(municipality)).exclude(
        challenge=challenge
    )
    assert set(others.values_list("challenge__state", flat=True)) == {
        State.EVALUATION,
        State.COMPLETED,
        State.STOPPED,
    }


def test_the_demo_evaluations_with_their_lessons(zwolle_demo, client):
    municipality, _accounts = zwolle_demo
    challenges = demo_challenges(municipality)
    evaluations = Evaluation.objects.filter(challenge__in=challenges)
    for evaluation in evaluations:
        assert evaluation.lessons_worked and evaluation.lessons_failed, evaluation
        assert evaluation.lessons_advice and evaluation.judgement_social, evaluation
        assert evaluation.results and all(row["realised"] for row in evaluation.results)
    completed = evaluations.get(challenge__state=State.COMPLETED)
    assert completed.kind == Kind.FINAL
    assert completed.recorded_at < completed.challenge.events.get(action="complete").created_at
    stopped = evaluations.get(challenge__state=State.STOPPED)
    assert stopped.kind == Kind.FINAL and stopped.conclusion == Conclusion.STOP
    assert "Travers Welzijn" in stopped.task_after
    assert stopped.challenge.events.filter(action="evaluate").exists()
    experiment = evaluations.get(challenge__state=State.EXECUTION)
    assert experiment.kind == Kind.INTERIM and not experiment.conclusion
    assert "onafhankelijk" in experiment.evaluator
    back = experiment.challenge.events.get(action="interim")
    assert experiment.recorded_at < back.created_at and back.to_state == State.EXECUTION
    # The challenge in evaluation has not been evaluated yet.
    assert not evaluations.filter(challenge__state=State.EVALUATION).exists()
    page = client.get(f"/{municipality.slug}/uitdagingen/{stopped.challenge.reference}/")
    assert stopped.lessons_advice.split(",")[0] in page.content.decode()


def test_the_demo_experiment_is_evaluated_in_between_by_the_independent_evaluator(
    zwolle_demo, client, settings
):
    """The challenge in execution is an experiment in its signed agreements, with an interim
    evaluation date; the coordinator chose Eva Luatie as its independent evaluator, who wrote
    the interim evaluation on time, after which the challenge went back to execution."""
    municipality, _accounts = zwolle_demo
    challenge = demo_challenges(municipality).get(state=State.EXECUTION)
    first = challenge.agreement_versions.get(number=1)
    assert first.is_signed and first.experiment and first.interim_dates
    assert applying(challenge).experiment
    [interim] = InterimMoment.objects.filter(challenge=challenge)
    assert interim.due_on in first.interim_dates and first.start_date < interim.due_on
    evaluation = challenge.evaluations.get(kind=Kind.INTERIM)
    assert evaluation.independent and evaluation.recorded_by.full_name == "Eva Luatie"
    assert interim.evaluated_at == evaluation.recorded_at
    assert timezone.localtime(evaluation.recorded_at).date() <= interim.due_on
    assignment = challenge.evaluator_assignment
    assert assignment.evaluator == evaluation.recorded_by and assignment.assigned_by.email == (
        "coordinator@demo.open-uitdaagrecht.nl"
    )
    started = challenge.events.get(action="start_execution")
    assert started.created_at < assignment.assigned_at < evaluation.recorded_at
    back = challenge.events.get(action="interim")
    assert back.created_at > evaluation.recorded_at and back.to_state == State.EXECUTION
    # Eva finds the challenge on her one page of it (signed in with two steps, here skipped).
    settings.STAFF_2FA_REQUIRED = False
    client.force_login(evaluation.recorded_by)
    page = client.get(
        reverse(
            "monitoring:evaluator",
            kwargs={"municipality": municipality.slug, "reference": challenge.reference},
        )
    )
    assert page.status_code == 200 and challenge.reference in page.content.decode()
    client.logout()
    # The public page says it is an experiment, with its interim evaluation date.
    public = client.get(f"/{municipality.slug}/uitdagingen/{challenge.reference}/")
    day = formats.date_format(interim.due_on, "j F Y")
    assert f"Tussenevaluaties op {day}" in public.content.decode()
