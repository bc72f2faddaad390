"""Countdowns agree with the e-mails: the receipt says "within 10 days" and the dossier says
"10 days left" on the same day; a term that ended reads "14 days late", never "-14"."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from tests.challenge_world import fresh, make_world
from tests.factories import ChallengeFactory
from uitdaagrecht.challenges import selectors
from uitdaagrecht.challenges.models import Challenge
from uitdaagrecht.core.templatetags.ou import countdown

pytestmark = pytest.mark.django_db(transaction=True)


def test_countdown_in_words():
    with translation.override("nl"):
        assert countdown(10) == "nog 10 dagen"
        assert countdown(1) == "nog 1 dag"
        assert countdown(0) == "vandaag is de laatste dag"
        assert countdown(-1) == "1 dag te laat"
        assert countdown(-14) == "14 dagen te laat"
        assert countdown(None) == "—"
    with translation.override("en"):
        assert countdown(-14) == "14 days late"


def noon(days: int) -> datetime.datetime:
    """Noon, local time, `days` from today: whatever time of day the test runs (a term that
    ended 14 days and an hour ago ended 15 calendar days ago when it is 00:30 now)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_the_days_left_count_calendar_days():
    challenge = Challenge(deadline=noon(10))
    assert selectors.days_left(challenge) == 10
    challenge.deadline = noon(-14)
    assert selectors.days_left(challenge) == -14
    challenge.deadline = noon(0)
    assert selectors.days_left(challenge) == 0


# A negative count of days as a number of its own (not the "-1416" of a test municipality's slug).
NEGATIVE = re.compile(r"(?<![\w-])-14(?!\d)")


def test_the_dossier_counts_as_the_receipt_does(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    draft = ChallengeFactory(
        municipality=world.place, organisation=world.organisation, task=world.task, submitted=False
    )
    client.force_login(fresh(world.resident))
    step6 = reverse(
        "challenges:draft_step",
        kwargs={"municipality": world.place.slug, "pk": draft.pk, "step": 6},
    )
    assert client.post(step6, {"version": draft.version}).status_code == 302
    challenge = Challenge.objects.get(pk=draft.pk)
    receipt = next(m for m in mail.outbox if m.to == [world.resident.email])
    days = int(re.search(r"binnen (\d+) dagen", receipt.body).group(1))
    dossier = reverse(
        "challenges:dossier",
        kwargs={"municipality": world.place.slug, "reference": challenge.reference},
    )
    page = client.get(dossier).content.decode()
    assert f"nog {days} dagen" in page

    # Fourteen days past the end of the term.
    Challenge.objects.filter(pk=challenge.pk).update(deadline=noon(-14))
    page = client.get(dossier).content.decode()
    assert "14 dagen te laat" in page
    assert not NEGATIVE.search(page)
    client.force_login(fresh(world.coordinator))
    board = client.get(reverse("workspace:challenges", kwargs={"municipality": world.place.slug}))
    page = board.content.decode()
    assert "14 dagen te laat" in page
    assert not NEGATIVE.search(page)


def test_the_task_page_gives_one_last_day_without_contradicting_itself(client):
    from tests.factories import CatalogFactory, MunicipalityFactory

    place = MunicipalityFactory()
    task = CatalogFactory(municipality=place)["task"]
    with translation.override("nl"):
        url = task.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Daag de taak dan ruim vóór" in page
    assert "uiterlijk op die dag moet de gemeente opzeggen" in page
    assert "dat is de laatste dag" not in page
