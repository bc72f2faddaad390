"""The staff workspace's navigation and the pages that combine apps: the dashboard, the
coordinator's overview of challenges, and the municipality's own texts, theme and departments."""

from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from uitdaagrecht.accounts.decorators import staff_view
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.accounts.permissions import PERMISSIONS, roles_of
from uitdaagrecht.challenges import selectors as challenge_selectors
from uitdaagrecht.core.forms import posted
from uitdaagrecht.tenants.forms import DepartmentForm, TextsForm, ThemeForm
from uitdaagrecht.tenants.models import Department
from uitdaagrecht.tenants.services import municipality_update


@staff_view("tenants.view_workspace")
def dashboard(request: HttpRequest) -> HttpResponse:
    place = request.municipality
    allowed = {name for name in PERMISSIONS if request.user.has_perm(name, place)}
    return render(
        request,
        "workspace/dashboard.html",
        {
            "municipality": place,
            "allowed": allowed,
            "my_roles": [Role(r).label for r in sorted(roles_of(request.user, place))],
        },
    )


def _edit_municipality(request: HttpRequest, form_class, template: str, saved: str) -> HttpResponse:
    place = request.municipality
    form = form_class(*posted(request), instance=place)
    if request.method == "POST" and form.is_valid():
        municipality_update(
            municipality=place,
            fields={name: form.cleaned_data[name] for name in form.changed_data},
        )
        messages.success(request, saved)
        return redirect(request.path)
    return render(
        request, template, {"municipality": place, "form": form}, status=400 if form.errors else 200
    )


@staff_view("tenants.change_texts")
def texts(request: HttpRequest) -> HttpResponse:
    return _edit_municipality(
        request, TextsForm, "workspace/texts.html", _("The Right to Challenge page is saved.")
    )


@staff_view("tenants.change_theme")
def theme(request: HttpRequest) -> HttpResponse:
    return _edit_municipality(request, ThemeForm, "workspace/theme.html", _("The theme is saved."))


@staff_view("tenants.manage_departments")
def departments(request: HttpRequest) -> HttpResponse:
    place = request.municipality
    form = DepartmentForm(posted(request)[0], municipality=place)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Department “{name}” added.").format(name=form.instance.name))
        return redirect(request.path)
    return render(
        request,
        "workspace/departments.html",
        {"municipality": place, "form": form, "departments": place.departments.all()},
        status=400 if form.errors else 200,
    )


@staff_view("tenants.manage_departments")
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    place = request.municipality
    department = get_object_or_404(Department, pk=pk, municipality=place)
    form = DepartmentForm(posted(request)[0], instance=department, municipality=place)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Department renamed."))
        return redirect("workspace:departments", municipality=place.slug)
    return render(
        request,
        "workspace/department_edit.html",
        {"municipality": place, "form": form, "department": department},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_view("tenants.manage_departments")
def department_delete(request: HttpRequest, pk: int) -> HttpResponse:
    place = request.municipality
    department = get_object_or_404(Department, pk=pk, municipality=place)
    try:
        department.delete()
    except ProtectedError:
        messages.error(request, _("This department is still in use and cannot be removed."))
    else:
        messages.success(request, _("Department “{name}” removed.").format(name=department.name))
    return redirect("workspace:departments", municipality=place.slug)


@staff_view("challenges.view_dashboard")
def challenges(request: HttpRequest) -> HttpResponse:
    """The coordinator's overview: new offers, open challenges stalled first, workload."""
    place = request.municipality
    board = challenge_selectors.dashboard(place)
    return render(
        request,
        "workspace/challenges/dashboard.html",
        {
            "municipality": place,
            "board": board,
            "rows": [(c, challenge_selectors.days_left(c)) for c in board.open],
            "may_change_terms": request.user.has_perm("challenges.change_terms", place),
        },
    )
