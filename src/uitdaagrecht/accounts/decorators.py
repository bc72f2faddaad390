"""Fetch-and-check for staff pages: one call resolves the municipality and checks the permission,
so no view can forget the check (STYLE.md, "Permissions")."""

import functools
from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from uitdaagrecht.tenants.selectors import municipality_by_slug

from .otp import must_verify


def to_second_factor(request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse('accounts:two_factor')}?next={request.path}")


def second_factor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff accounts see their own pages (notifications included) only after the second factor;
    other accounts are not affected."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if must_verify(request.user):
            return to_second_factor(request)
        return view(request, *args, **kwargs)

    return wrapper


def staff_view(permission: str) -> Callable:
    """The view gets `request.municipality`; everyone without `permission` there is refused.

    Anonymous visitors go to the login page, staff (of any municipality) without a verified second
    factor to the TOTP page before any permission is looked at — so the answer says nothing of
    their roles — and everybody else without the permission gets 403.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        @never_cache
        def wrapper(request: HttpRequest, municipality: str, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if must_verify(request.user):
                return to_second_factor(request)
            place = municipality_by_slug(municipality)
            if not request.user.has_perm(permission, place):
                raise PermissionDenied(permission)
            request.municipality = place
            return view(request, *args, **kwargs)

        wrapper.permission = permission
        return wrapper

    return decorator
