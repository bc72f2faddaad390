"""Public pages of the assessment: the published criteria and the decisions feed (Atom)."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from uitdaagrecht.challenges.api import FeedItem, registry
from uitdaagrecht.core.caching import cache_public_page
from uitdaagrecht.core.links import absolute_url
from uitdaagrecht.tenants.selectors import municipality_by_slug

from . import selectors
from .models import Framework

FEED_SIZE = 50


@require_safe
@cache_public_page
def criteria(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    wanted = request.GET.get("versie", "")
    return render(
        request,
        "assessment/criteria.html",
        {
            "municipality": place,
            "section": "challenges",
            "wanted": wanted,
            # Read only when the fragment of the page is not in the cache (core.fragments).
            "criteria": SimpleLazyObject(lambda: _criteria(place, wanted)),
        },
    )


def _criteria(place, wanted: str) -> dict:
    versions = list(
        Framework.objects.public()
        .filter(municipality=place)
        .only("version", "published_at", "municipality_id")
    )
    shown = next((v for v in versions if str(v.version) == wanted), None)
    framework = (
        selectors.framework_with_criteria(shown.pk) if shown else selectors.current_framework(place)
    )
    return {"framework": framework, "versions": versions}


TEXT_CONSTRUCTS = frozenset({"title", "subtitle", "summary", "content", "rights"})


class _PlainText:
    """Writes every Atom text construct as type="text" (RFC 4287 §3.1): the rest as given."""

    def __init__(self, handler) -> None:
        self._handler = handler

    def addQuickElement(self, name: str, contents=None, attrs=None) -> None:
        if name in TEXT_CONSTRUCTS:
            attrs = {**(attrs or {}), "type": "text"}
        self._handler.addQuickElement(name, contents, attrs)

    def __getattr__(self, name: str):
        return getattr(self._handler, name)


class PlainTextAtom1Feed(Atom1Feed):
    """Atom with plain-text titles and summaries. Django writes summaries as type="html" with
    the text escaped once for XML, so a feed reader renders a reason's `<script>` as HTML and
    shows "a < b & c" wrongly; as text, readers show what was written, character for character."""

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(_PlainText(handler))

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(_PlainText(handler), item)
        for href, title in item.get("related", ()):
            handler.addQuickElement("link", "", {"rel": "related", "href": href, "title": title})


@dataclass(frozen=True)
class DecisionFeedItem(FeedItem):
    """A decision in the feed, with the council's documents it belongs to (Atom rel="related"
    links: the council document and the council item in Open Raadsinformatie)."""

    related: tuple[tuple[str, str], ...] = ()


class DecisionsFeed(Feed):
    """Decisions of one municipality with their reasons, newest first (RFC 4287 Atom)."""

    feed_type = PlainTextAtom1Feed

    def __call__(self, request, *args, **kwargs) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        # The feed generator writes the XML into the response in about 20 small pieces per
        # decision; the WSGI server sends each piece with a write of its own (and the page cache
        # stores them all). Joined, it is one write.
        response.content = response.content
        return response

    def get_object(self, request, municipality: str):
        return municipality_by_slug(municipality)

    def title(self, obj) -> str:
        return _("Decisions on challenges — {name}").format(name=obj.name)

    def subtitle(self, obj) -> str:
        return _("Decisions on Right to Challenge offers in {name}, with their reasons.").format(
            name=obj.name
        )

    def link(self, obj) -> str:
        return reverse("challenges:list", kwargs={"municipality": obj.slug})

    def feed_url(self, obj) -> str:
        return reverse("assessment:feed", kwargs={"municipality": obj.slug})

    def author_name(self, obj) -> str:
        return _("Municipality of {name}").format(name=obj.name)

    def items(self, obj):
        """The decisions, and what the other phases publish as decisions (evaluations), newest
        first."""
        entries = [self._entry(d) for d in selectors.public_decisions(obj)[:FEED_SIZE]]
        for feed in registry.feeds:
            entries += feed(obj, FEED_SIZE)
        return sorted(entries, key=lambda e: e.published, reverse=True)[:FEED_SIZE]

    def _entry(self, decision) -> FeedItem:
        prefix = _("Correction: ") if decision.corrects_id else ""
        challenge = decision.challenge
        related = []
        description = decision.reasons
        if decision.council_document_url:
            related.append((decision.council_document_url, _("Council document")))
        if decision.ori_identifier:
            related.append((decision.ori_uri, _("In Open Raadsinformatie")))
            description += "\n\n{label}: {identifier}".format(
                label=_("Open Raadsinformatie identifier"), identifier=decision.ori_identifier
            )
        return DecisionFeedItem(
            kind="decision",
            title=f"{prefix}{challenge.reference} {challenge.title}: "
            f"{decision.get_outcome_display()}",
            description=description,
            related=tuple(related),
            link=reverse(
                "challenges:detail",
                kwargs={
                    "municipality": challenge.municipality.slug,
                    "reference": challenge.reference,
                },
            )
            + f"#besluit-{decision.pk}",
            published=decision.published_at,
            author=decision.get_body_display(),
        )

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.description

    def item_link(self, item) -> str:
        return item.link

    def item_guid(self, item) -> str:
        # A permanent id that does not depend on the host the feed was fetched from.
        return absolute_url(item.link)

    def item_categories(self, item) -> list[str]:
        return [item.kind]

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.published

    def item_author_name(self, item) -> str:
        return item.author

    def item_extra_kwargs(self, item) -> dict:
        return {"related": getattr(item, "related", ())}


decisions_feed = require_safe(cache_public_page(DecisionsFeed()))
