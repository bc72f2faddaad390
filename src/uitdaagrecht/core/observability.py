"""What operations see: one JSON log line per request with a request id, and Prometheus metrics.

The log line carries no personal data: no query string (alert forms and searches put e-mail
addresses there), no raw path (confirmation and invitation links carry tokens in it) but the URL
pattern that matched, no user name or id, no client address. The request id comes from the proxy's
X-Request-ID when it looks like one, else it is made here; it goes back in the response header
and is printed on the error pages, so a person who reports a problem can quote it.
"""

import json
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_prometheus.exports import ExportToDjangoView

logger = logging.getLogger("uitdaagrecht.requests")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id_of(request: HttpRequest) -> str:
    offered = request.META.get("HTTP_X_REQUEST_ID", "")
    return offered if REQUEST_ID.match(offered) else uuid.uuid4().hex


class RequestLogMiddleware:
    """The outermost middleware: gives the request its id and logs one line when it is answered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = request_id_of(request)
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        match = getattr(request, "resolver_match", None)
        logger.info(
            "request",
            extra={
                "request_id": request.request_id,
                "method": request.method,
                "route": "/" + match.route if match is not None else None,
                "view": match.view_name if match is not None else None,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the record's extra fields."""

    STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({k: v for k, v in vars(record).items() if k not in self.STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics for the operations team: only with the METRICS_TOKEN as bearer token
    or from an address in METRICS_ALLOWED_IPS; everybody else gets a 404 (not even a hint)."""
    token = settings.METRICS_TOKEN
    offered = request.META.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ").strip()
    allowed = (token and offered and constant_time_compare(offered, token)) or (
        request.META.get("REMOTE_ADDR") in settings.METRICS_ALLOWED_IPS
    )
    if not allowed:
        raise Http404
    return ExportToDjangoView(request)
