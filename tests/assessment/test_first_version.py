"""Version 1 of the agreements starts from the offer and the decision; budget years are checked
against the term (issue 14)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.challenge_world import fresh, in_state, make_world
from uitdaagrecht.agreements import services as agreements
from uitdaagrecht.challenges.models import Challenge
from uitdaagrecht.challenges.workflow import State


@pytest.mark.django_db
def test_the_first_version_starts_from_the_offer_and_the_granted_part(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    challenge = in_state(world, State.ASSESSMENT)
    Challenge.objects.filter(pk=challenge.pk).update(
        start_from=datetime.date(2027, 3, 1), budget_asked_eur=679_500
    )
    from uitdaagrecht.assessment.models import Decision
    from uitdaagrecht.challenges import services

    services.transition(
        challenge=challenge,
        action="decide_accept",
        actor=fresh(world.decision_maker),
        version=None,
        reason="Goed plan.",
        decision=Decision(outcome="partial", part="Alleen het maaien"),
    )
    client.force_login(world.resident)
    page = client.get(
        reverse(
            "challenges:dossier_agreements_propose",
            kwargs={"municipality": world.place.slug, "reference": challenge.reference},
        )
    ).content.decode()
    assert "Alleen het maaien" in page and "2027-03-01" in page
    assert "679.500" in page or "679500" in page


@pytest.mark.django_db
def test_budget_years_outside_the_term_are_refused():
    world = make_world()
    challenge = in_state(world, State.AGREEMENTS)
    values = {
        "start_date": datetime.date(2027, 1, 1),
        "term_months": 24,
        "vehicle": "subsidy",
        "tasks_taken_over": "Onderhoud",
        "accountability_form": "written",
    }
    result = {"indicator": "Tevredenheid", "dimension": "social", "target": 8, "unit": "cijfer"}
    with pytest.raises(ValidationError) as refused:
        agreements.version_propose(
            challenge=challenge,
            actor=fresh(world.resident),
            values=values,
            budget=[{"year": 2027, "amount_eur": 1}, {"year": 2030, "amount_eur": 1}],
            results=[result],
            risks=[],
            confidential={},
        )
    assert "2030" in str(refused.value)
    agreements.version_propose(
        challenge=challenge,
        actor=fresh(world.resident),
        values=values,
        budget=[{"year": 2027, "amount_eur": 1}, {"year": 2028, "amount_eur": 1}],
        results=[result],
        risks=[],
        confidential={},
    )
