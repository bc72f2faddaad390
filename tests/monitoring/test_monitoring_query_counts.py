"""The pages of execution and evaluation, and the signing confirmation of the agreements, cost the
same number of queries with ten times the data (reports, feedback, evaluations, versions)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.challenge_world import fresh, in_state, make_world, take
from tests.factories import StaffRoleFactory
from tests.monitoring.test_monitoring import evaluation_values
from tests.monitoring.test_monitoring_permissions import grow
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.agreements import services as agreements
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.monitoring.services import evaluations

pytestmark = pytest.mark.django_db

# Every page: (queries, what they are). The same with 2 and with 20 times the data.
PAGES = {
    "handover": (
        11,
        "session, user, municipality, roles; the challenge; "
        "the handover; the agreements that apply (version, budget lines, results, risks); the "
        "task's budget",
    ),
    "evaluation": (
        16,
        "session, user, municipality, roles; the challenge; "
        "the challengers' latest view; the evaluations; the agreements that apply (version, "
        "budget lines, results, risks); the reports; their values with their results; the "
        "feedback totals; the interim dates; the independent evaluator",
    ),
    "feedback": (
        7,
        "session, user, municipality, roles; the challenge; the feedback; its ratings per quarter",
    ),
    "evaluation_view": (
        4,
        "session, user; the challenge (of the user's organisation); the memberships",
    ),
    "evaluator": (
        16,
        "session, user, municipality; the challenge; roles; the assignment (once); the "
        "challengers' latest view; the evaluations; the agreements that apply (version, budget "
        "lines, results, risks); the reports; their values; the feedback totals; the interim "
        "dates",
    ),
    "feedback_error": (3, "the municipality; the public challenge and its tasks"),
    "sign_challengers": (
        9,
        "session, user; the challenge; the version (budget "
        "lines, results, risks); the memberships; the newest version's number",
    ),
    "sign_municipality": (
        11,
        "session, user, municipality, roles; the challenge; "
        "the version (budget lines, results, risks); the memberships (may they sign for the "
        "challengers?); the newest version's number",
    ),
}


def cycles(world, challenge, times: int) -> None:
    """`times` reports (acknowledged) and reactions of users, and `times` interim evaluations,
    each with a view of the challengers; then the challenge is in the evaluation phase."""
    grow(world, challenge, times)
    for _n in range(times):
        take(world, challenge, "evaluate")
        challenge.refresh_from_db()
        evaluations.challengers_view(
            challenge=challenge, actor=fresh(world.resident), text="Onze visie."
        )
        evaluations.evaluation_record(
            challenge=challenge, actor=fresh(world.contact), values=evaluation_values("interim")
        )
        services.transition(
            challenge=challenge, action="interim", actor=fresh(world.contact), version=None
        )
        challenge.refresh_from_db()
    take(world, challenge, "evaluate")
    challenge.refresh_from_db()


def versions(world, challenge, times: int) -> int:
    """`times` more versions of the agreements, the newest with `times` results; its number."""
    version = None
    for _n in range(times):
        version = agreements.version_propose(
            challenge=challenge,
            actor=fresh(world.resident),
            values={
                "start_date": datetime.date(2027, 1, 1),
                "term_months": 24,
                "vehicle": "subsidy",
                "tasks_taken_over": "Onderhoud",
                "accountability_form": "written",
            },
            budget=[{"year": 2027, "amount_eur": 10_000}, {"year": 2028, "amount_eur": 9_000}],
            results=[
                {"indicator": f"Resultaat {n}", "dimension": "social", "target": n, "unit": "%"}
                for n in range(times)
            ],
            risks=[],
            confidential={},
        )
    return version.number


def test_pages_of_execution_evaluation_and_signing_do_not_grow(settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    challenge = in_state(world, State.EXECUTION)
    agreeing = in_state(world, State.AGREEMENTS)
    evaluator = StaffRoleFactory(municipality=world.place, role=Role.EVALUATOR).user
    evaluations.evaluator_assign(
        challenge=challenge, actor=fresh(world.coordinator), evaluator=evaluator
    )
    kwargs = {"municipality": world.place.slug, "reference": challenge.reference}

    def client_of(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    def counts(number: int) -> dict[str, int]:
        signing = {"municipality": world.place.slug, "reference": agreeing.reference}
        requests = {
            "handover": (world.coordinator, reverse("workspace:challenge_handover", kwargs=kwargs)),
            "evaluation": (
                world.coordinator,
                reverse("workspace:challenge_evaluation", kwargs=kwargs),
            ),
            "feedback": (world.coordinator, reverse("workspace:challenge_feedback", kwargs=kwargs)),
            "evaluation_view": (
                world.resident,
                reverse("challenges:dossier_evaluation_view", kwargs=kwargs),
            ),
            "evaluator": (evaluator, reverse("monitoring:evaluator", kwargs=kwargs)),
            "feedback_error": (None, reverse("monitoring:feedback_leave", kwargs=kwargs)),
            "sign_challengers": (
                world.resident,
                reverse("challenges:dossier_agreements_sign", kwargs=signing | {"number": number}),
            ),
            "sign_municipality": (
                world.decision_maker,
                reverse("workspace:challenge_agreements_sign", kwargs=signing | {"number": number}),
            ),
        }
        result = {}
        for name, (user, url) in requests.items():
            client = client_of(user)
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                if name == "feedback_error":
                    response = client.post(url, {"rating": "9", "text": ""})
                else:
                    response = client.get(url)
            expected = 400 if name == "feedback_error" else 200
            assert response.status_code == expected, (name, response.status_code)
            result[name] = len(queries)
        return result

    cycles(world, challenge, 2)
    small = counts(versions(world, agreeing, 2))
    evaluations.evaluation_record(
        challenge=challenge, actor=fresh(world.contact), values=evaluation_values("interim")
    )
    services.transition(
        challenge=challenge, action="interim", actor=fresh(world.contact), version=None
    )
    cycles(world, challenge, 18)
    large = counts(versions(world, agreeing, 20))
    assert small == large, (small, large)
    assert small == {name: n for name, (n, _why) in PAGES.items()}
