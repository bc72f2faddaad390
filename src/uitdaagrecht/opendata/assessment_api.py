"""Frameworks, decisions and signed agreements as open data. Roles and bodies, never the names of
civil servants or residents; agreement parts marked confidential are left out."""

import datetime

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.pagination import CursorPagination

from uitdaagrecht.agreements.models import PARTS, BudgetLine, Result, Risk, Version
from uitdaagrecht.agreements.selectors import PART_FIELDS, signed_versions
from uitdaagrecht.assessment.models import Criterion, Decision, Framework, Level
from uitdaagrecht.assessment.ori import ori_uri
from uitdaagrecht.assessment.selectors import public_decisions
from uitdaagrecht.core.fragments import cached_parts
from uitdaagrecht.opendata.challenges_api import challenge_page, challenge_page_of
from uitdaagrecht.opendata.filters import IntegerFilter
from uitdaagrecht.opendata.pagination import PageNumberPagination
from uitdaagrecht.opendata.rows import (
    RowFilterBackend,
    columns_of,
    counted_by,
    date_text,
    datetime_text,
    grouped,
)


class LevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Level
        fields = ["value", "description"]


class CriterionSerializer(serializers.ModelSerializer):
    levels = LevelSerializer(many=True)

    class Meta:
        model = Criterion
        fields = ["name", "dimension", "description", "weight", "levels"]


class FrameworkSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.cbs_code")
    criteria = serializers.SerializerMethodField()

    class Meta:
        model = Framework
        fields = [
            "municipality",
            "version",
            "published_at",
            "deciding_body",
            "introduction",
            "criteria",
        ]

    # Criteria and levels written out as dicts (the schema stays that of the nested
    # serializers): a nested serializer per level was a third of the time of a page.
    @extend_schema_field(CriterionSerializer(many=True))
    def get_criteria(self, obj):
        return [
            {
                "name": c.name,
                "dimension": c.dimension,
                "description": c.description,
                "weight": c.weight,
                "levels": [
                    {"value": lv.value, "description": lv.description} for lv in c.levels.all()
                ],
            }
            for c in obj.criteria.all()
        ]


