"""Writing the open-data files: one pass over each dataset's rows (read in chunks), every row
written to the national file and to its municipality's file at once, CSV and JSON Lines side by
side. Each file is written under a temporary name and then put in place in one step, so a
download never sees half a file; a file whose bytes did not change is left alone (its
Last-Modified and ETag stay). The manifest of a scope lists every file with its size, rows,
SHA-256 and the time of the export; `datapackage.json` describes the CSV files (Frictionless).
"""

import csv
import datetime
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.urls import reverse
from django.utils import timezone

from uitdaagrecht.core import caching
from uitdaagrecht.tenants.models import Municipality

from .catalogue import CATALOGUE, catalogue
from .datasets import DATASETS
from .tables import CC0, Dataset, Period, csv_cell, json_value, site_url
from .woo import sitemap, sitemap_index

log = logging.getLogger(__name__)

NATIONAL = "nl"  # the scope of the national files; a municipality's scope is its slug
MANIFEST = "manifest.json"
DATAPACKAGE = "datapackage.json"


def storage() -> Storage:
    return storages["opendata"]


def read_manifest(scope: str) -> dict | None:
    """The manifest of a scope, or None before the first export."""
    name = f"{scope}/{MANIFEST}"
    target = storage()
    if not target.exists(name):
        return None
    with target.open(name, "rb") as handle:
        return json.load(handle)


