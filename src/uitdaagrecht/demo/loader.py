"""Loading the demo: the municipality and its accounts, then the people, organisations,
framework and the twelve challenge stories.

Loaded once: when the demo organisations already have challenges, only the accounts and the
framework are made sure of, so running it again changes nothing. E-mail is not sent while
loading (the people are example people); the in-app notifications are kept, dated by the
services like the events they announce, and those older than two weeks marked read.
"""

import datetime

from django.db import transaction
from django.db.models import F, QuerySet
from django.test.utils import override_settings
from django.utils import timezone

from uitdaagrecht.accounts.models import Role
from uitdaagrecht.challenges.models import Challenge, Event
from uitdaagrecht.notifications.models import Notification
from uitdaagrecht.tenants.models import Municipality

from .assessment import frameworks_load
from .municipality import Account, municipality_load
from .people import (
    organisation_names,
    organisations_load,
    people_load,
    resident_accounts,
    staff_keys,
)
from .stories import Cast, stories_play

READ_AFTER = datetime.timedelta(days=14)  # older notifications have been read
READ_WITHIN = datetime.timedelta(hours=2)  # that long after they came in


def demo_load() -> tuple[Municipality, list[Account]]:
    """Create or refresh the demo municipality with its example tasks and challenges; returns it
    and the (role, e-mail, password) rows of the demo accounts, staff first."""
    municipality, accounts = municipality_load()
    # In its own transaction: it quiets e-mail until its own commit.
    challenges_load(municipality=municipality)
    return municipality, accounts + resident_accounts()


def challenges_load(*, municipality: Municipality, now: datetime.datetime | None = None) -> bool:
    """The challengers, their organisations, the framework and, once, the stories; says whether
    the stories were played (the first time)."""
    now = now or timezone.now()
    # No e-mail to example people; the block commits inside, so this holds for the callbacks.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        people = people_load(municipality, now)
        organisations = organisations_load(people, now)
        frameworks_load(municipality, people[Role.COORDINATOR.value], now)
        if Challenge.objects.filter(organisation__in=organisations.values()).exists():
            return False
        cast = Cast(
            municipality=municipality,
            people=people,
            organisations=organisations,
            staff={people[key].pk for key in staff_keys()},
            now=now,
        )
        stories_play(cast)
    _notifications_read(people.values(), now)
    return True


def _notifications_read(users, now: datetime.datetime) -> None:
    """What the demo's people would have read by now: their notifications of more than two weeks
    ago, two hours after each came in."""
    Notification.objects.filter(
        user__in=[user.pk for user in users],
        created_at__lt=now - READ_AFTER,
        read_at__isnull=True,
    ).update(read_at=F("created_at") + READ_WITHIN)


def demo_challenges(municipality: Municipality) -> QuerySet[Challenge]:
    """The example challenges (for tests and checks)."""
    return Challenge.objects.filter(
        municipality=municipality, organisation__name__in=organisation_names()
    )


def demo_events(municipality: Municipality) -> QuerySet[Event]:
    return Event.objects.filter(challenge__in=demo_challenges(municipality))
