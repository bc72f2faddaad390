"""Execution and evaluation as open data: acknowledged progress reports, evaluations with their
lessons, and handovers (the money that moved to challengers). Public parts only: no notes between
the parties, no names, and no figures of results the agreements keep confidential."""

import django_filters
from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.pagination import CursorPagination

from uitdaagrecht.core.fragments import cached_parts
from uitdaagrecht.monitoring.models import Evaluation, Handover, Report, Value

from .challenges_api import challenge_page, challenge_page_of
from .filters import YearFilter
from .rows import RowFilterBackend, date_text, datetime_text, grouped


class ProgressValueSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    unit = serializers.CharField()
    target = serializers.CharField()
    value = serializers.CharField()


class ProgressReportSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="challenge.municipality.cbs_code")
    challenge = serializers.CharField(source="challenge.reference")
    moment = serializers.DateField(source="moment.due_on", allow_null=True)
    corrects = serializers.IntegerField(source="corrects_id", allow_null=True)
    values = serializers.SerializerMethodField(
        help_text="Empty when the agreements keep the results confidential."
    )
    page = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "municipality",
            "challenge",
            "moment",
            "submitted_at",
            "acknowledged_at",
            "account",
            "corrects",
            "values",
            "page",
        ]

    @extend_schema_field(ProgressValueSerializer(many=True))
    def get_values(self, obj) -> list:
        if "results" in obj.version.confidential:
            return []
        return [
            {
                "indicator": v.result.indicator,
                "unit": v.result.unit,
                "target": str(v.result.target),
                "value": str(v.value),
            }
            for v in obj.values.all()
        ]

    def get_page(self, obj) -> str:
        return challenge_page(self.context, obj.challenge)


class ChallengeFilterSet(django_filters.FilterSet):
    municipality = django_filters.CharFilter(
        field_name="challenge__municipality__cbs_code", help_text="CBS code, e.g. GM0193."
    )
    challenge = django_filters.CharFilter(field_name="challenge__reference")


class ReportPagination(CursorPagination):
    page_size = 25
    ordering = ("-submitted_at", "-id")


class ProgressReportViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Progress reports on the agreed results, once the municipality acknowledged them."""

    serializer_class = ProgressReportSerializer
    filter_backends = [RowFilterBackend]
    filterset_class = ChallengeFilterSet
    pagination_class = ReportPagination

    def get_queryset(self):
        return (
            Report.objects.public()
            .select_related("challenge__municipality", "moment", "version")
            .prefetch_related(Prefetch("values", queryset=Value.objects.select_related("result")))
        )

    def list(self, request, *args, **kwargs):
        # What `ProgressReportSerializer` gives, from `values()` rows (tests/opendata/
        # test_api_rows.py compares them): not a whole agreement version per report for its
        # confidential parts.
        reports = self.paginate_queryset(
            self.filter_queryset(self.get_queryset().prefetch_related(None)).values(
                "id",
                "challenge__municipality__cbs_code",
                "challenge__municipality__slug",
                "challenge__reference",
                "moment__due_on",
                "submitted_at",
                "acknowledged_at",
                "account",
                "corrects_id",
                "version__confidential",
            )
        )
        values = cached_parts(
            "api-report-values",
            {r["id"]: r["challenge__municipality__slug"] for r in reports},
            _report_values,
        )
        moment = datetime_text()
        context = {"request": request}
        return self.get_paginated_response(
            [
                {
                    "id": r["id"],
                    "municipality": r["challenge__municipality__cbs_code"],
                    "challenge": r["challenge__reference"],
                    "moment": date_text(r["moment__due_on"]),
                    "submitted_at": moment(r["submitted_at"]),
                    "acknowledged_at": moment(r["acknowledged_at"]),
                    "account": r["account"],
                    "corrects": r["corrects_id"],
                    "values": [] if "results" in r["version__confidential"] else values[r["id"]],
                    "page": challenge_page_of(
                        context, r["challenge__municipality__slug"], r["challenge__reference"]
                    ),
                }
                for r in reports
            ]
        )


def _report_values(ids: list[int]) -> dict[int, list[dict]]:
    """The values of each report with the result they measure."""
    values = grouped(
        Value.objects.filter(report_id__in=ids).values(
            "report_id", "result__indicator", "result__unit", "result__target", "value"
        ),
        "report_id",
    )
    return {
        pk: [
            {
                "indicator": v["result__indicator"],
                "unit": v["result__unit"],
                "target": str(v["result__target"]),
                "value": str(v["value"]),
            }
            for v in values.get(pk, ())
        ]
        for pk in ids
    }


class EvaluationSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="challenge.municipality.cbs_code")
    challenge = serializers.CharField(source="challenge.reference")
    results = serializers.ListField(
        child=serializers.DictField(), help_text="Per result: target and realised."
    )
    page = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "municipality",
            "challenge",
            "kind",
            "recorded_at",
            "results",
            "judgement_economic",
            "judgement_social",
            "judgement_democratic",
            "feedback_summary",
            "view_challengers",
            "view_municipality",
            "evaluator",
            "independent",  # by the independent evaluator (else by the municipality itself)
            "conclusion",
            "conclusion_reasons",
            "task_after",
            "lessons_worked",
            "lessons_failed",
            "lessons_advice",
            "page",
        ]

    def get_page(self, obj) -> str:
        return challenge_page(self.context, obj.challenge)


class EvaluationPagination(CursorPagination):
    page_size = 25
    ordering = ("-recorded_at", "-id")


class EvaluationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Evaluations of challenges (interim and final) with their conclusions and lessons."""

    serializer_class = EvaluationSerializer
    filterset_class = ChallengeFilterSet
    pagination_class = EvaluationPagination

    def get_queryset(self):
        return Evaluation.objects.public().select_related("challenge__municipality")


class HandoverSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="challenge.municipality.cbs_code")
    challenge = serializers.CharField(source="challenge.reference")
    organisation = serializers.CharField(source="challenge.organisation.name")
    task = serializers.CharField(source="task.slug")
    page = serializers.SerializerMethodField()

    class Meta:
        model = Handover
        fields = [
            "id",
            "municipality",
            "challenge",
            "organisation",
            "task",
            "part",
            "starts_on",
            "ends_on",
            "amount_eur",
            "source",
            "second_source",
            "second_amount_eur",
            "page",
        ]

    def get_page(self, obj) -> str:
        return challenge_page(self.context, obj.challenge)


class HandoverFilterSet(ChallengeFilterSet):
    year = YearFilter(method="in_year", help_text="Handovers that run in this year.")

    def in_year(self, queryset, name, value):
        return queryset.filter(Q(starts_on__year__lte=value) & Q(ends_on__year__gte=value))


class HandoverPagination(CursorPagination):
    page_size = 25
    ordering = ("-starts_on", "-id")


class HandoverViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """What moved to challengers: task, period and the money per year with its source."""

    serializer_class = HandoverSerializer
    filterset_class = HandoverFilterSet
    pagination_class = HandoverPagination

    def get_queryset(self):
        return Handover.objects.select_related(
            "challenge__municipality", "challenge__organisation", "task"
        )
