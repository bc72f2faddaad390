from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {
        "LANGUAGES": settings.LANGUAGES,
        "DEBUG": settings.DEBUG,
        # Shown on the error pages, so a report can be matched to its log line.
        "request_id": getattr(request, "request_id", ""),
    }
