"""`uitdaagrecht export_open_data`: every dataset as CSV and JSON Lines, for the country and per
municipality, described by a datapackage.json that the frictionless library validates; the same
bytes from unchanged data; public data only."""

import csv
import hashlib
import io
import json

import pytest
from django.core.management import call_command
from frictionless import Package, system

from uitdaagrecht.opendata.datasets import DATASETS

pytestmark = pytest.mark.django_db

NATIONAL_ONLY = {"taakvelden"}


def export() -> str:
    out = io.StringIO()
    call_command("export_open_data", stdout=out)
    return out.getvalue()


def rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_dataset_is_written_non_empty_for_the_country_and_each_municipality(
    world, opendata_storage
):
    assert "3 scopes" in export()  # the country and the two municipalities
    manifest = json.loads((opendata_storage / "nl" / "manifest.json").read_text())
    files = {f["name"]: f for f in manifest["files"]}
    for dataset in DATASETS:
        for kind in ("csv", "jsonl"):
            entry = files[f"{dataset.name}.{kind}"]
            content = (opendata_storage / "nl" / entry["name"]).read_bytes()
            assert entry["rows"] > 0, f"{dataset.name}: an empty export"
            assert entry["bytes"] == len(content)
            assert entry["sha256"] == hashlib.sha256(content).hexdigest()
            assert entry["exported_at"] == manifest["exported_at"]
        if dataset.name not in NATIONAL_ONLY:
            local = rows(opendata_storage / "zwolle" / f"{dataset.name}.csv")
            empty = rows(opendata_storage / "amsterdam" / f"{dataset.name}.csv")
            if dataset.name == "municipalities":
                assert [m["cbs_code"] for m in local + empty] == ["GM0193", "GM0363"]
            else:
                assert len(local) == files[f"{dataset.name}.csv"]["rows"], dataset.name
                assert empty == [], dataset.name
    lines = (opendata_storage / "nl" / "tasks.jsonl").read_text().splitlines()
    assert json.loads(lines[0])["municipality"] == "GM0193"


def test_the_data_packages_validate_with_frictionless(world, opendata_storage):
    export()
    for scope in ("nl", "zwolle", "amsterdam"):
        path = opendata_storage / scope / "datapackage.json"
        with system.use_context(trusted=True):
            report = Package(str(path)).validate()
        assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])
    package = json.loads((opendata_storage / "nl" / "datapackage.json").read_text())
    licences = {r["name"]: r["licenses"][0]["name"] for r in package["resources"]}
    assert licences["budget-lines"] == "CC-BY-4.0" and licences["tasks"] == "CC0-1.0"
    budget = next(r for r in package["resources"] if r["name"] == "budget-lines")
    assert budget["sources"][0]["title"].startswith("Bron: CBS")


def test_unchanged_data_gives_the_same_bytes_and_keeps_the_files_in_place(world, opendata_storage):
    export()
    first = {p: p.read_bytes() for p in opendata_storage.rglob("*") if p.is_file()}
    times = {p: p.stat().st_mtime_ns for p in first}
    export()
    second = {p: p.read_bytes() for p in opendata_storage.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    changed = [p.name for p in first if first[p] != second[p]]
    assert changed == ["manifest.json"] * len(changed)  # only the manifests carry the time
    assert all(times[p] == p.stat().st_mtime_ns for p in first if p.name != "manifest.json")
    assert not [p for p in second if p.name.startswith(".tmp-")]


def test_a_change_replaces_the_file_and_its_manifest_entry(world, opendata_storage):
    from uitdaagrecht.catalog.models import Task

    export()
    before = json.loads((opendata_storage / "zwolle" / "manifest.json").read_text())
    Task.objects.filter(municipality=world["place"]).update(title="Nieuwe titel")
    export()
    after = json.loads((opendata_storage / "zwolle" / "manifest.json").read_text())
    old = {f["name"]: f for f in before["files"]}
    new = {f["name"]: f for f in after["files"]}
    assert new["tasks.csv"]["sha256"] != old["tasks.csv"]["sha256"]
    assert new["contracts.csv"]["sha256"] == old["contracts.csv"]["sha256"]
    assert "Nieuwe titel" in (opendata_storage / "zwolle" / "tasks.csv").read_text()


def test_no_personal_data_and_nothing_confidential(world, opendata_storage):
    from uitdaagrecht.accounts.models import User

    export()
    text = "\n".join(
        p.read_text() for p in opendata_storage.rglob("*") if p.suffix in (".csv", ".jsonl")
    )
    for user in User.objects.all():
        assert user.email not in text
        assert not user.full_name or user.full_name not in text, user.full_name
    assert "@" not in text  # no e-mail address at all
    assert "Advies 0" not in text  # the confidential advice: only its reason
    assert "Vertrouwelijk" in text
    agreements = rows(opendata_storage / "nl" / "agreements.csv")
    secret = [a for a in agreements if a["confidential_parts"].startswith("budget: ")]
    assert secret and all(a["payment_schedule"] == a["budget_total_eur"] == "" for a in secret)
    assert all(a["payment_schedule"] for a in agreements if a not in secret)
    assert "accountability_by" not in agreements[0]  # may name a person


FORMULA = '=HYPERLINK("http://example.org","x")'


def test_a_formula_in_a_title_comes_out_inert_in_the_csv_and_as_is_in_json(world, opendata_storage):
    from uitdaagrecht.catalog.models import Task

    Task.objects.filter(pk=world["task"].pk).update(title=FORMULA, description="-1+2")
    export()
    for name in ("tasks", "calendar"):
        column = "title" if name == "tasks" else "task_title"
        cells = [r[column] for r in rows(opendata_storage / "nl" / f"{name}.csv")]
        assert "'" + FORMULA in cells and FORMULA not in cells
    task = next(
        r
        for r in rows(opendata_storage / "zwolle" / "tasks.csv")
        if r["id"] == str(world["task"].pk)
    )
    assert task["description"] == "'-1+2"
    lines = (opendata_storage / "nl" / "tasks.jsonl").read_text().splitlines()
    assert FORMULA in [json.loads(line)["title"] for line in lines]
