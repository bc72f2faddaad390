from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .branding import favicon_png
from .forms import PAGE_BACKGROUND, contrast_ratio
from .selectors import municipality_by_slug


@require_safe
@cache_control(public=True, max_age=86400)
def theme(request: HttpRequest, municipality: str) -> HttpResponse:
    """The municipality's design-token overrides; a stylesheet so no inline style is needed."""
    place = municipality_by_slug(municipality)
    # Secondary buttons have the brand colour as text on white: only when it reads (4.5:1).
    reads = bool(place.brand_colour) and contrast_ratio(place.brand_colour, PAGE_BACKGROUND) >= 4.5
    return render(
        request,
        "tenants/theme.css",
        {"m": place, "brand_reads_on_white": reads},
        content_type="text/css",
    )


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest, municipality: str) -> HttpResponse:
    """The municipality's logo as the icon in the browser tab (the platform's without a logo)."""
    place = municipality_by_slug(municipality)
    if not place.logo:
        return redirect("favicon")
    return HttpResponse(favicon_png(place), content_type="image/png")
