"""The steps of execution and evaluation (the monitoring extension), played like the others in
stories.py: each calls a service of uitdaagrecht.monitoring with the step's moment as `now`.

    - {at: 352, do: hand_over, by: contact_person, source: task_budget, period: 3, contract: …}
    - {at: 258, do: report, moment: 1, values: {Vaste deelnemers: 18, …}, account: …}
    - {at: 255, do: acknowledge, by: contact_person}
    - {at: 215, do: feedback, rating: 5, text: …}
    - {at: 214, do: hide_feedback, by: contact_person, starts: …, reason: …}
    - {at: 200, do: choose_evaluator, by: coordinator, person: evaluator}
    - {at: 150, do: record_evaluation, by: evaluator, values: {kind: interim, …}}
    - {at: 80, do: remind}  # and `escalate`: what the nightly check_terms does
"""

import secrets
from decimal import Decimal
from typing import TYPE_CHECKING

from uitdaagrecht.agreements.selectors import applying
from uitdaagrecht.challenges.models import Challenge
from uitdaagrecht.monitoring.models import Feedback, Moment, Report
from uitdaagrecht.monitoring.services import evaluations, handover, reports
from uitdaagrecht.monitoring.services import feedback as feedback_services

if TYPE_CHECKING:
    from .stories import Step


def hand_over(step: "Step", challenge: Challenge) -> None:
    """The handover, which starts execution: the story's task from the start of the signed
    agreements (or `starts_on`), for the amount of its first budget year (or `eur`)."""
    data = step.data
    version = applying(challenge)
    first_year = version.budget.order_by("year").first()
    handover.handover_record(
        challenge=challenge,
        actor=step.by,
        version=challenge.version,
        values={
            "task": step.story.task,
            "part": data.get("part", ""),
            "starts_on": data.get("starts_on", version.start_date),
            "amount_eur": data.get("eur", first_year.amount_eur),
            "source": data["source"],
            "incumbent_contract": data["contract"],
            "period_months": data["period"],
        },
        now=step.at,
    )


def add_moment(step: "Step", challenge: Challenge) -> None:
    """A reporting moment added by staff, e.g. for the longer term of an amendment."""
    reports.moment_add(challenge=challenge, actor=step.by, due_on=step.data["due_on"], now=step.at)


def remind(step: "Step", _challenge: Challenge) -> None:
    """What the nightly check_terms does too: remind the challengers of a moment that is near."""
    reports.reminders_send(now=step.at)


def report(step: "Step", challenge: Challenge) -> None:
    """A progress report for the `moment`-th reporting moment (1 is the first): a realised value
    per indicator of the signed agreements that apply."""
    data = step.data
    results = {result.indicator: result.pk for result in applying(challenge).results.all()}
    moment = Moment.objects.filter(challenge=challenge).order_by("due_on")[data["moment"] - 1]
    reports.report_submit(
        challenge=challenge,
        actor=step.by,
        moment=moment,
        values={results[name]: Decimal(str(value)) for name, value in data["values"].items()},
        account=data["account"],
        went_well=data.get("went_well", ""),
        went_badly=data.get("went_badly", ""),
        now=step.at,
    )


def acknowledge(step: "Step", challenge: Challenge) -> None:
    """The contact person acknowledges the newest report that waits for it."""
    waiting = Report.objects.filter(challenge=challenge, acknowledged_at__isnull=True)
    reports.report_acknowledge(report=waiting.latest("submitted_at"), actor=step.by, now=step.at)


def feedback(step: "Step", challenge: Challenge) -> None:
    """Feedback of someone who uses the service, without an account. The address only feeds
    the rate limit; each item comes from its own (documentation-range) network, so loading the
    demo again within the hour is not limited."""
    feedback_services.feedback_leave(
        challenge=challenge,
        rating=step.data["rating"],
        text=step.data["text"],
        email=step.data.get("email", ""),
        address=f"2001:db8:{secrets.token_hex(2)}::{step.seq}",
        now=step.at,
    )


def hide_feedback(step: "Step", challenge: Challenge) -> None:
    """Hide the item whose text starts with `starts`, with the reason that stays visible."""
    item = Feedback.objects.get(challenge=challenge, text__startswith=step.data["starts"])
    feedback_services.feedback_hide(
        feedback=item, actor=step.by, reason=step.data["reason"], now=step.at
    )


def choose_evaluator(step: "Step", challenge: Challenge) -> None:
    """The coordinator chooses the independent evaluator (`person`), who from then on writes
    this challenge's evaluations."""
    evaluations.evaluator_assign(
        challenge=challenge,
        actor=step.by,
        evaluator=step.person(step.data["person"]),
        now=step.at,
    )


def record_evaluation(step: "Step", challenge: Challenge) -> None:
    """An interim or final evaluation with its lessons, in the evaluation phase."""
    evaluations.evaluation_record(
        challenge=challenge, actor=step.by, values=step.data["values"], now=step.at
    )


HANDLERS = (
    *(hand_over, add_moment, remind, report, acknowledge),
    *(feedback, hide_feedback, choose_evaluator, record_evaluation),
)
