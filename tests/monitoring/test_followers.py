"""Who hears of execution and evaluation (issue 10): the followers of a public challenge by
e-mail, of new public progress and a published evaluation; the other side of the agreements of a
proposed version and a signature (in-app, and by e-mail unless muted)."""

from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from tests.challenge_world import fresh, in_state, make_world, propose_version, take
from tests.monitoring.test_monitoring import evaluation_values
from uitdaagrecht.agreements import services as agreements
from uitdaagrecht.agreements.selectors import applying
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.monitoring.models import Moment
from uitdaagrecht.monitoring.services import evaluations, reports
from uitdaagrecht.notifications.models import Kind, MutedEmail, Notification, Subscription

pytestmark = pytest.mark.django_db

FOLLOWER = "volger@example.org"


@pytest.fixture
def world(settings):
    settings.STAFF_2FA_REQUIRED = False
    return make_world()


def follow(challenge, email: str = FOLLOWER, confirmed: bool = True) -> Subscription:
    return Subscription.objects.create(
        municipality=challenge.municipality,
        challenge=challenge,
        email=email,
        horizon_months=6,
        token_hash=f"hash-{email}",
        confirmed_at=timezone.now() if confirmed else None,
    )


def to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def test_followers_hear_of_public_progress_and_of_the_evaluation(
    world, django_capture_on_commit_callbacks
):
    challenge = in_state(world, State.EXECUTION)
    follow(challenge)
    follow(challenge, "onbevestigd@example.org", confirmed=False)
    result = applying(challenge).results.get()
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_submit(
            challenge=challenge,
            actor=fresh(world.resident),
            moment=Moment.objects.filter(challenge=challenge).first(),
            values={result.pk: Decimal("7.5")},
            account="Openbaar verslag.",
            went_badly="Intern-3391: ruzie in het bestuur.",
        )
    assert to(FOLLOWER) == []  # not public until acknowledged
    with django_capture_on_commit_callbacks(execute=True):
        reports.report_acknowledge(report=report, actor=fresh(world.contact))
    [progress] = to(FOLLOWER)
    assert progress.subject == f"Uitdaging {challenge.reference}: nieuwe voortgangsrapportage"
    assert "er is een nieuwe voortgangsrapportage openbaar" in progress.body
    assert "Intern-3391" not in progress.body and world.resident.email not in progress.body
    assert "List-Unsubscribe" in progress.extra_headers
    with django_capture_on_commit_callbacks(execute=True):
        take(world, challenge, "evaluate")
        evaluations.evaluation_record(
            challenge=challenge, actor=fresh(world.contact), values=evaluation_values("interim")
        )
    subjects = [m.subject for m in to(FOLLOWER)]
    assert f"Uitdaging {challenge.reference}: tussenevaluatie gepubliceerd" in subjects
    assert f"Uitdaging {challenge.reference}: evaluatie" in subjects  # the new phase, as before
    assert to("onbevestigd@example.org") == []


def test_the_other_side_hears_of_a_proposal_and_a_signature_by_e_mail_unless_muted(
    world, django_capture_on_commit_callbacks
):
    challenge = in_state(world, State.AGREEMENTS)
    MutedEmail.objects.create(user=world.contact, kind=Kind.MESSAGE)
    with django_capture_on_commit_callbacks(execute=True):
        version = propose_version(world, challenge)
    # The contact person (muted: in-app only) and the decision maker, who signs, hear of it.
    assert Notification.objects.filter(user=world.contact, text__contains="nieuwe versie").exists()
    assert to(world.contact.email) == []
    [asked] = to(world.decision_maker.email)
    assert "stellen nieuwe afspraken voor" in asked.subject
    assert world.resident.email not in [a for m in mail.outbox for a in m.to]  # not the actor
    with django_capture_on_commit_callbacks(execute=True):
        agreements.version_sign(version=version, actor=fresh(world.resident))
    assert any("handtekening" in m.subject for m in to(world.decision_maker.email))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agreements.version_sign(version=version, actor=fresh(world.decision_maker))
    assert any("beide partijen" in m.subject for m in to(world.resident.email))
    assert any("beide partijen" in m.subject for m in to(world.teammate.email))
