"""Progress reports against the agreed results, reporting moments, and reminders."""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.accounts.models import User
from uitdaagrecht.agreements.selectors import applying
from uitdaagrecht.challenges import api as kernel
from uitdaagrecht.challenges.api import Challenge, Outcome, State, Visibility
from uitdaagrecht.notifications.models import Kind
from uitdaagrecht.notifications.personal import notify

from ..events import MonitoringEvent
from ..models import InterimMoment, Moment, Report, Value
from ..schedule import end_of_day
from . import followers
from .evaluations import assignment_of, evaluator_url

REPORTING_STATES = (State.EXECUTION, State.EVALUATION)
REMIND_DAYS = 14


def next_moment(challenge: Challenge) -> Moment | InterimMoment | None:
    """The term of execution: the first moment without a report, or an experiment's interim
    evaluation date not yet evaluated, whichever comes first."""
    report = (
        Moment.objects.filter(challenge=challenge, reports__isnull=True).order_by("due_on").first()
    )
    interim = (
        InterimMoment.objects.filter(challenge=challenge, evaluated_at__isnull=True)
        .order_by("due_on")
        .first()
    )
    found = [m for m in (report, interim) if m is not None]
    return min(found, key=lambda m: m.due_on) if found else None


def back_to_execution(challenge: Challenge, **details) -> Outcome:
    """The effect of interim and continue: the term is the next reporting moment again."""
    moment = next_moment(challenge)
    return Outcome(deadline=end_of_day(moment.due_on) if moment else None)


def _move_term(challenge: Challenge, actor, now) -> None:
    if challenge.state != State.EXECUTION:
        return
    moment = next_moment(challenge)
    if moment is None:
        reason = _("Every reporting moment has its report.")
    elif isinstance(moment, InterimMoment):
        reason = _("Interim evaluation before {date}.").format(date=f"{moment.due_on:%d-%m-%Y}")
    else:
        reason = _("Next report before {date}.").format(date=f"{moment.due_on:%d-%m-%Y}")
    kernel.deadline_set(
        challenge=challenge,
        deadline=end_of_day(moment.due_on) if moment else None,
        actor=actor,
        reason=reason,
        now=now,
    )


def _check(challenge, version, values: dict, account: str, moment, corrects) -> None:
    """A value for every result of the signed version and nothing else, an account, and a
    correction only of an acknowledged report of this challenge."""
    results = {r.pk for r in version.results.all()}
    if set(values) - results:
        raise ValidationError(
            _("A result that is not in the signed agreements cannot be reported.")
        )
    if set(values) != results:
        raise ValidationError(_("Report a realised value for every agreed result."))
    if not account.strip():
        raise ValidationError({"account": _("Write a short account of the period.")})
    if corrects is not None:
        if corrects.challenge_id != challenge.pk or corrects.acknowledged_at is None:
            raise ValidationError(_("Only an acknowledged report is corrected, by a new report."))
        if hasattr(corrects, "correction"):
            raise ValidationError(_("This report has been corrected already; correct the latest."))
    elif moment is not None and moment.challenge_id != challenge.pk:
        raise PermissionDenied


@transaction.atomic
def report_submit(
    *,
    challenge: Challenge,
    actor: User,
    moment: Moment | None,
    values: dict[int, Decimal],
    account: str,
    went_well: str = "",
    went_badly: str = "",
    files: Sequence = (),
    corrects: Report | None = None,
    now: datetime.datetime | None = None,
) -> Report:
    """A report for a moment (or a correction of an acknowledged report): a realised value for
    every result of the signed version that applies, nothing else."""
    if not actor.has_perm("monitoring.report", challenge):
        raise PermissionDenied
    challenge = kernel.challenge_locked(
        challenge,
        states=REPORTING_STATES,
        refusal=_("Progress is reported during execution and evaluation."),
    )
    version = applying(challenge)
    _check(challenge, version, values, account, moment, corrects)
    moment = corrects.moment if corrects is not None else moment
    now = now or timezone.now()
    try:
        with transaction.atomic():
            report = Report.objects.create(
                challenge=challenge,
                moment=moment,
                version=version,
                account=account.strip(),
                went_well=went_well.strip(),
                went_badly=went_badly.strip(),
                corrects=corrects,
                submitted_by=actor,
                submitted_at=now,
            )
    except IntegrityError:
        raise ValidationError(_("This moment has a report already.")) from None
    Value.objects.bulk_create(
        Value(report=report, result_id=pk, value=value) for pk, value in values.items()
    )
    event = kernel.record(
        challenge,
        MonitoringEvent.REPORT,
        Visibility.PARTICIPANTS,
        actor,
        now=now,
        text=report.account,
        data={"report": report.pk, "moment": moment.due_on.isoformat() if moment else None},
    )
    kernel.documents_store(challenge, actor, list(files), event=event, now=now)
    _move_term(challenge, actor, now)
    kernel.tell_participants(
        challenge,
        Kind.MESSAGE,
        gettext_lazy("New progress report on challenge {reference}"),
        actor,
        now=now,
    )
    return report


