"""The twelve challenge stories (data/story-*.yaml), played through the real services.

A story names its organisation, author (a key of people.yaml), title and task, and lists its
steps. Each step happens `at` days before today at its `clock` time (10:00 when left out) and
`do`es one thing `by` one person (the author when left out):

    - {at: 531, clock: "21:05", do: act, by: henk, action: submit}
    - {at: 528, clock: "09:25", do: assign, by: coordinator, person: contact_person}

`do` is one of the HANDLERS below (those of execution and evaluation are in execution.py;
`escalate`, `remind` and `feedback` are done by nobody in particular); the other keys are what that handler passes on. Staff work
on weekdays (a step of theirs on a Saturday or Sunday moves to the Friday before), and a story's
steps follow each other (a step not after the one before moves to seven minutes after it).

The steps of all stories run in the order of their moments, each service called with that
moment as `now`, so reference numbers follow the submission dates and the one escalation sees the
other challenges as they were at that moment.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from uitdaagrecht.accounts.models import Organisation, User
from uitdaagrecht.agreements import services as agreement_services
from uitdaagrecht.assessment import services as assessment_services
from uitdaagrecht.assessment.models import AdviceRequest, Decision
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges.models import Challenge, Document
from uitdaagrecht.tenants.models import Department, Municipality

from . import execution
from .assessment import decision_values, scores_of
from .files import dated, read, story_files
from .pdf import pdf_page

STEP_APART = datetime.timedelta(minutes=7)
BY_NOBODY = {"escalate", "remind", "feedback"}  # the nightly check; someone without an account


@dataclass
class Cast:
    """Who and where: the municipality, everyone in the stories by key, the organisations."""

    municipality: Municipality
    people: dict[str, User]
    organisations: dict[str, Organisation]
    staff: set[int]  # the pks of the municipality's people
    now: datetime.datetime

    @property
    def today(self) -> datetime.date:
        return timezone.localtime(self.now).date()

    def moment(self, days_ago: int, clock: str) -> datetime.datetime:
        hour, minute = (int(part) for part in clock.split(":"))
        date = self.today - datetime.timedelta(days=days_ago)
        return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute)))

    def department(self, name: str) -> Department:
        return Department.objects.get(municipality=self.municipality, name=name)


@dataclass
class Story:
    title: str
    organisation: Organisation
    task: Task
    pk: int | None = None  # of the challenge, once started


@dataclass(order=True)
class Step:
    at: datetime.datetime  # when it happens
    seq: int
    story: Story = field(compare=False)
    by: User | None = field(compare=False)
    data: dict = field(compare=False)
    written_at: datetime.datetime = field(compare=False)  # before the moves to a weekday etc.
    cast: Cast = field(compare=False)

    def person(self, key: str) -> User:
        return self.cast.people[key]


def stories_play(cast: Cast) -> None:
    """Every step of every story, in the order of their moments."""
    steps: list[Step] = []
    for story in story_files():
        steps += _steps_of(story, cast, first=len(steps))
    for step in sorted(steps):
        challenge = None
        if step.story.pk is not None:
            challenge = Challenge.objects.select_related("municipality", "organisation").get(
                pk=step.story.pk
            )
        HANDLERS[step.data["do"]](step, challenge)


def _steps_of(data: dict, cast: Cast, *, first: int) -> list[Step]:
    story = Story(
        title=data["title"],
        organisation=cast.organisations[data["organisation"]],
        task=Task.objects.get(municipality=cast.municipality, title=data["task"]),
    )
    steps: list[Step] = []
    last = None
    for raw in data["steps"]:
        by = None if raw["do"] in BY_NOBODY else cast.people[raw.get("by", data["author"])]
        written = at = cast.moment(raw["at"], raw.get("clock", "10:00"))
        if by is not None and by.pk in cast.staff:
            at = _weekday(at)
        if last is not None and at <= last:
            at = last + STEP_APART
        if at >= cast.now:
            raise ValueError(f"{story.title}: a step in the future ({raw})")
        last = at
        what = dated(raw, cast.today)
        steps.append(Step(at, first + len(steps), story, by, what, written, cast))
    return steps


def _weekday(at: datetime.datetime) -> datetime.datetime:
    """Staff work on weekdays: a Saturday or Sunday becomes the Friday before."""
    weekday = at.weekday()
    return at - datetime.timedelta(days=weekday - 4) if weekday > 4 else at


# ------------------------------------------------------------------ the steps of the kernel


def start(step: Step, _none: None) -> None:
    challenge = services.draft_start(
        municipality=step.cast.municipality,
        organisation=step.story.organisation,
        actor=step.by,
        title=step.story.title,
        tasks=[step.story.task],
        now=step.at,
    )
    services.draft_update(
        challenge=challenge, actor=step.by, values=step.data["values"], now=step.at
    )
    step.story.pk = challenge.pk


def edit(step: Step, challenge: Challenge) -> None:
    services.draft_update(
        challenge=challenge, actor=step.by, values=step.data["values"], now=step.at
    )


def act(step: Step, challenge: Challenge) -> None:
    services.transition(
        challenge=challenge,
        action=step.data["action"],
        actor=step.by,
        version=challenge.version,
        reason=step.data.get("reason", ""),
        now=step.at,
        **step.data.get("details", {}),
    )


def assign(step: Step, challenge: Challenge) -> None:
    services.contact_person_assign(
        challenge=challenge,
        person=step.person(step.data["person"]),
        actor=step.by,
        version=challenge.version,
        now=step.at,
    )


def say(step: Step, challenge: Challenge) -> None:
    services.message_post(challenge=challenge, actor=step.by, text=step.data["text"], now=step.at)


def note(step: Step, challenge: Challenge) -> None:
    services.note_add(challenge=challenge, actor=step.by, text=step.data["text"], now=step.at)


def contact(step: Step, challenge: Challenge) -> None:
    services.contact_log(
        challenge=challenge,
        actor=step.by,
        channel=step.data["channel"],
        summary=step.data["summary"],
        when=step.written_at,
        now=step.at,
    )


def pause(step: Step, challenge: Challenge) -> None:
    services.term_pause(
        challenge=challenge,
        actor=step.by,
        version=challenge.version,
        question=step.data["question"],
        now=step.at,
    )


def document(step: Step, challenge: Challenge) -> None:
    spec = read("documents.yaml")[step.data["file"]]
    services.documents_add(
        challenge=challenge,
        actor=step.by,
        files=[ContentFile(pdf_page(spec["lines"]), name=spec["name"])],
        description=step.data["description"],
        consent_to_publish=step.data.get("consent", False),
        now=step.at,
    )


def publish(step: Step, challenge: Challenge) -> None:
    name = read("documents.yaml")[step.data["file"]]["name"]
    services.document_publish(
        document=Document.objects.get(challenge=challenge, name=name), actor=step.by, now=step.at
    )


def escalate(step: Step, _challenge: Challenge) -> None:
    """What the nightly check_terms does: at this moment the term has passed."""
    services.stalled_escalate(now=step.at)


# ------------------------------------------------------------------ assessment and agreements


def ask_advice(step: Step, challenge: Challenge) -> None:
    assessment_services.advice_request(
        challenge=challenge,
        department=step.cast.department(step.data["department"]),
        question=step.data["question"],
        days=step.data["days"],
        actor=step.by,
        now=step.at,
    )


def advise(step: Step, challenge: Challenge) -> None:
    reason = step.data.get("confidential_reason", "")
    assessment_services.advice_give(
        request=AdviceRequest.objects.get(
            challenge=challenge,
            department=step.cast.department(step.data["department"]),
            submitted_at__isnull=True,
        ),
        actor=step.by,
        text=step.data["text"],
        recommendation=step.data["recommendation"],
        confidential=bool(reason),
        confidential_reason=reason,
        now=step.at,
    )


def score(step: Step, challenge: Challenge) -> None:
    recused = step.data.get("recused", False)
    assessment_services.scorecard_save(
        challenge=challenge,
        actor=step.by,
        scores={} if recused else scores_of(challenge, step.data["scores"], step.data.get("shift")),
        conflict_of_interest=step.data.get("conflict", ""),
        recused=recused,
        submit=True,
        now=step.at,
    )


def decide(step: Step, challenge: Challenge) -> None:
    """The college's decision with its reasons per value dimension; it moves the challenge on."""
    assessment_services.decide(
        challenge=challenge,
        actor=step.by,
        version=challenge.version,
        values=decision_values(step.data, step.at),
        now=step.at,
    )


