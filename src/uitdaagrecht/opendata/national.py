"""/uitdaagrecht/: every municipality's Right to Challenge at a glance — its regulation, whether
it has a contact point, and its submitted challenges per phase; sortable, filterable by province
and downloadable as CSV. Three queries whatever the number of municipalities."""

import csv
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from uitdaagrecht.accounts.decorators import staff_view
from uitdaagrecht.catalog.bulk.safe import spreadsheet_safe
from uitdaagrecht.challenges.api import Challenge, State
from uitdaagrecht.core.caching import cache_public_page
from uitdaagrecht.core.forms import Form, ModelForm, posted
from uitdaagrecht.tenants.models import Municipality

from .models import Regulation
from .tables import site_url

PHASES = [s for s in State.values if s != State.DRAFT]
# The phases grouped for the page; the CSV has every phase.
GROUPS = {
    "running": (State.SUBMITTED, State.INTAKE, State.ASSESSMENT, State.AGREEMENTS),
    "executing": (State.EXECUTION, State.EVALUATION),
    "completed": (State.COMPLETED,),
    "ended": (State.REDIRECTED, State.REJECTED, State.STOPPED, State.WITHDRAWN),
}
SORTS = {
    "name": lambda r: r.municipality.name.lower(),
    "province": lambda r: (r.municipality.province, r.municipality.name.lower()),
    "challenges": lambda r: (-r.total, r.municipality.name.lower()),
}


@dataclass
class Row:
    municipality: Municipality
    regulation: Regulation | None
    phases: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.phases.values())

    @property
    def has_contact(self) -> bool:
        return bool(self.municipality.contact_email or self.municipality.contact_phone)

    def group(self, name: str) -> int:
        return sum(self.phases.get(state, 0) for state in GROUPS[name])

    @property
    def groups(self) -> list[int]:
        return [self.group(name) for name in GROUPS]


class FilterForm(Form):
    provincie = forms.ChoiceField(label=gettext_lazy("Province"), required=False)
    sorteer = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        required=False,
        choices=[
            ("name", gettext_lazy("name")),
            ("province", gettext_lazy("province")),
            ("challenges", gettext_lazy("most challenges")),
        ],
    )

    def __init__(self, *args, provinces: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provincie"].choices = [("", _("All provinces"))] + [(p, p) for p in provinces]


# The twelve provinces (CBS spelling, as in the municipalities' data).
PROVINCES = [
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
]


def national_rows(*, province: str = "", sort: str = "name") -> list[Row]:
    places = Municipality.objects.filter(is_active=True).only(
        "name", "slug", "cbs_code", "province", "contact_email", "contact_phone"
    )
    if province:
        places = places.filter(province=province)
    rows = {p.pk: Row(p, None) for p in places}
    for regulation in Regulation.objects.filter(municipality__in=rows.keys()):
        rows[regulation.municipality_id].regulation = regulation
    counts = (
        Challenge.objects.public()
        .filter(municipality__in=rows.keys())
        .values_list("municipality_id", "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    for municipality_id, state, n in counts:
        rows[municipality_id].phases[state] = n
    return sorted(rows.values(), key=SORTS.get(sort, SORTS["name"]))


def _filters(request: HttpRequest) -> tuple[FilterForm, Callable[[], list[Row]], int]:
    """How to read the rows for the chosen province and order; a choice that does not exist:
    all, and 400."""
    form = FilterForm(request.GET or None, provinces=PROVINCES)
    valid = not request.GET or form.is_valid()
    choice = form.cleaned_data if request.GET and valid else {}
    rows = functools.partial(
        national_rows, province=choice.get("provincie", ""), sort=choice.get("sorteer") or "name"
    )
    return form, rows, 200 if valid else 400


@require_safe
@cache_public_page
def overview(request: HttpRequest) -> HttpResponse:
    form, read_rows, status = _filters(request)
    # Read only when the fragment of the table is not in the cache (core.fragments).
    rows = SimpleLazyObject(read_rows)
    return render(
        request,
        "opendata/national.html",
        {
            "form": form,
            "rows": rows,
            "query": request.GET.urlencode(),
            "total": SimpleLazyObject(lambda: sum(r.total for r in rows)),
        },
        status=status,
    )


@require_safe
@cache_public_page
def overview_csv(request: HttpRequest) -> HttpResponse:
    _form, read_rows, status = _filters(request)
    rows = read_rows()
    response = HttpResponse(content_type="text/csv; charset=utf-8", status=status)
    response["Content-Disposition"] = 'attachment; filename="uitdaagrecht-gemeenten.csv"'
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(["cbs_code", "municipality", "province", "regulation", "page", *PHASES])
    for row in rows:
        place = row.municipality
        writer.writerow(
            [
                place.cbs_code,
                spreadsheet_safe(place.name),
                spreadsheet_safe(place.province),
                row.regulation.url if row.regulation else "",
                site_url(place.get_absolute_url()),
                *(row.phases.get(state, 0) for state in PHASES),
            ]
        )
    return response


class RegulationForm(ModelForm):
    url = forms.URLField(
        label=gettext_lazy("link to the regulation"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("E.g. the verordening on lokaleregelgeving.overheid.nl."),
    )

    class Meta:
        model = Regulation
        fields = ["url", "adopted_on"]
        widgets = {"adopted_on": forms.DateInput(attrs={"type": "date"})}


@staff_view("tenants.change_texts")
def regulation(request: HttpRequest) -> HttpResponse:
    """Coordinators and admins set the link to their regulation (verordening)."""
    place = request.municipality
    current = Regulation.objects.filter(municipality=place).first()
    data, _files = posted(request)
    form = RegulationForm(data, instance=current or Regulation(municipality=place))
    if form.is_valid():
        form.save()
        messages.success(request, _("The link to the regulation has been saved."))
        return redirect("opendata_staff:regulation", municipality=place.slug)
    return render(
        request,
        "opendata/staff/regulation.html",
        {"municipality": place, "form": form},
        status=400 if data is not None else 200,
    )
