"""Staff workspace for the catalogue: tasks, providers, contracts, budgets, result agreements."""

from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from uitdaagrecht.accounts.decorators import staff_view
from uitdaagrecht.core.forms import posted

from .forms import (
    ContractForm,
    FinanceForm,
    IndicatorForm,
    IndicatorValueForm,
    ProviderForm,
    TaskForm,
)
from .models import ChangeLog, Contract, Finance, Indicator, IndicatorValue, Provider, Task
from .services import part_delete, part_save, task_delete, task_save

PERMISSION = "catalog.change_catalog"


@staff_view(PERMISSION)
def index(request: HttpRequest) -> HttpResponse:
    place = request.municipality
    return render(
        request,
        "workspace/catalog/index.html",
        {
            "municipality": place,
            "tasks": Task.objects.filter(municipality=place).select_related(
                "taakveld", "department"
            ),
            "providers": Provider.objects.filter(municipality=place),
            "changes": ChangeLog.objects.filter(municipality=place).select_related("actor", "task")[
                :20
            ],
        },
    )


def _task(request: HttpRequest, pk: int) -> Task:
    """A task of this municipality, or 404: an id of another municipality is not found here."""
    return get_object_or_404(
        Task.objects.select_related("municipality"), pk=pk, municipality=request.municipality
    )


def _manage_url(task: Task) -> str:
    return reverse(
        "workspace:catalog_task", kwargs={"municipality": task.municipality.slug, "pk": task.pk}
    )


def _render_form(request, form, title: str, back: str) -> HttpResponse:
    return render(
        request,
        "workspace/catalog/form.html",
        {"municipality": request.municipality, "form": form, "title": title, "back": back},
        status=400 if form.errors else 200,
    )


@staff_view(PERMISSION)
def task_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    task = _task(request, pk) if pk else None
    form = TaskForm(*posted(request), instance=task, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        saved = task_save(task=form.instance, actor=request.user)
        messages.success(request, _("The task is saved."))
        return redirect(_manage_url(saved))
    back = (
        _manage_url(task)
        if task
        else reverse("workspace:catalog", kwargs={"municipality": request.municipality.slug})
    )
    return _render_form(request, form, task.title if task else _("New task"), back)


@staff_view(PERMISSION)
def task_manage(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    return render(
        request,
        "workspace/catalog/task.html",
        {
            "municipality": request.municipality,
            "task": task,
            "contracts": task.contracts.select_related("provider"),
            "finances": task.finances.all(),
            "indicators": task.indicators.prefetch_related("values"),
            "changes": task.changes.select_related("actor")[:20],
        },
    )


@require_POST
@staff_view(PERMISSION)
def task_remove(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    task_delete(task=task, actor=request.user)
    messages.success(request, _("The task “{title}” is removed.").format(title=task.title))
    return redirect("workspace:catalog", municipality=request.municipality.slug)


@staff_view(PERMISSION)
def provider_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk, municipality=request.municipality) if pk else None
    form = ProviderForm(*posted(request), instance=provider, municipality=request.municipality)
    back = reverse("workspace:catalog", kwargs={"municipality": request.municipality.slug})
    if request.method == "POST" and form.is_valid():
        part_save(
            obj=form.instance, task=None, municipality=request.municipality, actor=request.user
        )
        messages.success(request, _("The provider is saved."))
        return redirect(back)
    return _render_form(request, form, provider.name if provider else _("New provider"), back)


@require_POST
@staff_view(PERMISSION)
def provider_remove(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk, municipality=request.municipality)
    try:
        part_delete(obj=provider, task=None, municipality=request.municipality, actor=request.user)
    except ProtectedError:
        messages.error(request, _("This provider still has contracts and cannot be removed."))
    return redirect("workspace:catalog", municipality=request.municipality.slug)


# Parts of a task: (model, form, title of a new one). The URL names are derived from the key.
PARTS = {
    "contract": (Contract, ContractForm, _("New contract")),
    "finance": (Finance, FinanceForm, _("New budget year")),
    "indicator": (Indicator, IndicatorForm, _("New result indicator")),
}


def _part_views(kind: str):
    model, form_class, new_title = PARTS[kind]

    @staff_view(PERMISSION)
    def edit(request: HttpRequest, task_pk: int, pk: int | None = None) -> HttpResponse:
        task = _task(request, task_pk)
        obj = get_object_or_404(model, pk=pk, task=task) if pk else None
        form = form_class(*posted(request), instance=obj, task=task)
        if request.method == "POST" and form.is_valid():
            part_save(
                obj=form.instance, task=task, municipality=request.municipality, actor=request.user
            )
            messages.success(request, _("Saved."))
            return redirect(_manage_url(task))
        return _render_form(request, form, str(obj) if obj else str(new_title), _manage_url(task))

    @require_POST
    @staff_view(PERMISSION)
    def remove(request: HttpRequest, task_pk: int, pk: int) -> HttpResponse:
        task = _task(request, task_pk)
        obj = get_object_or_404(model, pk=pk, task=task)
        part_delete(obj=obj, task=task, municipality=request.municipality, actor=request.user)
        messages.success(request, _("Removed."))
        return redirect(_manage_url(task))

    return edit, remove


contract_edit, contract_remove = _part_views("contract")
finance_edit, finance_remove = _part_views("finance")
indicator_edit, indicator_remove = _part_views("indicator")


@staff_view(PERMISSION)
def value_edit(
    request: HttpRequest, task_pk: int, indicator_pk: int, pk: int | None = None
) -> HttpResponse:
    task = _task(request, task_pk)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, task=task)
    value = get_object_or_404(IndicatorValue, pk=pk, indicator=indicator) if pk else None
    form = IndicatorValueForm(*posted(request), instance=value, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        part_save(
            obj=form.instance, task=task, municipality=request.municipality, actor=request.user
        )
        messages.success(request, _("Saved."))
        return redirect(_manage_url(task))
    return _render_form(request, form, indicator.name, _manage_url(task))


@require_POST
@staff_view(PERMISSION)
def value_remove(request: HttpRequest, task_pk: int, indicator_pk: int, pk: int) -> HttpResponse:
    task = _task(request, task_pk)
    value = get_object_or_404(
        IndicatorValue, pk=pk, indicator__task=task, indicator_id=indicator_pk
    )
    part_delete(obj=value, task=task, municipality=request.municipality, actor=request.user)
    return redirect(_manage_url(task))