def correct(step: Step, challenge: Challenge) -> None:
    """A correction of the decision: the same outcome, reasons changed where the step says."""
    original = Decision.objects.get(challenge=challenge, correction__isnull=True)
    assessment_services.decision_correct(
        decision=original,
        actor=step.by,
        values=decision_values(step.data, step.at, original),
        now=step.at,
    )


def propose(step: Step, challenge: Challenge) -> None:
    """A version of the agreements, by either side."""
    data = step.data
    values = dict(data["values"])
    if "interim_evaluations" in values:  # kept as ISO dates, as the propose form keeps them
        values["interim_evaluations"] = [day.isoformat() for day in values["interim_evaluations"]]
    agreement_services.version_propose(
        challenge=challenge,
        actor=step.by,
        values=values,
        budget=[{"year": line["year"], "amount_eur": line["eur"]} for line in data["budget"]],
        results=[
            {
                "indicator": result["indicator"],
                "dimension": result["dimension"],
                "baseline": _decimal(result["baseline"]),
                "target": _decimal(result["target"]),
                "unit": result["unit"],
            }
            for result in data["results"]
        ],
        risks=data["risks"],
        confidential=data.get("confidential", {}),
        now=step.at,
    )


def _decimal(number: int | float | None) -> Decimal | None:
    return None if number is None else Decimal(str(number))


def sign(step: Step, challenge: Challenge) -> None:
    """Sign the newest version: for the challengers (an owner) or the municipality."""
    agreement_services.version_sign(
        version=challenge.agreement_versions.order_by("-number").first(),
        actor=step.by,
        now=step.at,
    )


HANDLERS: dict[str, Callable[[Step, Challenge | None], None]] = {
    handler.__name__: handler
    for handler in (
        *(start, edit, act, assign, say, note, contact, pause, document, publish, escalate),
        *(ask_advice, advise, score, decide, correct, propose, sign),
        *execution.HANDLERS,
    )
}
