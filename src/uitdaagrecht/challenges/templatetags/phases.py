from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from uitdaagrecht.challenges.extensions import registry

register = template.Library()


@register.simple_tag
def public_sections(challenge) -> str:
    """What the phase extensions add to the public challenge page, in the order they registered."""
    parts = []
    for section in registry.public_sections:
        if (found := section(challenge)) is not None:  # None: nothing to show for this one
            parts.append(render_to_string(*found))
    return mark_safe("".join(parts))  # noqa: S308 (templates that escape what they show)