class FrameworkFilterSet(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__cbs_code")
    version = IntegerFilter()

    class Meta:
        model = Framework
        fields = ["municipality", "version"]


class FrameworkPagination(PageNumberPagination):
    """A version has 5–10 criteria with a scale each: 10 versions are about 36 kB."""

    page_size = 10
    max_page_size = 100


class FrameworkViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Published assessment frameworks, every version (a challenge is assessed on the version
    public at its submission)."""

    serializer_class = FrameworkSerializer
    filter_backends = [RowFilterBackend]
    filterset_class = FrameworkFilterSet
    pagination_class = FrameworkPagination

    def get_queryset(self):
        return (
            Framework.objects.public()
            .select_related("municipality")
            .prefetch_related(
                Prefetch(
                    "criteria",
                    queryset=Criterion.objects.prefetch_related(
                        Prefetch(
                            "levels",
                            queryset=Level.objects.only("criterion", "value", "description"),
                        )
                    ),
                )
            )
            .order_by("municipality__cbs_code", "version")
        )

    def list(self, request, *args, **kwargs):
        # What `FrameworkSerializer` gives, from `values()` rows (tests/opendata/test_api_rows.py
        # compares them); the criteria with their levels kept per version (core.fragments.
        # cached_parts), the ones not kept read in one query, as tuples: a page has some 400
        # rows of a criterion with one of its levels.
        versions = self.filter_queryset(self.get_queryset().prefetch_related(None))
        frameworks = self.paginate_queryset(
            counted_by(
                versions.values(
                    "id", "municipality__cbs_code", "municipality__slug", *FRAMEWORK_FIELDS
                ),
                versions,
            )
        )
        criteria = cached_parts(
            "api-framework-criteria",
            {f["id"]: f["municipality__slug"] for f in frameworks},
            _framework_criteria,
        )
        moment = datetime_text()
        return self.get_paginated_response(
            [
                {
                    "municipality": f["municipality__cbs_code"],
                    "version": f["version"],
                    "published_at": moment(f["published_at"]),
                    "deciding_body": f["deciding_body"],
                    "introduction": f["introduction"],
                    "criteria": criteria[f["id"]],
                }
                for f in frameworks
            ]
        )


def _framework_criteria(ids: list[int]) -> dict[int, list[dict]]:
    """The criteria of each framework version with their levels, as the prefetches order them:
    criteria by their own ordering, levels by value."""
    criteria: dict[int, dict[int, dict]] = {pk: {} for pk in ids}
    for pk, framework_id, name, dimension, description, weight, value, text in (
        Criterion.objects.filter(framework_id__in=ids)
        .order_by(*Criterion._meta.ordering, "levels__value")
        .values_list(
            "id",
            "framework_id",
            "name",
            "dimension",
            "description",
            "weight",
            "levels__value",
            "levels__description",
        )
    ):
        criterion = criteria[framework_id].get(pk)
        if criterion is None:
            criterion = criteria[framework_id][pk] = {
                "name": name,
                "dimension": dimension,
                "description": description,
                "weight": weight,
                "levels": [],
            }
        if value is not None:  # a criterion without levels: one row, no level
            criterion["levels"].append({"value": value, "description": text})
    return {pk: list(found.values()) for pk, found in criteria.items()}


FRAMEWORK_FIELDS = ("version", "published_at", "deciding_body", "introduction")


class DecisionSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="challenge.municipality.cbs_code")
    challenge = serializers.CharField(source="challenge.reference")
    corrects = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The decision this one corrects, if any."
    )
    ori_identifier = serializers.CharField(
        read_only=True,
        help_text="The council item in Open Raadsinformatie (a number); empty when none is named.",
    )
    ori_uri = serializers.CharField(
        read_only=True,
        help_text="Its address, https://id.openraadsinformatie.nl/<identifier>; empty when none.",
    )
    page = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "municipality",
            "challenge",
            "outcome",
            "part",
            "reasons_economic",
            "reasons_social",
            "reasons_democratic",
            "reasons",
            "body",
            "decided_on",
            "council_document_url",
            "ori_identifier",
            "ori_uri",
            "objection",
            "corrects",
            "published_at",
            "page",
        ]

    def get_page(self, obj) -> str:
        return challenge_page(self.context, obj.challenge)


class DecisionFilterSet(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="challenge__municipality__cbs_code")
    challenge = django_filters.CharFilter(field_name="challenge__reference")

    class Meta:
        model = Decision
        fields = ["municipality", "challenge", "outcome"]


class DecisionPagination(CursorPagination):
    ordering = ("-published_at", "-id")
    page_size = 50


class DecisionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Decisions with their reasons per value dimension; a correction points at what it corrects."""

    serializer_class = DecisionSerializer
    filter_backends = [RowFilterBackend]
    filterset_class = DecisionFilterSet
    pagination_class = DecisionPagination

    def get_queryset(self):
        return public_decisions()

    def list(self, request, *args, **kwargs):
        # What `DecisionSerializer` gives, from `values()` rows (tests/opendata/test_api_rows.py
        # compares them): no model instances with their challenge and municipality per row.
        decisions = self.paginate_queryset(
            self.filter_queryset(self.get_queryset()).values(*DECISION_ROW)
        )
        context = {"request": request}
        moment = datetime_text()
        return self.get_paginated_response(
            [
                {
                    "id": d["id"],
                    "municipality": d["challenge__municipality__cbs_code"],
                    "challenge": d["challenge__reference"],
                    **{name: d[name] for name in DECISION_TEXTS},
                    "decided_on": None if d["decided_on"] is None else d["decided_on"].isoformat(),
                    "council_document_url": d["council_document_url"],
                    "ori_identifier": d["ori_identifier"],
                    "ori_uri": ori_uri(d["ori_identifier"]),
                    "objection": d["objection"],
                    "corrects": d["corrects_id"],
                    "published_at": None
                    if d["published_at"] is None
                    else moment(d["published_at"]),
                    "page": challenge_page_of(
                        context, d["challenge__municipality__slug"], d["challenge__reference"]
                    ),
                }
                for d in decisions
            ]
        )


DECISION_TEXTS = (
    "outcome",
    "part",
    "reasons_economic",
    "reasons_social",
    "reasons_democratic",
    "reasons",
    "body",
)
DECISION_ROW = (
    "id",
    "challenge__municipality__cbs_code",
    "challenge__municipality__slug",
    "challenge__reference",
    *DECISION_TEXTS,
    "decided_on",
    "council_document_url",
    "ori_identifier",
    "objection",
    "corrects_id",
    "published_at",
)


CONFIDENTIAL_FIELDS = [name for names in PART_FIELDS.values() for name in names]


class AgreementSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="challenge.municipality.cbs_code")
    challenge = serializers.CharField(source="challenge.reference")
    signed_at = serializers.DateTimeField()
    confidential_parts = serializers.SerializerMethodField(
        help_text="Parts left out, with the reason."
    )
    budget = serializers.SerializerMethodField(allow_null=True)
    results = serializers.SerializerMethodField(allow_null=True)
    risks = serializers.SerializerMethodField(allow_null=True)
    interim_evaluations = serializers.ListField(
        child=serializers.DateField(),
        source="interim_dates",
        help_text="Of an experiment: the dates of its interim evaluations, in order.",
    )
    page = serializers.SerializerMethodField()

    class Meta:
        model = Version
        fields = [
            "municipality",
            "challenge",
            "number",
            "signed_at",
            "start_date",
            "term_months",
            "vehicle",
            "vehicle_reference",
            "payment_schedule",
            "tasks_taken_over",
            "quality_requirements",
            "cooperation",
            "accountability_form",
            "accountability_moments",
            "accountability_by",
            "review_moments",
            "experiment",
            "interim_evaluations",
            "budget",
            "results",
            "risks",
            "confidential_parts",
            "page",
        ]

    def get_fields(self):
        """A part marked confidential comes as null: the schema says so of every field of a part."""
        fields = super().get_fields()
        for name in CONFIDENTIAL_FIELDS:
            fields[name].allow_null = True
        return fields

    def to_representation(self, obj):
        data = super().to_representation(obj)
        for part in obj.confidential:
            for name in PART_FIELDS.get(part, ()):
                data[name] = None
            if part == "budget":
                data["budget"] = None
            if part == "results":
                data["results"] = None
            if part == "preconditions":
                data["risks"] = None
        return data

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_confidential_parts(self, obj) -> dict:
        return {part: reason for part, reason in obj.confidential.items() if part in PARTS}

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_budget(self, obj):
        return [{"year": b.year, "amount_eur": b.amount_eur} for b in obj.budget_lines]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_results(self, obj):
        return [
            {
                "indicator": r.indicator,
                "dimension": r.dimension,
                "unit": r.unit,
                "baseline": None if r.baseline is None else str(r.baseline),
                "target": str(r.target),
            }
            for r in obj.result_list
        ]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_risks(self, obj):
        return [{"risk": r.risk, "mitigation": r.mitigation} for r in obj.risk_list]

    def get_page(self, obj) -> str:
        return challenge_page(self.context, obj.challenge)


