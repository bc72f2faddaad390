from django import template

from uitdaagrecht.agreements import selectors

register = template.Library()


@register.inclusion_tag("agreements/_public.html")
def public_agreement(challenge):
    """The signed version that applies, without the parts marked confidential."""
    return {"version": selectors.applying(challenge), "public_only": True}
