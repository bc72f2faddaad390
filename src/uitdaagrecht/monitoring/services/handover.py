"""The handover at the start of execution: what moves, from when, and where the money comes from.
It takes the start_execution step in the same transaction, makes the reporting moments, and puts
the challengers in the catalogue as the task's provider until the agreement ends, so the task page,
the calendar and the alerts follow."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from uitdaagrecht.accounts.models import User
from uitdaagrecht.agreements.selectors import applying
from uitdaagrecht.catalog.models import Contract, Provider
from uitdaagrecht.catalog.services import part_save
from uitdaagrecht.challenges import api as kernel
from uitdaagrecht.challenges.api import Challenge, Outcome, State

from ..models import Handover, InterimMoment, Moment, Source
from ..schedule import add_months, end_of_day, moments_between


def agreement_end(challenge: Challenge) -> tuple[datetime.date, datetime.date] | None:
    """(start, end) of the signed version of the agreements that applies, or None."""
    version = applying(challenge)
    if version is None:
        return None
    return version.start_date, add_months(version.start_date, version.term_months)


def task_budget(task) -> int | None:
    """The task's newest budget per year, in euros."""
    finance = task.finances.order_by("-year").first()
    return finance.budget_eur if finance else None


def _check_money(handover: Handover) -> None:
    budget = task_budget(handover.task)
    over_budget = budget is not None and handover.amount_eur > budget
    if handover.source == Source.TASK_BUDGET and over_budget and not handover.second_source:
        raise ValidationError(
            {
                "second_source": _(
                    "The amount is more than the task's budget ({budget}): say where the rest "
                    "comes from."
                ).format(budget=f"€ {budget:,}".replace(",", "."))
            }
        )
    if bool(handover.second_source) != bool(handover.second_amount_eur):
        raise ValidationError(
            {"second_amount_eur": _("Give the second source and its amount together.")}
        )


@transaction.atomic
def handover_record(
    *, challenge: Challenge, actor: User, version: int | None, values: dict, now=None
) -> Handover:
    """Record the handover and start execution, in one transaction."""
    if not actor.has_perm("monitoring.hand_over", challenge):
        raise PermissionDenied
    span = agreement_end(challenge)
    if span is None:
        raise ValidationError(_("Execution starts when both sides have signed the agreements."))
    handover = Handover(challenge=challenge, recorded_by=actor, ends_on=span[1], **values)
    if handover.task.municipality_id != challenge.municipality_id:
        raise PermissionDenied
    if handover.starts_on >= handover.ends_on:
        raise ValidationError({"starts_on": _("The handover starts before the agreement ends.")})
    handover.full_clean(exclude=["challenge", "recorded_by"])
    _check_money(handover)
    kernel.transition(
        challenge=challenge,
        action="start_execution",
        actor=actor,
        version=version,
        handover=handover,
        now=now,
    )
    return handover


def handed_over(challenge: Challenge, **details) -> str | None:
    """The start_execution guard: only together with a handover (handover_record)."""
    if details.get("handover") is not None:
        return None
    return _("Record the handover first: what moves, from when, and where the money comes from.")


def start_execution(challenge: Challenge, *, actor, now, handover=None, **details) -> Outcome:
    """The effect of start_execution: save the handover, make the reporting moments, put the
    challengers in the catalogue; the term of execution is the first reporting moment."""
    handover.challenge = challenge
    handover.recorded_at = now
    handover.save()
    due = moments_between(handover.starts_on, handover.ends_on, handover.period_months)
    Moment.objects.bulk_create(Moment(challenge=challenge, due_on=day) for day in due)
    interim = interim_sync(challenge)
    provider, _created = Provider.objects.get_or_create(
        municipality=challenge.municipality,
        name=challenge.organisation.name,
        defaults={"kind": Provider.Kind.COOPERATIVE, "kvk_number": ""},
    )
    part_save(
        obj=Contract(
            task=handover.task,
            provider=provider,
            reference=challenge.reference,
            value_per_year_eur=handover.amount_eur,
            start_date=handover.starts_on,
            end_date=handover.ends_on,
            via=reverse(
                "challenges:detail",
                kwargs={
                    "municipality": challenge.municipality.slug,
                    "reference": challenge.reference,
                },
            ),
        ),
        task=handover.task,
        municipality=challenge.municipality,
        actor=actor,
    )
    return Outcome(
        data={"task": handover.task.title, "from": handover.starts_on.isoformat()},
        deadline=end_of_day(min(due[:1] + interim[:1])) if due or interim else None,
    )


def interim_sync(challenge: Challenge) -> list[datetime.date]:
    """An experiment's interim evaluation dates from the agreements that apply: new dates are
    added, open dates the agreements no longer name are dropped (evaluated ones stay)."""
    version = applying(challenge)
    days = version.interim_dates if version is not None and version.experiment else []
    InterimMoment.objects.filter(challenge=challenge, evaluated_at__isnull=True).exclude(
        due_on__in=days
    ).delete()
    InterimMoment.objects.bulk_create(
        [InterimMoment(challenge=challenge, due_on=day) for day in days], ignore_conflicts=True
    )
    return days


def _contract(handover: Handover):
    return Contract.objects.filter(
        task=handover.task, reference=handover.challenge.reference
    ).first()


def _move_end(handover: Handover, end: datetime.date, actor) -> None:
    """The handover and the challengers' contract in the catalogue end on `end`."""
    handover.ends_on = end
    handover.save(update_fields=["ends_on"])
    contract = _contract(handover)
    if contract is not None and contract.end_date != end:
        contract.end_date = end
        part_save(
            obj=contract,
            task=handover.task,
            municipality=handover.challenge.municipality,
            actor=actor,
        )


def end_early(challenge: Challenge, *, actor, now, **details) -> Outcome:
    """The effect of stop: a task that was handed over goes back; the challengers' contract
    ends today, so the catalogue shows when the task can be challenged again."""
    handover = Handover.objects.filter(challenge=challenge).select_related("task").first()
    if handover is not None and handover.ends_on > timezone.localtime(now).date():
        handover.challenge = challenge
        _move_end(handover, timezone.localtime(now).date(), actor)
    return Outcome()


def follow_agreements(*, now: datetime.datetime | None = None) -> list[Handover]:
    """When a new version of the agreements changes the term during execution, the handover and
    the catalogue follow its end (check_terms runs this; idempotent)."""
    moved = []
    running = Handover.objects.filter(
        challenge__state__in=(State.EXECUTION, State.EVALUATION)
    ).select_related("challenge__municipality", "task")
    for handover in running:
        interim_sync(handover.challenge)
        span = agreement_end(handover.challenge)
        if span is not None and span[1] != handover.ends_on:
            with transaction.atomic():
                if span[1] > handover.ends_on:  # a longer term: its reporting moments too
                    due = moments_between(handover.ends_on, span[1], handover.period_months)
                    Moment.objects.bulk_create(
                        [Moment(challenge=handover.challenge, due_on=day) for day in due],
                        ignore_conflicts=True,
                    )
                _move_end(handover, span[1], None)
            moved.append(handover)
    return moved
