"""Fragment caches: the parts of a page that every visitor sees the same, rendered once.

The page cache (`core.caching`) serves whole pages to anonymous visitors only. Logged-in people,
the first visitor after a change and every page with a form still render everything; the costly
parts of those pages (a budget table of 70 taakvelden, the 342 municipalities, a catalogue page, a
challenge's public sections) are kept here as HTML, keyed by what they show:

- the generations of the page cache: everything, and the municipality the fragment belongs to;
  every change that can alter a public page bumps one of them, so a fragment is never stale;
- the language, the fragment's name and what varies within it (a period, a page number, a filter);
- for fragments that show what no generation follows (a staff timeline), a token of their content
  passed in `vary` (for example the newest event's id and the challenge's version).

`FRAGMENT_CACHE_SECONDS = 0` renders everything every time.
"""

import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .caching import generations, generations_of

logger = logging.getLogger(__name__)
CSRF_FIELD = 'name="csrfmiddlewaretoken"'


def key(name: str, vary=(), *, municipality=None) -> str:
    slug = getattr(municipality, "slug", municipality)
    return _key(generations(slug), name, vary)


def _key(current_generations: list[str], name: str, vary) -> str:
    raw = "|".join([*current_generations, get_language() or "", name, *map(str, vary)])
    return "fragment:" + hashlib.sha256(raw.encode()).hexdigest()


def cached(name: str, render: Callable[[], str], vary=(), *, municipality=None) -> SafeString:
    """The fragment's HTML: from the cache, or `render()` once and kept."""

    def without_token(html: str) -> bool:
        if CSRF_FIELD in html:
            # A token is one person's secret: a fragment with a form that needs it is never kept.
            logger.warning("fragment %s holds a CSRF token: not cached", name)
            return False
        return True

    html = cached_value(
        name, lambda: str(render()), vary, municipality=municipality, keep=without_token
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own templates


def cached_value(
    name: str,
    compute: Callable[[], object],
    vary=(),
    *,
    municipality=None,
    keep: Callable[[object], bool] = lambda value: True,
):
    """A fragment's value (HTML, or e.g. the data of an API answer: pickled as it is, so plain
    dicts and lists), computed once and kept while `keep` agrees. A `vary` of None means what
    the fragment shows is not known: computed every time."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds or any(value is None for value in vary):
        return compute()
    value_key = key(name, vary, municipality=municipality)
    value = _get_many([value_key]).get(value_key)
    if value is None:
        value = compute()
        if keep(value):
            _set_many({value_key: value}, seconds)
    return value


def cached_parts(name: str, owners: dict, compute: Callable[[list], dict], vary=()) -> dict:
    """Values of many objects (the nested lists of an API page's rows), each kept under its own
    key: its id and the generations of its municipality. `owners` maps each id to its
    municipality's slug; `compute(ids)` gives the values of the ids not kept, as a dict by id,
    all together (one query per part for the page, not per row). After a change only the rows
    of that municipality are computed again."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds or not owners:
        return compute(list(owners))
    current = generations_of(set(owners.values()))
    keys = {pk: _key(current[slug], name, (*vary, pk)) for pk, slug in owners.items()}
    found = _get_many(list(keys.values()))
    parts = {pk: found[value_key] for pk, value_key in keys.items() if value_key in found}
    if missing := [pk for pk in owners if pk not in parts]:
        computed = compute(missing)
        _set_many({keys[pk]: computed[pk] for pk in missing}, seconds)
        parts |= computed
    return parts


# A key names one content for good (the generations, the release and what the fragment shows
# are in it), so each process keeps a copy of what it read in a small local cache of its own
# ("fragments", LocMemCache: pickled, least recently used first out) in front of the shared one:
# a page's fragments cost no round trip to Redis once this process has read them. Only the
# generations are asked of the shared cache on every request.
def _get_many(keys: list[str]) -> dict:
    local = caches["fragments"]
    found = local.get_many(keys)
    missing = [value_key for value_key in keys if value_key not in found]
    if missing and (shared := cache.get_many(missing)):
        local.set_many(shared, settings.FRAGMENT_CACHE_SECONDS)
        found |= shared
    return found


def _set_many(values: dict, seconds: int) -> None:
    cache.set_many(values, seconds)
    caches["fragments"].set_many(values, seconds)