class _File:
    """One file being written under a temporary name next to (or, for remote storage, apart
    from) its final name."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows = 0
        try:
            final = Path(storage().path(name))
            final.parent.mkdir(parents=True, exist_ok=True)
            directory = final.parent
        except NotImplementedError:  # remote storage: upload the finished file
            final, directory = None, None
        self.final = final
        handle, self.temp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
        self.handle = open(handle, "w", encoding="utf-8", newline="")  # noqa: SIM115

    def finish(self, previous: dict | None, now: datetime.datetime) -> dict:
        self.handle.close()
        digest, size = hashlib.sha256(), 0
        with open(self.temp, "rb") as written:
            while chunk := written.read(1 << 16):
                digest.update(chunk)
                size += len(chunk)
        sha256 = digest.hexdigest()
        if previous and previous["sha256"] == sha256 and storage().exists(self.name):
            os.unlink(self.temp)  # unchanged: the file in place stays, with its dates
            changed_at = previous["changed_at"]
        else:
            self._put_in_place()
            changed_at = now.isoformat()
        return {"bytes": size, "rows": self.rows, "sha256": sha256, "changed_at": changed_at}

    def _put_in_place(self) -> None:
        if self.final is not None:
            os.replace(self.temp, self.final)  # atomic on one file system
            os.chmod(self.final, 0o644)
            return
        target = storage()
        with open(self.temp, "rb") as handle:
            target.delete(self.name)
            target.save(self.name, File(handle))
        os.unlink(self.temp)


@dataclass
class _Pair:
    """The CSV and the JSON Lines file of one dataset in one scope."""

    dataset: Dataset
    scope: str
    csv: _File = field(init=False)
    jsonl: _File = field(init=False)

    def __post_init__(self) -> None:
        self.csv = _File(f"{self.scope}/{self.dataset.name}.csv")
        self.jsonl = _File(f"{self.scope}/{self.dataset.name}.jsonl")
        self.writer = csv.writer(self.csv.handle, lineterminator="\r\n")
        self.writer.writerow(self.dataset.header)
        self.period = Period(self.dataset)

    def write(self, values: list) -> None:
        self.period.add(values)
        self.writer.writerow([csv_cell(v) for v in values])
        record = {c.name: json_value(v) for c, v in zip(self.dataset.columns, values, strict=True)}
        self.jsonl.handle.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        self.csv.rows += 1
        self.jsonl.rows += 1


@dataclass
class Export:
    """One run: the files written per scope, for the manifests and data packages."""

    now: datetime.datetime
    previous: dict[str, dict] = field(default_factory=dict)  # scope → {name: entry}
    entries: dict[str, dict] = field(default_factory=dict)  # scope → {name: entry}

    def finish(self, pair: _Pair) -> None:
        old = self.previous.get(pair.scope, {})
        for file, kind in ((pair.csv, "csv"), (pair.jsonl, "jsonl")):
            base = file.name.rsplit("/", 1)[1]
            entry = file.finish(old.get(base), self.now)
            entry.update(dataset=pair.dataset.name, format=kind)
            if period := pair.period.as_dict():
                entry["temporal"] = period
            self.entries.setdefault(pair.scope, {})[base] = entry


def _export_dataset(run: Export, dataset: Dataset, slugs: dict[int, str]) -> None:
    national = _Pair(dataset, NATIONAL)
    local: _Pair | None = None
    done: set[int] = set()
    for row in dataset.rows():
        values = [column.value(row) for column in dataset.columns]
        national.write(values)
        if dataset.municipality_of is None:
            continue
        owner = dataset.municipality_of(row)
        if local is None or local.scope != slugs[owner]:
            if local is not None:
                run.finish(local)
            local = _Pair(dataset, slugs[owner])
            done.add(owner)
        local.write(values)
    run.finish(national)
    if local is not None:
        run.finish(local)
    if dataset.municipality_of is not None:
        for pk, slug in slugs.items():  # a municipality without rows: a file with the header
            if pk not in done:
                run.finish(_Pair(dataset, slug))


def export_open_data(*, now: datetime.datetime | None = None) -> dict[str, dict]:
    """Write every dataset for the country and for each municipality; returns the manifests.

    The open-data pages (in the page cache) list the files: every cached page, fragment and API
    row is rendered again afterwards — also when the export stopped halfway, having replaced some
    files already. They last a day at most anyway."""
    try:
        return _export(now or timezone.now())
    finally:
        caching.invalidate_all()


def _export(now: datetime.datetime) -> dict[str, dict]:
    municipalities = {m.slug: m for m in Municipality.objects.order_by("id")}
    slugs = {m.pk: m.slug for m in municipalities.values()}
    run = Export(now=now)
    for scope in [NATIONAL, *slugs.values()]:
        manifest = read_manifest(scope)
        run.previous[scope] = {f["name"]: f for f in manifest["files"]} if manifest else {}
    for dataset in DATASETS:
        _export_dataset(run, dataset, slugs)
        log.info("open data: %s written", dataset.name)
    _export_woo(run, municipalities)
    manifests = {}
    for scope, entries in run.entries.items():
        graph = catalogue(
            scope=scope,
            entries=dict(entries),
            datasets=DATASETS,
            municipality=municipalities.get(scope) if scope != NATIONAL else None,
            children=list(slugs.values()) if scope == NATIONAL else (),
        )
        _write_text(
            run,
            scope,
            DATAPACKAGE,
            json.dumps(datapackage(scope, entries), ensure_ascii=False, indent=2),
        )
        _write_text(run, scope, f"{CATALOGUE}.ttl", graph.serialize(format="turtle"))
        _write_text(run, scope, f"{CATALOGUE}.jsonld", graph.serialize(format="json-ld"))
        manifests[scope] = _write_manifest(scope, run)
    return manifests


def datapackage(scope: str, entries: dict[str, dict]) -> dict:
    """The Frictionless Data Package of a scope: the CSV files with their Table Schema, licence
    and source. Sizes and hashes, not times: unchanged data gives the same package."""
    resources = []
    for dataset in DATASETS:
        entry = entries.get(f"{dataset.name}.csv")
        if entry is None:
            continue
        resources.append(
            {
                "name": dataset.name,
                "path": f"{dataset.name}.csv",
                "title": str(dataset.title),
                "description": str(dataset.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": entry["bytes"],
                "hash": f"sha256:{entry['sha256']}",
                "licenses": [dataset.licence],
                "sources": [dataset.source],
                "schema": dataset.schema(),
            }
        )
    return {
        "name": f"uitdaagrecht-{scope}",
        "title": "Open Uitdaagrecht",
        "licenses": [CC0],
        "resources": resources,
    }


WOO_SITEMAP = "woo-sitemap.xml"
WOO_INDEX = "woo-sitemap-index.xml"


def _export_woo(run: Export, municipalities: dict[str, Municipality]) -> None:
    """Each municipality's Woo sitemap and the national index of those with entries."""
    listed = []
    for slug, place in municipalities.items():
        content, count = sitemap(place)
        entry = _write_text(run, slug, WOO_SITEMAP, content)
        if count:
            path = reverse("opendata_pages:woo_sitemap", kwargs={"municipality": slug})
            listed.append((site_url(path), entry["changed_at"]))
    _write_text(run, NATIONAL, WOO_INDEX, sitemap_index(listed))


def _write_text(run: Export, scope: str, name: str, content: str) -> dict:
    """A description of the files (data package, catalogue), listed in the manifest too."""
    file = _File(f"{scope}/{name}")
    file.handle.write(content.rstrip("\n") + "\n")
    entry = file.finish(run.previous.get(scope, {}).get(name), run.now)
    entry.update(dataset=name.split(".")[0], format=name.rsplit(".", 1)[1])
    run.entries.setdefault(scope, {})[name] = entry
    return entry


def _write_manifest(scope: str, run: Export) -> dict:
    manifest = {
        "scope": scope,
        "exported_at": run.now.isoformat(),
        "files": [
            {"name": name, **entry, "exported_at": run.now.isoformat()}
            for name, entry in sorted(run.entries[scope].items())
        ],
    }
    file = _File(f"{scope}/{MANIFEST}")
    file.handle.write(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    file.finish(None, run.now)
    return manifest
