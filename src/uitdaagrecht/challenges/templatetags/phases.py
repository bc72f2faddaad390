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
        name, context = section(challenge)
        parts.append(render_to_string(name, context))
    return mark_safe("".join(parts))  # noqa: S308 (templates that escape what they show)
