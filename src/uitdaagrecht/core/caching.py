"""Cache of public pages for anonymous visitors, per language and municipality.

A cached page's key contains two generations: a global one (bumped by imports of reference data)
and one per municipality (bumped when the municipality edits something). Bumping a generation makes
every older entry unreachable at once, on every app server that shares the cache (Redis in
production), without having to know which keys exist.
"""

import functools
import hashlib
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

GLOBAL_KEY = "gen:all"


def _municipality_key(municipality_id: int) -> str:
    return f"gen:m:{municipality_id}"


def invalidate_all() -> None:
    transaction.on_commit(lambda: cache.set(GLOBAL_KEY, uuid.uuid4().hex, None))


def invalidate_municipality(municipality) -> None:
    key = _municipality_key(municipality.pk)
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, None))


def _page_key(request: HttpRequest, municipality_id: int | None) -> str:
    gen_keys = [GLOBAL_KEY] + ([_municipality_key(municipality_id)] if municipality_id else [])
    generations = cache.get_many(gen_keys)
    missing = {key: uuid.uuid4().hex for key in gen_keys if key not in generations}
    if missing:
        cache.set_many(missing, None)
        generations |= missing
    raw = "|".join(
        [*(generations[key] for key in gen_keys), get_language() or "", request.get_full_path()]
    )
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
        municipality_id = _municipality_id(kwargs.get("municipality"))
        key = _page_key(request, municipality_id)
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


def _municipality_id(slug: str | None) -> int | None:
    """The municipality's id by slug, itself cached: slugs never change."""
    if not slug:
        return None
    key = f"mslug:{slug}"
    found = cache.get(key)
    if found is None:
        from uitdaagrecht.tenants.models import Municipality

        found = Municipality.objects.filter(slug=slug).values_list("pk", flat=True).first() or 0
        cache.set(key, found, None)
    return found or None
