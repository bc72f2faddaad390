"""Checking a restore: a fingerprint of what the public sees and of every stored file.

`fingerprint()` reads every resource of the public API through the app itself (all pages, as an
anonymous visitor) and hashes each file of the documents and media storage. Taken on the source
when the backup is made and again on the restored installation, the two must be identical
(`uitdaagrecht restore_fingerprint`, `uitdaagrecht verify_restore`, README "Backups").
"""

import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.core.files.storage import Storage, storages
from django.test import Client
from django.test.utils import override_settings

FORMAT = 1
STORAGES = ("documents", "default")
API_ROOT = "/api/v1/"
HOST = "restore-check.invalid"


def _get(client: Client, url: str) -> dict | list:
    response = client.get(url, secure=True, HTTP_HOST=HOST)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return json.loads(response.content)


def _pages(client: Client, url: str) -> Iterator[dict]:
    while url:
        page = _get(client, url)
        yield page
        url = page.get("next") if isinstance(page, dict) else None
        if url:
            parts = urlsplit(url)
            url = f"{parts.path}?{parts.query}"


def api_fingerprint() -> dict[str, dict]:
    """Per API resource: how many items and the SHA-256 of all of them in order."""
    result = {}
    # The app answers for a made-up host over https, whatever the real ALLOWED_HOSTS are; these
    # requests are not traffic, so they stay out of the request log.
    request_log = logging.getLogger("uitdaagrecht.requests")
    with override_settings(ALLOWED_HOSTS=[HOST]), _quiet(request_log):
        client = Client()
        for name, link in sorted(_get(client, API_ROOT).items()):
            digest, count = hashlib.sha256(), 0
            for page in _pages(client, f"{urlsplit(link).path}?page_size=1000"):
                items = page.get("results", page) if isinstance(page, dict) else page
                for item in items:
                    digest.update(json.dumps(item, sort_keys=True).encode())
                    count += 1
            result[name] = {"items": count, "sha256": digest.hexdigest()}
    return result


@contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    was, logger.disabled = logger.disabled, True
    try:
        yield
    finally:
        logger.disabled = was


def _walk(storage: Storage, path: str = "") -> Iterator[str]:
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{path}{name}"
    for name in sorted(directories):
        yield from _walk(storage, f"{path}{name}/")


def files_fingerprint() -> dict[str, dict[str, str]]:
    """Per storage: every file's path and SHA-256."""
    result = {}
    for alias in STORAGES:
        storage = storages[alias]
        hashes = {}
        for path in _walk(storage):
            digest = hashlib.sha256()
            with storage.open(path, "rb") as file:
                for chunk in iter(lambda f=file: f.read(1 << 20), b""):
                    digest.update(chunk)
            hashes[path] = digest.hexdigest()
        result[alias] = hashes
    return result


def fingerprint() -> dict:
    return {"format": FORMAT, "api": api_fingerprint(), "files": files_fingerprint()}


def differences(expected: dict, actual: dict) -> list[str]:
    """What differs, one line each, naming the resource or file (never its content)."""
    found = []
    for name in sorted(set(expected["api"]) | set(actual["api"])):
        want, got = expected["api"].get(name), actual["api"].get(name)
        if want != got:
            found.append(f"API {name}: expected {want}, restored {got}")
    for alias in sorted(set(expected["files"]) | set(actual["files"])):
        want, got = expected["files"].get(alias, {}), actual["files"].get(alias, {})
        found += [f"{alias}: {path} missing" for path in sorted(set(want) - set(got))]
        found += [f"{alias}: {path} not in the source" for path in sorted(set(got) - set(want))]
        found += [
            f"{alias}: {path} differs"
            for path in sorted(set(want) & set(got))
            if want[path] != got[path]
        ]
    return found
