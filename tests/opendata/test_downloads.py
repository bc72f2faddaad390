"""/open-data/ and /<slug>/open-data/ list the exported files; the files are served as stored,
with ETag, Last-Modified, conditional GETs and byte ranges; nothing is built per request."""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(world, opendata_storage):
    call_command("export_open_data", stdout=io.StringIO())
    return world


def test_the_pages_list_every_file_with_size_rows_and_checksum(client, exported, opendata_storage):
    page = client.get("/open-data/").content.decode()
    tasks = (opendata_storage / "nl" / "tasks.csv").read_bytes()
    assert hashlib.sha256(tasks).hexdigest() in page
    assert "/open-data/bestanden/nl/tasks.csv" in page
    assert "/open-data/bestanden/nl/budget-lines.jsonl" in page
    assert "Bron: CBS" in page and "Geëxporteerd op" in page
    local = client.get("/zwolle/open-data/").content.decode()
    assert "/open-data/bestanden/zwolle/tasks.csv" in local
    assert "/open-data/bestanden/nl/" not in local
    english = client.get("/en/zwolle/open-data/").content.decode()
    assert "Open data of Zwolle" in english
    assert client.get("/onbekend/open-data/").status_code == 404


def test_before_the_first_export_the_page_says_so(client, world, opendata_storage):
    page = client.get("/open-data/")
    assert page.status_code == 200
    assert "Er zijn nog geen bestanden" in page.content.decode()
    assert client.get("/open-data/bestanden/nl/tasks.csv").status_code == 404


def test_a_file_is_served_as_stored_with_its_etag_and_dates(client, exported, opendata_storage):
    content = (opendata_storage / "zwolle" / "tasks.csv").read_bytes()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/open-data/bestanden/zwolle/tasks.csv")
    assert len(queries) == 0  # read from storage, not built from the database
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["ETag"] == f'"{hashlib.sha256(content).hexdigest()}"'
    assert response["Accept-Ranges"] == "bytes" and response["Last-Modified"]
    again = client.get("/open-data/bestanden/zwolle/tasks.csv", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get(
        "/open-data/bestanden/zwolle/tasks.csv", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
    )
    assert since.status_code == 304


def test_a_download_can_be_resumed_with_a_range(client, exported, opendata_storage):
    content = (opendata_storage / "nl" / "budget-lines.csv").read_bytes()
    url = "/open-data/bestanden/nl/budget-lines.csv"
    part = client.get(url, HTTP_RANGE="bytes=10-99")
    assert part.status_code == 206
    assert b"".join(part.streaming_content) == content[10:100]
    assert part["Content-Range"] == f"bytes 10-99/{len(content)}"
    tail = client.get(url, HTTP_RANGE="bytes=-5")
    assert b"".join(tail.streaming_content) == content[-5:]
    rest = client.get(url, HTTP_RANGE="bytes=100-")
    assert b"".join(rest.streaming_content) == content[100:]
    refused = client.get(url, HTTP_RANGE=f"bytes={len(content) + 1}-")
    assert refused.status_code == 416 and refused["Content-Range"] == f"bytes */{len(content)}"
    stale = client.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"another-version"')
    assert stale.status_code == 200  # the file changed: the whole file, not a piece of another


def test_only_listed_files_are_served(client, exported):
    for path in (
        "/open-data/bestanden/nl/manifest.json.tmp",
        "/open-data/bestanden/nl/..%2Fzwolle%2Ftasks.csv",
        "/open-data/bestanden/onbekend/tasks.csv",
        "/open-data/bestanden/nl/passwords.csv",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post("/open-data/bestanden/nl/tasks.csv").status_code == 405
    assert client.get("/open-data/bestanden/nl/datapackage.json")["Content-Type"] == (
        "application/json"
    )


@pytest.mark.parametrize("scope, page", [("zwolle", "/zwolle/open-data/"), ("nl", "/open-data/")])
def test_the_page_shows_the_new_checksums_right_after_an_export(
    client, exported, opendata_storage, settings, scope, page
):
    from uitdaagrecht.catalog.models import Task
    from uitdaagrecht.opendata import downloads

    settings.PUBLIC_PAGE_CACHE_SECONDS = 3600  # the pages are in the page cache
    before = client.get(page).content  # seen, and kept, before the export
    Task.objects.filter(pk=exported["task"].pk).update(title="Een nieuwe titel")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(downloads, "_page", lambda *args: pytest.fail("not from the page cache"))
        assert client.get(page).content == before
    call_command("export_open_data", stdout=io.StringIO())
    tasks = (opendata_storage / scope / "tasks.csv").read_bytes()
    assert hashlib.sha256(tasks).hexdigest() in client.get(page).content.decode()


def test_an_export_that_stops_halfway_still_empties_the_page_cache(
    client, exported, opendata_storage, settings, monkeypatch
):
    from uitdaagrecht.catalog.models import Task
    from uitdaagrecht.opendata import export

    settings.PUBLIC_PAGE_CACHE_SECONDS = 3600
    pages = {"nl": "/open-data/", "zwolle": "/zwolle/open-data/"}
    before = {scope: client.get(page).content for scope, page in pages.items()}  # kept
    Task.objects.filter(pk=exported["task"].pk).update(title="Een nieuwe titel")
    written, manifests = export._write_manifest, []

    def failing_after_the_first(scope, run):
        if manifests:
            raise OSError("No space left on device")
        manifests.append(scope)
        return written(scope, run)

    # One scope's files and manifest are written, the others' manifests are not.
    monkeypatch.setattr(export, "_write_manifest", failing_after_the_first)
    with pytest.raises(OSError):
        call_command("export_open_data", stdout=io.StringIO())
    [scope] = manifests
    tasks = (opendata_storage / scope / "tasks.csv").read_bytes()
    page = client.get(pages[scope]).content
    assert page != before[scope]
    assert hashlib.sha256(tasks).hexdigest() in page.decode()
