"""Public pages: the catalogue, a task, the procurement calendar (HTML, CSV, iCalendar)."""

import csv
import datetime

import icalendar
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from uitdaagrecht.core.caching import cache_public_page
from uitdaagrecht.tenants.selectors import municipality_by_slug

from .bulk.cells import plain_text
from .bulk.safe import spreadsheet_safe
from .forms import CatalogueFilterForm
from .selectors import (
    HORIZON_MONTHS,
    calendar_events,
    taakveld_budget_k_eur,
    task_detail,
    task_list,
    task_parts,
)
from .services import today

PAGE_SIZE = 25
EVENT_LABELS = {
    "notice": gettext_lazy("last day to give notice"),
    "contract_end": gettext_lazy("contract ends"),
    "challengeable": gettext_lazy("can be challenged from"),
}


def _filtered(request: HttpRequest, place):
    form = CatalogueFilterForm(request.GET or None, municipality=place)
    tasks = task_list(municipality=place, today=today(), **form.filters())
    return form, tasks


@require_safe
@cache_public_page
def catalogue(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    form, tasks = _filtered(request, place)
    # Counted and read only when the fragment of this page is not in the cache (core.fragments).
    page = SimpleLazyObject(lambda: Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("pagina")))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "catalog/catalogue.html",
        {
            "municipality": place,
            "section": "tasks",
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": today(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_safe
@cache_public_page
def task(request: HttpRequest, municipality: str, task: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    found = task_detail(municipality=place, slug=task)
    if found is None:
        raise Http404(task)
    # The task's parts are read only when the fragment of the page is not in the cache.
    details = SimpleLazyObject(lambda: _task_details(task_parts(found)))
    return render(
        request,
        "catalog/task.html",
        {
            "municipality": place,
            "section": "tasks",
            "task": found,
            "today": today(),
            "details": details,
        },
    )


def _task_details(found) -> dict:
    year, taakveld_k_eur = taakveld_budget_k_eur(task=found)
    finances = list(found.finances.all())
    newest = next((f for f in finances if f.year == year), finances[0] if finances else None)
    share = None
    if newest and taakveld_k_eur:
        share = newest.full_cost_eur / (taakveld_k_eur * 1000) * 100
    return {
        "challengeable_from": found.challengeable_from(today()),
        # A contract that has ended binds nothing: history, never "current" (as in the
        # catalogue's row, task_list's current_contracts).
        "current": [c for c in found.contracts.all() if c.end_date >= today()],
        "ended": [c for c in found.contracts.all() if c.end_date < today()][::-1],
        "finances": finances,
        "taakveld_year": year,
        "taakveld_k_eur": taakveld_k_eur,
        "share": share,
    }


@require_safe
@cache_public_page
def calendar(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    form, tasks = _filtered(request, place)
    query = request.GET.urlencode()
    return render(
        request,
        "catalog/calendar.html",
        {
            "municipality": place,
            "section": "calendar",
            "form": form,
            # Read only when the fragment of this page is not in the cache (core.fragments).
            "months": SimpleLazyObject(lambda: _months(tasks)),
            "horizon": HORIZON_MONTHS,
            "query": query,
            "today": today(),
        },
    )


def _months(tasks) -> dict[datetime.date, list]:
    months: dict[datetime.date, list] = {}
    for event in calendar_events(tasks=tasks, today=today()):
        event.label = EVENT_LABELS[event.kind]
        months.setdefault(event.date.replace(day=1), []).append(event)
    return months


@require_safe
@cache_public_page
def calendar_csv(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    _form, tasks = _filtered(request, place)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="aanbestedingskalender-{place.slug}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            "date",
            "event",
            "task",
            "taakveld",
            "department",
            "provider",
            "contract_value_per_year_eur",
            "url",
        ]
    )
    for event in calendar_events(tasks=tasks, today=today()):
        writer.writerow(
            [
                event.date.isoformat(),
                event.kind,
                spreadsheet_safe(event.task.title),
                event.task.taakveld_id,
                spreadsheet_safe(event.task.department.name),
                spreadsheet_safe(event.contract.provider.name) if event.contract else "",
                event.contract.value_per_year_eur if event.contract else "",
                request.build_absolute_uri(event.task.get_absolute_url()),
            ]
        )
    return response


def _ics_text(text: str) -> str:
    """One line of plain text. The icalendar library escapes what RFC 5545 asks (\\ ; , and
    line breaks); without control characters nothing in a title can end a line, whatever was
    stored before titles were cleaned on input."""
    return plain_text(text, multiline=False).strip()


@require_safe
@cache_public_page
def calendar_ics(request: HttpRequest, municipality: str) -> HttpResponse:
    """An iCalendar feed a calendar app can subscribe to; one all-day event per moment."""
    place = municipality_by_slug(municipality)
    _form, tasks = _filtered(request, place)
    host = request.get_host().split(":")[0]
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Open Uitdaagrecht//Aanbestedingskalender//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(
        "x-wr-calname", _ics_text(_("Procurement calendar {name}").format(name=place.name))
    )
    for event in calendar_events(tasks=tasks, today=today()):
        summary = f"{EVENT_LABELS[event.kind].capitalize()}: {event.task.title}"
        url = request.build_absolute_uri(event.task.get_absolute_url())
        contract = event.contract.pk if event.contract else 0
        entry = icalendar.Event()
        entry.add("uid", f"{event.kind}-{event.task.pk}-{contract}-{event.date:%Y%m%d}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.date)
        entry.add("dtend", event.date + datetime.timedelta(days=1))
        entry.add("summary", _ics_text(summary))
        entry.add("url", url)
        entry.add("description", url)
        entry.add("transp", "TRANSPARENT")
        calendar.add_component(entry)
    body = calendar.to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="aanbestedingskalender-{place.slug}.ics"'
    return response
