"""`make demo`: everything a visitor needs, prepared by one command that is safe to run again."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from uitdaagrecht.accounts.models import Membership, Organisation, Role, StaffRole, User
from uitdaagrecht.agreements.models import Version
from uitdaagrecht.agreements.selectors import applying
from uitdaagrecht.assessment.models import (
    AdviceRequest,
    Criterion,
    Decision,
    Dimension,
    Framework,
    Outcome,
    Recommendation,
    Score,
    Scorecard,
    Subject,
)
from uitdaagrecht.assessment.selectors import framework_of, result
from uitdaagrecht.budgets.models import BudgetLine
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges.models import Challenge, Document, Event, EventKind
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.demo.files import read, story_files
from uitdaagrecht.demo.loader import demo_challenges, demo_events, demo_load
from uitdaagrecht.demo.stories import HANDLERS
from uitdaagrecht.monitoring.models import Evaluation, Feedback, Handover, Moment, Report, Value
from uitdaagrecht.tenants.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo")


@pytest.mark.slow
def test_the_demo_prepares_data_accounts_and_example_tasks(settings, client):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=io.StringIO())  # safe to run again
    printed = out.getvalue()
    demo = Municipality.objects.get(is_demo=True)
    assert Municipality.objects.filter(is_active=True).count() == 342
    assert BudgetLine.objects.filter(municipality=demo).exists()
    assert Task.objects.filter(municipality=demo, is_example=True).count() >= 25
    assert set(StaffRole.objects.filter(municipality=demo).values_list("role", flat=True)) == set(
        Role
    )
    for role in Role:
        assert f"{role.value.replace('_', '-')}@" in printed  # one printed account per role
    assert "bewoner@demo.open-uitdaagrecht.nl" in printed  # and the challengers
    assert set(demo_challenges(demo).values_list("state", flat=True)) == set(State)
    assert (
        client.post(
            "/account/inloggen/",
            {
                "username": "coordinator@demo.open-uitdaagrecht.nl",
                "password": "demo-coordinator-2026",
            },
        ).status_code
        == 302
    )
    assert client.get(f"/{demo.slug}/taken/").status_code == 200


# ---- the example challenges, loaded without the national files so that this stays fast


def test_the_demo_has_a_challenge_in_every_phase(zwolle_demo):
    municipality, _accounts = zwolle_demo
    challenges = demo_challenges(municipality)
    assert set(challenges.values_list("state", flat=True)) == set(State)
    paused = challenges.get(paused_at__isnull=False)  # waiting for information
    assert paused.state == State.INTAKE and paused.events.filter(kind=EventKind.PAUSE).exists()
    redirected = challenges.get(state=State.REDIRECTED)
    assert redirected.classification == "subsidy_request" and redirected.redirected_to
    # One stalled challenge, escalated exactly once; the challenge in execution was escalated
    # once for a late report, which has come in since; nothing else in the demo is past its
    # term, so the nightly check finds nothing new today.
    stalled = challenges.get(stalled_at__isnull=False)
    assert stalled.state == State.ASSESSMENT and stalled.deadline < stalled.stalled_at
    assert stalled.events.filter(kind=EventKind.ESCALATION).count() == 1
    executing = challenges.get(state=State.EXECUTION)
    assert executing.events.filter(kind=EventKind.ESCALATION).count() == 1
    assert Event.objects.filter(kind=EventKind.ESCALATION).count() == 2
    assert services.stalled_escalate() == []
    # Every contact person is neutral for the tasks of their challenges; the printed contact
    # person account has some.
    assigned = challenges.filter(contact_person__isnull=False)
    assert assigned.count() >= 8
    for challenge in assigned:
        assert services.contact_person_problem(challenge, challenge.contact_person) is None
    assert assigned.filter(contact_person__email="contact-person@demo.open-uitdaagrecht.nl")
    kinds = set(demo_events(municipality).values_list("kind", flat=True))
    assert {EventKind.MESSAGE, EventKind.NOTE, EventKind.CONTACT, EventKind.RESUME} <= kinds


def test_the_demo_timeline_is_back_dated_and_in_order(zwolle_demo):
    municipality, _accounts = zwolle_demo
    now = timezone.now()
    events = list(demo_events(municipality).order_by("pk"))
    assert min(e.created_at for e in events) < now - datetime.timedelta(days=500)
    assert max(e.created_at for e in events) < now
    for challenge in demo_challenges(municipality):
        own = [e for e in events if e.challenge_id == challenge.pk]
        assert [e.created_at for e in own] == sorted(e.created_at for e in own), challenge.title
        assert own[0].kind == EventKind.CREATED and challenge.created_at == own[0].created_at
        state = State.DRAFT  # the phase changes follow each other and end in the current phase
        for event in own:
            if event.kind == EventKind.TRANSITION:
                assert event.from_state == state, challenge.title
                state = event.to_state
        assert state == challenge.state
    # Reference numbers follow the submission dates, as they would have in real life.
    references = list(
        demo_challenges(municipality)
        .filter(submitted_at__isnull=False)
        .order_by("submitted_at")
        .values_list("reference", flat=True)
    )
    for year in {r[:7] for r in references}:
        in_year = [r for r in references if r.startswith(year)]
        assert in_year == sorted(in_year)


def test_loading_the_demo_again_creates_nothing(zwolle_demo):
    municipality, accounts = zwolle_demo
    models = (
        *(Challenge, Event, Document, Organisation, Membership, User, StaffRole, Task),
        *(Framework, Criterion, AdviceRequest, Scorecard, Score, Decision, Version),
        *(Handover, Moment, Report, Value, Feedback, Evaluation),
    )
    before = {model: model.objects.count() for model in models}
    assert demo_load() == (municipality, accounts)
    assert {model: model.objects.count() for model in models} == before


def test_the_demo_accounts_documents_and_pages(zwolle_demo, client):
    municipality, accounts = zwolle_demo
    emails = [email for _role, email, _password in accounts]
    assert {"bewoner@demo.open-uitdaagrecht.nl", "lid@demo.open-uitdaagrecht.nl"} <= set(emails)
    organisations = Organisation.objects.filter(challenges__municipality=municipality).distinct()
    assert 3 <= organisations.count() <= 4
    assert organisations.exclude(kvk_number="").exists()
    document = Document.objects.get(published_at__isnull=False)
    assert document.name == "Steunbetuigingen.pdf" and document.consent_to_publish
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page = client.get(f"/{municipality.slug}/uitdagingen/{document.challenge.reference}/")
    assert page.status_code == 200 and "Steunbetuigingen.pdf" in page.content.decode()
    listing = client.get(f"/{municipality.slug}/uitdagingen/").content.decode()
    assert "Wijkcoöperatie Holtenbroek" in listing and "Schoon Assendorp" not in listing  # no draft
    login = {"username": "bewoner@demo.open-uitdaagrecht.nl", "password": "demo-bewoner-2026"}
    assert client.post("/account/inloggen/", login).status_code == 302
    draft = demo_challenges(municipality).get(state=State.DRAFT)
    step = client.get(f"/{municipality.slug}/uitdagingen/concept/{draft.pk}/stap/1/")
    assert step.status_code == 200


# ---- the assessment and the agreements (issue 5)

PAST_ASSESSMENT = (
    State.REJECTED,
    State.AGREEMENTS,
    State.EXECUTION,
    State.EVALUATION,
    State.COMPLETED,
    State.STOPPED,
)


def test_the_demo_has_a_published_framework_in_two_versions(zwolle_demo):
    municipality, _accounts = zwolle_demo
    now = timezone.now()
    first, second = Framework.objects.filter(municipality=municipality).order_by("version")
    assert (first.version, second.version) == (1, 2)
    assert now - first.published_at > datetime.timedelta(days=700)
    assert datetime.timedelta(days=150) < now - second.published_at < datetime.timedelta(days=200)
    for framework in (first, second):
        criteria = list(framework.criteria.prefetch_related("levels"))
        assert {c.dimension for c in criteria} == set(Dimension)
        assert all(4 <= len(c.levels.all()) <= 5 and c.weight for c in criteria)
        assert all(level.description for c in criteria for level in c.levels.all())
    assert second.criteria.count() > first.criteria.count()
    # Older challenges keep the version they were submitted under.
    on = {
        framework_of(c).version
        for c in demo_challenges(municipality).filter(scorecards__isnull=False)
    }
    assert on == {1, 2}


def test_the_demo_assessment_has_advice_and_scores_for_both_sides(zwolle_demo):
    municipality, _accounts = zwolle_demo
    advice = AdviceRequest.objects.filter(challenge__in=demo_challenges(municipality))
    assert advice.exists() and not advice.filter(submitted_at__isnull=True).exists()
    assert {Recommendation.FAVOURABLE, Recommendation.CONDITIONAL} <= set(
        advice.values_list("recommendation", flat=True)
    )
    confidential = advice.get(confidential=True)
    assert confidential.confidential_reason
    for request in advice.select_related("advisor", "challenge"):  # by an advisor of the department
        assert StaffRole.objects.filter(
            user=request.advisor, role=Role.ADVISOR, department=request.department
        ).exists()
        assert request.challenge.tasks.filter(department=request.department).exists()
        assert request.requested_at < request.submitted_at < request.deadline
    scored = demo_challenges(municipality).filter(scorecards__isnull=False).distinct()
    assert set(scored.values_list("state", flat=True)) == {*PAST_ASSESSMENT, State.ASSESSMENT}
    for challenge in scored:
        cards = challenge.scorecards.all()
        assert 2 <= cards.filter(recused=False).count() <= 3
        assert not cards.filter(submitted_at__isnull=True).exists()
        outcome = result(challenge)
        assert outcome.totals[Subject.CHALLENGER] is not None
        assert outcome.totals[Subject.INCUMBENT] is not None  # the current provider too
    scores = Score.objects.filter(scorecard__challenge__in=scored)
    assert (
        scores.filter(subject=Subject.INCUMBENT).count()
        == scores.filter(subject=Subject.CHALLENGER).count()
    )
    recused = Scorecard.objects.get(challenge__in=scored, recused=True)
    assert recused.conflict_of_interest and not recused.scores.exists()


def test_the_demo_decisions_and_agreements(zwolle_demo):
    municipality, _accounts = zwolle_demo
    challenges = demo_challenges(municipality)
    decisions = Decision.objects.filter(challenge__in=challenges)
    for challenge in challenges.filter(state__in=PAST_ASSESSMENT):
        assert challenge.decisions.exists(), challenge.title
    assert not decisions.filter(challenge__state=State.ASSESSMENT).exists()
    assert set(decisions.values_list("outcome", flat=True)) == set(Outcome)
    assert decisions.get(outcome=Outcome.REJECT).challenge.state == State.REJECTED
    assert decisions.get(outcome=Outcome.PARTIAL).part
    correction = decisions.get(corrects__isnull=False)
    assert correction.outcome == correction.corrects.outcome
    assert correction.published_at > correction.corrects.published_at
    assert all(d.objection.startswith("Bezwaar") and d.reasons_social for d in decisions)
    # Agreements: signed by both sides before execution started; one challenge has an
    # amendment; the one still making agreements has a proposal nobody signed yet.
    for challenge in challenges.filter(
        state__in=(State.EXECUTION, State.EVALUATION, State.COMPLETED, State.STOPPED)
    ):
        assert applying(challenge) is not None, challenge.title
        first = challenge.agreement_versions.order_by("number").first()
        started = challenge.events.get(action="start_execution").created_at
        assert first.is_signed and first.signed_at < started, challenge.title
    pending = Version.objects.get(challenge__state=State.AGREEMENTS, challenge__in=challenges)
    assert not pending.signed_challengers_at and not pending.signed_municipality_at
    amended = challenges.get(state=State.EXECUTION)
    first, second = amended.agreement_versions.order_by("number")
    assert first.is_signed and second.is_signed and first.signed_at < second.proposed_at
    assert second.term_months > first.term_months
    assert list(second.budget.values_list("year", "amount_eur")) != list(
        first.budget.values_list("year", "amount_eur")
    )
    assert second.confidential and all(reason for reason in second.confidential.values())
    now = timezone.now()
    assert max(decisions.values_list("published_at", flat=True)) < now - datetime.timedelta(days=7)
    assert max(Version.objects.values_list("proposed_at", flat=True)) < now


# ---- the data files (uitdaagrecht/demo/data), checked before anything is loaded


def test_every_story_step_names_a_known_action_people_and_tables():
    people = read("people.yaml")
    keys = {*people["staff"], *(p["key"] for p in (*people["extra_staff"], *people["residents"]))}
    organisations = {o["key"] for o in read("organisations.yaml")}
    tasks = {t["title"] for t in read("catalogue.yaml")["tasks"]}
    stories = story_files()
    assert len(stories) == 12
    for story in stories:
        assert story["organisation"] in organisations and story["author"] in keys
        assert story["task"] in tasks, story["title"]
        for step in story["steps"]:
            assert step["do"] in HANDLERS, step
            assert step.get("by", story["author"]) in keys, step
            assert step.get("person", story["author"]) in keys, step
            assert step.get("scores", "de_hoek") in read("scores.yaml"), step
            assert step.get("file", "support") in read("documents.yaml"), step
