"""Links that leave the site: in e-mails, feeds and files."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """Links in e-mails point at the public address of the site, not at the request's host."""
    return settings.SITE_URL.rstrip("/") + path
