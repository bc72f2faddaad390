"""Writes for the assessment: frameworks, advice, scores and decisions."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.accounts.models import Role, User
from uitdaagrecht.challenges import api as kernel
from uitdaagrecht.challenges.api import Challenge, State, Visibility
from uitdaagrecht.core.caching import invalidate_municipality
from uitdaagrecht.notifications.models import Kind
from uitdaagrecht.notifications.personal import notify
from uitdaagrecht.tenants.models import Department, Municipality

from .events import AssessmentEvent
from .models import (
    AdviceRequest,
    Criterion,
    Decision,
    Framework,
    Level,
    Outcome,
    Score,
    Scorecard,
    Subject,
)
from .selectors import framework_of

ADVICE_STATES = (State.INTAKE, State.ASSESSMENT)
DEFAULT_LEVELS = (
    (0, "Niet aangetoond"),
    (1, "Zwak"),
    (2, "Voldoende"),
    (3, "Goed"),
    (4, "Uitstekend"),
)


# ---------------------------------------------------------------- frameworks


@transaction.atomic
def framework_draft(*, municipality: Municipality, actor: User) -> Framework:
    """The draft version, made from the current published one when there is none yet."""
    if not actor.has_perm("assessment.change_framework", municipality):
        raise PermissionDenied
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    draft = Framework.objects.filter(municipality=municipality, published_at__isnull=True).first()
    if draft is not None:
        return draft
    current = (
        Framework.objects.public()
        .filter(municipality=municipality)
        .prefetch_related("criteria__levels")
        .first()
    )
    draft = Framework.objects.create(
        municipality=municipality,
        version=(current.version + 1) if current else 1,
        introduction=current.introduction if current else "",
        deciding_body=current.deciding_body if current else Framework.deciding_body.field.default,
        created_by=actor,
    )
    for criterion in current.criteria.all() if current else ():
        copy = Criterion.objects.create(
            framework=draft,
            dimension=criterion.dimension,
            name=criterion.name,
            description=criterion.description,
            weight=criterion.weight,
            order=criterion.order,
        )
        Level.objects.bulk_create(
            Level(criterion=copy, value=level.value, description=level.description)
            for level in criterion.levels.all()
        )
    return draft


def _draft_of(criterion_or_framework) -> Framework:
    framework = getattr(criterion_or_framework, "framework", criterion_or_framework)
    if framework.is_published:
        raise ValidationError(_("A published framework is never changed: edit the new draft."))
    return framework


@transaction.atomic
def framework_update(
    *, framework: Framework, actor: User, introduction: str, deciding_body: str
) -> Framework:
    _draft_of(framework)
    if not actor.has_perm("assessment.change_framework", framework.municipality):
        raise PermissionDenied
    framework.introduction = introduction
    framework.deciding_body = deciding_body
    framework.save(update_fields=["introduction", "deciding_body"])
    return framework


@transaction.atomic
def criterion_save(
    *,
    framework: Framework,
    actor: User,
    criterion: Criterion | None,
    values: dict,
    levels: list[tuple[int, str]],
) -> Criterion:
    """Add or change a criterion of the draft, with its scale described in words."""
    _draft_of(framework)
    if not actor.has_perm("assessment.change_framework", framework.municipality):
        raise PermissionDenied
    if len(levels) < 2:
        raise ValidationError(_("Describe at least two levels of the scale."))
    criterion = criterion or Criterion(framework=framework)
    if criterion.framework_id != framework.pk:
        raise PermissionDenied
    for name, value in values.items():
        setattr(criterion, name, value)
    criterion.save()
    criterion.levels.all().delete()
    Level.objects.bulk_create(
        Level(criterion=criterion, value=value, description=text) for value, text in levels
    )
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion, actor: User) -> None:
    _draft_of(criterion)
    if not actor.has_perm("assessment.change_framework", criterion.framework.municipality):
        raise PermissionDenied
    criterion.delete()


@transaction.atomic
def framework_publish(*, framework: Framework, actor: User) -> Framework:
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    _draft_of(framework)
    if not actor.has_perm("assessment.change_framework", framework.municipality):
        raise PermissionDenied
    criteria = list(framework.criteria.prefetch_related("levels"))
    if not criteria:
        raise ValidationError(_("Add at least one criterion before publishing."))
    dimensions = {c.dimension for c in criteria}
    if len(dimensions) < 3:
        raise ValidationError(
            _(
                "A broad assessment has criteria in all three value dimensions: economic, "
                "social and democratic/administrative."
            )
        )
    framework.published_at = timezone.now()
    framework.save(update_fields=["published_at"])
    invalidate_municipality(framework.municipality)
    return framework


# ---------------------------------------------------------------- advice


@transaction.atomic
def advice_request(
    *,
    challenge: Challenge,
    department: Department,
    question: str,
    days: int,
    actor: User,
    now: datetime.datetime | None = None,
) -> AdviceRequest:
    if not actor.has_perm("assessment.request_advice", challenge):
        raise PermissionDenied
    challenge = kernel.challenge_locked(
        challenge,
        states=ADVICE_STATES,
        refusal=_("Advice is asked during the intake or the assessment."),
    )
    now = now or timezone.now()
    if department.municipality_id != challenge.municipality_id:
        raise PermissionDenied
    if AdviceRequest.objects.filter(
        challenge=challenge, department=department, submitted_at__isnull=True
    ).exists():
        raise ValidationError(
            _("{department} has an open request for advice already.").format(
                department=department.name
            )
        )
    request = AdviceRequest.objects.create(
        challenge=challenge,
        department=department,
        question=question.strip(),
        requested_at=now,
        deadline=now + datetime.timedelta(days=days),
        requested_by=actor,
    )
    kernel.record(
        challenge,
        AssessmentEvent.ADVICE_REQUESTED,
        Visibility.STAFF,
        actor,
        now=now,
        text=question.strip(),
        data={"department": department.name, "days": days},
    )
    advisors = User.objects.filter(
        staff_roles__municipality_id=challenge.municipality_id,
        staff_roles__role=Role.ADVISOR,
        staff_roles__department=department,
    ).distinct()
    notify(
        users=advisors,
        kind=Kind.MESSAGE,
        text=gettext_lazy("Your advice is asked on challenge {reference}, before {date}"),
        params={"reference": challenge.reference, "date": f"{request.deadline:%d-%m-%Y}"},
        url=reverse(
            "workspace:advice",
            kwargs={"municipality": challenge.municipality.slug, "pk": request.pk},
        ),
        at=now,
    )
    return request


@transaction.atomic
def advice_give(
    *,
    request: AdviceRequest,
    actor: User,
    text: str,
    recommendation: str,
    confidential: bool,
    confidential_reason: str,
    files: Iterable = (),
    now: datetime.datetime | None = None,
) -> AdviceRequest:
    challenge = kernel.challenge_locked(
        request.challenge,
        states=kernel.OPEN_STATES,
        refusal=_("This challenge is closed; advice is no longer asked."),
    )
    request = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    request.challenge = challenge
    if not actor.has_perm("assessment.give_advice", request):
        raise PermissionDenied
    if request.submitted_at is not None:
        raise ValidationError(_("This advice has been given already."))
    if confidential and not confidential_reason.strip():
        raise ValidationError({"confidential_reason": _("Say why the advice is confidential.")})
    request.advisor = actor
    request.text = text.strip()
    request.recommendation = recommendation
    request.confidential = confidential
    request.confidential_reason = confidential_reason.strip() if confidential else ""
    request.submitted_at = now or timezone.now()
    request.save()
    event = kernel.record(
        challenge,
        AssessmentEvent.ADVICE,
        Visibility.STAFF,
        actor,
        now=now,
        text=request.get_recommendation_display(),
        data={"advice": request.pk},
    )
    kernel.documents_store(challenge, actor, list(files), event=event, staff_only=True, now=now)
    return request


# ---------------------------------------------------------------- scores


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
    allowed = _score_values(framework)
    errors = {}
    card.scores.all().delete()
    if not recused:
        rows = []
        for criterion_id, values in allowed.items():
            for subject in Subject.values:
                value, motivation = scores.get((criterion_id, subject), (None, ""))
                key = f"score_{criterion_id}_{subject}"
                if value is None or not motivation.strip():
                    if submit:
                        errors[key] = _("Give a score and a short motivation.")
                    continue
                if value not in values:
                    errors[key] = _("Choose one of the levels of the scale.")
                    continue
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


# ---------------------------------------------------------------- decisions


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


def advice_overdue_escalate(*, now: datetime.datetime | None = None) -> list[AdviceRequest]:
    """Advice past its term counts as a stalled challenge (DESIGN.md §3): record it once on the
    timeline and tell the coordinators and the contact person. Safe to run concurrently."""
    now = now or timezone.now()
    escalated = []
    due = AdviceRequest.objects.filter(
        submitted_at__isnull=True, stalled_at__isnull=True, deadline__lt=now
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            if not AdviceRequest.objects.filter(pk=pk, stalled_at__isnull=True).update(
                stalled_at=now
            ):
                continue
            advice = AdviceRequest.objects.select_related(
                "challenge__municipality", "challenge__contact_person", "department"
            ).get(pk=pk)
            challenge = advice.challenge
            kernel.record(
                challenge,
                kernel.EventKind.ESCALATION,
                Visibility.STAFF,
                None,
                now=now,
                text=_("The advice of {department} is overdue.").format(
                    department=advice.department.name
                ),
                data={
                    "advice": advice.pk,
                    "deadline": advice.deadline.isoformat(),
                    "days_over": (now - advice.deadline).days,
                },
            )
            kernel.escalation_notify(challenge, now=now)
            escalated.append(advice)
    return escalated
