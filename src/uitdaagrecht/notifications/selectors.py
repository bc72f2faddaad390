"""Reads for alerts: the scope of a subscribe form, subscriptions by token, and what is news."""

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from uitdaagrecht.budgets.models import Taakveld
from uitdaagrecht.catalog.models import Task, add_months
from uitdaagrecht.tenants.models import Municipality

from .models import Horizon, Subscription

# A task is "new" for a subscriber when it was created after the confirmation, and at most this
# long ago: after an outage of the periodic job nobody gets news that is weeks old.
NEW_TASK_WINDOW = datetime.timedelta(days=14)
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")
TAAKVELD_CODE = re.compile(r"^[0-9]{1,2}(\.[0-9]{1,3}[a-z]?)?$")


def scope_task(*, municipality: Municipality, slug: str) -> Task | None:
    """The municipality's task with this slug; None for anything that is not a slug."""
    if not SLUG.match(slug):
        return None
    task = (
        Task.objects.filter(municipality=municipality, slug=slug).select_related("taakveld").first()
    )
    if task is not None:
        task.municipality = municipality  # for its URL, without fetching it again
    return task


def scope_challenge(*, municipality: Municipality, reference: str):
    """A public (submitted) challenge of the municipality, or None. Found through the
    subscription's own foreign key: this app delivers and knows no process app."""
    challenges = Subscription._meta.get_field("challenge").related_model.objects
    return challenges.public().filter(municipality=municipality, reference=reference).first()


def scope_taakveld(*, code: str) -> Taakveld | None:
    if not TAAKVELD_CODE.match(code):
        return None
    return Taakveld.objects.filter(code=code).first()


@dataclass(frozen=True)
class AlertEvent:
    kind: str  # "challengeable" or "new_task"
    task: Task
    date: datetime.date | None = None  # the first day it can be challenged

    @property
    def key(self) -> str:
        if self.kind == "new_task":
            return f"new-task:{self.task.pk}"
        return f"challengeable:{self.task.pk}:{opening_key(self.task)}"


def opening_key(task: Task) -> str:
    """What identifies the moment a task opens up, stable from one day to the next.

    challengeable_from(today) is today itself for a task that is open already, so it cannot be part
    of the key: that would be a new event every day. The end of the binding can: a new contract or
    blocker moves it, and that is news again.
    """
    if task.bound_until is None:
        return "open"
    return (task.bound_until + datetime.timedelta(days=1)).isoformat()


def new_since(*, subscription: Subscription, now: datetime.datetime) -> datetime.datetime:
    return max(subscription.confirmed_at, now - NEW_TASK_WINDOW)


def candidate_tasks(
    *, subscriptions: Iterable[Subscription], today: datetime.date, now: datetime.datetime
) -> list[Task]:
    """One query: every task that could be news for any of these subscriptions.

    That is a task of one of their municipalities that opens within the longest horizon, or that
    was created recently, after the earliest confirmation. The exact test per subscription is in
    Python (subscription_events).
    """
    subscriptions = list(subscriptions)
    if not subscriptions:
        return []
    until = add_months(today, max(Horizon.values))
    not_blocked_for_good = Q(blocker="") | Q(blocked_until__isnull=False)
    opens_in_time = Q(bound_until__isnull=True) | Q(bound_until__lt=until)
    since = min(new_since(subscription=s, now=now) for s in subscriptions)
    return list(
        Task.objects.filter(municipality_id__in={s.municipality_id for s in subscriptions})
        .filter((not_blocked_for_good & opens_in_time) | Q(created_at__gt=since))
        .select_related("municipality")
        .defer(
            "description", "blocker_explanation", "municipality__definition", "municipality__why"
        )
        .order_by("title", "pk")
    )


class TaskIndex:
    """Candidate tasks by scope, so each subscription looks only at its own tasks."""

    def __init__(self, tasks: Iterable[Task]) -> None:
        self.by_pk: dict[int, Task] = {}
        self.by_municipality: dict[int, list[Task]] = defaultdict(list)
        self.by_taakveld: dict[tuple[int, str], list[Task]] = defaultdict(list)
        for task in tasks:
            self.by_pk[task.pk] = task
            self.by_municipality[task.municipality_id].append(task)
            self.by_taakveld[(task.municipality_id, task.taakveld_id)].append(task)

    def in_scope(self, subscription: Subscription) -> list[Task]:
        if subscription.task_id:
            task = self.by_pk.get(subscription.task_id)
            return [task] if task else []
        if subscription.taakveld_id:
            return self.by_taakveld.get(
                (subscription.municipality_id, subscription.taakveld_id), []
            )
        return self.by_municipality.get(subscription.municipality_id, [])


def subscription_events(
    *,
    subscription: Subscription,
    tasks: Iterable[Task],
    today: datetime.date,
    now: datetime.datetime,
) -> list[AlertEvent]:
    """Everything about these tasks this subscription should hear about, sent or not."""
    until = add_months(today, subscription.horizon_months)
    since = new_since(subscription=subscription, now=now)
    events = []
    for task in tasks:
        if task.created_at > since:
            events.append(AlertEvent("new_task", task))
        opens = task.challengeable_from(today)
        if opens is not None and today <= opens <= until:
            events.append(AlertEvent("challengeable", task, opens))
    return events
