"""Template helpers: language links, amounts with their unit, changes in percent."""

import datetime
from decimal import Decimal

from django import template
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import dateformat, timezone
from django.utils.encoding import iri_to_uri
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language, ngettext, override
from django.utils.translation import gettext as _

from uitdaagrecht.core.text import single_stop as text_single_stop

register = template.Library()


@register.filter
def single_stop(text: str) -> str:
    """One full stop after a name that ends in one ("… Holtenbroek U.A.."), see core.text."""
    return text_single_stop(text)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    request: HttpRequest = context["request"]
    current = context.get("LANGUAGE_CODE")
    return [
        {"code": code, "name": name, "url": _in_language(request, code), "current": code == current}
        for code, name in context["LANGUAGES"]
    ]


def _in_language(request: HttpRequest, code: str) -> str:
    """What `translate_url(request.get_full_path(), code)` gives, from the request's own match:
    without resolving the path again for every language of every page."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return translate_url(request.get_full_path(), code)
    with override(code):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.get_full_path()
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path


def _grouped(value: int) -> str:
    # The same result as humanize's intcomma, without its per-call locale machinery: budget
    # pages format hundreds of amounts.
    return f"{value:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


@register.filter
def thousands(value: int | None) -> str:
    """A whole number with the locale's thousands separator; an em dash for unknown."""
    if value is None:
        return "—"
    return _grouped(int(value))


@register.filter
def euros(value: float | Decimal | None) -> str:
    """An amount in whole euros, e.g. € 1.234."""
    if value is None:
        return "—"
    return "€\u00a0" + _grouped(round(value))


@register.filter
def percent_change(value: float | None) -> str:
    if value is None:
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return _("{sign}{value}%").format(
        sign=sign, value=number_format(abs(value), decimal_pos=1, use_l10n=True)
    )


@register.filter
def signed_class(value: float | None) -> str:
    if value is None or value == 0:
        return ""
    return "utrecht-number-data--positive" if value > 0 else "utrecht-number-data--negative"


@register.filter
def countdown(days: int | None) -> str:
    """Days left of a term in words: "10 days left", "last day today", "14 days late"."""
    if days is None:
        return "—"
    if days > 0:
        return ngettext("{days} day left", "{days} days left", days).format(days=days)
    if days == 0:
        return _("last day today")
    late = -days
    return ngettext("{days} day late", "{days} days late", late).format(days=late)


@register.filter
def euros_spoken(value: float | Decimal | None, unit: str = "") -> str:
    """An amount as people say it: € 852 miljoen, € 1,2 miljard; below a million the exact
    figure (€ 679.500). unit="k" for figures in thousands of euros (Iv3). Tables keep the
    exact figure (`euros`)."""
    if value is None:
        return "—"
    amount = float(value) * (1000 if unit == "k" else 1)
    size = abs(amount)
    if size < 1_000_000:
        return euros(round(amount))
    if size < 1_000_000_000:
        scaled, text = amount / 1_000_000, _("€ {amount} million")
    else:
        scaled, text = amount / 1_000_000_000, _("€ {amount} billion")
    decimals = 1 if abs(scaled) < 10 and round(scaled, 1) != round(scaled) else 0
    return text.format(amount=number_format(round(scaled, decimals), decimal_pos=decimals))


# Dutch month abbreviations as the Taaladvies and the government's style guide write them.
NL_MONTHS = (
    "jan.",
    "feb.",
    "mrt.",
    "apr.",
    "mei",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)


@register.filter
def short_date(value: datetime.date | datetime.datetime | None) -> str:
    """A date in a table: "19 okt. 2026" in Dutch, "19 Oct 2026" in English."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if get_language().startswith("nl"):
        return f"{value.day} {NL_MONTHS[value.month - 1]} {value.year}"
    return dateformat.format(value, "j M Y")
