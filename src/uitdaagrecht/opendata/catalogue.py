"""The DCAT-AP-NL 3.0 catalogue of the open-data files (/open-data/catalogus.ttl and .jsonld):
each dataset of a scope with its CSV and JSON Lines distribution — publisher and creator (the
municipality as TOOI organisation, or the platform for the national files), theme, licence,
language, temporal coverage, modification date, format, byte size, checksum and contact point.

Written by the export next to the files, from their manifest entries: only IRIs, no blank nodes,
so unchanged data gives the same bytes. The national catalogue links each municipality's.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from .tables import CC0, Dataset

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
EU = "http://publications.europa.eu/resource/authority/"
TOOI_GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/"
TABLE_SCHEMA = URIRef("https://specs.frictionlessdata.io/table-schema/")
LICENCES = {
    "CC0-1.0": URIRef("http://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-BY-4.0": URIRef("http://creativecommons.org/licenses/by/4.0/"),
}
FORMATS = {
    "csv": (URIRef(f"{EU}file-type/CSV"), "text/csv"),
    "jsonl": (URIRef(f"{EU}file-type/JSON"), "application/jsonl"),
}
DUTCH = URIRef(f"{EU}language/NLD")
PUBLIC = URIRef(f"{EU}access-right/PUBLIC")
THEMES = {"budget-lines": "ECON"}  # the rest: government and public sector


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


CATALOGUE = "catalogus"  # catalogus.ttl and catalogus.jsonld in every scope


def catalogue_iri(scope: str) -> URIRef:
    """The catalogue's address: its Turtle file."""
    path = reverse("opendata_files:file", kwargs={"scope": scope, "name": f"{CATALOGUE}.ttl"})
    return URIRef(_url(path))


def _agent(graph: Graph, municipality) -> URIRef:
    """The municipality as its TOOI organisation; the platform for the national files."""
    if municipality is None:
        agent = URIRef(_url("/"))
        graph.add((agent, FOAF.name, Literal("Open Uitdaagrecht", lang="nl")))
    else:
        agent = URIRef(f"{TOOI_GEMEENTE}{municipality.cbs_code.lower()}")
        graph.add((agent, FOAF.name, Literal(f"Gemeente {municipality.name}", lang="nl")))
    graph.add((agent, RDF.type, FOAF.Agent))
    return agent


def _contact(graph: Graph, base: str, municipality) -> URIRef:
    """A contact point as an organisation with a web page: never a person or a mailbox."""
    contact = URIRef(f"{base}#contactpunt")
    page = _url(municipality.get_absolute_url() if municipality else "/")
    name = f"Gemeente {municipality.name}" if municipality else "Open Uitdaagrecht"
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, VCARD.fn, Literal(name, lang="nl")))
    graph.add((contact, VCARD.hasURL, URIRef(page)))
    return contact


def _when(entry: dict) -> Literal:
    moment = datetime.datetime.fromisoformat(entry["changed_at"]).astimezone(datetime.UTC)
    return Literal(moment.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)


