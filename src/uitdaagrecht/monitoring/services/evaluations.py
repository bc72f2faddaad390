"""The evaluation: every challenge that got to execution is evaluated (tip 4); an interim
evaluation leads back to execution, a final one to continue, complete or stop."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.accounts.models import Role, User
from uitdaagrecht.challenges import api as kernel
from uitdaagrecht.challenges.api import Challenge, Outcome, State, Visibility
from uitdaagrecht.notifications.models import Kind as NoticeKind
from uitdaagrecht.notifications.personal import notify

from ..events import MonitoringEvent
from ..models import Assignment, Conclusion, Evaluation, InterimMoment, Kind
from ..permissions import is_assigned_evaluator
from ..selectors import progress
from . import followers

# While an independent evaluator can be chosen: from the start of execution until the end.
ASSIGNABLE = (State.EXECUTION, State.EVALUATION)


@transaction.atomic
def evaluation_record(*, challenge: Challenge, actor: User, values: dict, now=None) -> Evaluation:
    """Record an evaluation in the evaluation phase, with the results as they stand."""
    if not actor.has_perm("monitoring.evaluate", challenge):
        raise PermissionDenied
    challenge = kernel.challenge_locked(
        challenge,
        states=[State.EVALUATION],
        refusal=_("An evaluation is recorded in the evaluation phase."),
    )
    evaluation = Evaluation(
        challenge=challenge,
        recorded_by=actor,
        recorded_at=now or timezone.now(),
        results=[
            {
                "indicator": row.result.indicator,
                "unit": row.result.unit,
                "baseline": str(row.result.baseline) if row.result.baseline is not None else None,
                "target": str(row.result.target),
                "realised": str(row.latest) if row.latest is not None else None,
            }
            for row in progress(challenge, public=False)
        ],
        **values,
    )
    if evaluation.kind == Kind.INTERIM:
        evaluation.conclusion = ""
    # Who evaluated: the independent evaluator, or the municipality (a case handler).
    evaluation.independent = bool(is_assigned_evaluator(actor, challenge)) and not (
        kernel.is_case_handler(actor, challenge)
    )
    evaluation.full_clean(exclude=["challenge", "recorded_by"])
    evaluation.save()
    if evaluation.kind == Kind.INTERIM:
        # The experiment's earliest interim evaluation date still open is settled by it.
        open_date = (
            InterimMoment.objects.filter(challenge=challenge, evaluated_at__isnull=True)
            .order_by("due_on")
            .first()
        )
        if open_date is not None:
            open_date.evaluated_at = evaluation.recorded_at
            open_date.save(update_fields=["evaluated_at"])
    event = kernel.record(
        challenge,
        MonitoringEvent.EVALUATION,
        Visibility.PUBLIC,
        actor,
        now=now,
        text=evaluation.conclusion_reasons,
        data={"evaluation": evaluation.pk, "kind": evaluation.kind},
    )
    followers.followers_tell(
        challenge, event, followers.INTERIM if evaluation.kind == Kind.INTERIM else followers.FINAL
    )
    return evaluation


def _latest(challenge: Challenge, kind: str) -> Evaluation | None:
    """The evaluation of this kind recorded in the current evaluation phase."""
    return (
        Evaluation.objects.filter(
            challenge=challenge, kind=kind, recorded_at__gte=challenge.phase_started_at
        )
        .order_by("-recorded_at", "-pk")
        .first()
    )


def interim_evaluation(challenge: Challenge, **details) -> str | None:
    if _latest(challenge, Kind.INTERIM) is not None:
        return None
    return _("Record the interim evaluation on the evaluation page first.")


def final_evaluation(challenge: Challenge, *, action: str = "", **details) -> str | None:
    final = _latest(challenge, Kind.FINAL)
    if final is None:
        return _("Record the final evaluation on the evaluation page first.")
    if action == "continue" and final.conclusion not in (Conclusion.CONTINUE, Conclusion.ADJUST):
        return _("The final evaluation does not conclude to continue.")
    return None


def evaluated_before_stopping(challenge: Challenge, **details) -> str | None:
    """Before execution, stopping needs only a reason; in the evaluation phase a final
    evaluation that concludes to stop."""
    if challenge.state != State.EVALUATION:
        return None
    final = _latest(challenge, Kind.FINAL)
    if final is not None and final.conclusion == Conclusion.STOP:
        return None
    return _("Stopping follows a final evaluation that concludes to stop.")


@transaction.atomic
def challengers_view(*, challenge: Challenge, actor: User, text: str, now=None):
    """The challengers write their own view for the evaluation (each side writes its own); the
    evaluation takes the latest one as it is."""
    if not actor.has_perm("monitoring.report", challenge):
        raise PermissionDenied
    challenge = kernel.challenge_locked(
        challenge,
        states=[State.EVALUATION],
        refusal=_("Your view is asked for in the evaluation phase."),
    )
    if not text.strip():
        raise ValidationError({"text": _("Write your view.")})
    return kernel.record(
        challenge, MonitoringEvent.VIEW, Visibility.PARTICIPANTS, actor, now=now, text=text.strip()
    )


def latest_challengers_view(challenge: Challenge) -> str:
    return (
        kernel.Event.objects.filter(challenge=challenge, kind=MonitoringEvent.VIEW)
        .order_by("-created_at", "-pk")
        .values_list("text", flat=True)
        .first()
        or ""
    )


def evaluator_candidates(challenge: Challenge):
    """The people with the role of independent evaluator in the challenge's municipality."""
    return User.objects.filter(
        is_active=True,
        staff_roles__municipality_id=challenge.municipality_id,
        staff_roles__role=Role.EVALUATOR,
    ).order_by("full_name", "email")


