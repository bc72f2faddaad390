"""Where a person was going when they were asked to log in: the login page says it in words, and
the destination (`next`) is carried safely through login, registration and e-mail verification."""

from urllib.parse import parse_qs, urlencode, urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def safe_next(request: HttpRequest, default: str = "") -> str:
    """The `next` of the request (POST before GET) if it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def with_next(url: str, next_url: str) -> str:
    """`url` with ?next=… when there is a destination."""
    if not next_url:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urlencode({'next': next_url})}"


def purpose(next_url: str) -> str:
    """What the person was about to do, for the login and registration pages; "" when unknown."""
    if not next_url:
        return ""
    parts = urlsplit(next_url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return ""
    name = match.view_name
    if name == "challenges:draft_start":
        if parse_qs(parts.query).get("taak"):
            return _("Log in or create an account to challenge this task.")
        return _("Log in or create an account to submit a challenge.")
    if name == "challenges:draft_step":
        return _("Log in to continue your draft challenge.")
    if name.startswith("challenges:dossier"):
        return _("Log in to open the dossier of your challenge.")
    if name.startswith("accounts:organisation"):
        return _("Log in or create an account to join the organisation that invited you.")
    if name.startswith("workspace:"):
        return _("Log in to the municipality's workspace.")
    if name.startswith("notifications:"):
        return _("Log in to see your notifications.")
    return _("Log in or create an account to continue where you were.")
