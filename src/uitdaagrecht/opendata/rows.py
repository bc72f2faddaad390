"""Helpers for API lists written from `values()` rows (ADR 8): what DRF's fields and the filter
backend do, at a fixed cost per page instead of per row or per filter."""

from collections.abc import Callable
from functools import cache

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings


def grouped(rows, key: str) -> dict:
    """Rows by the value of one of their keys, in their order."""
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def columns_of(serializer, *, leaving_out=()) -> tuple[str, ...]:
    """The model's own columns among a ModelSerializer's fields, in the serializer's order: what
    a row gives as it is read."""
    model = serializer.Meta.model
    columns = {f.name for f in model._meta.concrete_fields} - set(leaving_out)
    return tuple(name for name in serializer.Meta.fields if name in columns)


def counted_by(rows: QuerySet, objects: QuerySet) -> QuerySet:
    """`rows` (a `values()` page source) counted as `objects` counts: without the joins that
    the rows' related columns add, which a count does not need when they follow foreign keys
    that are never empty (the paginator counts every page)."""
    rows.count = objects.count
    return rows


def datetime_text() -> Callable:
    """`serializers.DateTimeField().to_representation`, with the current time zone looked up once
    (per response) instead of for every value; anything unusual goes to the field itself."""
    field = serializers.DateTimeField()
    zone = field.default_timezone()
    if zone is None or api_settings.DATETIME_FORMAT.lower() != ISO_8601:
        return field.to_representation

    def text(value) -> str | None:
        if value is None or timezone.is_naive(value):
            return field.to_representation(value)
        try:
            value = value.astimezone(zone).isoformat()
        except OverflowError:
            return field.to_representation(value)  # the field's own error
        return value[:-6] + "Z" if value.endswith("+00:00") else value

    return text


def date_text(value) -> str | None:
    """`serializers.DateField().to_representation` of a date (or None)."""
    return None if value is None else value.isoformat()


class RowFilterBackend(DjangoFilterBackend):
    """The filter backend, but without building a filter set and its form when no filter is in
    the query: that filters nothing (an empty or absent value never filters), at the cost of a
    form with all its fields on every unfiltered page. A filter with more than one query key (a
    range) always goes through the filter set."""

    def filter_queryset(self, request, queryset, view):
        keys = _single_keys(self.get_filterset_class(view, queryset))
        if keys is not None and not any(key in request.query_params for key in keys):
            return queryset
        return super().filter_queryset(request, queryset, view)


@cache
def _single_keys(filterset_class) -> frozenset[str] | None:
    if filterset_class is None:
        return frozenset()
    for f in filterset_class.base_filters.values():
        widget = f.extra.get("widget", f.field_class.widget)
        if isinstance(widget, forms.MultiWidget) or (
            isinstance(widget, type) and issubclass(widget, forms.MultiWidget)
        ):
            return None
    return frozenset(filterset_class.base_filters)
