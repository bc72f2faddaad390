"""Woo active publication: /<slug>/woo/sitemap.xml lists decisions, public advice, signed agreement
versions and published documents, each with a diwoo:Document that validates against DiWoo 0.9.8
(tests/vendor/diwoo, compiled offline as its README says); /woo/sitemap.xml is the index. An entry
that does not validate is left out and logged; confidential advice is never listed."""

import io
import logging
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from lxml import etree

from uitdaagrecht.assessment.models import AdviceRequest, Decision
from uitdaagrecht.opendata import woo

pytestmark = pytest.mark.django_db
VENDOR = Path(__file__).parent.parent / "vendor" / "diwoo"
NS = {"s": woo.SITEMAP, "diwoo": woo.DIWOO}
STUB = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  targetNamespace="https://www.nationaalarchief.nl/mdto" elementFormDefault="qualified">
  <xs:element name="MDTO" type="xs:anyType"/></xs:schema>"""


@pytest.fixture(scope="module")
def xsd(tmp_path_factory) -> etree.XMLSchema:
    """The vendored XSD, with its MDTO import (a URL) pointed at a local stub."""
    folder = tmp_path_factory.mktemp("diwoo")
    for name in ("diwoo-metadata.xsd", "diwoo-metadata-lijsten.xsd"):
        shutil.copy(VENDOR / name, folder / name)
    main = folder / "diwoo-metadata.xsd"
    main.write_text(
        main.read_text().replace(
            "https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd", "mdto-stub.xsd"
        )
    )
    (folder / "mdto-stub.xsd").write_text(STUB)
    return etree.XMLSchema(etree.parse(str(main)))


@pytest.fixture
def exported(world, opendata_storage):
    call_command("export_open_data", stdout=io.StringIO())
    return world


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_sitemap_lists_what_was_made_public_with_valid_diwoo_metadata(client, exported, xsd):
    response = client.get("/zwolle/woo/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = etree.fromstring(body(response))
    urls = root.findall("s:url", NS)
    documents = root.findall("s:url/diwoo:Document", NS)
    assert len(urls) == len(documents) > 0
    for document in documents:
        assert xsd.validate(document), xsd.error_log
    categories = {d.findtext(".//diwoo:informatiecategorie", namespaces=NS) for d in documents}
    assert categories == {
        "beschikkingen",
        "adviezen",
        "convenanten",
        "onderzoeksrapporten",
        "inspanningsverplichting art 3.1 Woo",
    }
    publishers = {d.find(".//diwoo:publisher", NS).get("resource") for d in documents}
    assert publishers == {"https://identifier.overheid.nl/tooi/id/gemeente/gm0193"}
    decisions = Decision.objects.filter(challenge__municipality=exported["place"])
    corrections = [
        d for d in documents if d.find(".//diwoo:redenVerwijderingVervanging", NS) is not None
    ]
    assert len(corrections) == decisions.filter(corrects__isnull=False).count() > 0


def test_confidential_advice_is_never_listed(client, exported):
    text = body(client.get("/zwolle/woo/sitemap.xml")).decode()
    confidential = AdviceRequest.objects.filter(confidential=True, submitted_at__isnull=False)
    public = AdviceRequest.objects.public().filter(confidential=False)
    assert confidential.exists() and public.exists()
    assert all(f"advies-{a.pk}<" not in text for a in confidential)
    assert all(f"advies-{a.pk}<" in text for a in public)


def test_the_national_index_lists_the_municipalities_with_entries(client, exported):
    root = etree.fromstring(body(client.get("/woo/sitemap.xml")))
    locs = [e.text for e in root.findall("s:sitemap/s:loc", NS)]
    assert locs == ["http://127.0.0.1:8000/zwolle/woo/sitemap.xml"]  # Amsterdam has none
    empty = etree.fromstring(body(client.get("/amsterdam/woo/sitemap.xml")))
    assert empty.findall("s:url", NS) == []
    assert client.get("/onbekend/woo/sitemap.xml").status_code == 404


def test_an_invalid_entry_is_left_out_and_logged(world, monkeypatch, caplog):
    real = woo.diwoo_document

    def broken(entry, place):
        document = real(entry, place)
        if entry.category == "adviezen":  # an element the schema does not know
            woo._sub(document.find("diwoo:DiWoo", NS), "onbekend", "x")
        return document

    monkeypatch.setattr(woo, "diwoo_document", broken)
    with caplog.at_level(logging.ERROR, logger="uitdaagrecht.opendata.woo"):
        content, count = woo.sitemap(world["place"])
    assert "adviezen" not in content and "beschikkingen" in content
    assert count == content.count("<url>")
    assert "not valid DiWoo" in caplog.text
