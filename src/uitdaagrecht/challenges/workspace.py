"""Staff workspace for challenges: the terms, and the staff dossier with its actions."""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from uitdaagrecht.accounts.decorators import staff_view
from uitdaagrecht.core.forms import posted

from . import dossier, selectors, services
from .extensions import DossierAction
from .forms import TermsForm
from .models import Challenge


@staff_view("challenges.change_terms")
def terms(request: HttpRequest) -> HttpResponse:
    place = request.municipality
    data, _files = posted(request)
    form = TermsForm(data, terms=services.terms_of(place))
    if form.is_valid():
        services.terms_set(municipality=place, days=form.cleaned_data, actor=request.user)
        messages.success(
            request, _("The terms have been saved. They apply to phases that start from now on.")
        )
        return redirect("workspace:challenge_terms", municipality=place.slug)
    return render(
        request,
        "workspace/challenges/terms.html",
        {"municipality": place, "form": form},
        status=400 if form.errors else 200,
    )


def staff_dossier(view):
    """A submitted challenge of the staff member's own municipality, or 404."""

    @staff_view("challenges.view_dashboard")
    @functools.wraps(view)
    def wrapper(request, reference: str, **kwargs):
        challenge = selectors.challenge_for_staff(request.municipality, reference)
        if not request.user.has_perm("challenges.view_as_staff", challenge):
            raise PermissionDenied
        return view(request, challenge, **kwargs)

    return wrapper


@staff_dossier
def challenge(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return dossier.render_dossier(request, challenge, staff=True)


def staff_action(action: DossierAction):
    """The staff view of a dossier action of the registry."""
    view = staff_dossier(functools.partial(dossier.handler(action), staff=True))
    return require_POST(view) if action.post_only else view