def _distribution(graph: Graph, base: str, scope: str, dataset: Dataset, entry: dict) -> URIRef:
    """One file; the API is its access service (DCAT-AP-NL recommends one)."""
    name = f"{dataset.name}.{entry['format']}"
    download = URIRef(_url(reverse("opendata_files:file", kwargs={"scope": scope, "name": name})))
    node = URIRef(f"{base}#{name}")
    file_type, media_type = FORMATS[entry["format"]]
    checksum = URIRef(f"{base}#{name}-sha256")
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(entry["sha256"], datatype=XSD.hexBinary)))
    licence = LICENCES[dataset.licence["name"]]
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    for predicate, value in (
        (RDF.type, DCAT.Distribution),
        (DCTERMS.title, Literal(f"{dataset.title} ({entry['format'].upper()})", lang="nl")),
        (DCAT.accessURL, download),
        (DCAT.accessService, URIRef(f"{base}#api")),
        (DCAT.downloadURL, download),
        (DCTERMS.license, licence),
        (DCTERMS["format"], file_type),
        (DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")),
        (DCAT.byteSize, Literal(entry["bytes"], datatype=XSD.nonNegativeInteger)),
        (SPDX.checksum, checksum),
        (DCTERMS.language, DUTCH),
        (DCTERMS.conformsTo, TABLE_SCHEMA),
        (DCTERMS.modified, _when(entry)),
    ):
        graph.add((node, predicate, value))
    return node


def _api(graph: Graph, base: str, agents) -> URIRef:
    """The REST API as the data service that gives access to the same data."""
    publisher, contact, _landing = agents
    node = URIRef(f"{base}#api")
    docs = URIRef(_url(reverse("opendata:docs")))
    graph.add((docs, RDF.type, FOAF.Document))
    graph.add((DUTCH, RDF.type, DCTERMS.LinguisticSystem))
    theme = URIRef(f"{EU}data-theme/GOVE")
    graph.add((theme, RDF.type, SKOS.Concept))
    for predicate, value in (
        (RDF.type, DCAT.DataService),
        (DCTERMS.identifier, Literal(str(node))),
        (DCTERMS.title, Literal("Open Uitdaagrecht API", lang="nl")),
        (DCTERMS.description, Literal("De openbare REST-API met dezelfde gegevens.", lang="nl")),
        (DCAT.endpointURL, URIRef(_url("/api/v1/"))),
        (DCAT.endpointDescription, URIRef(_url(reverse("opendata:schema")))),
        (DCTERMS.publisher, publisher),
        (DCTERMS.creator, publisher),
        (DCAT.contactPoint, contact),
        (DCTERMS.accessRights, PUBLIC),
        (DCTERMS.license, LICENCES[CC0["name"]]),
        (DCAT.theme, theme),
        (DCTERMS.language, DUTCH),
        (DCAT.keyword, Literal("uitdaagrecht", lang="nl")),
        (DCAT.landingPage, docs),
        (FOAF.page, docs),
    ):
        graph.add((node, predicate, value))
    return node


def _dataset(graph: Graph, base: str, scope: str, dataset: Dataset, files: list, agents) -> None:
    publisher, contact, landing = agents
    node = URIRef(f"{base}#{dataset.name}")
    theme = URIRef(f"{EU}data-theme/{THEMES.get(dataset.name, 'GOVE')}")
    graph.add((theme, RDF.type, SKOS.Concept))
    for predicate, value in (
        (RDF.type, DCAT.Dataset),
        (DCTERMS.identifier, Literal(str(node))),
        (DCTERMS.title, Literal(str(dataset.title), lang="nl")),
        (DCTERMS.description, Literal(str(dataset.description), lang="nl")),
        (DCTERMS.publisher, publisher),
        (DCTERMS.creator, publisher),
        (DCAT.contactPoint, contact),
        (DCTERMS.accessRights, PUBLIC),
        (DCAT.theme, theme),
        (DCTERMS.language, DUTCH),
        (DCAT.landingPage, landing),
        (FOAF.page, landing),
        (DCTERMS.conformsTo, TABLE_SCHEMA),
        (DCTERMS.modified, max((_when(e) for e in files), key=str)),
    ):
        graph.add((node, predicate, value))
    if period := files[0].get("temporal"):
        graph.add((node, DCTERMS.temporal, _period(graph, base, dataset, period)))
    for entry in files:
        graph.add((node, DCAT.distribution, _distribution(graph, base, scope, dataset, entry)))
    return node


def _period(graph: Graph, base: str, dataset: Dataset, period: dict) -> URIRef:
    """The period the rows cover (dct:temporal), e.g. the budget years or the first and the
    last event; an IRI of its own, so that unchanged data gives the same bytes."""
    node = URIRef(f"{base}#{dataset.name}-periode")
    graph.add((node, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((node, DCAT.startDate, Literal(period["start"], datatype=XSD.date)))
    graph.add((node, DCAT.endDate, Literal(period["end"], datatype=XSD.date)))
    return node


def catalogue(
    *, scope: str, entries: dict[str, dict], datasets, municipality=None, children=()
) -> Graph:
    """The catalogue of one scope; `children`: the scopes of the municipalities (national)."""
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        graph.bind(prefix, namespace)
    graph.bind("spdx", SPDX)
    base = str(catalogue_iri(scope))
    node = URIRef(base)
    publisher = _agent(graph, municipality)
    contact = _contact(graph, base, municipality)
    page = "opendata_pages:municipal" if municipality else "opendata_pages:national"
    landing = URIRef(_url(reverse(page, kwargs={"municipality": scope} if municipality else {})))
    graph.add((landing, RDF.type, FOAF.Document))
    name = f"Gemeente {municipality.name}" if municipality else "Nederland"
    for predicate, value in (
        (RDF.type, DCAT.Catalog),
        (DCTERMS.title, Literal(f"Open data uitdaagrecht — {name}", lang="nl")),
        (DCTERMS.description, Literal("Openbare gegevens over het uitdaagrecht.", lang="nl")),
        (DCTERMS.publisher, publisher),
        (DCTERMS.creator, publisher),
        (DCAT.contactPoint, contact),
        (DCTERMS.license, LICENCES[CC0["name"]]),
        (DCTERMS.language, DUTCH),
        (FOAF.homepage, landing),
    ):
        graph.add((node, predicate, value))
    graph.add((node, DCAT.service, _api(graph, base, (publisher, contact, landing))))
    for dataset in datasets:
        files = [
            entries[n] for n in (f"{dataset.name}.csv", f"{dataset.name}.jsonl") if n in entries
        ]
        if files:
            item = _dataset(graph, base, scope, dataset, files, (publisher, contact, landing))
            graph.add((node, DCAT.dataset, item))
    for child in children:
        graph.add((node, DCAT.catalog, catalogue_iri(child)))
    return graph
