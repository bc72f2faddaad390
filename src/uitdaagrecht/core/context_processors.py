from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {"LANGUAGES": settings.LANGUAGES, "DEBUG": settings.DEBUG}
