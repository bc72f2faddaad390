import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from uitdaagrecht.budgets.models import BudgetLine, Document, Hoofdtaakveld, Taakveld
from uitdaagrecht.tenants.models import Municipality


class YearField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=9999, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999})
class YearFilter(django_filters.NumberFilter):
    """A whole year (1–9999): a fraction or a number the database cannot hold is a 400."""

    field_class = YearField


@extend_schema_field({"type": "integer"})
class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class StrictBooleanField(forms.ChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.pop("widget", None)
        super().__init__(*args, choices=[("true", "true"), ("false", "false")], **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return {"true": True, "false": False}.get(value)


@extend_schema_field({"type": "boolean"})
class BooleanFilter(django_filters.BooleanFilter):
    """`true` or `false`; anything else is a 400, not silently no filter."""

    field_class = StrictBooleanField


class MunicipalityFilter(django_filters.FilterSet):
    province = django_filters.CharFilter(field_name="province", lookup_expr="iexact")
    name = django_filters.CharFilter(field_name="name", lookup_expr="icontains")
    is_active = BooleanFilter()

    class Meta:
        model = Municipality
        fields = ["province", "name", "is_active"]


class TaakveldFilter(django_filters.FilterSet):
    hoofdtaakveld = django_filters.ModelChoiceFilter(queryset=Hoofdtaakveld.objects.all())
    year = YearFilter(
        method="filter_year", label=_("Only taakvelden that exist in this year's scheme")
    )

    class Meta:
        model = Taakveld
        fields = ["hoofdtaakveld", "year"]

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.exclude(first_year__gt=year).exclude(last_year__lt=year)


class BudgetLineFilter(django_filters.FilterSet):
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(),
        to_field_name="cbs_code",
        help_text="CBS code, e.g. GM0363",
    )
    year = YearFilter(field_name="year")
    document = django_filters.ChoiceFilter(choices=Document.choices)
    taakveld = django_filters.ModelChoiceFilter(
        queryset=Taakveld.objects.all(), help_text="Iv3 code, e.g. 7.3"
    )
    hoofdtaakveld = django_filters.ModelChoiceFilter(
        field_name="taakveld__hoofdtaakveld", queryset=Hoofdtaakveld.objects.all()
    )

    class Meta:
        model = BudgetLine
        fields = ["municipality", "year", "document", "taakveld", "hoofdtaakveld"]
