"""The open-data pages (/open-data/ and /<slug>/open-data/) and the files they list, served from
the `opendata` storage as `export_open_data` wrote them — never built per request — with ETag,
Last-Modified, conditional GETs and byte ranges (a broken download can be resumed)."""

import datetime
import re
from collections.abc import Iterator

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from uitdaagrecht.core.caching import cache_public_page
from uitdaagrecht.tenants.selectors import municipality_by_slug

from .catalogue import CATALOGUE
from .datasets import DATASETS
from .export import DATAPACKAGE, NATIONAL, WOO_INDEX, WOO_SITEMAP, read_manifest, storage

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/jsonl; charset=utf-8",
    "json": "application/json",
    "ttl": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "xml": "application/xml; charset=utf-8",
}
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _files(scope: str) -> tuple[dict | None, dict[str, dict]]:
    manifest = read_manifest(scope)
    return manifest, {f["name"]: f for f in manifest["files"]} if manifest else {}


def _page(request: HttpRequest, scope: str, municipality=None) -> HttpResponse:
    manifest, files = _files(scope)
    datasets = [
        {"dataset": d, "files": [files[f"{d.name}.{kind}"] for kind in kinds]}
        for d in DATASETS
        if (kinds := [k for k in ("csv", "jsonl") if f"{d.name}.{k}" in files])
    ]
    return render(
        request,
        "opendata/index.html",
        {
            "municipality": municipality,
            "scope": scope,
            "datasets": datasets,
            "datapackage": files.get(DATAPACKAGE),
            "catalogue": files.get(f"{CATALOGUE}.ttl"),
            "exported_at": (
                datetime.datetime.fromisoformat(manifest["exported_at"]) if manifest else None
            ),
        },
    )


# In the public page cache: an export empties it when it has written the files (their sizes and
# checksums are on these pages).
@require_safe
@cache_public_page
def national(request: HttpRequest) -> HttpResponse:
    return _page(request, NATIONAL)


@require_safe
@cache_public_page
def municipal(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    return _page(request, place.slug, place)


def _chunks(handle, length: int, size: int = 1 << 16) -> Iterator[bytes]:
    with handle:
        while length > 0:
            chunk = handle.read(min(size, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) of one `bytes=` range; ValueError when it cannot be served."""
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        raise ValueError(header)
    first, last = match.groups()
    if first == "":  # the last N bytes
        return max(0, size - int(last)), size - 1
    first, last = int(first), min(int(last) if last else size - 1, size - 1)
    if first > last or first >= size:
        raise ValueError(header)
    return first, last


@require_safe
def download(request: HttpRequest, scope: str, name: str) -> HttpResponse:
    _manifest, files = _files(scope)
    entry = files.get(name)
    if entry is None:
        raise Http404(name)
    etag = f'"{entry["sha256"]}"'
    modified = datetime.datetime.fromisoformat(entry["changed_at"]).timestamp()
    response = get_conditional_response(request, etag=etag, last_modified=int(modified))
    if response is None:
        response = _file_response(request, f"{scope}/{name}", entry, etag)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Accept-Ranges"] = "bytes"
    patch_cache_control(response, public=True, max_age=3600)
    return response


def _file_response(request: HttpRequest, path: str, entry: dict, etag: str) -> HttpResponse:
    size = entry["bytes"]
    content_type = CONTENT_TYPES[entry["format"]]
    header = request.headers.get("Range")
    if header and request.headers.get("If-Range", etag) == etag:
        try:
            first, last = _byte_range(header, size)
        except ValueError:
            refused = HttpResponse(status=416)
            refused["Content-Range"] = f"bytes */{size}"
            return refused
        handle = storage().open(path, "rb")
        handle.seek(first)
        partial = StreamingHttpResponse(
            _chunks(handle, last - first + 1), status=206, content_type=content_type
        )
        partial["Content-Range"] = f"bytes {first}-{last}/{size}"
        partial["Content-Length"] = str(last - first + 1)
        return partial
    return FileResponse(storage().open(path, "rb"), content_type=content_type)


def national_catalogue(request: HttpRequest, extension: str) -> HttpResponse:
    """/open-data/catalogus.ttl and .jsonld: the national DCAT-AP-NL catalogue."""
    return download(request, scope=NATIONAL, name=f"{CATALOGUE}.{extension}")


def woo_index(request: HttpRequest) -> HttpResponse:
    """/woo/sitemap.xml: the index of the municipalities' Woo sitemaps."""
    return download(request, scope=NATIONAL, name=WOO_INDEX)


def woo_sitemap(request: HttpRequest, municipality: str) -> HttpResponse:
    """/<slug>/woo/sitemap.xml: what the municipality made public, with DiWoo metadata."""
    return download(request, scope=municipality, name=WOO_SITEMAP)