class AgreementFilterSet(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="challenge__municipality__cbs_code")
    challenge = django_filters.CharFilter(field_name="challenge__reference")

    class Meta:
        model = Version
        fields = ["municipality", "challenge"]


class AgreementPagination(PageNumberPagination):
    page_size = 25
    max_page_size = 100


class AgreementViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Agreement versions signed by both sides, public parts only."""

    serializer_class = AgreementSerializer
    pagination_class = AgreementPagination
    filter_backends = [RowFilterBackend]
    filterset_class = AgreementFilterSet

    def get_queryset(self):
        return signed_versions()

    def list(self, request, *args, **kwargs):
        # What `AgreementSerializer` gives, confidential parts left out as it leaves them, from
        # `values()` rows (tests/opendata/test_api_rows.py compares them).
        versions = self.filter_queryset(self.get_queryset().prefetch_related(None))
        versions = self.paginate_queryset(counted_by(versions.values(*AGREEMENT_ROW), versions))
        return self.get_paginated_response(agreement_rows(versions, request))


# The version's own columns among the serializer's fields ("number" first).
AGREEMENT_FIELDS = columns_of(AgreementSerializer, leaving_out={"challenge"})
AGREEMENT_ROW = (
    "id",
    "challenge__municipality__cbs_code",
    "challenge__municipality__slug",
    "challenge__reference",
    *AGREEMENT_FIELDS,
    "signed_challengers_at",
    "signed_municipality_at",
    "confidential",
)


def agreement_rows(versions: list[dict], request) -> list[dict]:
    """Signed versions as `AgreementSerializer` represents them; their budget lines, results
    and risks kept per version (core.fragments.cached_parts), the ones not kept read in three
    queries for the page."""
    parts = cached_parts(
        "api-agreement-parts",
        {v["id"]: v["challenge__municipality__slug"] for v in versions},
        _agreement_parts,
    )
    moment = datetime_text()
    context = {"request": request}
    rows = []
    for v in versions:
        signed_at = None
        if v["signed_challengers_at"] and v["signed_municipality_at"]:  # Version.signed_at
            signed_at = max(v["signed_challengers_at"], v["signed_municipality_at"])
        confidential = v["confidential"]
        row = {
            "municipality": v["challenge__municipality__cbs_code"],
            "challenge": v["challenge__reference"],
            "number": v["number"],
            "signed_at": moment(signed_at),
            **{name: v[name] for name in AGREEMENT_FIELDS[1:]},
            **parts[v["id"]],
            "confidential_parts": {
                part: reason for part, reason in confidential.items() if part in PARTS
            },
            "page": challenge_page_of(
                context, v["challenge__municipality__slug"], v["challenge__reference"]
            ),
        }
        row["start_date"] = date_text(row["start_date"])
        # Version.interim_dates: the dates in order
        row["interim_evaluations"] = [
            day.isoformat()
            for day in sorted(
                datetime.date.fromisoformat(day) for day in v["interim_evaluations"] or []
            )
        ]
        for part in confidential:  # as AgreementSerializer.to_representation leaves them out
            for name in PART_FIELDS.get(part, ()):
                row[name] = None
            if part in _PART_LISTS:
                row[_PART_LISTS[part]] = None
        rows.append(row)
    return rows


_PART_LISTS = {"budget": "budget", "results": "results", "preconditions": "risks"}


def _agreement_parts(ids: list[int]) -> dict[int, dict]:
    """The budget lines, results and risks of each version, in the models' own ordering."""
    budget = grouped(
        BudgetLine.objects.filter(version_id__in=ids).values("version_id", "year", "amount_eur"),
        "version_id",
    )
    results = grouped(
        Result.objects.filter(version_id__in=ids).values(
            "version_id", "indicator", "dimension", "unit", "baseline", "target"
        ),
        "version_id",
    )
    risks = grouped(
        Risk.objects.filter(version_id__in=ids).values("version_id", "risk", "mitigation"),
        "version_id",
    )
    return {
        pk: {
            "budget": [
                {"year": b["year"], "amount_eur": b["amount_eur"]} for b in budget.get(pk, ())
            ],
            "results": [
                {
                    "indicator": r["indicator"],
                    "dimension": r["dimension"],
                    "unit": r["unit"],
                    "baseline": None if r["baseline"] is None else str(r["baseline"]),
                    "target": str(r["target"]),
                }
                for r in results.get(pk, ())
            ],
            "risks": [
                {"risk": r["risk"], "mitigation": r["mitigation"]} for r in risks.get(pk, ())
            ],
        }
        for pk in ids
    }
