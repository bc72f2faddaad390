"""API of the task catalogue: tasks, contracts and the procurement calendar. Public data only:
departments and providers are organisations; no civil servant's name or e-mail is ever exposed."""

import datetime

import django_filters
from django.db.models import Prefetch, Q
from django.urls import reverse
from rest_framework import serializers, viewsets

from uitdaagrecht.catalog.models import Contract, Finance, Indicator, IndicatorValue, Task
from uitdaagrecht.catalog.services import today
from uitdaagrecht.core.fragments import cached_parts
from uitdaagrecht.tenants.models import Municipality

from .pagination import CursorPagination
from .rows import RowFilterBackend, datetime_text, grouped


class FinanceSerializer(serializers.ModelSerializer):
    full_cost_eur = serializers.IntegerField(read_only=True)

    class Meta:
        model = Finance
        fields = ["year", "budget_eur", "overhead_eur", "full_cost_eur", "actuals_eur"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["year", "target", "realised"]


class IndicatorSerializer(serializers.ModelSerializer):
    values = IndicatorValueSerializer(many=True)

    class Meta:
        model = Indicator
        fields = ["name", "unit", "source", "values"]


class ContractSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="task.municipality.cbs_code")
    task = serializers.CharField(source="task.slug")
    provider = serializers.CharField(source="provider.name")
    provider_kind = serializers.CharField(source="provider.kind")
    notice_deadline = serializers.DateField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "municipality",
            "task",
            "provider",
            "provider_kind",
            "reference",
            "value_per_year_eur",
            "start_date",
            "end_date",
            "notice_months",
            "notice_deadline",
            "extension_options",
        ]


class TaskSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.cbs_code")
    department = serializers.CharField(source="department.name")
    taakveld = serializers.CharField(source="taakveld_id")
    challengeable_from = serializers.SerializerMethodField(
        help_text="First day the task can be taken over; null when it cannot be challenged."
    )
    providers = serializers.SerializerMethodField(help_text="Providers of current contracts.")
    finances = FinanceSerializer(many=True)
    indicators = IndicatorSerializer(many=True)
    page = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "municipality",
            "slug",
            "title",
            "description",
            "target_group",
            "area",
            "department",
            "taakveld",
            "challengeable_from",
            "blocker",
            "blocker_explanation",
            "providers",
            "finances",
            "indicators",
            "is_example",
            "updated_at",
            "page",
        ]

    def get_challengeable_from(self, obj: Task) -> datetime.date | None:
        return obj.challengeable_from(today())

    def get_providers(self, obj: Task) -> list[str]:
        return sorted({c.provider.name for c in obj.contracts.all() if c.end_date >= today()})

    def get_page(self, obj: Task) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class ChallengeableFilterSet(django_filters.FilterSet):
    """Filters shared by tasks and the calendar: where, what, and from when challengeable."""

    taakveld = django_filters.CharFilter(method="filter_taakveld", help_text="Iv3 code, e.g. 5.7")
    hoofdtaakveld = django_filters.CharFilter(method="filter_hoofdtaakveld")
    department = django_filters.CharFilter(method="filter_department", help_text="Department name")
    challengeable_from_after = django_filters.DateFilter(
        method="filter_after", help_text="Challengeable on or after this date (YYYY-MM-DD)"
    )
    challengeable_from_before = django_filters.DateFilter(
        method="filter_before", help_text="Challengeable on or before this date (YYYY-MM-DD)"
    )
    task_prefix = ""

    def _q(self, **lookups) -> Q:
        return Q(**{f"{self.task_prefix}{key}": value for key, value in lookups.items()})

    def filter_taakveld(self, queryset, name, value):
        return queryset.filter(self._q(taakveld_id=value))

    def filter_hoofdtaakveld(self, queryset, name, value):
        return queryset.filter(self._q(taakveld__hoofdtaakveld_id=value))

    def filter_department(self, queryset, name, value):
        return queryset.filter(self._q(department__name__iexact=value))

    def _not_blocked(self) -> Q:
        return self._q(blocker="") | self._q(blocked_until__isnull=False)

    def filter_before(self, queryset, name, value: datetime.date):
        # challengeable_from <= value  ⇔  unbound, or bound until before value (and not blocked).
        if value < today():
            return queryset.none()
        free = self._q(bound_until__isnull=True) | self._q(bound_until__lt=value)
        return queryset.filter(free & self._not_blocked())

    def filter_after(self, queryset, name, value: datetime.date):
        # challengeable_from >= value  ⇔  bound until at least the day before value.
        if value <= today():
            return queryset.filter(self._not_blocked())
        bound = self._q(bound_until__gte=value - datetime.timedelta(days=1))
        return queryset.filter(bound & self._not_blocked())


