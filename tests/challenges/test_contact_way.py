"""The challengers' dossier names the contact person and how to reach them: the function phone
number and mailbox the municipality set for its contact point, not a personal address."""

import pytest
from django.utils import translation

from tests.challenge_world import fresh, in_state, make_world
from uitdaagrecht.challenges.api import dossier_url
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.tenants.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True)


def _dossier(client, challenge, *, staff: bool) -> str:
    with translation.override("nl"):
        url = dossier_url(challenge, staff=staff)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_challengers_see_how_to_reach_their_contact_person(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    Municipality.objects.filter(pk=world.place.pk).update(
        contact_name="Team Uitdaagrecht",
        contact_email="uitdaagrecht@gemeente.example.nl",
        contact_phone="038 498 00 00",
        contact_hours="ma–vr 9–17 uur",
    )
    challenge = in_state(world, State.INTAKE)
    client.force_login(fresh(world.resident))
    page = _dossier(client, challenge, staff=False)
    assert world.contact.full_name in page
    assert "U bereikt uw contactpersoon via Team Uitdaagrecht:" in page
    assert 'href="tel:0384980000"' in page
    assert f'href="mailto:uitdaagrecht@gemeente.example.nl?subject={challenge.reference}"' in page
    assert "(ma–vr 9–17 uur)" in page
    assert world.contact.email not in page  # never the civil servant's own address

    client.force_login(fresh(world.contact))
    assert "U bereikt uw contactpersoon" not in _dossier(client, challenge, staff=True)


def test_without_contact_details_nothing_empty_is_shown(client):
    world = make_world()
    Municipality.objects.filter(pk=world.place.pk).update(contact_email="", contact_phone="")
    challenge = in_state(world, State.INTAKE)
    client.force_login(fresh(world.resident))
    assert "U bereikt uw contactpersoon" not in _dossier(client, challenge, staff=False)
