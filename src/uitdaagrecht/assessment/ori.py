"""Open Raadsinformatie (ORI): the council's documents of all municipalities in one index, each
object with a numeric identifier whose address is https://id.openraadsinformatie.nl/<number>.
A decision names the council item it belongs to by that identifier (and the document's URL)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORI_BASE = "https://id.openraadsinformatie.nl/"
_FORMS = re.compile(r"^(?:https?://id\.openraadsinformatie\.nl/)?(?P<number>[1-9][0-9]{0,14})/?$")

INVALID = _(
    "An Open Raadsinformatie identifier is a number, e.g. 1234567, "
    "or its address, e.g. https://id.openraadsinformatie.nl/1234567."
)


def ori_normalise(value: str) -> str:
    """The bare number of an identifier typed as a number or as its address; '' for ''.
    Raises ValidationError for anything else."""
    value = (value or "").strip()
    if not value:
        return ""
    found = _FORMS.match(value)
    if found is None:
        raise ValidationError(INVALID, code="invalid_ori")
    return found["number"]


def validate_ori_identifier(value: str) -> None:
    """What is stored is the bare number."""
    if value and ori_normalise(value) != value:
        raise ValidationError(INVALID, code="invalid_ori")


def ori_uri(identifier: str) -> str:
    return ORI_BASE + identifier if identifier else ""
