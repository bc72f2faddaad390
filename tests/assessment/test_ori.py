"""Open Raadsinformatie: a decision names the council item it belongs to (its ORI identifier and
the council document's URL); shown on the challenge page, in the decisions feed and in the API;
a mistyped identifier gets a clear Dutch message and keeps what was typed."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.atom import atom_errors
from uitdaagrecht.assessment.models import Decision

from .test_assessment import DECISION, in_assessment, publish_framework, world  # noqa: F401

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def decide_url(challenge) -> str:
    return reverse(
        "workspace:challenge_assessment_decide",
        kwargs={"municipality": "kampen", "reference": challenge.reference},
    )


@pytest.mark.parametrize(
    "typed",
    ["raad-2026-14", "https://example.org/1234567", "0123", "12 34", "1234567890123456"],
)
def test_a_mistyped_identifier_is_refused_in_dutch_and_kept(client, world, typed):  # noqa: F811
    publish_framework(client, world)
    challenge = in_assessment(world)
    client.force_login(world["decider"])
    response = client.post(
        decide_url(challenge), {**DECISION, "ori_identifier": typed, "version": challenge.version}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Een Open Raadsinformatie-identificatie is een getal" in page
    assert f'value="{typed}"' in page  # what was typed is kept
    assert "Goedkoper." in page
    assert not Decision.objects.exists()


def test_the_council_item_is_on_the_page_in_the_feed_and_in_the_api(client, world):  # noqa: F811
    publish_framework(client, world)
    challenge = in_assessment(world)
    client.force_login(world["decider"])
    response = client.post(
        decide_url(challenge),
        {
            **DECISION,
            "council_document_url": "https://kampen.raadsinformatie.nl/document/42",
            # Typed as its address: stored as the number.
            "ori_identifier": " https://id.openraadsinformatie.nl/7654321 ",
            "version": challenge.version,
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.ori_identifier == "7654321"
    client.logout()

    page = client.get(
        reverse(
            "challenges:detail", kwargs={"municipality": "kampen", "reference": challenge.reference}
        )
    ).content.decode()
    assert 'href="https://id.openraadsinformatie.nl/7654321"' in page
    assert 'href="https://kampen.raadsinformatie.nl/document/42"' in page

    feed = client.get(reverse("assessment:feed", kwargs={"municipality": "kampen"}))
    assert atom_errors(feed.content) == []
    entry = ET.fromstring(feed.content).find(f"{ATOM}entry")  # noqa: S314 (our own feed)
    related = {link.get("href") for link in entry.findall(f"{ATOM}link[@rel='related']")}
    assert related == {
        "https://id.openraadsinformatie.nl/7654321",
        "https://kampen.raadsinformatie.nl/document/42",
    }
    assert "7654321" in entry.find(f"{ATOM}summary").text

    api = client.get("/api/v1/decisions/?municipality=" + world["place"].cbs_code).json()
    row = api["results"][0]
    assert row["ori_identifier"] == "7654321"
    assert row["ori_uri"] == "https://id.openraadsinformatie.nl/7654321"
    assert row["council_document_url"] == "https://kampen.raadsinformatie.nl/document/42"


def test_without_a_council_item_nothing_is_shown(client, world):  # noqa: F811
    publish_framework(client, world)
    challenge = in_assessment(world)
    client.force_login(world["decider"])
    client.post(decide_url(challenge), {**DECISION, "version": challenge.version})
    client.logout()
    feed = client.get(reverse("assessment:feed", kwargs={"municipality": "kampen"}))
    assert atom_errors(feed.content) == []
    assert b'rel="related"' not in feed.content
    api = client.get("/api/v1/decisions/").json()
    assert api["results"][0]["ori_identifier"] == ""
    assert api["results"][0]["ori_uri"] == ""
