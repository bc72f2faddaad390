"""API of the task catalogue: tasks, contracts and the procurement calendar. Public data only:
departments and providers are organisations; no civil servant's name or e-mail is ever exposed."""

import datetime

import django_filters
from django.db.models import Prefetch, Q
from rest_framework import serializers, viewsets

from uitdaagrecht.catalog.models import Contract, Finance, Indicator, IndicatorValue, Task
from uitdaagrecht.catalog.services import today
from uitdaagrecht.tenants.models import Municipality

from .pagination import CursorPagination


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
    filterset_class = TaskFilterSet
    pagination_class = TaskPagination

    def get_queryset(self):
        return (
            Task.objects.select_related("municipality", "department")
            .prefetch_related(
                Prefetch("contracts", queryset=Contract.objects.select_related("provider")),
                "finances",
                Prefetch("indicators", queryset=Indicator.objects.prefetch_related("values")),
            )
            .order_by("id")
        )


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
    filterset_class = CalendarFilterSet
    pagination_class = CursorPagination
    queryset = (
        Contract.objects.select_related("task__municipality", "provider")
        .only(*CONTRACT_FIELDS)
        .order_by("id")
    )


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
    filterset_class = CalendarFilterSet
    pagination_class = CalendarPagination

    def get_queryset(self):
        return (
            Contract.objects.filter(end_date__gte=today())
            .select_related("task__municipality", "provider")
            .only(
                *CONTRACT_FIELDS,
                "task__title",
                "task__blocker",
                "task__blocked_until",
                "task__bound_until",
            )
        )
