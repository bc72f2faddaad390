"""Comparing two versions of the agreements: the overview shows what changed from one version to
the next, field by field — also that the challenge became an experiment and its interim
evaluation dates (issue 10)."""

import html
import re

import pytest
from django.test import Client
from django.utils import translation

from tests.assessment_world import agreement_post, propose
from tests.challenge_world import fresh, in_state, make_world
from uitdaagrecht.challenges.api import dossier_url
from uitdaagrecht.challenges.workflow import State

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<th scope="row" class="utrecht-table__header-cell">(.*?)</th>'
    r'<td class="utrecht-table__cell"><del>(.*?)</del></td>'
    r'<td class="utrecht-table__cell"><ins>(.*?)</ins></td>',
    re.S,
)


def changes(page: str) -> dict[str, tuple[str, str]]:
    """The table of differences: label → (old, new), as the reader sees them."""
    return {
        html.unescape(label): (html.unescape(old), html.unescape(new))
        for label, old, new in ROW.findall(page)
    }


@pytest.fixture
def world(settings):
    settings.STAFF_2FA_REQUIRED = False
    return make_world()


def test_becoming_an_experiment_and_moving_its_dates_show_in_the_comparison(world):
    challenge = in_state(world, State.AGREEMENTS)
    propose(challenge, fresh(world.resident))
    client = Client()
    client.force_login(fresh(world.resident))
    with translation.override("nl"):
        overview = dossier_url(challenge, staff=False, name="agreements")
        propose_url = dossier_url(challenge, staff=False, name="agreements_propose")
    # Version 2, proposed on the page as the challengers do: an experiment with two dates.
    typed = agreement_post(experiment="on", interim_evaluations="1-7-2027, 1-1-2028")
    assert client.post(propose_url, typed).status_code == 302
    table = changes(client.get(overview).content.decode())
    assert table["Een experiment"] == ("nee", "ja")
    assert table["Data van de tussenevaluaties"] == ("—", "1 juli 2027, 1 januari 2028")
    assert "Looptijd (maanden)" not in table  # only what differs
    # Version 3 moves one date; the staff see the same comparison in the workspace.
    typed = agreement_post(experiment="on", interim_evaluations="1-7-2027, 1-3-2028")
    assert client.post(propose_url, typed).status_code == 302
    staff = Client()
    staff.force_login(fresh(world.contact))
    with translation.override("nl"):
        workspace = dossier_url(challenge, staff=True, name="agreements")
    table = changes(staff.get(workspace).content.decode())
    assert "Een experiment" not in table
    assert table["Data van de tussenevaluaties"] == (
        "1 juli 2027, 1 januari 2028",
        "1 juli 2027, 1 maart 2028",
    )
    # Any two versions can be compared: from 1 to 3, in English too.
    english = staff.get(f"/en{workspace}", {"van": 1, "naar": 3})
    assert english.status_code == 200
    table = changes(english.content.decode())
    assert table["An experiment"] == ("no", "yes")
    assert table["Interim evaluation dates"] == ("—", "1 July 2027, 1 March 2028")
