"""The API's orjson renderer writes the bytes DRF's JSONRenderer writes (issue 13)."""

import datetime
import decimal
import json
import uuid
from collections import OrderedDict

import pytest
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from rest_framework import renderers
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from uitdaagrecht.opendata.renderers import JSONRenderer


class Kind(models.TextChoices):
    TAKE_OVER = "take_over", "Overnemen"


AMSTERDAM = datetime.timezone(datetime.timedelta(hours=1))
DATA = {
    "every character below 128": "".join(chr(i) for i in range(128)),
    "unicode": "één € 😀 \ufeff \u0085 line\u2028separator\u2029",
    "numbers": [0, -1, 2**63 - 1, -(2**63), 1.5, 0.1, -0.0, 1234.5678, 1e15, 1e16, 1e20],
    "per inhabitant": [1000 / 934_000, 12_345_000 / 3_000, 1.0, 0.00015],
    "nothing and truth": [None, True, False, [], {}, ""],
    "nested": {"a": [{"b": ({"c": "d"},)}]},
    "decimal": decimal.Decimal("12.50"),
    "aware": datetime.datetime(2026, 12, 7, 1, 2, 3, 456789, tzinfo=AMSTERDAM),
    "utc": datetime.datetime(2026, 12, 7, 1, 2, 3, tzinfo=datetime.UTC),
    "naive": datetime.datetime(2026, 12, 7, 1, 2, 3),
    "date": datetime.date(2026, 12, 7),
    "time": datetime.time(13, 14, 15, 161718),
    "duration": datetime.timedelta(days=1, seconds=5),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "lazy": gettext_lazy("phase"),
    "safe": mark_safe("<b>vet</b>"),
    "choice": Kind.TAKE_OVER,
    "bytes": b"bytes",
    "set": {"alleen"},
    "ordered": OrderedDict([("z", 1), ("a", 2)]),
    "drf": ReturnDict({"x": ReturnList([1, 2], serializer=None)}, serializer=None),
}


def test_the_bytes_of_drf_for_every_kind_of_value():
    assert JSONRenderer().render(DATA) == renderers.JSONRenderer().render(DATA)


@pytest.mark.parametrize(
    "data", [{"big": 2**70}, {1: "a key that is no string"}, {"x": float("nan")}]
)
def test_what_orjson_refuses_or_writes_otherwise_is_left_to_drf_or_is_never_in_the_api(data):
    if "x" in data:  # NaN is no JSON: DRF refuses it, orjson writes null (the API has no NaN)
        with pytest.raises(ValueError, match="not JSON compliant"):
            renderers.JSONRenderer().render(data)
        assert JSONRenderer().render(data) == b'{"x":null}'
    else:
        assert JSONRenderer().render(data) == renderers.JSONRenderer().render(data)


def test_floats_below_1e_4_are_the_one_difference():
    assert JSONRenderer().render([1e-05]) == b"[0.00001]"
    assert renderers.JSONRenderer().render([1e-05]) == b"[1e-05]"
    assert json.loads(b"[0.00001]") == [1e-05]  # the same number


def test_an_indented_answer_is_drf_s_own():
    media_type = "application/json; indent=2"
    assert JSONRenderer().render(DATA, media_type) == renderers.JSONRenderer().render(
        DATA, media_type
    )
    assert JSONRenderer().render(None) == b""


@pytest.mark.django_db
def test_every_api_list_is_the_json_drf_writes(client):
    from tests.challenge_world import in_state, make_world
    from tests.factories import CatalogFactory
    from uitdaagrecht.challenges.workflow import State

    world = make_world()
    CatalogFactory(municipality=world.place)
    in_state(world, State.ASSESSMENT)
    urls = [path for path in client.get("/api/v1/").json().values() if "{" not in path]
    assert len(urls) >= 10
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert type(response.accepted_renderer) is JSONRenderer, url
        assert response.content == renderers.JSONRenderer().render(response.json()), url


@pytest.mark.django_db
def test_the_budget_with_its_floats_keeps_drf_s_renderer(client):
    from tests.iv3 import load_reference

    load_reference("GM0193")
    response = client.get("/api/v1/municipalities/GM0193/budget/")
    assert response.status_code == 200
    assert type(response.accepted_renderer) is renderers.JSONRenderer
    assert isinstance(response.json()["total"]["expenditure_per_inhabitant_eur"], float)
