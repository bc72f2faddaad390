"""{% error_reports municipality "task" task %}: the 'Klopt dit niet?' link of a public page and
the outcomes of the reports made from it (one query)."""

from django import template
from django.conf import settings
from django.utils import translation

from uitdaagrecht.opendata.models import Subject
from uitdaagrecht.opendata.reports import challenge_page, public_outcomes, taakveld_page

register = template.Library()


def _subject(municipality, subject: str, obj) -> tuple[str, str]:
    """(key, page) of the thing a page shows."""
    with translation.override(settings.LANGUAGE_CODE):
        if subject == Subject.TASK:
            return str(obj.pk), obj.get_absolute_url()
        if subject == Subject.TAAKVELD:
            return obj.code, taakveld_page(municipality, obj.code)
        return obj.reference, challenge_page(municipality, obj.reference)


@register.inclusion_tag("opendata/_report.html")
def error_reports(municipality, subject: str, obj) -> dict:
    key, page = _subject(municipality, subject, obj)
    return {
        "municipality": municipality,
        "subject": subject,
        "key": key,
        "outcomes": public_outcomes(municipality=municipality, page=page),
    }
