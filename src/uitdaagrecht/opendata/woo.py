"""Woo active publication: a sitemap per municipality (sitemaps.org 0.9) whose entries carry a
`diwoo:Document` (DiWoo metadata 0.9.8), as the Woo-index harvests them, and a national sitemap
index. Decisions (beschikkingen), public advice (adviezen), signed agreement versions
(convenanten), evaluations (onderzoeksrapporten) and published challenge documents (made public beyond the Woo's categories: the
inspanningsverplichting of art. 3.1). Publisher and verantwoordelijke: the municipality by its TOOI
identifier. Confidential advice and agreement parts are never published; a correction of a decision
says why it replaces the earlier one.

Every entry is validated against the XSD (data/diwoo-metadata.xsd); an invalid entry is left out
and logged, never served. The export writes the sitemaps into the open-data storage.
"""

import datetime
import functools
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.urls import reverse
from lxml import etree

from uitdaagrecht.agreements.models import Version
from uitdaagrecht.assessment.models import AdviceRequest, Decision
from uitdaagrecht.challenges.api import Document
from uitdaagrecht.monitoring.models import Evaluation
from uitdaagrecht.tenants.models import Municipality

from .datasets_cases import challenge_page
from .tables import site_url

log = logging.getLogger(__name__)

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO = "https://standaarden.overheid.nl/diwoo/metadata/"
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
CATEGORIES = {
    "beschikkingen": "c_46a81018",
    "adviezen": "c_99a836c7",
    "convenanten": "c_8fc2335c",
    "inspanningsverplichting art 3.1 Woo": "c_816e508d",
    "onderzoeksrapporten": "c_fdaee95e",
}
ACTIONS = {"vaststelling": "c_641ecd76", "ondertekening": "c_e1ec050e", "ontvangst": "c_dfcee535"}
CORRECTION = ("correctie procedurele fout", "c_c77c86e0")
FORMATS = {
    "application/pdf": "PDF",
    "text/csv": "CSV",
    "text/plain": "TXT",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/zip": "ZIP",
}
SCHEMA = Path(__file__).parent / "data" / "diwoo-metadata.xsd"


@dataclass(frozen=True)
class Entry:
    loc: str
    identifier: str
    title: str
    category: str  # a key of CATEGORIES
    action: str  # a key of ACTIONS
    at: datetime.datetime
    format: str = "HTML"
    correction: bool = False
    created: datetime.date | None = None  # the date of the document itself, if not `at`


@functools.cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _decisions(place: Municipality) -> Iterator[Entry]:
    for d in (
        Decision.objects.public()
        .filter(challenge__municipality=place)
        .select_related("challenge__municipality")
        .order_by("published_at", "id")
    ):
        yield Entry(
            loc=f"{challenge_page(d.challenge)}#besluit-{d.pk}",
            identifier=f"besluit-{d.pk}",
            title=f"Besluit op uitdaging {d.challenge.reference}: {d.challenge.title}",
            category="beschikkingen",
            action="vaststelling",
            at=d.published_at,
            correction=d.corrects_id is not None,
            created=d.decided_on,
        )


def _advice(place: Municipality) -> Iterator[Entry]:
    for a in (
        AdviceRequest.objects.public()
        .filter(challenge__municipality=place, confidential=False)
        .select_related("challenge__municipality", "department")
        .order_by("submitted_at", "id")
    ):
        yield Entry(
            loc=f"{challenge_page(a.challenge)}#advies-{a.pk}",
            identifier=f"advies-{a.pk}",
            title=f"Advies van {a.department.name} over uitdaging {a.challenge.reference}",
            category="adviezen",
            action="vaststelling",
            at=a.submitted_at,
        )


def _agreements(place: Municipality) -> Iterator[Entry]:
    for v in (
        Version.objects.public()
        .filter(challenge__municipality=place)
        .select_related("challenge__municipality")
        .order_by("signed_municipality_at", "id")
    ):
        yield Entry(
            loc=f"{challenge_page(v.challenge)}#afspraken-versie-{v.number}",
            identifier=f"afspraken-{v.challenge.reference}-{v.number}",
            title=f"Afspraken over uitdaging {v.challenge.reference}, versie {v.number}",
            category="convenanten",
            action="ondertekening",
            at=v.signed_at,
        )


