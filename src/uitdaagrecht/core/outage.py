"""A database that is down is an outage, not a fault: a friendly 503 in the site's layout (JSON for
the API), with Retry-After, and the site recovers by itself when the database is back (every
request opens a new connection after a failed one: CONN_HEALTH_CHECKS)."""

import logging

from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# OperationalError: refused, reset, timed out, "the database system is starting up", SQLite's
# "database is locked"; InterfaceError: a connection that was closed under us.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, UNAVAILABLE)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    logger.error("Database unavailable on %s %s", request.method, request.path)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": _("The service is temporarily unavailable. Try again in a minute.")},
            status=503,
        )
    else:
        # The anonymous layout: who is logged in and the session's messages live in the database.
        context = {"user": AnonymousUser(), "messages": [], "perms": {}}
        try:
            response = render(request, "503.html", context, status=503)
        except Exception:
            logger.exception("The 503 page in the site's layout failed; the plain one is shown")
            response = render(request, "503_plain.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
