"""Backups: a restore is checked against the source's fingerprint (issue 12).

The backup is real: SQLite's online backup of the database into a file (what `sqlite3 .backup`
does) and a copy of the documents directory; PostgreSQL: pg_dump and pg_restore into a new
database. The restored installation is checked by `uitdaagrecht verify_restore` in a process of its
own, pointed at the restored database and directory only.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection

from tests.challenge_world import make_world, pdf_bytes, upload
from tests.factories import ChallengeFactory
from uitdaagrecht.challenges import services as challenge_services
from uitdaagrecht.challenges.models import Document

pytestmark = pytest.mark.django_db(transaction=True)
UITDAAGRECHT = str(Path(sys.executable).with_name("uitdaagrecht"))


@pytest.fixture
def site(tmp_path, settings, monkeypatch, request):
    """Public data and a stored document, and the source's fingerprint."""
    var = tmp_path / "source"
    settings.MEDIA_ROOT = var / "media"
    # The documents' storage is fixed on the model field when it is imported: move that one.
    # (Another test's STORAGES setting may have given `storages` a new instance: move both.)
    for storage in {Document._meta.get_field("file").storage, storages["documents"]}:
        monkeypatch.setattr(storage, "_location", str(var / "documents"))
        storage._clear_cached_properties("MEDIA_ROOT")
        request.addfinalizer(lambda s=storage: s._clear_cached_properties("MEDIA_ROOT"))
    world = make_world()
    challenge = ChallengeFactory(
        municipality=world.place, organisation=world.organisation, task=world.task
    )
    challenge_services.documents_add(
        challenge=challenge,
        actor=world.resident,
        files=[upload(f"plan-{uuid.uuid4().hex[:6]}.pdf", pdf_bytes(), "application/pdf")],
        consent_to_publish=False,
    )
    source = tmp_path / "fingerprint.json"
    with source.open("w") as out:
        call_command("restore_fingerprint", stdout=out)
    return world, source


def documents_dir() -> Path:
    return Path(storages["documents"].location)


def verify(env: dict, source: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [UITDAAGRECHT, "verify_restore", "--source", str(source)],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "uitdaagrecht.conf.testing", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def restore_files(target: Path) -> None:
    """The documents directory as the backup copied it (rsync, tar: any copy of the files)."""
    shutil.copytree(documents_dir(), target / "documents")


def test_a_sqlite_restore_is_identical_and_a_damaged_one_is_not(site, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run")
    _world, source = site
    fingerprint = json.loads(source.read_text())
    assert fingerprint["api"]["challenges"]["items"] == 1
    assert len(fingerprint["files"]["documents"]) == 1
    restored = tmp_path / "restored"
    restored.mkdir()
    connection.ensure_connection()
    with sqlite3.connect(restored / "uitdaagrecht.sqlite3") as copy:
        connection.connection.backup(copy)
    restore_files(restored)
    env = {"UITDAAGRECHT_VAR_DIR": str(restored), "DATABASE_URL": ""}
    result = verify(env, source)
    assert result.returncode == 0, result.stderr
    assert "Restore identical" in result.stdout
    # A document lost and a task changed: both named.
    (document,) = [p for p in (restored / "documents").rglob("*") if p.is_file()]
    document.unlink()
    with sqlite3.connect(restored / "uitdaagrecht.sqlite3") as copy:
        copy.execute("UPDATE catalog_task SET title = title || ' (oud)'")
    result = verify(env, source)
    assert result.returncode == 1
    assert "missing" in result.stderr and document.name in result.stderr
    assert "API tasks" in result.stderr


def pg(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed")
    return found


def test_a_postgresql_dump_restores_identically(site, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL run")
    _world, source = site
    params = connection.settings_dict
    base = ["-h", params["HOST"] or "127.0.0.1", "-p", str(params["PORT"] or 5432)]
    base += ["-U", params["USER"] or "postgres"]
    dump = tmp_path / "backup.dump"
    subprocess.run([pg("pg_dump"), *base, "-Fc", "-f", str(dump), params["NAME"]], check=True)
    name = f"restore_{uuid.uuid4().hex[:8]}"
    subprocess.run([pg("createdb"), *base, name], check=True)
    try:
        subprocess.run([pg("pg_restore"), *base, "-d", name, "--no-owner", str(dump)], check=True)
        restored = tmp_path / "restored"
        restored.mkdir()
        restore_files(restored)
        user = params["USER"] or "postgres"
        url = f"postgres://{user}@{base[1]}:{base[3]}/{name}"
        result = verify({"UITDAAGRECHT_VAR_DIR": str(restored), "DATABASE_URL": url}, source)
        assert result.returncode == 0, result.stderr
        assert "Restore identical" in result.stdout
    finally:
        subprocess.run([pg("dropdb"), *base, "--if-exists", name], check=True)
