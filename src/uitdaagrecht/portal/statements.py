"""The statements a Dutch government site must have, per municipality: its privacy statement (the
accessibility statement is `views.accessibility`)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from uitdaagrecht.accounts.privacy import retention_periods
from uitdaagrecht.tenants.selectors import municipality_by_slug


@require_safe
def privacy_statement(request: HttpRequest, municipality: str) -> HttpResponse:
    """/<slug>/privacy/: the municipality as controller of its Right to Challenge, what is
    processed, why and how long, the rights of the people concerned and its data protection
    officer."""
    place = municipality_by_slug(municipality)
    return render(request, "tenants/privacy.html", {"municipality": place, **retention_periods()})
