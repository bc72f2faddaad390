"""The challenge workflow (DESIGN.md §3): every allowed and every forbidden transition of the
table, the guards, concurrency (PostgreSQL), a crash in the middle, the append-only timeline,
terms and escalation, the contact person, redirects, personal notifications and following a
public challenge by e-mail."""

import datetime
import io
import re
import threading
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connections
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.challenge_world import (
    CONFIRM_LINK,
    PATHS,
    REASON,
    REDIRECT,
    fresh,
    in_state,
    make_world,
    prepare,
    snapshot,
    take,
)
from tests.factories import ChallengeFactory, OrganisationFactory, UserFactory
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges.models import Challenge, Event, EventKind, Term, Visibility
from uitdaagrecht.challenges.workflow import (
    END_STATES,
    OPEN_STATES,
    PHASE,
    TRANSITION,
    TRANSITIONS,
    Actor,
    State,
    transitions_from,
)
from uitdaagrecht.monitoring.schedule import end_of_day
from uitdaagrecht.monitoring.services.reports import next_moment
from uitdaagrecht.notifications.models import Kind, MutedEmail, Notification, Subscription
from uitdaagrecht.notifications.services import subscription_request

POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
only_postgres = pytest.mark.skipif(
    not POSTGRES,
    reason="SQLite has no row locks (SELECT … FOR UPDATE) and serialises all writers: "
    "the race can only be run on PostgreSQL (set DATABASE_URL=postgres://…)",
)


