from pathlib import Path

from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .errors import page_not_found, server_error  # noqa: F401 - conf/urls.py's handlers


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness, and the baseline of every benchmark: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})


FAVICON = Path(__file__).resolve().parent.parent / "static" / "favicon.ico"


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """The platform's icon at the address browsers and crawlers ask for without a <link>."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/vnd.microsoft.icon")
    patch_cache_control(response, public=True, max_age=7 * 24 * 3600)
    return response
