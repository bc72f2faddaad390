"""Cache of public pages for anonymous visitors, per language and municipality.

A cached page's key contains two generations: a global one (bumped by imports of reference data)
and one per municipality, by slug (bumped when the municipality edits something), or for pages
across municipalities the national one (bumped with every municipality's). Bumping a generation
makes every older entry unreachable at once, on every app server that shares the cache (Redis in
production), without having to know which keys exist. Fragments (core.fragments) use the same.
"""

import contextvars
import functools
import hashlib
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

GLOBAL_KEY = "gen:all"
# Bumped with every municipality's generation: the pages without a municipality (the home page,
# the national view and its library of lessons) show what any municipality changes.
NATIONAL_KEY = "gen:national"
# Generations expire after a month of silence; the pages behind them are simply rendered again.
GENERATION_SECONDS = 30 * 24 * 3600


def _municipality_key(slug: str) -> str:
    return f"gen:m:{slug}"


# The generations read during one request (a page with several fragments reads them once):
# None outside a request. Whatever another server bumps meanwhile concerns the next request.
_read: contextvars.ContextVar[dict | None] = contextvars.ContextVar("generations", default=None)


def _request_started(**kwargs) -> None:
    _read.set({})


def _request_finished(**kwargs) -> None:
    _read.set(None)


request_started.connect(_request_started, dispatch_uid="caching-generations")
request_finished.connect(_request_finished, dispatch_uid="caching-generations")


def _bump(key: str) -> None:
    """A new generation now (this transaction's own requests and tests see the change at once)
    and again when the transaction commits: a page rendered from the old data by another request
    in between is never reachable after the commit."""

    def new() -> None:
        cache.set(key, uuid.uuid4().hex, GENERATION_SECONDS)
        if _read.get() is not None:
            _read.set({})

    new()
    transaction.on_commit(new)


def invalidate_all() -> None:
    _bump(GLOBAL_KEY)


def invalidate_municipality(municipality) -> None:
    _bump(_municipality_key(municipality.slug))
    _bump(NATIONAL_KEY)  # the pages across municipalities show it too


PACKAGE = Path(__file__).resolve().parent.parent


@functools.cache
def release() -> str:
    """A digest of this installation's code, templates, translations and static files: part of
    every key, so that after a deploy no page or fragment rendered by the older version is
    served (their markup, texts or static file names may have changed), while the app servers
    of one version share their cache. Read once per process (about 20 ms)."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(PACKAGE.rglob("*")):
        parts = path.relative_to(PACKAGE).parts
        if path.is_file() and "__pycache__" not in parts and "data" not in parts:
            digest.update("/".join(parts).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def generations(slug: str | None) -> list[str]:
    """The current generations of everything (and of the municipality), after the release: part
    of every key of a cached page or fragment."""
    return generations_of([slug])[slug]


def generations_of(slugs) -> dict[str | None, list[str]]:
    """`generations` of several municipalities (None: the national one), read together."""
    read = _read.get()
    current = {slug: read[slug] for slug in slugs if read is not None and slug in read}
    wanted = {
        slug: (GLOBAL_KEY, _municipality_key(slug) if slug else NATIONAL_KEY)
        for slug in slugs
        if slug not in current
    }
    if wanted:
        gen_keys = {key for pair in wanted.values() for key in pair}
        found = cache.get_many(gen_keys)
        missing = {key: uuid.uuid4().hex for key in gen_keys if key not in found}
        if missing:
            cache.set_many(missing, GENERATION_SECONDS)
            found |= missing
        for slug, pair in wanted.items():
            current[slug] = [release(), *(found[key] for key in pair)]
            if read is not None:
                read[slug] = current[slug]
    return current


def _page_key(request: HttpRequest, slug: str | None) -> str:
    raw = "|".join([*generations(slug), get_language() or "", request.get_full_path()])
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _is_anonymous(request: HttpRequest) -> bool:
    # No session cookie means no user: this check touches neither the session nor the database.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and request.method in ("GET", "HEAD")


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous GETs from the cache; logged-in users always get a fresh page.

    The view is a tenant view (gets `municipality` as a slug kwarg) or a global one.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        timeout = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not timeout or not _is_anonymous(request):
            return view(request, *args, **kwargs)
        key = _page_key(request, kwargs.get("municipality"))
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        if response.status_code == 200 and not response.cookies:
            cache.set(key, response, timeout)
        return response

    return wrapper
