from django import template
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.accounts.models import Role
from uitdaagrecht.challenges.models import Classification
from uitdaagrecht.challenges.workflow import Actor

register = template.Library()

ROLE_LABELS = {
    **dict(Actor.choices),
    "staff": _("the municipality"),
    "evaluator": Role.EVALUATOR.label,
    "system": _("the platform"),
}


@register.filter
def role_label(value: str) -> str:
    """How an actor appears where names may not: a role."""
    return ROLE_LABELS.get(value, "")


@register.filter
def classification_label(value: str) -> str:
    return dict(Classification.choices).get(value, "")
