"""Signing is a deliberate act: a page shows what is signed (version, term, budget) and only
"I agree" ticked signs, for the challengers' owner and for the decision maker alike."""

import pytest
from django.utils import translation

from tests.assessment_world import propose
from tests.challenge_world import fresh, in_state, make_world
from uitdaagrecht.challenges.api import dossier_url
from uitdaagrecht.challenges.workflow import State

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agreed(settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    challenge = in_state(world, State.AGREEMENTS)
    version = propose(
        challenge,
        fresh(world.decision_maker),
        budget=({"year": 2027, "amount_eur": 80_000}, {"year": 2028, "amount_eur": 1_250_000}),
        term_months=24,
    )
    return world, challenge, version


def _sign_url(challenge, version, *, staff: bool) -> str:
    with translation.override("nl"):
        return dossier_url(challenge, staff=staff, name="agreements_sign", number=version.number)


@pytest.mark.parametrize(
    ("who", "staff", "side"),
    [("resident", False, "Buurtkracht Assendorp"), ("decision_maker", True, "de gemeente")],
)
def test_the_sign_page_shows_what_is_signed_and_asks_for_agreement(
    client, agreed, who, staff, side
):
    world, challenge, version = agreed
    client.force_login(fresh(getattr(world, who)))
    url = _sign_url(challenge, version, staff=staff)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"U ondertekent voor {side}" in html
    assert "Van 1 januari 2027 tot en met 31 december 2028 (24 maanden)" in html
    assert "2027: €\u00a080.000" in html and "2028: €\u00a01.250.000" in html
    assert "Totaal: €\u00a01.330.000" in html
    assert 'type="checkbox" name="agree"' in html
    assert "Ik ga akkoord" in html

    # Without the tick nothing is signed, and the page says why.
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert "Vink “Ik ga akkoord” aan" in refused.content.decode()
    version.refresh_from_db()
    assert not (version.signed_challengers_at or version.signed_municipality_at)

    signed = client.post(url, {"agree": "on"})
    assert signed.status_code == 302
    version.refresh_from_db()
    assert version.signed_challengers_at if who == "resident" else version.signed_municipality_at
    # Back on the page: it says when it was signed, and offers no second signature.
    html = client.get(url).content.decode()
    assert "U heeft deze versie op" in html
    assert 'name="agree"' not in html


def test_both_sides_sign_and_the_version_applies(client, agreed):
    world, challenge, version = agreed
    for who, staff in (("resident", False), ("decision_maker", True)):
        client.force_login(fresh(getattr(world, who)))
        client.post(_sign_url(challenge, version, staff=staff), {"agree": "on"})
    version.refresh_from_db()
    assert version.is_signed


def test_a_member_who_is_not_an_owner_cannot_open_the_sign_page(client, agreed):
    world, challenge, version = agreed
    client.force_login(fresh(world.teammate))
    url = _sign_url(challenge, version, staff=False)
    assert client.get(url).status_code == 403
    assert client.post(url, {"agree": "on"}).status_code == 403


def test_the_agreements_page_links_to_the_sign_page(client, agreed):
    world, challenge, version = agreed
    client.force_login(fresh(world.resident))
    with translation.override("nl"):
        overview = dossier_url(challenge, staff=False, name="agreements")
    html = client.get(overview).content.decode()
    assert f'href="{_sign_url(challenge, version, staff=False)}"' in html
    assert "Versie 1 lezen en ondertekenen" in html
