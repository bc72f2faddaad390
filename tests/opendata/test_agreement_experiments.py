"""Experiments in the open (issue 10): an agreement version that marks the challenge as an
experiment shows it, with its interim evaluation dates, in the API (/api/v1/agreements/) and in
the open-data file of agreement versions; when the part that holds them (the review moments) is
confidential, they are null and empty like the rest of that part."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from tests.assessment_world import propose
from tests.challenge_world import fresh, in_state, make_world
from uitdaagrecht.agreements import services as agreements
from uitdaagrecht.challenges.workflow import State

pytestmark = pytest.mark.django_db

SECRET = "Het onderzoeksbureau is nog niet gekozen"


@pytest.fixture
def signed(settings):
    """Two challenges with signed agreements: an experiment with two interim evaluation dates,
    and an experiment whose review moments (with its interim evaluations) are confidential."""
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    versions = {}
    for name, confidential in (("open", {}), ("secret", {"reviews": SECRET})):
        challenge = in_state(world, State.AGREEMENTS)
        version = propose(
            challenge,
            fresh(world.resident),
            confidential=confidential,
            experiment=True,
            interim_evaluations=["2028-01-01", "2027-07-01"],
        )
        agreements.version_sign(version=version, actor=fresh(world.resident))
        agreements.version_sign(version=version, actor=fresh(world.decision_maker))
        versions[name] = challenge.reference
    return versions


def test_the_api_shows_an_experiment_with_its_interim_evaluation_dates(client, signed):
    rows = client.get("/api/v1/agreements/").json()["results"]
    found = {row["challenge"]: row for row in rows}
    public, secret = found[signed["open"]], found[signed["secret"]]
    assert public["experiment"] is True
    assert public["interim_evaluations"] == ["2027-07-01", "2028-01-01"]  # in order
    assert public["review_moments"] == "Na een jaar"
    # The part is confidential: the experiment and its dates are null like its review moments,
    # and the reason is given.
    assert secret["experiment"] is None and secret["interim_evaluations"] is None
    assert secret["review_moments"] is None
    assert secret["confidential_parts"] == {"reviews": SECRET}
    # The rest of the version is as it was (the shape of the list did not change otherwise).
    assert secret["term_months"] == public["term_months"] == 24


def test_a_version_that_is_no_experiment_says_so(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    challenge = in_state(world, State.AGREEMENTS)
    version = propose(challenge, fresh(world.resident))
    agreements.version_sign(version=version, actor=fresh(world.resident))
    agreements.version_sign(version=version, actor=fresh(world.decision_maker))
    [row] = client.get("/api/v1/agreements/").json()["results"]
    assert row["experiment"] is False and row["interim_evaluations"] == []


def test_the_open_data_file_has_the_experiment_and_its_dates(signed, opendata_storage):
    call_command("export_open_data", stdout=io.StringIO())
    with open(opendata_storage / "nl" / "agreements.csv", encoding="utf-8", newline="") as f:
        rows = {row["challenge"]: row for row in csv.DictReader(f)}
    public, secret = rows[signed["open"]], rows[signed["secret"]]
    assert public["experiment"] == "true"
    assert public["interim_evaluations"] == "2027-07-01 2028-01-01"
    assert secret["experiment"] == secret["interim_evaluations"] == secret["review_moments"] == ""
    assert secret["confidential_parts"] == f"reviews: {SECRET}"
    lines = (opendata_storage / "nl" / "agreements.jsonl").read_text().splitlines()
    by_challenge = {row["challenge"]: row for row in map(json.loads, lines)}
    assert by_challenge[signed["open"]]["experiment"] is True
    assert by_challenge[signed["secret"]]["interim_evaluations"] is None
    # The data package describes both columns, with their types.
    package = json.loads((opendata_storage / "nl" / "datapackage.json").read_text())
    resource = next(r for r in package["resources"] if r["name"] == "agreements")
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert fields["experiment"]["type"] == "boolean"
    assert "experiment" in fields["experiment"]["description"]
    assert fields["interim_evaluations"]["type"] == "string"
    assert "ISO 8601" in fields["interim_evaluations"]["description"]
