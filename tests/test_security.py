"""Security defects of issue 12, each with the test that failed before its fix (sections numbered
as in the issue): registration that hands an account to someone else, confirmation links that log
in more than once, registration that tells by its timing who has an account, feeds that turn text
into HTML, the login lockout, events injected into the calendar, and uploaded file names."""

import datetime

import pytest
from django.urls import reverse
from lxml import etree

from uitdaagrecht.assessment.models import Decision
from uitdaagrecht.challenges.documents import safe_name

from .atom import atom_errors
from .factories import (
    ChallengeFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- 4. feeds


ATOM = "{http://www.w3.org/2005/Atom}"
TEXT_CONSTRUCTS = ("title", "subtitle", "summary", "content", "rights")
HOSTILE = '<script>alert("feed")</script><img src=x onerror=alert(1)>'
ORDINARY = "Kosten < baten & de buurt doet mee; 5 > 3, dus R&D-budget <ja>."


@pytest.fixture
def decided(client):
    place = MunicipalityFactory(name="Kampen", slug="kampen")
    resident = UserFactory()
    organisation = OrganisationFactory(owner=resident)
    decisions = []
    for title, reasons in [("Park <b>&amp; buurt</b>", HOSTILE), ("Speeltuin & co", ORDINARY)]:
        challenge = ChallengeFactory(municipality=place, organisation=organisation, title=title)
        decisions.append(
            Decision.objects.create(
                challenge=challenge,
                outcome="reject",
                reasons_economic=reasons,
                reasons_social=reasons,
                reasons_democratic=reasons,
                reasons=reasons,
                body="council",
                decided_on=datetime.date(2026, 11, 20),
                decided_by=resident,
            )
        )
    return decisions


def test_every_text_in_the_decisions_feed_is_plain_text(client, decided):
    response = client.get(reverse("assessment:feed", kwargs={"municipality": "kampen"}))
    assert atom_errors(response.content) == []
    root = etree.fromstring(response.content)
    texts = [e for name in TEXT_CONSTRUCTS for e in root.iter(f"{ATOM}{name}")]
    assert texts
    # RFC 4287 §3.1.1: without a type a text is plain text; "html" would make readers render it.
    assert {e.get("type", "text") for e in texts} == {"text"}
    summaries = {e.findtext(f"{ATOM}summary") for e in root.iter(f"{ATOM}entry")}
    assert summaries == {HOSTILE, ORDINARY}  # read exactly as written, < and & included
    titles = {e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")}
    assert any("Park <b>&amp; buurt</b>" in title for title in titles)
    assert any("Speeltuin & co" in title for title in titles)


# ---------------------------------------------------------------- 9. uploads


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("....pdf", "document.pdf"),
        (".pdf", "document.pdf"),
        (" . .docx", "document.docx"),
        ("../....pdf", "document.pdf"),
        ("rapport.pdf.", "rapport.pdf"),
        ("...", "document"),
        ("..verslag.pdf", "verslag.pdf"),
    ],
)
def test_a_file_name_of_only_dots_and_an_extension_keeps_a_name(name, stored):
    assert safe_name(name) == stored
