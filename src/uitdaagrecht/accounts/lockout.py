"""The login lockout (django-axes, settings AXES_*): per username and client address, with the
client's address taken from X-Forwarded-For only behind TRUSTED_PROXY_COUNT proxies, and a lock
that starts short and grows."""

import ipaddress
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.utils import timezone


def client_address(request) -> str | None:
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies:
        # Each proxy appends the address it saw; what stands left of that came from the client.
        try:
            return str(ipaddress.ip_address(forwarded[-proxies]))
        except ValueError:
            pass  # not written by a proxy of ours: someone reached the app around them
    return request.META.get("REMOTE_ADDR")


def username(request, credentials: dict | None) -> str | None:
    """One username whatever its capitals and spaces, as the e-mail address it is."""
    data = credentials or getattr(request, "data", request.POST)
    typed = data.get(settings.AXES_USERNAME_FORM_FIELD) or ""
    return typed.strip().lower() or None


def cool_off(request) -> timedelta:
    """How long failures are remembered, and so how long a lock lasts: doubling with every
    AXES_FAILURE_LIMIT failures of this username from this address in the last day before the
    latest one (the same number when the failure is recorded and when a login is checked)."""
    first, longest = settings.AXES_COOLOFF_MINUTES
    address = getattr(request, "axes_ip_address", None)  # None: not about one login
    if address is None:
        return timedelta(minutes=first)
    name = username(request, getattr(request, "axes_credentials", None))
    latest = (
        AccessAttempt.objects.filter(username=name, ip_address=address)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    ) or timezone.now()
    earlier = AccessFailureLog.objects.filter(
        username=name,
        ip_address=address,
        attempt_time__gte=latest - timedelta(days=1),
        attempt_time__lt=latest,
    ).count()
    doublings = min((earlier + 1) // settings.AXES_FAILURE_LIMIT - 1, 12)
    return timedelta(minutes=min(first * 2 ** max(doublings, 0), longest))