def evaluator_url(challenge: Challenge) -> str:
    """The one page of a challenge the independent evaluator opens."""
    return reverse(
        "monitoring:evaluator",
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )


@transaction.atomic
def evaluator_assign(*, challenge: Challenge, actor: User, evaluator: User, now=None) -> Assignment:
    """The coordinator chooses the independent evaluator (one at a time): from then on that
    person writes the evaluations of this challenge, and nothing else."""
    if not actor.has_perm("monitoring.assign_evaluator", challenge):
        raise PermissionDenied
    challenge = kernel.challenge_locked(
        challenge,
        states=ASSIGNABLE,
        refusal=_("An independent evaluator is chosen during execution and evaluation."),
    )
    if not evaluator_candidates(challenge).filter(pk=evaluator.pk).exists():
        raise ValidationError(
            {"evaluator": _("Choose someone with the role of independent evaluator.")}
        )
    now = now or timezone.now()
    assignment, _created = Assignment.objects.update_or_create(
        challenge=challenge,
        defaults={"evaluator": evaluator, "assigned_by": actor, "assigned_at": now},
    )
    kernel.record(
        challenge,
        MonitoringEvent.EVALUATOR,
        Visibility.PARTICIPANTS,
        actor,
        now=now,
        text=evaluator.full_name,  # a name, never the e-mail address, on the timeline
        data={"evaluator": evaluator.pk},
    )
    notify(
        users=[evaluator],
        kind=NoticeKind.ASSIGNMENT,
        text=gettext_lazy("You are the independent evaluator of challenge {reference}"),
        params={"reference": challenge.reference},
        url=evaluator_url(challenge),
        exclude=actor,
        at=now,
    )
    return assignment


def assignment_of(challenge: Challenge) -> Assignment | None:
    return Assignment.objects.filter(challenge=challenge).select_related("evaluator").first()


def evaluation_started(challenge: Challenge, **details) -> Outcome:
    """The effect of `evaluate`: the independent evaluator, if there is one, hears that it can
    write the evaluation now."""
    return Outcome(then=_tell_evaluator)


def _tell_evaluator(challenge: Challenge, actor, now) -> None:
    assignment = assignment_of(challenge)
    if assignment is None:
        return
    notify(
        users=[assignment.evaluator],
        kind=NoticeKind.PHASE,
        text=gettext_lazy("Challenge {reference} is ready for your evaluation"),
        params={"reference": challenge.reference},
        url=evaluator_url(challenge),
        exclude=actor,
        at=now,
    )
