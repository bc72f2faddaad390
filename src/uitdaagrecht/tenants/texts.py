"""Default texts a municipality shows until it writes its own (tips 1 and 2)."""

from django.utils.translation import gettext_lazy as _

DEFAULT_DEFINITION = _(
    "The Right to Challenge is the right of residents' groups and (social) entrepreneurs from the "
    "neighbourhood to take over or co-produce local facilities and tasks of the municipality when "
    "they think they can do it better or differently. It is not the same as a citizen initiative, "
    "which adds something to what the municipality does, nor as social procurement, where the "
    "initiative lies with the municipality."
)
DEFAULT_WHY = _(
    "Residents often know best what their neighbourhood needs. With the Right to Challenge the "
    "municipality gives them room to organise services themselves, closer to the people they serve, "
    "and learns from their ideas. Every challenge is handled the same, fair and open way."
)