class TaskFilterSet(ChallengeableFilterSet):
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(),
        to_field_name="cbs_code",
        field_name="municipality",
        help_text="CBS code, e.g. GM0193",
    )

    class Meta:
        model = Task
        fields = []


class CalendarFilterSet(ChallengeableFilterSet):
    task_prefix = "task__"
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(),
        to_field_name="cbs_code",
        field_name="task__municipality",
        help_text="CBS code, e.g. GM0193",
    )
    ends_after = django_filters.DateFilter(field_name="end_date", lookup_expr="gte")
    ends_before = django_filters.DateFilter(field_name="end_date", lookup_expr="lte")

    class Meta:
        model = Contract
        fields = []


class TaskPagination(CursorPagination):
    """Tasks carry their budgets, contracts and result agreements: smaller pages."""

    page_size = 25


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """Tasks of municipalities' catalogues, with budgets (whole euros) and result agreements."""

    serializer_class = TaskSerializer
    filter_backends = [RowFilterBackend]
    filterset_class = TaskFilterSet
    pagination_class = TaskPagination

    def get_queryset(self):
        tasks = Task.objects.order_by("id")
        if self.action == "list":  # rows, see `list`
            return tasks
        return tasks.select_related("municipality", "department").prefetch_related(
            Prefetch("contracts", queryset=Contract.objects.select_related("provider")),
            "finances",
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("values")),
        )

    def list(self, request, *args, **kwargs):
        # The same JSON as `TaskSerializer` gives (tests/opendata/test_api_rows.py compares them),
        # from `values()` rows: building and serialising ~300 model instances per page was most of
        # the time (bench/README.md).
        tasks = self.paginate_queryset(self.filter_queryset(self.get_queryset()).values(*TASK_ROW))
        return self.get_paginated_response(task_rows(tasks, request))


TASK_ROW = (
    "id",
    "municipality__cbs_code",
    "municipality__slug",
    "slug",
    "title",
    "description",
    "target_group",
    "area",
    "department__name",
    "taakveld_id",
    "bound_until",
    "blocker",
    "blocked_until",
    "blocker_explanation",
    "is_example",
    "updated_at",
)
_DECIMAL = {name: IndicatorValueSerializer().fields[name] for name in ("target", "realised")}


def task_rows(tasks: list[dict], request) -> list[dict]:
    """Tasks as `TaskSerializer` represents them; their current providers, finances and
    indicators (with their values) kept per task (core.fragments.cached_parts), the ones not
    kept read in three queries for the page."""
    now = today()
    parts = cached_parts(
        "api-task-parts",
        {task["id"]: task["municipality__slug"] for task in tasks},
        lambda ids: _task_parts(ids, now),
        vary=[now],  # a contract that ended yesterday no longer names its provider
    )
    page = request.build_absolute_uri(
        reverse("catalog:task", kwargs={"municipality": "__m__", "task": "__t__"})
    )
    moment = datetime_text()
    rows = []
    for task in tasks:
        providers, finances, indicators = parts[task["id"]]
        rows.append(
            {
                "id": task["id"],
                "municipality": task["municipality__cbs_code"],
                "slug": task["slug"],
                "title": task["title"],
                "description": task["description"],
                "target_group": task["target_group"],
                "area": task["area"],
                "department": task["department__name"],
                "taakveld": task["taakveld_id"],
                "challengeable_from": _challengeable_from(task, now),
                "blocker": task["blocker"],
                "blocker_explanation": task["blocker_explanation"],
                "providers": providers,
                "finances": finances,
                "indicators": indicators,
                "is_example": task["is_example"],
                "updated_at": moment(task["updated_at"]),
                "page": page.replace("__m__", task["municipality__slug"]).replace(
                    "__t__", task["slug"]
                ),
            }
        )
    return rows


