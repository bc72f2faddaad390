"""A redirected offer's public page says where it went and why, and neither invites people to
follow it nor shows the phases of a process it left."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.challenge_world import REASON, in_state, make_world
from uitdaagrecht.challenges.workflow import State

pytestmark = pytest.mark.django_db(transaction=True)


def _page(client, challenge) -> str:
    with translation.override("nl"):
        url = reverse(
            "challenges:detail",
            kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
        )
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_redirected_offer_says_where_it_went_and_why(client):
    world = make_world()
    page = _page(client, in_state(world, State.REDIRECTED))
    assert "maar als: subsidieaanvraag" in page
    assert "Het is doorgestuurd naar Subsidieloket, buurtbudget" in page
    assert f"<strong>Waarom:</strong> {REASON}" in page
    assert "Volg deze uitdaging" not in page
    assert 'class="ou-steps"' not in page


def test_a_challenge_in_the_process_invites_to_follow_it(client):
    world = make_world()
    page = _page(client, in_state(world, State.INTAKE))
    assert "Volg deze uitdaging" in page
    assert 'class="ou-steps"' in page
    assert "doorgestuurd" not in page
