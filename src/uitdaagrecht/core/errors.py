"""Errors as pages of the product: in the site's layout and the visitor's language.

Django renders 400.html and 403.html itself; 404 and 500 go through the handlers below (see
conf/urls.py), and a 405 that a view returns bare (require_POST, a class-based view without the
method) is replaced by 405.html here, keeping its Allow header."""

import logging
import sys
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import Resolver404, resolve

from .outage import database_unavailable, is_outage

logger = logging.getLogger(__name__)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's layout if it can still be drawn; the plain bilingual page if not (a database
    that is down, a broken template). A database that is down is a 503 (core.outage)."""
    if is_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("The 500 page in the site's layout failed; the plain one is shown")
        return render(request, "500_plain.html", status=500)


def _way_back(path: str) -> str:
    """The nearest page above `path` that exists: a form's address usually sits under its page."""
    parts = [part for part in path.split("/") if part]
    while parts:
        parts.pop()
        candidate = "/" + "".join(f"{part}/" for part in parts)
        try:
            resolve(candidate)
        except Resolver404:
            continue
        return candidate
    return "/"


class MethodNotAllowedPage:
    """Replace Django's empty 405 with a page that says what happened and where to go."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not isinstance(response, HttpResponseNotAllowed) or response.content:
            return response
        page = render(request, "405.html", {"way_back": _way_back(request.path)}, status=405)
        page["Allow"] = response["Allow"]
        return page
