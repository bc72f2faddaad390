"""Staff workspace: the dates of the budget cycle's council meetings."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from uitdaagrecht.accounts.decorators import staff_view
from uitdaagrecht.core.forms import posted

from .forms import BudgetCycleMomentForm
from .models import BudgetCycleMoment
from .services import budget_cycle_moment_delete, budget_cycle_moment_save


@staff_view("budgets.change_cycle")
def cycle(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    place = request.municipality
    moment = get_object_or_404(BudgetCycleMoment, pk=pk, municipality=place) if pk else None
    form = BudgetCycleMomentForm(posted(request)[0], instance=moment)
    if request.method == "POST" and form.is_valid():
        budget_cycle_moment_save(municipality=place, moment=form.instance)
        messages.success(request, _("The budget cycle is saved."))
        return redirect("workspace:budget_cycle", municipality=place.slug)
    return render(
        request,
        "workspace/budget_cycle.html",
        {
            "municipality": place,
            "form": form,
            "moment": moment,
            "moments": place.budget_cycle_moments.all(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@staff_view("budgets.change_cycle")
def cycle_delete(request: HttpRequest, pk: int) -> HttpResponse:
    place = request.municipality
    moment = get_object_or_404(BudgetCycleMoment, pk=pk, municipality=place)
    budget_cycle_moment_delete(moment=moment)
    messages.success(request, _("The meeting is removed from the budget cycle."))
    return redirect("workspace:budget_cycle", municipality=place.slug)
