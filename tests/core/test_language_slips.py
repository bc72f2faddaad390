"""Language slips a new user met (issue 14): "U.A.." twice a full stop; "; " glued after a
sentence; "Uw plan" in front of staff; an English name on a Dutch page; "× € 1.000" in English;
one name for the Right to Challenge in Dutch."""

import re

import pytest
from django.utils import translation

from tests.assessment_world import propose
from tests.challenge_world import fresh, in_state, make_world
from tests.iv3 import load_reference
from uitdaagrecht.agreements.forms import SignForm
from uitdaagrecht.challenges.api import dossier_url
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.core.text import single_stop

PO = "src/uitdaagrecht/locale/nl/LC_MESSAGES/django.po"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lid van Wijkcoöperatie Holtenbroek U.A..", "Lid van Wijkcoöperatie Holtenbroek U.A."),
        ("Ondertekend voor Holtenbroek U.A..", "Ondertekend voor Holtenbroek U.A."),
        ("Gewoon een zin.", "Gewoon een zin."),
        ("Wordt vervolgd...", "Wordt vervolgd..."),
        ("Doorgestuurd naar: de wijkraad e.o..\n", "Doorgestuurd naar: de wijkraad e.o.\n"),
    ],
)
def test_a_name_ending_in_a_full_stop_gets_one(text, expected):
    assert single_stop(text) == expected


@pytest.mark.django_db(transaction=True)
def test_the_agreements_read_as_dutch_sentences_and_staff_read_the_plan(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    challenge = in_state(world, State.AGREEMENTS)
    version = propose(
        challenge,
        fresh(world.decision_maker),
        accountability_moments="Een jaarverslag en een open avond voor de buurt.",
        accountability_by="Het bestuur van de coöperatie.",
    )
    with translation.override("nl"):
        form = SignForm(version=version, side="Wijkcoöperatie Holtenbroek U.A.")
        assert form.fields["agree"].help_text.endswith("Holtenbroek U.A.")
        staff_dossier = dossier_url(challenge, staff=True)
        agreements = dossier_url(challenge, staff=True, name="agreements")
    client.force_login(fresh(world.decision_maker))
    text = re.sub(r"<[^>]+>", " ", client.get(agreements).content.decode())
    assert ".;" not in text, "no list glued with '; ' after a full stop"
    assert "Momenten van verantwoording" in text and "Wie verantwoordt" in text

    client.force_login(fresh(world.coordinator))
    staff_page = client.get(staff_dossier).content.decode()
    assert ">Het plan</h2>" in staff_page and "Uw plan" not in staff_page
    client.force_login(fresh(world.resident))
    own = client.get(dossier_url(challenge, staff=False)).content.decode()
    assert ">Uw plan</h2>" in own, "the challengers' own dossier still speaks to them"


@pytest.mark.django_db
def test_amounts_in_thousands_are_written_per_language(client):
    load_reference("GM0193")
    english = re.sub(r"<[^>]+>", " ", client.get("/en/zwolle/begroting/").content.decode())
    assert "× € 1.000" not in english and "× € 1,000" in english
    dutch = re.sub(r"<[^>]+>", " ", client.get("/zwolle/begroting/").content.decode())
    assert "× € 1,000" not in dutch and "× € 1.000" in dutch


def test_dutch_uses_one_name_for_the_right_to_challenge():
    """ "Right to Challenge" in Dutch (the glossary's "aanspreekpunt Right to Challenge"); the
    Dutch word is said once, where the term is explained. The product is "Open Uitdaagrecht"."""
    with open(PO, encoding="utf-8") as handle:
        flat = re.sub(r'"\n"', "", handle.read())
    translations = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', flat, re.M)
    other_name = [
        t
        for t in translations
        if re.search(r"(?<!Open )[Uu]itdaagrecht(?!\))", t) and "/uitdaagrecht/" not in t
    ]
    assert other_name == []
    explained = [t for t in translations if "ook: het uitdaagrecht" in t]
    assert len(explained) == 2  # the definition on the municipality page, and how it works
    assert not [t for t in translations if "(iCalendar)" in t]