def _task_parts(ids: list[int], now: datetime.date) -> dict[int, tuple]:
    """(current providers, finances, indicators with their values) of each task."""
    finances = grouped(
        Finance.objects.filter(task_id__in=ids).values(
            "task_id", "year", "budget_eur", "overhead_eur", "actuals_eur"
        ),
        "task_id",
    )
    # An indicator with its values joined: one row per value, one with no value (None) when it
    # has none (a value always has a year).
    indicators: dict[int, dict[int, dict]] = {}
    for i in Indicator.objects.filter(task_id__in=ids).values(
        "id",
        "task_id",
        "name",
        "unit",
        "source",
        "values__year",
        "values__target",
        "values__realised",
    ):
        indicator = indicators.setdefault(i["task_id"], {}).setdefault(i["id"], i)
        indicator.setdefault("value_rows", [])
        if i["values__year"] is not None:
            indicator["value_rows"].append(i)
    providers: dict[int, set[str]] = {}
    for task_id, name in Contract.objects.filter(task_id__in=ids, end_date__gte=now).values_list(
        "task_id", "provider__name"
    ):
        providers.setdefault(task_id, set()).add(name)
    decimal = {name: field.to_representation for name, field in _DECIMAL.items()}
    return {
        pk: (
            sorted(providers.get(pk, ())),
            [
                {
                    "year": f["year"],
                    "budget_eur": f["budget_eur"],
                    "overhead_eur": f["overhead_eur"],
                    "full_cost_eur": f["budget_eur"] + f["overhead_eur"],
                    "actuals_eur": f["actuals_eur"],
                }
                for f in sorted(finances.get(pk, ()), key=lambda f: -f["year"])
            ],
            [
                {
                    "name": i["name"],
                    "unit": i["unit"],
                    "source": i["source"],
                    "values": [
                        {
                            "year": v["values__year"],
                            "target": _or_none(decimal["target"], v["values__target"]),
                            "realised": _or_none(decimal["realised"], v["values__realised"]),
                        }
                        for v in sorted(i["value_rows"], key=lambda v: v["values__year"])
                    ],
                }
                for i in sorted(indicators.get(pk, {}).values(), key=lambda i: i["name"])
            ],
        )
        for pk in ids
    }


def _or_none(represent, value):
    return None if value is None else represent(value)


class _Binding:
    """A row's binding fields with the task's own rule (`Task.challengeable_from`): without
    building a model instance per row."""

    __slots__ = ("blocked_until", "blocker", "bound_until")
    permanently_blocked = Task.permanently_blocked
    challengeable_from = Task.challengeable_from

    def __init__(self, row: dict, prefix: str) -> None:
        self.bound_until = row[prefix + "bound_until"]
        self.blocker = row[prefix + "blocker"]
        self.blocked_until = row[prefix + "blocked_until"]


def _challengeable_from(row: dict, now: datetime.date, prefix: str = "") -> str | None:
    """The task's own rule (`Task.challengeable_from`) on a row's binding fields."""
    return _iso(_Binding(row, prefix).challengeable_from(now))


def _iso(day: datetime.date | None) -> str | None:
    return None if day is None else day.isoformat()


