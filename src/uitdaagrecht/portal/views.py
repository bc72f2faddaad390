"""Public and personal pages that combine several apps: the platform's home page, a
municipality's Right to Challenge page, and the account home."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from uitdaagrecht.accounts.models import StaffRole
from uitdaagrecht.accounts.permissions import GUEST_ROLES
from uitdaagrecht.budgets.selectors import upcoming_budget_moments
from uitdaagrecht.challenges.selectors import challenges_of_user
from uitdaagrecht.core.caching import cache_public_page
from uitdaagrecht.monitoring.selectors import assignments_of
from uitdaagrecht.notifications.personal import notifications_unread
from uitdaagrecht.tenants.selectors import municipality_by_slug, municipality_search
from uitdaagrecht.tenants.texts import DEFAULT_DEFINITION, DEFAULT_WHY


@require_safe
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    municipalities = municipality_search(query=query)
    # One reverse() for all links instead of one per municipality (342 on this page).
    prefix = reverse("portal:municipality", kwargs={"municipality": "-"}).removesuffix("-/")
    return render(
        request,
        "core/home.html",
        {
            "query": query,
            "municipalities": municipalities,
            "searched": bool(query),
            "prefix": prefix,
        },
    )


@require_safe
@cache_public_page
def municipality(request: HttpRequest, municipality: str) -> HttpResponse:
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


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """Where a logged-in person lands: the municipalities they work for, their organisations and
    their challenges, and unread notifications."""
    # One read of the roles: the municipalities the person works for; the independent
    # evaluator's role opens no workspace, its evaluations are listed instead (one more query,
    # only for an evaluator).
    roles = list(
        StaffRole.objects.filter(user=request.user)
        .select_related("municipality")
        .order_by("municipality__name", "pk")
    )
    municipalities = list(
        {r.municipality_id: r.municipality for r in roles if r.role not in GUEST_ROLES}.values()
    )
    evaluator = any(r.role in GUEST_ROLES for r in roles)
    memberships = request.user.memberships.select_related("organisation")
    return render(
        request,
        "accounts/home.html",
        {
            "municipalities": municipalities,
            "memberships": memberships,
            "challenges": challenges_of_user(request.user),
            "assignments": assignments_of(request.user) if evaluator else [],
            "unread": notifications_unread(request.user),
            # Verified with a device: the second-factor settings open (no query when not).
            "has_authenticator": request.user.is_verified(),
        },
    )


@require_safe
def accessibility(request: HttpRequest, municipality: str | None = None) -> HttpResponse:
    """The accessibility statement: the platform's part, and the municipality's additions and
    contact for complaints on /<slug>/toegankelijkheid/."""
    place = municipality_by_slug(municipality) if municipality else None
    return render(request, "tenants/accessibility.html", {"municipality": place})
