"""Execution and evaluation × every kind of visitor (the matrix of issue 10), the PostgreSQL race of
two reports for one moment, and the public page's query count with ten times the data."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.challenge_world import fresh, in_state, make_world, take
from tests.challenges.test_challenge_workflow import only_postgres, race
from tests.factories import StaffRoleFactory
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.agreements.selectors import applying
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.monitoring.extension import EXTENSION
from uitdaagrecht.monitoring.models import Feedback, Moment, Report
from uitdaagrecht.monitoring.services import evaluations, reports

OK, DENIED, LOGIN, GONE = 200, 403, 302, 404
VISITORS = [
    "anonymous",
    "owner",
    "member",
    "outsider",
    "coordinator",
    "contact",
    "advisor",
    "foreign",
    "evaluator",
]


def visitor_user(world, visitor):
    return {
        "owner": world.resident,
        "member": world.teammate,
        "outsider": world.outsider,
        "coordinator": world.coordinator,
        "contact": world.contact,
        "advisor": world.advisor,
        "foreign": world.foreign_coordinator,
        "evaluator": getattr(world, "evaluator", None),
    }.get(visitor)


# GET of each page: who gets in (200); challengers' pages give others 404 (a dossier of
# another organisation does not exist for them), staff pages give the wrong people 403.
PAGES = {
    ("challenges", "reports"): {"owner", "member"},
    ("challenges", "report"): {"owner", "member"},
    ("challenges", "evaluation_view"): {"owner", "member"},
    # Recorded: every staff member reads it (before, only the case handlers open the form).
    ("workspace", "handover"): {"coordinator", "contact", "advisor"},
    ("workspace", "reports"): {"coordinator", "contact", "advisor"},
    ("workspace", "evaluation"): {"coordinator", "contact", "advisor"},
    ("workspace", "feedback"): {"coordinator", "contact"},
    ("workspace", "evaluator_assign"): {"coordinator"},
    # The independent evaluator assigned to the challenge opens its evaluation there, and nothing
    # else of the municipality: every staff page above refuses it (403), every dossier page of
    # the challengers does not exist for it (404), and to anyone else its page does not exist.
    ("monitoring", "evaluator"): {"evaluator"},
}
POST_ONLY = {"report_acknowledge", "moment_add", "feedback_hide"}


def test_the_matrix_covers_every_page_of_the_extension():
    named = {
        (ns, a.name)
        for a in EXTENSION.actions
        for ns in ("challenges", "workspace")
        if (ns == "challenges") == ("challengers" in a.audience)
        or (ns == "workspace" and "staff" in a.audience)
    }
    covered = (
        set(PAGES) | {("workspace", n) for n in POST_ONLY} | {("challenges", "report_correct")}
    )
    assert named <= covered
    assert ("monitoring", "evaluator") in PAGES


@pytest.fixture
def executing(settings, db):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    challenge = in_state(world, State.EXECUTION)
    world.evaluator = StaffRoleFactory(municipality=world.place, role=Role.EVALUATOR).user
    evaluations.evaluator_assign(
        challenge=challenge, actor=fresh(world.coordinator), evaluator=world.evaluator
    )
    challenge.refresh_from_db()
    return world, challenge


def page_url(challenge, namespace: str, name: str) -> str:
    base = "challenges:dossier" if namespace == "challenges" else "workspace:challenge"
    kwargs = {"municipality": challenge.municipality.slug, "reference": challenge.reference}
    if namespace == "monitoring":
        return reverse(f"monitoring:{name}", kwargs=kwargs)
    if name == "report":
        kwargs["moment"] = Moment.objects.filter(challenge=challenge).first().pk
    return reverse(f"{base}_{name}", kwargs=kwargs)


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_visitor_on_every_page_of_execution(client, executing, visitor):
    world, challenge = executing
    user = visitor_user(world, visitor)
    if user is not None:
        client.force_login(user)
    for (namespace, name), allowed in PAGES.items():
        response = client.get(page_url(challenge, namespace, name))
        if visitor == "anonymous":
            expected = LOGIN
        elif visitor in allowed:
            expected = OK
        elif namespace in ("challenges", "monitoring"):
            expected = GONE
        else:
            expected = DENIED
        assert response.status_code == expected, (namespace, name, visitor)


@pytest.mark.parametrize("visitor", VISITORS)
def test_only_case_handlers_acknowledge_add_moments_and_hide_feedback(client, executing, visitor):
    world, challenge = executing
    user = visitor_user(world, visitor)
    if user is not None:
        client.force_login(user)
    result = applying(challenge).results.get()
    report = reports.report_submit(
        challenge=challenge,
        actor=fresh(world.resident),
        moment=Moment.objects.filter(challenge=challenge).first(),
        values={result.pk: Decimal(7)},
        account="Goed.",
    )
    item = Feedback.objects.create(challenge=challenge, rating=1, text="Slecht")
    kwargs = {"municipality": challenge.municipality.slug, "reference": challenge.reference}
    posts = [
        ("report_acknowledge", {"pk": report.pk}, {}),
        ("moment_add", {}, {"due_on": "2027-10-01"}),
        ("feedback_hide", {"pk": item.pk}, {"reason": "Onaardig"}),
    ]
    for name, extra, data in posts:
        response = client.post(reverse(f"workspace:challenge_{name}", kwargs=kwargs | extra), data)
        if visitor == "anonymous":
            assert response.status_code == LOGIN
        elif visitor in ("coordinator", "contact"):
            assert response.status_code == 302
        else:
            assert response.status_code == DENIED, (name, visitor)
    report.refresh_from_db()
    item.refresh_from_db()
    allowed = visitor in ("coordinator", "contact")
    assert (report.acknowledged_at is not None) is allowed
    assert (item.hidden_at is not None) is allowed
    assert Moment.objects.filter(challenge=challenge, due_on="2027-10-01").exists() is allowed


def test_staff_of_another_municipality_and_other_staff_do_not_evaluate(client, executing):
    world, challenge = executing
    take(world, challenge, "evaluate")
    for user in (world.advisor, world.foreign_coordinator, world.resident):
        client.force_login(user)
        response = client.post(page_url(challenge, "workspace", "evaluation"), {"kind": "final"})
        assert response.status_code in (403, 404)


@only_postgres
@pytest.mark.django_db(transaction=True)
def test_two_reports_for_one_moment_at_once_give_one_report(settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    challenge = in_state(world, State.EXECUTION)
    result = applying(challenge).results.get()
    moment = Moment.objects.filter(challenge=challenge).first()

    def send(who):
        return lambda: reports.report_submit(
            challenge=challenge,
            actor=fresh(who),
            moment=moment,
            values={result.pk: Decimal(7)},
            account=f"Van {who.pk}",
        )

    outcomes = race(send(world.resident), send(world.teammate))
    assert sorted(kind for kind, _value in outcomes) == ["error", "ok"]
    assert Report.objects.filter(moment=moment).count() == 1


def grow(world, challenge, times: int) -> None:
    result = applying(challenge).results.get()
    start = Moment.objects.filter(challenge=challenge).count()
    for n in range(start, start + times):
        moment = Moment.objects.create(
            challenge=challenge, due_on=datetime.date(2029, 1, 1) + datetime.timedelta(days=n)
        )
        report = reports.report_submit(
            challenge=challenge,
            actor=fresh(world.resident),
            moment=moment,
            values={result.pk: Decimal(n % 10)},
            account=f"Periode {n}",
        )
        reports.report_acknowledge(report=report, actor=fresh(world.contact))
        Feedback.objects.create(challenge=challenge, rating=1 + n % 5, text=f"Ervaring {n}")


def test_the_public_page_with_progress_has_a_fixed_query_count(client, executing):
    world, challenge = executing
    page = reverse(
        "challenges:detail",
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )
    counts = []
    for times in (2, 20):
        grow(world, challenge, times)
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    staff = StaffRoleFactory(municipality=world.place, role=Role.COORDINATOR).user
    client.force_login(staff)
    counts = []
    for times in (2, 20):
        grow(world, challenge, times)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page_url(challenge, "workspace", "reports")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
