"""Reads for the catalogue, the task page and the procurement calendar."""

import datetime
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from uitdaagrecht.budgets.models import BudgetLine, Document
from uitdaagrecht.tenants.models import Municipality

from .models import Contract, Finance, Indicator, IndicatorValue, Provider, Task, add_months

HORIZON_MONTHS = 36


class Availability:
    NOW = "nu"
    WITHIN_12_MONTHS = "12-maanden"


def task_search(queryset: QuerySet[Task], query: str) -> QuerySet[Task]:
    """Dutch full-text search on PostgreSQL (stemming: 'buurthuizen' finds 'buurthuis');
    a plain substring search on SQLite."""
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        vector = SearchVector("title", weight="A", config="dutch") + SearchVector(
            "description", "target_group", "area", weight="B", config="dutch"
        )
        return queryset.annotate(search=vector).filter(
            search=SearchQuery(query, config="dutch", search_type="websearch")
        )
    return queryset.filter(
        Q(title__icontains=query) | Q(description__icontains=query) | Q(area__icontains=query)
    )


def task_list(
    *,
    municipality: Municipality,
    today: datetime.date,
    query: str = "",
    hoofdtaakveld: str = "",
    taakveld: str = "",
    department: int | None = None,
    provider: int | None = None,
    availability: str = "",
) -> QuerySet[Task]:
    """The municipality's tasks with what a list shows: department, taakveld, current contracts
    with their provider, this year's budget. Three queries whatever the number of tasks."""
    tasks = Task.objects.filter(municipality=municipality).select_related(
        "department", "taakveld", "municipality"
    )
    if hoofdtaakveld:
        tasks = tasks.filter(taakveld__hoofdtaakveld_id=hoofdtaakveld)
    if taakveld:
        tasks = tasks.filter(taakveld_id=taakveld)
    if department:
        tasks = tasks.filter(department_id=department)
    if provider:
        tasks = tasks.filter(pk__in=Contract.objects.filter(provider_id=provider).values("task_id"))
    open_now = Q(bound_until__isnull=True) | Q(bound_until__lt=today)
    not_blocked = Q(blocker="") | Q(blocked_until__isnull=False)
    if availability == Availability.NOW:
        tasks = tasks.filter(open_now & not_blocked)
    elif availability == Availability.WITHIN_12_MONTHS:
        tasks = tasks.filter((open_now | Q(bound_until__lt=add_months(today, 12))) & not_blocked)
    tasks = task_search(tasks, query)
    return tasks.prefetch_related(
        Prefetch(
            "contracts",
            queryset=Contract.objects.filter(end_date__gte=today).select_related("provider"),
            to_attr="current_contracts",
        ),
        Prefetch(
            "finances",
            queryset=Finance.objects.filter(year=today.year),
            to_attr="this_year",
        ),
    ).order_by("title")


def task_detail(*, municipality: Municipality, slug: str) -> Task | None:
    """The task of a task page, without its parts (see `task_parts`)."""
    return (
        Task.objects.filter(municipality=municipality, slug=slug)
        .select_related("department", "taakveld__hoofdtaakveld", "municipality")
        .first()
    )


def task_parts(task: Task) -> Task:
    """The task's contracts with their provider (by end date), its budget years and its
    indicators with their values (by year): three queries more, whatever their number."""
    prefetch_related_objects(
        [task],
        Prefetch(
            "contracts", queryset=Contract.objects.select_related("provider").order_by("end_date")
        ),
        "finances",
        Prefetch(
            "indicators",
            queryset=Indicator.objects.prefetch_related(
                Prefetch("values", queryset=IndicatorValue.objects.order_by("year"))
            ),
        ),
    )
    return task


def provider_names(*, tasks: QuerySet[Task], day: datetime.date) -> list[str]:
    """The names of the providers whose contract for one of `tasks` runs on `day` (started, not
    ended), alphabetically: one query, `tasks` is its subquery. A contract that ended, or one
    that only starts later (such as the one a challenge that took the task over gets), is not
    the provider of that day."""
    return list(
        Provider.objects.filter(
            contracts__task__in=tasks,
            contracts__start_date__lte=day,
            contracts__end_date__gte=day,
        )
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )


def taakveld_budget_k_eur(*, task: Task) -> tuple[int, int | None]:
    """The newest Iv3 budget of the task's taakveld in its municipality: (year, x EUR 1,000)."""
    line = (
        BudgetLine.objects.filter(
            municipality_id=task.municipality_id,
            taakveld_id=task.taakveld_id,
            document=Document.BUDGET,
        )
        .order_by("-year")
        .values_list("year", "expenditure_k_eur")
        .first()
    )
    return line if line else (None, None)


@dataclass
class CalendarEvent:
    date: datetime.date
    kind: str  # "notice", "contract_end", "challengeable"
    task: Task
    contract: Contract | None = None


def calendar_events(
    *, tasks: QuerySet[Task], today: datetime.date, months: int = HORIZON_MONTHS
) -> list[CalendarEvent]:
    """What happens in the next months: notice deadlines, contract ends, tasks that open up.

    `tasks` comes from task_list, which already fetched each task's current contracts."""
    until = add_months(today, months)
    events: list[CalendarEvent] = []
    for task in tasks:
        for contract in task.current_contracts:
            if today <= contract.notice_deadline <= until and contract.notice_months:
                events.append(CalendarEvent(contract.notice_deadline, "notice", task, contract))
            if contract.end_date <= until:
                events.append(CalendarEvent(contract.end_date, "contract_end", task, contract))
        opens = task.challengeable_from(today)
        if opens is not None and today < opens <= until:
            events.append(CalendarEvent(opens, "challengeable", task))
    return sorted(events, key=lambda e: (e.date, e.task.title, e.kind))
