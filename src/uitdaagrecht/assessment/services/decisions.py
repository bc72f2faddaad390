"""Decisions with their reasons, which take the decide_* step of the workflow; corrections."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitdaagrecht.accounts.models import User
from uitdaagrecht.challenges import api as kernel
from uitdaagrecht.challenges.api import Challenge, Visibility

from ..events import AssessmentEvent
from ..models import (
    Decision,
    Outcome,
)


@transaction.atomic
def decide(
    *,
    challenge: Challenge,
    actor: User,
    version: int | None,
    values: dict,
    now: datetime.datetime | None = None,
) -> Decision:
    """Record the decision and move the challenge on, in one transaction: accepted (also in
    part) → agreements, rejected → rejected. Two decision makers at once: one decision."""
    outcome = values["outcome"]
    if outcome == Outcome.PARTIAL and not values.get("part", "").strip():
        raise ValidationError({"part": _("Say which part is accepted.")})
    action = "decide_reject" if outcome == Outcome.REJECT else "decide_accept"
    decision = Decision(
        challenge=challenge, decided_by=actor, published_at=now or timezone.now(), **values
    )
    decision.full_clean(exclude=["challenge", "decided_by"])
    moved = kernel.transition(
        challenge=challenge,
        action=action,
        actor=actor,
        version=version,
        reason=values["reasons"],
        decision=decision,
        now=now,
    )
    decision.challenge = moved
    decision.save()
    return decision


@transaction.atomic
def decision_correct(
    *, decision: Decision, actor: User, values: dict, now: datetime.datetime | None = None
) -> Decision:
    """A correction of a published decision: a new decision linked to it, same outcome."""
    challenge = kernel.challenge_locked(decision.challenge)
    original = Decision.objects.select_for_update().get(pk=decision.pk)
    original.challenge = challenge
    if not actor.has_perm("assessment.decide", original.challenge):
        raise PermissionDenied
    if hasattr(original, "correction"):
        raise ValidationError(_("This decision has been corrected already; correct the latest."))
    if values["outcome"] != original.outcome:
        raise ValidationError(
            {
                "outcome": _(
                    "A correction keeps the outcome. A different outcome needs a new procedure."
                )
            }
        )
    correction = Decision(
        challenge=challenge,
        decided_by=actor,
        corrects=original,
        published_at=now or timezone.now(),
        **values,
    )
    correction.full_clean(exclude=["challenge", "decided_by", "corrects"])
    correction.save()
    kernel.record(
        challenge,
        AssessmentEvent.DECISION_CORRECTED,
        Visibility.PUBLIC,
        actor,
        now=now,
        text=correction.reasons,
        data={"decision": correction.pk, "corrects": original.pk},
    )
    return correction
