"""The public, read-only REST API (DESIGN.md §5): natural keys, JSON, paginated, filterable."""

import json

from django.db.models import F
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from uitdaagrecht.budgets.models import BudgetLine, Document, Taakveld
from uitdaagrecht.budgets.selectors import available_periods, budget_overview, default_period
from uitdaagrecht.core.fragments import cached_value
from uitdaagrecht.tenants.models import Municipality

from .filters import BudgetLineFilter, MunicipalityFilter, TaakveldFilter
from .pagination import CursorPagination
from .rows import columns_of
from .serializers import (
    BudgetLineSerializer,
    BudgetSerializer,
    MunicipalitySerializer,
    TaakveldSerializer,
)


class BudgetQuery(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1990, max_value=2100)
    document = serializers.ChoiceField(choices=Document.choices, required=False)


MUNICIPALITY_COLUMNS = columns_of(MunicipalitySerializer)


class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    """The municipalities of the CBS municipal division, by CBS code (e.g. GM0363)."""

    # The serializer's fields only: not the logo and texts, whose file field costs more to
    # set up per instance than the rest of a row.
    queryset = Municipality.objects.only(*MUNICIPALITY_COLUMNS).order_by("cbs_code")
    serializer_class = MunicipalitySerializer
    lookup_field = "cbs_code"
    lookup_value_regex = "GM[0-9]{4}"
    filterset_class = MunicipalityFilter

    @extend_schema(
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="Default: newest budget"),
            OpenApiParameter("document", OpenApiTypes.STR, enum=Document.values),
        ],
        responses=BudgetSerializer,
        filters=False,
    )
    # DRF's own renderer: the API's only floats (amounts per inhabitant) are here, and orjson
    # writes one below 1e-4 without an exponent (opendata.renderers).
    @action(
        detail=True,
        methods=["get"],
        filterset_class=None,
        pagination_class=None,
        renderer_classes=[JSONRenderer],
    )
    def budget(self, request: Request, cbs_code: str) -> Response:
        """Totals per hoofdtaakveld and taakveld and the grand total, in thousands of euros."""
        municipality = get_object_or_404(Municipality, cbs_code=cbs_code)
        query = BudgetQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        periods = available_periods()
        fallback = default_period(periods) or (None, None)
        period = (
            query.validated_data.get("year", fallback[0]),
            query.validated_data.get("document", Document.BUDGET),
        )
        if period not in periods:
            raise ValidationError(
                {
                    "year": [
                        f"No figures for {period[1]} {period[0]}. Available: "
                        + ", ".join(f"{d} {y}" for y, d in periods)
                    ]
                }
            )
        # The same for everyone until the next import or change of the municipality: worked out
        # once (core.fragments), as the budget page's figures are.
        return Response(
            cached_value(
                "api-budget",
                lambda: plain(
                    BudgetSerializer(
                        budget_overview(municipality=municipality, period=period, periods=periods)
                    ).data
                ),
                vary=period,
                municipality=municipality,
            )
        )


class TaakveldViewSet(viewsets.ReadOnlyModelViewSet):
    """The Iv3 taakvelden with their hoofdtaakveld and the years their code is valid."""

    queryset = Taakveld.objects.select_related("hoofdtaakveld").order_by("sort_key")
    serializer_class = TaakveldSerializer
    lookup_value_regex = "[0-9]{1,2}\\.[0-9]{1,3}[a-z]?"
    filterset_class = TaakveldFilter


class BudgetLineViewSet(viewsets.ReadOnlyModelViewSet):
    """Iv3 budget lines: one municipality, year, document and taakveld each.

    Amounts are in thousands of euros. Lines of municipalities that did not deliver to CBS are
    all zero: check `budget/`'s `delivered` before using them.
    """

    # Only the municipality's code is needed, not the whole row.
    queryset = BudgetLine.objects.annotate(municipality_code=F("municipality__cbs_code")).order_by(
        "id"
    )
    serializer_class = BudgetLineSerializer
    filterset_class = BudgetLineFilter
    pagination_class = CursorPagination


def plain(data) -> dict:
    """A serializer's data as plain dicts and lists, as its JSON says them (to be kept)."""
    return json.loads(JSONRenderer().render(data))
