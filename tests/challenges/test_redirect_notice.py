"""A redirected offer: the challengers and the followers hear where it went and why (issue 14)."""

import pytest
from django.core import mail
from django.utils import timezone

from tests.challenge_world import REASON, REDIRECT, in_state, make_world, take
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.notifications.models import Notification, Subscription


@pytest.mark.django_db
def test_the_notice_of_a_redirect_says_where_and_why(settings, django_capture_on_commit_callbacks):
    world = make_world()
    challenge = in_state(world, State.INTAKE)
    Subscription.objects.create(
        municipality=world.place,
        challenge=challenge,
        email="volger@example.org",
        token_hash="0" * 64,
        confirmed_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        take(world, challenge, "redirect")
    notice = Notification.objects.filter(user=world.resident).latest("pk")
    assert REDIRECT["redirected_to"] in notice.text and challenge.reference in notice.text
    [follower] = [m for m in mail.outbox if m.to == ["volger@example.org"]]
    assert REDIRECT["redirected_to"] in follower.body and REASON in follower.body
