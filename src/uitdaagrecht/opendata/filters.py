import django_filters
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.budgets.models import BudgetLine, Document, Hoofdtaakveld, Taakveld
from uitdaagrecht.tenants.models import Municipality


class MunicipalityFilter(django_filters.FilterSet):
    province = django_filters.CharFilter(field_name="province", lookup_expr="iexact")
    name = django_filters.CharFilter(field_name="name", lookup_expr="icontains")
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = Municipality
        fields = ["province", "name", "is_active"]


class TaakveldFilter(django_filters.FilterSet):
    hoofdtaakveld = django_filters.ModelChoiceFilter(queryset=Hoofdtaakveld.objects.all())
    year = django_filters.NumberFilter(
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
    year = django_filters.NumberFilter(field_name="year")
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