@pytest.fixture
def world(settings, db):
    settings.STAFF_2FA_REQUIRED = False
    return make_world()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): …` runs what the block left for after the commit (e-mails), as the
    real commit would; the test itself stays in one fast, rolled-back transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def url(name: str, challenge: Challenge, **kwargs) -> str:
    return reverse(
        name,
        kwargs={
            "municipality": challenge.municipality.slug,
            "reference": challenge.reference,
            **kwargs,
        },
    )


def transition_events(challenge: Challenge) -> list[Event]:
    return list(Event.objects.filter(challenge=challenge, kind=EventKind.TRANSITION))


# ---------------------------------------------------------------- the table itself

ALLOWED = [
    (t.action, source, actor)
    for t in TRANSITIONS
    for source in sorted(t.sources)
    for actor in sorted(t.actors)
]
STATE_REFUSALS = [
    (t.action, state) for t in TRANSITIONS for state in sorted(State) if state not in t.sources
]
OUTSIDERS = ("advisor", "outsider", "foreign_coordinator", "other_contact_person", "anonymous")


def test_every_state_is_reachable_through_the_table():
    assert set(PATHS) == set(State)
    assert all(t.sources and t.actors for t in TRANSITIONS)
    assert len(STATE_REFUSALS) + sum(len(t.sources) for t in TRANSITIONS) == len(State) * len(
        TRANSITIONS
    )
    # End states have no way out; every open phase can be withdrawn by the challengers.
    assert all(not transitions_from(state) for state in END_STATES)
    assert all(TRANSITION["withdraw"] in transitions_from(state) for state in OPEN_STATES)


@pytest.mark.parametrize(("action", "source", "actor"), ALLOWED)
def test_an_allowed_transition_moves_the_challenge_and_records_one_event(
    world, action, source, actor
):
    challenge = in_state(world, source)
    step = TRANSITION[action]
    extra = prepare(world, challenge, action)
    before_version = challenge.version
    before_events = Event.objects.filter(challenge=challenge).count()
    person = world.actor(actor)
    if action == "redirect":
        extra.update(REDIRECT)
    result = services.transition(
        challenge=challenge,
        action=action,
        actor=fresh(person),
        version=challenge.version,
        reason=REASON if step.reason_required else "",
        **extra,
    )
    challenge.refresh_from_db()
    assert result.state == challenge.state == step.target
    assert challenge.version == before_version + 1
    assert Event.objects.filter(challenge=challenge).count() == before_events + 1
    event = Event.objects.filter(challenge=challenge).latest("pk")
    assert (event.kind, event.from_state, event.to_state, event.action) == (
        EventKind.TRANSITION,
        source,
        step.target,
        action,
    )
    assert event.actor == person
    assert event.actor_role == actor.value
    assert event.visibility == Visibility.PUBLIC
    assert event.text == (REASON if step.reason_required else "")
    # The term of the new phase starts now; end states have none.
    assert abs(event.created_at - challenge.phase_started_at) < datetime.timedelta(seconds=5)
    days = PHASE[step.target].term_days
    if days:
        assert challenge.deadline == challenge.phase_started_at + datetime.timedelta(days=days)
    elif step.target == State.EXECUTION:
        # Execution's term is the next reporting moment (the monitoring extension sets it).
        moment = next_moment(challenge)
        assert challenge.deadline == end_of_day(moment.due_on)
    else:
        assert challenge.deadline is None
    assert challenge.paused_at is None and challenge.stalled_at is None
    if action == "submit":
        assert re.fullmatch(r"UD-\d{4}-0001", challenge.reference)
        assert challenge.submitted_at == challenge.phase_started_at
    if action == "redirect":
        assert challenge.classification == REDIRECT["classification"]
        assert challenge.redirected_to == REDIRECT["redirected_to"]
        assert challenge.classification_reason == REASON
        assert event.data == {**REDIRECT}
    if action == "accept":
        assert challenge.classification == "challenge"


def refused_people(world, step) -> dict:
    """Everyone who may not take this step: the workflow actors the table does not name for it,
    and people who are no workflow actor for the challenge at all."""
    return {
        **{kind.value: fresh(world.actor(kind)) for kind in set(Actor) - step.actors},
        "advisor": world.advisor,  # staff of the municipality, but no workflow actor
        "outsider": world.outsider,  # a member of another organisation
        "foreign_coordinator": world.foreign_coordinator,  # coordinator elsewhere
        "other_contact_person": world.contact2,  # counts only for their own challenges
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize("state", sorted(State))
def test_from_each_state_every_other_action_and_every_other_actor_is_refused(world, state):
    """One challenge in `state`, and every refusal the table implies for it: each action not
    allowed from this state (ChallengeChanged, also for its permitted actors), and for each
    action allowed from it, each actor not permitted (PermissionDenied). Nothing changes."""
    challenge = in_state(world, state, contact=state != State.DRAFT)
    before = snapshot(challenge)

    def attempt(action, person):
        return services.transition(
            challenge=challenge,
            action=action,
            actor=person,
            version=challenge.version,
            reason=REASON,
            **REDIRECT,
        )

    wrong_state = [action for action, source in STATE_REFUSALS if source == state]
    assert len(wrong_state) == len(TRANSITIONS) - len(transitions_from(state))
    for action in wrong_state:
        for actor in TRANSITION[action].actors:
            with pytest.raises(services.ChallengeChanged):
                attempt(action, fresh(world.actor(actor)))
            assert snapshot(challenge) == before, (action, actor)
    for step in transitions_from(state):
        refused = refused_people(world, step)
        assert len(refused) == 4 - len(step.actors) + len(OUTSIDERS)
        for who, person in refused.items():
            with pytest.raises(PermissionDenied):
                attempt(step.action, person)
            assert snapshot(challenge) == before, (step.action, who)


def test_an_unknown_action_is_refused(world):
    challenge = in_state(world, State.SUBMITTED)
    before = snapshot(challenge)
    with pytest.raises(PermissionDenied):
        services.transition(
            challenge=challenge, action="delete", actor=world.coordinator, version=None
        )
    assert snapshot(challenge) == before


def test_a_stale_version_is_refused_even_for_a_permitted_actor(world):
    challenge = in_state(world, State.SUBMITTED)
    before = snapshot(challenge)
    with pytest.raises(services.ChallengeChanged):
        services.transition(
            challenge=challenge,
            action="start_intake",
            actor=world.coordinator,
            version=challenge.version - 1,
        )
    assert snapshot(challenge) == before


# ---------------------------------------------------------------- guards


def test_accept_needs_a_contact_person(world):
    challenge = in_state(world, State.INTAKE, contact=False)
    before = snapshot(challenge)
    with pytest.raises(ValidationError):
        take(world, challenge, "accept")
    assert snapshot(challenge) == before
    services.contact_person_assign(
        challenge=challenge, person=world.contact, actor=world.coordinator, version=None
    )
    assert take(world, challenge, "accept").state == State.ASSESSMENT


def test_redirect_needs_a_classification_other_than_challenge_and_where_it_goes(world):
    challenge = in_state(world, State.INTAKE)
    before = snapshot(challenge)
    for values in [
        {"classification": "", "redirected_to": "Subsidieloket"},
        {"classification": "challenge", "redirected_to": "Subsidieloket"},
        {"classification": "subsidy_request", "redirected_to": ""},
        {"classification": "subsidy_request", "redirected_to": "   "},
    ]:
        with pytest.raises(ValidationError):
            take(world, challenge, "redirect", **values)
        assert snapshot(challenge) == before, values
    assert take(world, challenge, "redirect", **REDIRECT).state == State.REDIRECTED


def test_submit_needs_a_complete_offer(world):
    challenge = ChallengeFactory(
        municipality=world.place, organisation=world.organisation, task=world.task, submitted=False
    )
    challenge.refresh_from_db()
    complete = {name: getattr(challenge, name) for name in services.REQUIRED_FOR_SUBMIT}
    for missing in services.REQUIRED_FOR_SUBMIT:
        services.draft_update(challenge=challenge, actor=world.resident, values={missing: ""})
        before = snapshot(challenge)
        with pytest.raises(ValidationError):
            take(world, challenge, "submit")
        assert snapshot(challenge) == before, missing
        assert Challenge.objects.get(pk=challenge.pk).reference == ""
        services.draft_update(
            challenge=challenge, actor=world.resident, values={missing: complete[missing]}
        )
    assert take(world, challenge, "submit").state == State.SUBMITTED


def test_submit_needs_a_task_from_the_catalogue_or_in_words(world):
    challenge = ChallengeFactory(
        municipality=world.place, organisation=world.organisation, submitted=False
    )
    services.draft_update(challenge=challenge, actor=world.resident, values={"other_task": ""})
    with pytest.raises(ValidationError):
        take(world, challenge, "submit")
    services.draft_update(challenge=challenge, actor=world.resident, values={}, tasks=[world.task])
    assert take(world, challenge, "submit").state == State.SUBMITTED


@pytest.mark.parametrize(
    ("action", "source"),
    [(t.action, min(t.sources)) for t in TRANSITIONS if t.reason_required],
)
def test_a_reason_is_required_where_the_table_says_so(world, action, source):
    challenge = in_state(world, source)
    before = snapshot(challenge)
    for reason in ("", "  \n "):
        with pytest.raises(ValidationError) as refused:
            take(world, challenge, action, reason=reason)
        assert "reason" in refused.value.message_dict
        assert snapshot(challenge) == before


# ---------------------------------------------------------------- concurrency (PostgreSQL)


def race(*calls) -> list:
    """Run the calls in threads that start at the same moment; ("ok", value) or ("error", exc)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", call())
        except Exception as error:
            results[index] = ("error", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread is still waiting"
    return results


@only_postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_members_acting_at_once_one_wins_the_other_is_told(settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world(catalog=False)
    for source, action in [
        (State.SUBMITTED, "start_intake"),
        (State.INTAKE, "accept"),
        (State.ASSESSMENT, "decide_accept"),  # the same person, with a double click
    ]:
        challenge = in_state(world, source)
        step = TRANSITION[action]
        actors = (
            (world.coordinator, world.coordinator2)
            if Actor.COORDINATOR in step.actors
            else (world.decision_maker, world.decision_maker)
        )
        extra = prepare(world, challenge, action)
        version = challenge.version
        before = len(transition_events(challenge))

        def act(person, challenge=challenge, action=action, version=version, extra=extra):
            return services.transition(
                challenge=Challenge.objects.get(pk=challenge.pk),
                action=action,
                actor=fresh(person),
                version=version,
                reason=REASON,
                **extra,
            )

        results = race(lambda p=actors[0]: act(p), lambda p=actors[1]: act(p))
        outcomes = sorted(kind for kind, _value in results)
        assert outcomes == ["error", "ok"], results
        error = next(value for kind, value in results if kind == "error")
        assert isinstance(error, services.ChallengeChanged)
        challenge.refresh_from_db()
        assert challenge.state == step.target
        assert challenge.version == version + 1
        assert len(transition_events(challenge)) == before + 1


@only_postgres
@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_get_distinct_reference_numbers(settings):
    world = make_world(catalog=False)
    other_owner = UserFactory()
    other = OrganisationFactory(owner=other_owner, name="Tweede club")
    drafts = [
        (ChallengeFactory(municipality=world.place, organisation=org, submitted=False), owner)
        for org, owner in ((world.organisation, world.resident), (other, other_owner))
    ]

    def submit(draft, owner):
        return services.transition(
            challenge=draft, action="submit", actor=fresh(owner), version=draft.version
        )

    results = race(lambda: submit(*drafts[0]), lambda: submit(*drafts[1]))
    assert [kind for kind, _value in results] == ["ok", "ok"], results
    references = sorted(Challenge.objects.values_list("reference", flat=True))
    year = timezone.now().year
    assert references == [f"UD-{year}-0001", f"UD-{year}-0002"]


# ---------------------------------------------------------------- a crash halfway


def _boom(*args, **kwargs):
    raise RuntimeError("forced crash after the state was saved")


CRASHES = [
    # (state before, what is done, what crashes after the challenge row was written)
    (State.DRAFT, "submit", "services.base.record"),
    (State.SUBMITTED, "start_intake", "services.base.record"),
    (State.INTAKE, "accept", "Event.objects.create"),
    (State.SUBMITTED, "assign", "Event.objects.create"),
]


@pytest.mark.django_db(transaction=True)  # real transactions: the service's own is the outer one
def test_a_crash_in_the_middle_leaves_nothing_half_written(settings, monkeypatch):
    world = make_world(catalog=False)
    for source, action, target in CRASHES:
        challenge = in_state(world, source, contact=action != "assign")
        if challenge.reference:  # a follower who would hear about a new phase
            Subscription.objects.create(
                municipality=world.place,
                challenge=challenge,
                email=f"volger-{challenge.pk}@example.org",
                token_hash=f"{challenge.pk:064d}",
                confirmed_at=timezone.now(),
            )
        before = snapshot(challenge)
        notifications = Notification.objects.count()
        mail.outbox.clear()
        if target == "services.base.record":
            monkeypatch.setattr(services.base, "record", _boom)
        else:
            monkeypatch.setattr(Event.objects, "create", _boom)

        def act(challenge=challenge, action=action):
            if action == "assign":
                return services.contact_person_assign(
                    challenge=challenge,
                    person=world.contact,
                    actor=fresh(world.coordinator),
                    version=challenge.version,
                )
            return take(world, challenge, action)

        with pytest.raises(RuntimeError):
            act()
        monkeypatch.undo()
        assert snapshot(challenge) == before, action
        assert Notification.objects.count() == notifications, action
        assert mail.outbox == [], action
        # Nothing is stuck either: the same step succeeds afterwards, and tells people.
        act()
        challenge.refresh_from_db()
        assert challenge.version == before[0]["version"] + 1
        assert mail.outbox


# ---------------------------------------------------------------- the timeline


def test_timeline_events_are_append_only(world):
    challenge = in_state(world, State.SUBMITTED)
    event = transition_events(challenge)[0]
    event.text = "achteraf aangepast"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    stored = Event.objects.get(pk=event.pk)
    assert stored.text == ""
    assert stored.kind == EventKind.TRANSITION


def test_every_write_is_on_the_timeline_with_actor_and_visibility(world):
    challenge = in_state(world, State.INTAKE)
    services.message_post(challenge=challenge, actor=world.resident, text="Vraag van ons")
    services.note_add(challenge=challenge, actor=world.coordinator, text="Intern")
    services.contact_log(challenge=challenge, actor=world.contact, channel="call", summary="Gebeld")
    services.term_extend(
        challenge=challenge, actor=world.coordinator, version=None, days=7, reason="Vakantie"
    )
    rows = list(
        Event.objects.filter(challenge=challenge).values_list("kind", "visibility", "actor")
    )
    assert rows == [
        ("created", "participants", world.resident.pk),
        ("transition", "public", world.resident.pk),
        ("assignment", "participants", world.coordinator.pk),
        ("transition", "public", world.coordinator.pk),
        ("message", "participants", world.resident.pk),
        ("note", "staff", world.coordinator.pk),
        ("contact", "participants", world.contact.pk),
        ("term", "participants", world.coordinator.pk),
    ]


# ---------------------------------------------------------------- terms and escalation


def test_the_deadline_follows_the_municipality_term_or_the_default(world):
    services.terms_set(
        municipality=world.place, days={"submitted": 3, "intake": 14}, actor=world.coordinator
    )
    assert Term.objects.filter(municipality=world.place).count() == 2
    challenge = in_state(world, State.SUBMITTED)
    assert challenge.deadline - challenge.phase_started_at == datetime.timedelta(days=3)
    challenge = take(world, challenge, "start_intake")
    assert challenge.deadline - challenge.phase_started_at == datetime.timedelta(days=14)
    challenge = take(world, challenge, "accept")  # assessment: no own term, the default
    assert challenge.deadline - challenge.phase_started_at == datetime.timedelta(
        days=PHASE[State.ASSESSMENT].term_days
    )
    # Another municipality keeps the defaults.
    other = ChallengeFactory(municipality=world.other_place, organisation=world.other_organisation)
    assert other.deadline - other.phase_started_at == datetime.timedelta(
        days=PHASE[State.SUBMITTED].term_days
    )


def test_terms_are_set_on_the_terms_page_by_coordinators_only(client, world):
    page = reverse("workspace:challenge_terms", kwargs={"municipality": world.place.slug})
    client.force_login(world.contact)
    assert client.post(page, {"submitted": 5}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.terms_set(
            municipality=world.place, days={"intake": 5}, actor=world.foreign_coordinator
        )
    assert not Term.objects.exists()
    client.force_login(world.coordinator)
    days = {"submitted": 5, "intake": 20, "assessment": 60, "agreements": 30, "evaluation": 21}
    assert client.post(page, days).status_code == 302
    assert services.terms_of(world.place) == days
    assert client.post(page, {**days, "intake": 0}).status_code == 400
    assert services.terms_of(world.place)["intake"] == 20


def _shift(challenge: Challenge, **deltas) -> None:
    """Move the challenge's clock fields into the past, as if time had passed."""
    Challenge.objects.filter(pk=challenge.pk).update(
        **{name: F(name) - delta for name, delta in deltas.items()}
    )
    challenge.refresh_from_db()


def test_pausing_stops_the_clock_and_resuming_moves_the_deadline_by_the_pause(world):
    challenge = in_state(world, State.INTAKE)
    deadline = challenge.deadline
    challenge = services.term_pause(
        challenge=challenge, actor=world.contact, version=challenge.version, question="Begroting?"
    )
    assert challenge.paused_at is not None
    assert challenge.deadline == deadline
    # Five days later the challengers have not answered; the clock did not run.
    _shift(challenge, paused_at=datetime.timedelta(days=5))
    assert services.stalled_escalate(now=deadline + datetime.timedelta(days=1)) == []
    challenge = services.term_resume(
        challenge=challenge, actor=world.contact, version=challenge.version
    )
    assert challenge.paused_at is None
    moved = challenge.deadline - deadline
    assert datetime.timedelta(days=5) <= moved < datetime.timedelta(days=5, minutes=1)
    kinds = list(
        Event.objects.filter(challenge=challenge).values_list("kind", flat=True).order_by("pk")
    )
    assert kinds[-2:] == ["pause", "resume"]
    assert Event.objects.filter(challenge=challenge, kind="resume").get().data["paused_days"] == 5


def test_a_message_from_the_challengers_during_a_pause_resumes_the_term(world):
    challenge = in_state(world, State.INTAKE)
    deadline = challenge.deadline
    services.term_pause(
        challenge=challenge, actor=world.coordinator, version=None, question="Wie doet wat?"
    )
    challenge.refresh_from_db()
    _shift(challenge, paused_at=datetime.timedelta(days=2))
    # A message from staff does not count as the answer.
    services.message_post(challenge=challenge, actor=world.contact, text="Herinnering")
    challenge.refresh_from_db()
    assert challenge.paused_at is not None
    services.message_post(challenge=challenge, actor=fresh(world.teammate), text="Antwoord")
    challenge.refresh_from_db()
    assert challenge.paused_at is None
    assert challenge.deadline - deadline >= datetime.timedelta(days=2)
    resume = Event.objects.get(challenge=challenge, kind=EventKind.RESUME)
    assert resume.actor == world.teammate


def test_pause_is_refused_when_no_term_runs_and_resume_when_not_paused(world):
    execution = in_state(world, State.EXECUTION)  # execution has no term
    with pytest.raises(ValidationError):
        services.term_pause(challenge=execution, actor=world.contact, version=None, question="?")
    intake = in_state(world, State.INTAKE)
    with pytest.raises(services.ChallengeChanged):
        services.term_resume(challenge=intake, actor=world.contact, version=None)
    with pytest.raises(PermissionDenied):  # challengers cannot stop the municipality's clock
        services.term_pause(challenge=intake, actor=world.resident, version=None, question="?")


def test_check_terms_escalates_a_stalled_challenge_once(world, committed):
    late = in_state(world, State.INTAKE)
    on_time = in_state(world, State.INTAKE)
    paused = in_state(world, State.INTAKE)
    services.term_pause(challenge=paused, actor=world.contact, version=None, question="?")
    for challenge in (late, paused):
        _shift(challenge, deadline=datetime.timedelta(days=40))
    mail.outbox.clear()
    out = io.StringIO()
    with committed():
        call_command("check_terms", stdout=out)
    assert "1 newly stalled" in out.getvalue()
    late.refresh_from_db()
    assert late.stalled_at is not None
    escalations = Event.objects.filter(kind=EventKind.ESCALATION)
    assert [e.challenge_id for e in escalations] == [late.pk]
    assert escalations.get().visibility == Visibility.STAFF
    assert escalations.get().data["days_over"] >= 11
    # Paused or still in time: not stalled.
    for challenge in (on_time, paused):
        challenge.refresh_from_db()
        assert challenge.stalled_at is None
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        [world.contact.email, world.coordinator.email, world.coordinator2.email]
    )
    assert all(late.reference in m.subject for m in mail.outbox)
    assert Notification.objects.filter(kind=Kind.ESCALATION).count() == 3
    # Again: nothing new, no second e-mail.
    mail.outbox.clear()
    with committed():
        call_command("check_terms", stdout=io.StringIO())
    assert Event.objects.filter(kind=EventKind.ESCALATION).count() == 1
    assert mail.outbox == []
    # It stays stalled until it moves; a transition clears it.
    late = take(world, late, "accept")
    assert late.stalled_at is None
    assert late.deadline > timezone.now()
    # An extension of the term clears it too.
    _shift(on_time, deadline=datetime.timedelta(days=40))
    services.stalled_escalate()
    on_time.refresh_from_db()
    assert on_time.stalled_at is not None
    on_time = services.term_extend(
        challenge=on_time, actor=world.coordinator, version=None, days=30, reason="Zomer"
    )
    assert on_time.stalled_at is None


def test_the_coordinator_dashboard_lists_stalled_challenges_first(client, world):
    calm = in_state(world, State.INTAKE)
    waiting = in_state(world, State.INTAKE)
    stalled = in_state(world, State.INTAKE)
    # Waiting for the challengers since long ago: its deadline is the earliest, but the clock
    # is stopped, so it is not stalled.
    services.term_pause(challenge=waiting, actor=world.contact, version=None, question="?")
    _shift(waiting, deadline=datetime.timedelta(days=60), paused_at=datetime.timedelta(days=50))
    _shift(stalled, deadline=datetime.timedelta(days=30))
    call_command("check_terms", stdout=io.StringIO())
    client.force_login(world.coordinator)
    response = client.get(
        reverse("workspace:challenges", kwargs={"municipality": world.place.slug})
    )
    assert response.status_code == 200
    order = [c.pk for c in response.context["board"].open]
    assert order == [stalled.pk, waiting.pk, calm.pk]
    workload = {p.pk: (n, s) for p, n, s in response.context["board"].workload}
    assert workload[world.contact.pk] == (3, 1)
    page = response.content.decode()
    assert (
        page.index(stalled.title) < page.index("ou-badge--alert") < page.index(f"{calm.reference} ")
    )


# ---------------------------------------------------------------- the contact person


def test_reassignment_keeps_the_history_and_tells_everyone_concerned(client, world, committed):
    challenge = in_state(world, State.INTAKE, contact=False)
    client.force_login(world.coordinator)
    assign = url("workspace:challenge_assign", challenge)
    for person in (world.contact, world.contact2):
        mail.outbox.clear()
        challenge.refresh_from_db()
        with committed():
            response = client.post(assign, {"version": challenge.version, "person": person.pk})
        assert response.status_code == 302
        challenge.refresh_from_db()
        assert challenge.contact_person == person
        recipients = sorted(m.to[0] for m in mail.outbox)
        expected = [world.resident.email, world.teammate.email, person.email]
        if person == world.contact2:
            expected.append(world.contact.email)  # the previous one hears it too
        assert recipients == sorted(expected)
    assignments = list(
        Event.objects.filter(challenge=challenge, kind=EventKind.ASSIGNMENT).order_by("pk")
    )
    assert [e.data for e in assignments] == [
        {"contact_person": world.contact.pk, "previous": None},
        {"contact_person": world.contact2.pk, "previous": world.contact.pk},
    ]
    assert all(e.actor == world.coordinator for e in assignments)
    for challenger in (world.resident, world.teammate):
        assert Notification.objects.filter(user=challenger, kind=Kind.ASSIGNMENT).count() == 2
    # The new contact person acts for the challenge; the previous one no longer does.
    with pytest.raises(PermissionDenied):
        services.term_pause(
            challenge=challenge, actor=fresh(world.contact), version=None, question="?"
        )
    services.term_pause(
        challenge=challenge, actor=fresh(world.contact2), version=None, question="?"
    )
    # The challengers see who it is in their dossier, and the whole history.
    client.force_login(world.resident)
    page = client.get(url("challenges:dossier", challenge)).content.decode()
    assert world.contact2.full_name in page
    assert page.count("ou-event--assignment") == 2


def test_a_contact_person_of_the_department_that_owns_the_task_is_refused(client, world, committed):
    challenge = in_state(world, State.INTAKE, contact=False)
    before = snapshot(challenge)
    mail.outbox.clear()
    client.force_login(world.coordinator)
    assign = url("workspace:challenge_assign", challenge)
    with committed():
        response = client.post(assign, {"version": challenge.version, "person": world.involved.pk})
    assert response.status_code == 400
    problem = str(response.context["form"].non_field_errors())
    assert world.owning.name in problem  # explains which department
    assert snapshot(challenge) == before
    assert mail.outbox == []
    assert services.contact_person_problem(challenge, world.involved)
    assert services.contact_person_problem(challenge, world.contact) is None
    # Someone without the role of contact person cannot be chosen at all.
    response = client.post(assign, {"version": challenge.version, "person": world.advisor.pk})
    assert response.status_code == 400
    assert services.contact_person_problem(challenge, world.advisor)
    assert snapshot(challenge) == before
    # And only a coordinator assigns.
    with pytest.raises(PermissionDenied):
        services.contact_person_assign(
            challenge=challenge, person=world.contact, actor=world.contact, version=None
        )
    assert snapshot(challenge) == before


# ---------------------------------------------------------------- redirect


def test_after_a_redirect_the_submitter_keeps_everything_and_everyone_sees_where_it_went(
    client, world
):
    challenge = in_state(world, State.INTAKE)
    services.message_post(challenge=challenge, actor=world.resident, text="Ons verhaal, één keer")
    services.note_add(challenge=challenge, actor=world.coordinator, text="Intern: subsidie beter")
    why = "Dit past beter bij de subsidieregeling voor buurtinitiatieven."
    take(world, challenge, "redirect", reason=why)
    challenge.refresh_from_db()
    assert challenge.state == State.REDIRECTED

    for person in (world.resident, world.teammate):
        client.force_login(person)
        response = client.get(url("challenges:dossier", challenge))
        assert response.status_code == 200
        page = response.content.decode()
        assert REDIRECT["redirected_to"] in page
        assert why in page
        assert "Ons verhaal, één keer" in page
        assert "Intern: subsidie beter" not in page
        # The offer itself is still there to read.
        assert challenge.plan_how in page and challenge.capacity in page
        events = response.context["events"]
        assert {e.kind for e in events} >= {"created", "message", "assignment", "transition"}

    client.logout()
    public = client.get(url("challenges:detail", challenge))
    assert public.status_code == 200
    page = public.content.decode()
    assert REDIRECT["redirected_to"] in page
    assert why in page
    assert "Ons verhaal" not in page and "Intern" not in page
    api = client.get("/api/v1/challenges/", {"municipality": world.place.cbs_code}).json()
    [row] = api["results"]
    assert row["phase"] == "redirected"
    assert row["classification"] == REDIRECT["classification"]
    assert row["redirected_to"] == REDIRECT["redirected_to"]
    assert why in [e["text"] for e in row["events"]]


# ---------------------------------------------------------------- personal notifications


def test_muted_kinds_get_no_email_but_still_the_in_app_line(client, world, committed):
    challenge = in_state(world, State.SUBMITTED)
    client.force_login(world.resident)
    settings_url = reverse("portal:notification_settings")
    assert client.get(settings_url).status_code == 200
    wanted = [k for k in Kind.values if k != Kind.MESSAGE]
    response = client.post(settings_url, {"kinds": wanted})
    assert response.status_code == 302
    muted = MutedEmail.objects.filter(user=world.resident).values_list("kind", flat=True)
    assert list(muted) == [Kind.MESSAGE]
    secret = "Vertrouwelijk: de wethouder twijfelt over 42.000 euro"
    mail.outbox.clear()
    client.force_login(world.contact)
    with committed():
        response = client.post(url("workspace:challenge_message", challenge), {"text": secret})
    assert response.status_code == 302
    # The muted resident: an in-app line, no e-mail. The teammate: both.
    assert [m.to[0] for m in mail.outbox] == [world.teammate.email]
    for person in (world.resident, world.teammate):
        line = Notification.objects.get(user=person, kind=Kind.MESSAGE)
        assert challenge.reference in line.text
        assert secret not in line.text
    # Other kinds still come by e-mail to the resident.
    mail.outbox.clear()
    with committed():
        take(world, challenge, "start_intake")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.resident.email, world.teammate.email, world.contact.email]
    )
    # The in-app list shows all of them, e-mailed or not.
    client.force_login(world.resident)
    inbox = client.get(reverse("portal:notifications"))
    assert inbox.status_code == 200
    assert len(inbox.context["items"]) == Notification.objects.filter(user=world.resident).count()
    assert Kind.MESSAGE in {n.kind for n in inbox.context["items"]}


def test_emails_never_contain_the_text_of_messages_notes_or_reasons(world, committed):
    challenge = in_state(world, State.INTAKE)
    secrets = {
        "message": "GEHEIM-BERICHT budget van 42.000",
        "reply": "GEHEIM-ANTWOORD van de buurt",
        "note": "GEHEIM-NOTITIE intern",
        "question": "GEHEIM-VRAAG over de begroting",
        "contact": "GEHEIM-GESPREK aan de keukentafel",
        "reason": "GEHEIM-REDEN van het besluit",
    }
    mail.outbox.clear()
    with committed():
        services.message_post(challenge=challenge, actor=world.contact, text=secrets["message"])
        services.message_post(
            challenge=challenge, actor=fresh(world.resident), text=secrets["reply"]
        )
        services.note_add(challenge=challenge, actor=world.contact, text=secrets["note"])
        services.term_pause(
            challenge=challenge, actor=world.contact, version=None, question=secrets["question"]
        )
        services.contact_log(
            challenge=challenge, actor=world.contact, channel="visit", summary=secrets["contact"]
        )
        take(world, challenge, "accept", reason=secrets["reason"])
    # message → 2 challengers; reply → teammate + contact person; question → 2 challengers;
    # accept → 2 challengers + contact person.
    assert len(mail.outbox) == 9
    for message in mail.outbox:
        content = message.subject + message.body + str(message.extra_headers)
        for secret in secrets.values():
            assert secret not in content
        assert challenge.reference in content


# ---------------------------------------------------------------- following a public challenge


def test_anyone_can_follow_a_public_challenge_by_email_with_double_opt_in(client, world, committed):
    challenge = in_state(world, State.SUBMITTED)
    follower = "volger@example.org"
    subscribe = reverse("notifications:subscribe", kwargs={"municipality": world.place.slug})
    query = f"?uitdaging={challenge.reference}"
    public = client.get(url("challenges:detail", challenge)).content.decode()
    assert f"{subscribe}{query}" in public  # the public page links to the form
    assert client.get(subscribe + query).status_code == 200
    mail.outbox.clear()
    with committed():
        response = client.post(
            subscribe + query, {"email": "Volger@Example.org", "scope": "challenge"}
        )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.challenge, subscription.email, subscription.confirmed_at) == (
        challenge,
        follower,
        None,
    )
    [confirmation] = mail.outbox
    assert confirmation.to == [follower]
    link = CONFIRM_LINK.search(confirmation.body).group(1)
    # Unconfirmed: a new phase sends nothing to the follower.
    mail.outbox.clear()
    with committed():
        challenge = take(world, challenge, "start_intake")
    assert follower not in [m.to[0] for m in mail.outbox]
    # The link shows a button (GET changes nothing); POST confirms.
    assert client.get(link).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert client.post(link).status_code == 302
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    mail.outbox.clear()
    with committed():
        challenge = take(world, challenge, "accept")
    sent = [m for m in mail.outbox if m.to == [follower]]
    assert len(sent) == 1
    assert challenge.reference in sent[0].subject
    unsubscribe = sent[0].extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<https?://\S+/meldingen/afmelden/\S+/>", unsubscribe)
    assert sent[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in sent[0].body
    # check_terms does not send it again.
    mail.outbox.clear()
    with committed():
        call_command("check_terms", stdout=io.StringIO())
    assert follower not in [m.to[0] for m in mail.outbox]
    # One click in the mail program (POST without a CSRF token) stops it.
    path = re.sub(r"^<https?://[^/]+", "", unsubscribe).rstrip(">")
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(path).status_code == 200
    assert not Subscription.objects.exists()
    mail.outbox.clear()
    with committed():
        take(world, challenge, "decide_accept")
    assert follower not in [m.to[0] for m in mail.outbox]


def test_a_draft_or_unknown_challenge_cannot_be_followed(client, world):
    draft = in_state(world, State.DRAFT)
    assert draft.reference == ""
    elsewhere = ChallengeFactory(
        municipality=world.other_place, organisation=world.other_organisation
    )
    assert not Challenge.objects.filter(
        municipality=world.place, reference=elsewhere.reference
    ).exists()
    subscribe = reverse("notifications:subscribe", kwargs={"municipality": world.place.slug})
    for reference in (elsewhere.reference, str(draft.pk), draft.title):
        assert client.get(subscribe, {"uitdaging": reference}).status_code == 404
        response = client.post(
            f"{subscribe}?{urlencode({'uitdaging': reference})}",
            {"email": "a@example.org", "scope": "challenge"},
        )
        assert response.status_code == 404
    assert not Subscription.objects.exists()
    # The service itself refuses a draft as well.
    with pytest.raises(ValueError):
        subscription_request(
            municipality=world.place, email="a@example.org", horizon_months=6, challenge=draft
        )


@only_postgres
@pytest.mark.django_db(transaction=True)
def test_two_answers_at_once_during_a_pause_resume_the_term_once(settings):
    world = make_world(catalog=False)
    challenge = in_state(world, State.INTAKE)
    services.term_pause(challenge=challenge, actor=world.contact, version=None, question="?")
    challenge.refresh_from_db()
    _shift(challenge, paused_at=datetime.timedelta(days=3))
    deadline = challenge.deadline

    def answer(person):
        return services.message_post(
            challenge=Challenge.objects.get(pk=challenge.pk), actor=fresh(person), text="Hier"
        )

    results = race(lambda: answer(world.resident), lambda: answer(world.teammate))
    assert [kind for kind, _value in results] == ["ok", "ok"], results
    assert Event.objects.filter(challenge=challenge, kind=EventKind.MESSAGE).count() == 2
    assert Event.objects.filter(challenge=challenge, kind=EventKind.RESUME).count() == 1
    challenge.refresh_from_db()
    assert challenge.paused_at is None
    moved = challenge.deadline - deadline
    assert datetime.timedelta(days=3) <= moved < datetime.timedelta(days=3, minutes=1)