# What a contract row shows, so that the joined task and municipality rows stay small.
CONTRACT_FIELDS = [
    "id",
    "reference",
    "value_per_year_eur",
    "start_date",
    "end_date",
    "notice_months",
    "extension_options",
    "task__slug",
    "task__municipality__cbs_code",
    "provider__name",
    "provider__kind",
]


class ContractViewSet(viewsets.ReadOnlyModelViewSet):
    """Contracts with current providers: value per year (EUR), dates and notice period."""

    serializer_class = ContractSerializer
    filter_backends = [RowFilterBackend]
    filterset_class = CalendarFilterSet
    pagination_class = CursorPagination
    queryset = (
        Contract.objects.select_related("task__municipality", "provider")
        .only(*CONTRACT_FIELDS)
        .order_by("id")
    )

    def list(self, request, *args, **kwargs):
        # What `ContractSerializer` gives, from `values()` rows (tests/opendata/test_api_rows.py).
        contracts = self.paginate_queryset(
            self.filter_queryset(self.get_queryset()).values(*CONTRACT_FIELDS)
        )
        return self.get_paginated_response(
            [
                {
                    "id": c["id"],
                    "municipality": c["task__municipality__cbs_code"],
                    "task": c["task__slug"],
                    "provider": c["provider__name"],
                    "provider_kind": c["provider__kind"],
                    "reference": c["reference"],
                    "value_per_year_eur": c["value_per_year_eur"],
                    "start_date": _iso(c["start_date"]),
                    "end_date": _iso(c["end_date"]),
                    "notice_months": c["notice_months"],
                    "notice_deadline": _iso(_notice_deadline(c)),
                    "extension_options": c["extension_options"],
                }
                for c in contracts
            ]
        )


def _notice_deadline(row: dict) -> datetime.date:
    return Contract(end_date=row["end_date"], notice_months=row["notice_months"]).notice_deadline


class CalendarEntrySerializer(ContractSerializer):
    task_title = serializers.CharField(source="task.title")
    challengeable_from = serializers.SerializerMethodField()

    class Meta(ContractSerializer.Meta):
        fields = [
            "end_date",
            "notice_deadline",
            "challengeable_from",
            "municipality",
            "task",
            "task_title",
            "provider",
            "value_per_year_eur",
        ]

    def get_challengeable_from(self, obj: Contract) -> datetime.date | None:
        return obj.task.challengeable_from(today())


class CalendarPagination(CursorPagination):
    ordering = ("end_date", "id")


class CalendarViewSet(viewsets.ReadOnlyModelViewSet):
    """The procurement calendar: current contracts by end date, with the last day to give notice
    and the date from which their task can be challenged."""

    serializer_class = CalendarEntrySerializer
    filter_backends = [RowFilterBackend]
    filterset_class = CalendarFilterSet
    pagination_class = CalendarPagination

    def get_queryset(self):
        return (
            Contract.objects.filter(end_date__gte=today())
            .select_related("task__municipality", "provider")
            .only(*CALENDAR_FIELDS)
        )

    def list(self, request, *args, **kwargs):
        # What `CalendarEntrySerializer` gives, from `values()` rows
        # (tests/opendata/test_api_rows.py).
        entries = self.paginate_queryset(
            self.filter_queryset(self.get_queryset()).values(*CALENDAR_FIELDS)
        )
        now = today()
        return self.get_paginated_response(
            [
                {
                    "end_date": _iso(c["end_date"]),
                    "notice_deadline": _iso(_notice_deadline(c)),
                    "challengeable_from": _challengeable_from(c, now, prefix="task__"),
                    "municipality": c["task__municipality__cbs_code"],
                    "task": c["task__slug"],
                    "task_title": c["task__title"],
                    "provider": c["provider__name"],
                    "value_per_year_eur": c["value_per_year_eur"],
                }
                for c in entries
            ]
        )


CALENDAR_FIELDS = [
    *CONTRACT_FIELDS,
    "task__title",
    "task__blocker",
    "task__blocked_until",
    "task__bound_until",
]