def _documents(place: Municipality) -> Iterator[Entry]:
    for doc in (
        Document.objects.public()
        .filter(challenge__municipality=place, challenge__submitted_at__isnull=False)
        .select_related("challenge")
        .order_by("published_at", "id")
    ):
        path = reverse("challenges:document", kwargs={"municipality": place.slug, "pk": doc.pk})
        yield Entry(
            loc=site_url(path),
            identifier=f"document-{doc.pk}",
            title=f"{doc.description or doc.name} (uitdaging {doc.challenge.reference})",
            category="inspanningsverplichting art 3.1 Woo",
            action="ontvangst",
            at=doc.published_at,
            format=FORMATS.get(doc.content_type, ""),
        )


def _evaluations(place: Municipality) -> Iterator[Entry]:
    for e in (
        Evaluation.objects.public()
        .filter(challenge__municipality=place)
        .select_related("challenge__municipality")
        .order_by("recorded_at", "id")
    ):
        yield Entry(
            loc=f"{challenge_page(e.challenge)}#evaluatie-{e.pk}",
            identifier=f"evaluatie-{e.pk}",
            title=f"{e.get_kind_display().capitalize()} van uitdaging {e.challenge.reference}",
            category="onderzoeksrapporten",
            action="vaststelling",
            at=e.recorded_at,
        )


def entries(place: Municipality) -> Iterator[Entry]:
    yield from _decisions(place)
    yield from _advice(place)
    yield from _agreements(place)
    yield from _evaluations(place)
    yield from _documents(place)


def _sub(parent, name: str, text: str = "", resource: str = ""):
    element = etree.SubElement(parent, f"{{{DIWOO}}}{name}")
    if text:
        element.text = text
    if resource:
        element.set("resource", resource)
    return element


def diwoo_document(entry: Entry, place: Municipality):
    """The `diwoo:Document` of one entry."""
    organisation = f"https://identifier.overheid.nl/tooi/id/gemeente/{place.cbs_code.lower()}"
    label = f"gemeente {place.name}"
    document = etree.Element(f"{{{DIWOO}}}Document", nsmap={"diwoo": DIWOO})
    meta = _sub(document, "DiWoo")
    _sub(_sub(meta, "identifiers"), "identifier", entry.identifier)
    _sub(meta, "publisher", label, organisation)
    _sub(meta, "verantwoordelijke", label, organisation)
    _sub(_sub(meta, "titelcollectie"), "officieleTitel", entry.title)
    categories = _sub(_sub(meta, "classificatiecollectie"), "informatiecategorieen")
    _sub(categories, "informatiecategorie", entry.category, KERN + CATEGORIES[entry.category])
    created = entry.created or entry.at.astimezone(datetime.UTC).date()
    _sub(meta, "creatiedatum", created.isoformat())
    _sub(
        meta,
        "language",
        "Nederlands",
        "http://publications.europa.eu/resource/authority/language/NLD",
    )
    if entry.format:
        _sub(meta, "format", entry.format, FILE_TYPE + entry.format)
    action = _sub(_sub(meta, "documenthandelingen"), "documenthandeling")
    _sub(action, "soortHandeling", entry.action, KERN + ACTIONS[entry.action])
    _sub(action, "atTime", _utc(entry.at))
    _sub(action, "wasAssociatedWith", label, organisation)
    if entry.correction:
        _sub(meta, "redenVerwijderingVervanging", CORRECTION[0], KERN + CORRECTION[1])
    return document


def sitemap(place: Municipality) -> tuple[str, int]:
    """The municipality's Woo sitemap and the number of entries in it; entries that do not
    validate against DiWoo 0.9.8 are left out and logged."""
    urlset = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "diwoo": DIWOO})
    count = 0
    for entry in entries(place):
        document = diwoo_document(entry, place)
        if not schema().validate(document):
            log.error(
                "Woo sitemap of %s: %s left out, not valid DiWoo: %s",
                place.slug,
                entry.identifier,
                schema().error_log.last_error,
            )
            continue
        url = etree.SubElement(urlset, f"{{{SITEMAP}}}url")
        etree.SubElement(url, f"{{{SITEMAP}}}loc").text = entry.loc
        etree.SubElement(url, f"{{{SITEMAP}}}lastmod").text = _utc(entry.at)
        url.append(document)
        count += 1
    return _xml(urlset), count


def sitemap_index(sitemaps: list[tuple[str, str]]) -> str:
    """The national index: (url, lastmod) of every municipality's sitemap with entries."""
    index = etree.Element(f"{{{SITEMAP}}}sitemapindex", nsmap={None: SITEMAP})
    for loc, lastmod in sitemaps:
        item = etree.SubElement(index, f"{{{SITEMAP}}}sitemap")
        etree.SubElement(item, f"{{{SITEMAP}}}loc").text = loc
        etree.SubElement(item, f"{{{SITEMAP}}}lastmod").text = lastmod
    return _xml(index)


def _xml(root) -> str:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()
