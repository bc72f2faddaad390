"""The DCAT-AP-NL catalogue of the open-data files, validated with pyshacl against the shapes of
DCAT-AP-NL 3.0 (tests/vendor/dcat-ap-nl): no violation, no warning."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS

pytestmark = pytest.mark.django_db
SHAPES = Path(__file__).parent.parent / "vendor" / "dcat-ap-nl"


def shapes() -> Graph:
    graph = Graph()
    for path in sorted(SHAPES.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture
def exported(world, opendata_storage):
    call_command("export_open_data", stdout=io.StringIO())
    return world


def conforms(data: Graph) -> tuple[bool, str]:
    ok, _graph, text = validate(data, shacl_graph=shapes(), inference="none", allow_warnings=False)
    return ok, text


@pytest.mark.parametrize(
    "url", ["/open-data/catalogus.ttl", "/open-data/bestanden/zwolle/catalogus.ttl"]
)
def test_the_catalogues_conform_to_dcat_ap_nl(client, exported, url):
    response = client.get(url)
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    data = Graph().parse(data=b"".join(response.streaming_content), format="turtle")
    ok, report = conforms(data)
    assert ok, report
    assert "Conforms: True" in report
    assert len(list(data.subjects(predicate=None, object=DCAT.Dataset))) >= 11


def test_a_municipal_dataset_names_the_municipality_and_its_files(client, exported):
    body = b"".join(client.get("/open-data/bestanden/zwolle/catalogus.ttl").streaming_content)
    data = Graph().parse(data=body, format="turtle")
    tasks = URIRef("http://127.0.0.1:8000/open-data/bestanden/zwolle/catalogus.ttl#tasks")
    assert data.value(tasks, DCTERMS.publisher) == URIRef(
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0193"
    )
    downloads = {
        str(data.value(d, DCAT.downloadURL)) for d in data.objects(tasks, DCAT.distribution)
    }
    assert downloads == {
        "http://127.0.0.1:8000/open-data/bestanden/zwolle/tasks.csv",
        "http://127.0.0.1:8000/open-data/bestanden/zwolle/tasks.jsonl",
    }
    budget = URIRef("http://127.0.0.1:8000/open-data/bestanden/zwolle/catalogus.ttl#budget-lines")
    licences = {data.value(d, DCTERMS.license) for d in data.objects(budget, DCAT.distribution)}
    assert licences == {URIRef("http://creativecommons.org/licenses/by/4.0/")}


def test_the_json_ld_holds_the_same_graph(client, exported):
    turtle = b"".join(client.get("/open-data/catalogus.ttl").streaming_content)
    response = client.get("/open-data/catalogus.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    body = b"".join(response.streaming_content)
    json.loads(body)
    from rdflib.compare import isomorphic

    assert isomorphic(
        Graph().parse(data=body, format="json-ld"), Graph().parse(data=turtle, format="turtle")
    )


def test_a_catalogue_that_misses_its_licence_is_caught():
    """The shapes are really applied: a distribution without a licence is a violation."""
    data = Graph().parse(
        data="""
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        <http://example.org/d> a dcat:Distribution .
        """,
        format="turtle",
    )
    ok, report = conforms(data)
    assert not ok and "license" in report


def test_each_dataset_states_the_period_it_covers(client, exported):
    """dct:temporal with dcat:startDate/endDate from the rows themselves: the CBS budget years
    as whole years, the decisions from the first to the last decision date; none for data
    without a time (taakvelden)."""
    from rdflib.namespace import XSD

    from uitdaagrecht.assessment.models import Decision
    from uitdaagrecht.budgets.models import BudgetLine
    from uitdaagrecht.opendata.datasets import DATASETS

    for dataset in DATASETS:  # every temporal column exists
        assert set(dataset.temporal) <= set(dataset.header), dataset.name

    body = b"".join(client.get("/open-data/bestanden/zwolle/catalogus.ttl").streaming_content)
    data = Graph().parse(data=body, format="turtle")
    base = "http://127.0.0.1:8000/open-data/bestanden/zwolle/catalogus.ttl#"

    def period(name):
        node = data.value(URIRef(base + name), DCTERMS.temporal)
        if node is None:
            return None
        assert (node, None, DCTERMS.PeriodOfTime) in data
        start, end = data.value(node, DCAT.startDate), data.value(node, DCAT.endDate)
        assert start.datatype == end.datatype == XSD.date
        return str(start), str(end)

    years = BudgetLine.objects.filter(municipality__slug="zwolle").values_list("year", flat=True)
    assert period("budget-lines") == (f"{min(years)}-01-01", f"{max(years)}-12-31")
    days = sorted(Decision.objects.values_list("decided_on", flat=True))
    assert period("decisions") == (days[0].isoformat(), days[-1].isoformat())
    assert period("events") is not None and period("contracts") is not None
    assert period("taakvelden") is None
    # Amsterdam has no decisions: no period rather than an empty one; still 0 violations.
    body = b"".join(client.get("/open-data/bestanden/amsterdam/catalogus.ttl").streaming_content)
    empty = Graph().parse(data=body, format="turtle")
    node = URIRef("http://127.0.0.1:8000/open-data/bestanden/amsterdam/catalogus.ttl#decisions")
    assert empty.value(node, DCTERMS.temporal) is None
    ok, report = conforms(empty)
    assert ok, report
