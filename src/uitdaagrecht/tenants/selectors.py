"""Reads of municipalities."""

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Municipality


def municipality_search(*, query: str = "") -> QuerySet[Municipality]:
    """Current municipalities whose name, province or CBS code matches; all of them without a query.

    The code matches with or without its GM prefix and leading zeros (`363`, `0363`, `GM0363`).
    """
    municipalities = Municipality.objects.filter(is_active=True).only(
        "name", "slug", "province", "cbs_code", "population"
    )
    if not query:
        return municipalities.order_by("province", "name")
    conditions = Q(name__icontains=query) | Q(province__icontains=query)
    digits = query.upper().removeprefix("GM")
    if digits.isdigit() and len(digits) <= 4:
        conditions |= Q(cbs_code=f"GM{int(digits):04d}")
    return municipalities.filter(conditions).order_by("name")


def municipality_by_slug(slug: str) -> Municipality:
    try:
        return Municipality.objects.get(slug=slug)
    except Municipality.DoesNotExist:
        raise Http404(slug) from None
