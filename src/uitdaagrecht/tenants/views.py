from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .selectors import municipality_by_slug


@require_safe
@cache_control(public=True, max_age=86400)
def theme(request: HttpRequest, municipality: str) -> HttpResponse:
    """The municipality's design-token overrides; a stylesheet so no inline style is needed."""
    place = municipality_by_slug(municipality)
    return render(request, "tenants/theme.css", {"m": place}, content_type="text/css")
