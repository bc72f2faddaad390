from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from uitdaagrecht.core.caching import cache_public_page
from uitdaagrecht.tenants.selectors import municipality_by_slug

from .models import LICENCE_URL, SOURCE_ATTRIBUTION, SOURCE_URL, Document, Taakveld
from .selectors import (
    Period,
    available_periods,
    budget_overview,
    default_period,
    taakveld_history,
    upcoming_budget_moments,
)

CHART = {"label_width": 330, "bar_width": 330, "bar_height": 22, "gap": 10}


def period_label(period: Period) -> str:
    return _("{document} {year}").format(document=Document(period[1]).heading, year=period[0])


def _source() -> dict:
    return {"attribution": SOURCE_ATTRIBUTION, "url": SOURCE_URL, "licence_url": LICENCE_URL}


@require_safe
@cache_public_page
def overview(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    periods = available_periods()
    choices = [(f"{y}-{d}", period_label((y, d))) for y, d in periods]
    requested = request.GET.get("periode", "")
    period = next((p for p in periods if f"{p[0]}-{p[1]}" == requested), None)
    error = ""
    if requested and period is None and periods:
        error = _("There are no figures for “{requested}”. Showing {period} instead.").format(
            requested=requested[:40], period=period_label(default_period(periods))
        )
    period = period or default_period(periods)
    context = {
        "municipality": place,
        "section": "budget",
        "choices": choices,
        "selected": f"{period[0]}-{period[1]}" if period else "",
        "source": _source(),
        "period_error": error,
        "taakveld_prefix": reverse(
            "budgets:taakveld", kwargs={"municipality": place.slug, "code": "-"}
        ).removesuffix("-/"),
        "moments": upcoming_budget_moments(municipality=place, today=timezone.localdate()),
    }
    if period:
        # Worked out only when the fragment of the figures is not in the cache (core.fragments).
        budget = SimpleLazyObject(
            lambda: budget_overview(municipality=place, period=period, periods=periods)
        )
        context |= {
            "budget": budget,
            "period_label": period_label(period),
            "previous_label": SimpleLazyObject(
                lambda: period_label(budget.previous) if budget.previous else ""
            ),
            "chart": SimpleLazyObject(lambda: _chart(budget.rows)),
        }
    return render(request, "budgets/overview.html", context, status=400 if error else 200)


def _chart(rows) -> dict:
    """Horizontal bars of expenditure per hoofdtaakveld, drawn as SVG without scripts."""
    largest = max((row.expenditure or 0 for row in rows), default=0) or 1
    step = CHART["bar_height"] + CHART["gap"]
    bars = []
    for i, row in enumerate(rows):
        width = max(row.expenditure or 0, 0) / largest * CHART["bar_width"]
        bars.append(
            {
                "y": i * step,
                "text_y": i * step + CHART["bar_height"] * 0.72,
                "width": round(width, 1),
                "value_x": round(CHART["label_width"] + width + 6, 1),
                "row": row,
            }
        )
    return {
        **CHART,
        "bars": bars,
        "height": len(rows) * step,
        "width": CHART["label_width"] + CHART["bar_width"] + 140,
    }


@require_safe
@cache_public_page
def taakveld_detail(request: HttpRequest, municipality: str, code: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    taakveld = Taakveld.objects.select_related("hoofdtaakveld").filter(code=code).first()
    if taakveld is None:
        raise Http404(code)
    # Worked out only when the fragment of the figures is not in the cache (core.fragments).
    history = SimpleLazyObject(
        lambda: _labelled(taakveld_history(municipality=place, taakveld=taakveld))
    )
    chart = SimpleLazyObject(lambda: _history_chart(history))
    return render(
        request,
        "budgets/taakveld.html",
        {
            "municipality": place,
            "section": "budget",
            "taakveld": taakveld,
            "history": history,
            "chart": chart,
            "source": _source(),
        },
    )


def _labelled(history: list) -> list:
    for year in history:
        year.label = period_label(year.period)
    return history


def _history_chart(history) -> dict:
    """Bars per year of expenditure per inhabitant, the municipality's and the national one."""
    largest = (
        max(
            (max(y.per_inhabitant or 0, y.national_per_inhabitant or 0) for y in history),
            default=0,
        )
        or 1
    )
    bars = []
    for i, year in enumerate(history):
        own = max(year.per_inhabitant or 0, 0) / largest * CHART["bar_width"]
        national = max(year.national_per_inhabitant or 0, 0) / largest * CHART["bar_width"]
        y = i * 64
        bars.append(
            {
                "year": year,
                "y": y,
                "text_y": y + 16,
                "width": round(own, 1),
                "value_x": round(CHART["label_width"] + own + 6, 1),
                "national_y": y + 26,
                "national_text_y": y + 42,
                "national_width": round(national, 1),
                "national_value_x": round(CHART["label_width"] + national + 6, 1),
            }
        )
    return {**CHART, "bars": bars, "height": len(bars) * 64, "width": 800}
