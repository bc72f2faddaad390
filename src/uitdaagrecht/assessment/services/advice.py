"""Advice: the coordinator asks a department; its advisors advise and never decide."""

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
from uitdaagrecht.notifications.models import Kind
from uitdaagrecht.notifications.personal import notify
from uitdaagrecht.tenants.models import Department

from ..events import AssessmentEvent
from ..models import (
    AdviceRequest,
)

ADVICE_STATES = (State.INTAKE, State.ASSESSMENT)


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
