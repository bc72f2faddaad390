from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from uitdaagrecht.budgets.selectors import upcoming_budget_moments
from uitdaagrecht.core.caching import cache_public_page

from .selectors import municipality_by_slug
from .texts import DEFAULT_DEFINITION, DEFAULT_WHY


@require_safe
@cache_public_page
def home(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    return render(
        request,
        "tenants/home.html",
        {
            "municipality": place,
            "section": "home",
            "definition": place.definition or DEFAULT_DEFINITION,
            "why": place.why or DEFAULT_WHY,
            "moments": upcoming_budget_moments(municipality=place, today=timezone.localdate()),
        },
    )


@require_safe
@cache_control(public=True, max_age=86400)
def theme(request: HttpRequest, municipality: str) -> HttpResponse:
    """The municipality's design-token overrides; a stylesheet so no inline style is needed."""
    place = municipality_by_slug(municipality)
    return render(request, "tenants/theme.css", {"m": place}, content_type="text/css")
