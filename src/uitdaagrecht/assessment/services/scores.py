"""Scores: each assessor scores the challengers and the current provider on the same criteria."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitdaagrecht.accounts.models import User
from uitdaagrecht.challenges import api as kernel
from uitdaagrecht.challenges.api import Challenge, State, Visibility

from ..events import AssessmentEvent
from ..models import (
    Framework,
    Score,
    Scorecard,
    Subject,
)
from ..selectors import framework_of


def _score_values(framework: Framework) -> dict[int, set[int]]:
    return {
        c.pk: {level.value for level in c.levels.all()}
        for c in framework.criteria.prefetch_related("levels")
    }


@transaction.atomic
def scorecard_save(
    *,
    challenge: Challenge,
    actor: User,
    scores: dict[tuple[int, str], tuple[int, str]],
    conflict_of_interest: str = "",
    recused: bool = False,
    submit: bool = False,
    now: datetime.datetime | None = None,
) -> Scorecard:
    """Save an assessor's scores; `scores[(criterion id, subject)] = (value, motivation)`.

    Submitting needs a score and a motivation for every criterion, for the challengers and for
    the current provider alike: the same yardstick for both (tip 5). A recused assessor scores
    nothing.
    """
    if not actor.has_perm("assessment.score", challenge):
        raise PermissionDenied
    challenge = kernel.challenge_locked(
        challenge,
        states=[State.ASSESSMENT],
        refusal=_("Scores are given during the assessment phase."),
    )
    framework = framework_of(challenge)
    if framework is None:
        raise ValidationError(_("There is no published assessment framework to score on."))
    card, _created = Scorecard.objects.select_for_update().get_or_create(
        challenge=challenge, assessor=actor, defaults={"framework": framework}
    )
    if card.submitted_at is not None:
        raise ValidationError(_("You have submitted your scores; they can no longer change."))
    card.conflict_of_interest = conflict_of_interest.strip()
    card.recused = recused
    card.scores.all().delete()
    errors = {} if recused else _scores_store(card, _score_values(framework), scores, submit)
    if errors:
        raise ValidationError(errors)
    if submit:
        card.submitted_at = now or timezone.now()
        kernel.record(
            challenge,
            AssessmentEvent.SCORES,
            Visibility.STAFF,
            actor,
            now=now,
            data={"recused": recused},
        )
    card.save()
    return card


def _scores_store(
    card: Scorecard, allowed: dict[int, set[int]], scores: dict, submit: bool
) -> dict[str, str]:
    """Store the scores that are complete and on the scale; the problems per form field (for
    submitting, every criterion needs a score and a motivation for both subjects)."""
    errors, rows = {}, []
    for criterion_id, values in allowed.items():
        for subject in Subject.values:
            value, motivation = scores.get((criterion_id, subject), (None, ""))
            key = f"score_{criterion_id}_{subject}"
            if value is None or not motivation.strip():
                if submit:
                    errors[key] = _("Give a score and a short motivation.")
            elif value not in values:
                errors[key] = _("Choose one of the levels of the scale.")
            else:
                rows.append(
                    Score(
                        scorecard=card,
                        criterion_id=criterion_id,
                        subject=subject,
                        value=value,
                        motivation=motivation.strip(),
                    )
                )
    Score.objects.bulk_create(rows)
    return errors
