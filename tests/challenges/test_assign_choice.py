"""The contact-person choice shows departments, and marks who is not neutral, with the reason
(issue 14), before the coordinator submits."""

import pytest
from django.urls import reverse

from tests.challenge_world import in_state, make_world
from uitdaagrecht.challenges.workflow import State


@pytest.mark.django_db
def test_the_choice_of_contact_person_shows_departments_and_who_is_not_eligible(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    challenge = in_state(world, State.SUBMITTED, contact=False)
    client.force_login(world.coordinator)
    page = client.get(
        reverse(
            "workspace:challenge_assign",
            kwargs={"municipality": world.place.slug, "reference": challenge.reference},
        )
    ).content.decode()
    assert f"{world.contact} — Bestuurszaken</option>" in page
    assert f"{world.involved} — Groen (niet te kiezen: hun afdeling is eigenaar" in page