@transaction.atomic
def report_acknowledge(*, report: Report, actor: User, now=None) -> Report:
    """The contact person has read the report; from now on it is public and never changes.
    Questions go through the conversation."""
    challenge = kernel.challenge_locked(report.challenge)
    if not actor.has_perm("monitoring.acknowledge", challenge):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.acknowledged_at is not None:
        raise ValidationError(_("This report has been acknowledged already."))
    report.acknowledged_by, report.acknowledged_at = actor, now or timezone.now()
    report.save(update_fields=["acknowledged_by", "acknowledged_at"], acknowledging=True)
    event = kernel.record(
        challenge,
        MonitoringEvent.ACKNOWLEDGED,
        Visibility.PUBLIC,
        actor,
        now=now,
        data={"report": report.pk},
    )
    followers.followers_tell(challenge, event, followers.PROGRESS)
    return report


@transaction.atomic
def moment_add(*, challenge: Challenge, actor: User, due_on: datetime.date, now=None) -> Moment:
    if not actor.has_perm("monitoring.add_moment", challenge):
        raise PermissionDenied
    challenge = kernel.challenge_locked(
        challenge,
        states=REPORTING_STATES,
        refusal=_("Reporting moments are added during execution."),
    )
    if Moment.objects.filter(challenge=challenge, due_on=due_on).exists():
        raise ValidationError({"due_on": _("There is a reporting moment on that day already.")})
    moment = Moment.objects.create(challenge=challenge, due_on=due_on, added_by=actor)
    kernel.record(
        challenge,
        MonitoringEvent.MOMENT,
        Visibility.PARTICIPANTS,
        actor,
        now=now,
        data={"due_on": due_on.isoformat()},
    )
    _move_term(challenge, actor, now)
    return moment


def reminders_send(*, now: datetime.datetime | None = None) -> list[Moment]:
    """Remind the challengers of a moment that is due within REMIND_DAYS, once (also when two
    runs overlap): check_terms runs it."""
    now = now or timezone.now()
    horizon = timezone.localtime(now).date() + datetime.timedelta(days=REMIND_DAYS)
    due = Moment.objects.filter(
        reminded_at__isnull=True,
        reports__isnull=True,
        due_on__lte=horizon,
        due_on__gte=timezone.localtime(now).date(),
        challenge__state=State.EXECUTION,
    ).values_list("pk", flat=True)
    reminded = []
    for pk in list(due):
        with transaction.atomic():
            if not Moment.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
                continue
            moment = Moment.objects.select_related("challenge__municipality").get(pk=pk)
            kernel.record(
                moment.challenge,
                MonitoringEvent.REMINDER,
                Visibility.PARTICIPANTS,
                None,
                now=now,
                data={"due_on": moment.due_on.isoformat()},
            )
            kernel.tell_participants(
                moment.challenge,
                Kind.MESSAGE,
                gettext_lazy("Challenge {reference}: a progress report is due soon"),
                None,
                now=now,
            )
            reminded.append(moment)
    return reminded


def interim_reminders_send(*, now: datetime.datetime | None = None) -> list[InterimMoment]:
    """Before an experiment's interim evaluation date: the participants (and the independent
    evaluator, if there is one) are reminded once, as of a reporting moment."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    due = InterimMoment.objects.filter(
        reminded_at__isnull=True,
        evaluated_at__isnull=True,
        due_on__lte=today + datetime.timedelta(days=REMIND_DAYS),
        due_on__gte=today,
        challenge__state=State.EXECUTION,
    ).values_list("pk", flat=True)
    reminded = []
    for pk in list(due):
        with transaction.atomic():
            claimed = InterimMoment.objects.filter(pk=pk, reminded_at__isnull=True)
            if not claimed.update(reminded_at=now):
                continue
            moment = InterimMoment.objects.select_related("challenge__municipality").get(pk=pk)
            text = gettext_lazy("Challenge {reference}: the interim evaluation is due on {date}")
            params = {"date": f"{moment.due_on:%d-%m-%Y}"}
            kernel.record(
                moment.challenge,
                MonitoringEvent.REMINDER,
                Visibility.PARTICIPANTS,
                None,
                now=now,
                data={"due_on": moment.due_on.isoformat(), "interim": True},
            )
            kernel.tell_participants(
                moment.challenge, Kind.MESSAGE, text, None, now=now, params=params
            )
            assignment = assignment_of(moment.challenge)
            if assignment is not None:
                notify(
                    users=[assignment.evaluator],
                    kind=Kind.MESSAGE,
                    text=text,
                    params={"reference": moment.challenge.reference, **params},
                    url=evaluator_url(moment.challenge),
                    at=now,
                )
            reminded.append(moment)
    return reminded
