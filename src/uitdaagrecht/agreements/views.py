"""Agreement pages, shared by the challengers (their dossier) and staff (the workspace)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from uitdaagrecht.catalog.models import add_months
from uitdaagrecht.challenges.api import Challenge, dossier_url
from uitdaagrecht.core.forms import posted

from . import selectors, services
from .forms import (
    VERSION_FIELDS,
    BudgetFormSet,
    ConfidentialForm,
    ResultFormSet,
    RiskFormSet,
    SignForm,
    VersionForm,
    prefilled,
    rows,
)


def _url(challenge: Challenge, staff: bool, name: str = "") -> str:
    return dossier_url(challenge, staff=staff, name=f"agreements{'_' + name if name else ''}")


def overview(request: HttpRequest, challenge: Challenge, staff: bool) -> HttpResponse:
    versions = list(selectors.versions_of(challenge))
    numbers = {v.number: v for v in versions}
    newest = versions[-1] if versions else None
    old = numbers.get(int(request.GET["van"])) if request.GET.get("van", "").isdigit() else None
    new = numbers.get(int(request.GET["naar"])) if request.GET.get("naar", "").isdigit() else None
    if (old is None or new is None) and len(versions) >= 2:
        old, new = versions[-2], versions[-1]
    user = request.user
    return render(
        request,
        "agreements/overview.html",
        {
            "municipality": challenge.municipality,
            "challenge": challenge,
            "staff": staff,
            "versions": versions,
            "newest": newest,
            "applying": next((v for v in reversed(versions) if v.is_signed), None),
            "old": old,
            "new": new,
            "changes": selectors.differences(old, new) if old and new else [],
            "may_propose": user.has_perm("agreements.propose", challenge)
            and challenge.state in services.OPEN_FOR_AGREEMENTS,
            "may_sign_challengers": user.has_perm("agreements.sign_for_challengers", challenge),
            "may_sign_municipality": user.has_perm("agreements.sign_for_municipality", challenge),
            "urls": {"propose": _url(challenge, staff, "propose")},
            "section": "challenges",
        },
    )


def _first_version(challenge: Challenge) -> tuple[dict, list[dict]]:
    """Version 1 starts from the offer and the decision: the start date asked, the part granted
    (or the offer's part and tasks), and the budget asked in the first year."""
    from_decision = selectors.granted_part(challenge)
    taken_over = (
        from_decision or challenge.part or ", ".join(t.title for t in challenge.tasks.all())
    )
    initial = {"start_date": challenge.start_from, "tasks_taken_over": taken_over}
    budget = []
    if challenge.budget_asked_eur and challenge.start_from:
        budget = [{"year": challenge.start_from.year, "amount_eur": challenge.budget_asked_eur}]
    return initial, budget


def _forms(post, newest, challenge: Challenge) -> tuple:
    """The forms of a new version, starting from the newest version, or for the first one from
    the offer and the decision."""
    if newest:
        initial = model_to_dict(newest, fields=VERSION_FIELDS)
        initial.pop("explanation", None)
        first_budget = []
    else:
        initial, first_budget = _first_version(challenge)

    def lines(name: str, fields: list[str]) -> list[dict]:
        if newest is None:
            return first_budget if name == "budget" else []
        return [model_to_dict(x, fields=fields) for x in getattr(newest, name).all()]

    return (
        VersionForm(post, initial=initial),
        prefilled(
            BudgetFormSet, post, prefix="budget", initial=lines("budget", ["year", "amount_eur"])
        ),
        prefilled(
            ResultFormSet,
            post,
            prefix="results",
            initial=lines("results", ["indicator", "dimension", "baseline", "target", "unit"]),
        ),
        prefilled(
            RiskFormSet, post, prefix="risks", initial=lines("risks", ["risk", "mitigation"])
        ),
        ConfidentialForm(post, confidential=newest.confidential if newest else None),
    )


def propose(request: HttpRequest, challenge: Challenge, staff: bool) -> HttpResponse:
    if not request.user.has_perm("agreements.propose", challenge):
        raise PermissionDenied
    if challenge.state not in services.OPEN_FOR_AGREEMENTS:
        raise Http404
    newest = selectors.versions_of(challenge).last()
    post = request.POST if request.method == "POST" else None
    form, budget, results, risks, confidential = _forms(post, newest, challenge)
    everything = [form, budget, results, risks, confidential]
    if post is not None and all(f.is_valid() for f in everything):
        try:
            with transaction.atomic():
                version = services.version_propose(
                    challenge=challenge,
                    actor=request.user,
                    values=form.cleaned_data,
                    budget=rows(budget),
                    results=rows(results),
                    risks=rows(risks),
                    confidential=confidential.confidential(),
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Version {n} has been proposed. It applies once both sides have signed it."
                ).format(n=version.number),
            )
            return redirect(_url(challenge, staff))
    return render(
        request,
        "agreements/propose.html",
        {
            "municipality": challenge.municipality,
            "challenge": challenge,
            "staff": staff,
            "form": form,
            "budget": budget,
            "results": results,
            "risks": risks,
            "confidential": confidential,
            "newest": newest,
            "section": "challenges",
        },
        status=400 if post is not None else 200,
    )


def sign(request: HttpRequest, challenge: Challenge, staff: bool, number: int) -> HttpResponse:
    """GET shows what is signed (version, term, budget) with "I agree"; POST with it signs."""
    version = selectors.versions_of(challenge).filter(number=number).first()
    if version is None:
        raise Http404
    user = request.user
    for_challengers = user.has_perm("agreements.sign_for_challengers", challenge)
    if not (for_challengers or user.has_perm("agreements.sign_for_municipality", challenge)):
        raise PermissionDenied
    side = (
        challenge.organisation.name
        if for_challengers
        else _("the municipality of {name}").format(name=challenge.municipality.name)
    )
    form = SignForm(posted(request)[0], version=version, side=side)
    if form.is_valid():
        try:
            version = services.version_sign(version=version, actor=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Signed. Version {n} applies now.").format(n=version.number)
                if version.is_signed
                else _("Signed. The version applies once the other side has signed too."),
            )
        return redirect(_url(challenge, staff))
    signed = version.signed_challengers_at if for_challengers else version.signed_municipality_at
    # Only the newest number: not the newest version with its rows (one query, not four).
    newest = challenge.agreement_versions.aggregate(n=Max("number"))["n"]
    context = {
        "municipality": challenge.municipality,
        "challenge": challenge,
        "staff": staff,
        "version": version,
        "form": form,
        "side": side,
        "signed": signed,
        "outdated": newest is not None and newest != version.number,
        "end_date": add_months(version.start_date, version.term_months) - datetime.timedelta(1),
        "budget_total": sum(line.amount_eur for line in version.budget.all()),
        "back": _url(challenge, staff),
        "section": "challenges",
    }
    status = 400 if form.errors else 200
    return render(request, "agreements/sign.html", context, status=status)
