from django import template

from uitdaagrecht.assessment import selectors

register = template.Library()


@register.inclusion_tag("assessment/_public.html")
def public_assessment(challenge):
    """Decisions with their reasons, the advice (unless confidential) and the scores side by
    side: published once there is a decision (tip 3)."""
    decisions = selectors.decisions_of(challenge)
    return {
        "challenge": challenge,
        "decisions": decisions,
        "advice": selectors.public_advice(challenge, decided=bool(decisions)),
        "result": (
            selectors.result(challenge, selectors.framework_of(challenge, levels=False))
            if decisions
            else None
        ),
    }
