"""Staff pages of the assessment: the framework, advice, scores side by side, the decision."""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from uitdaagrecht.accounts.decorators import staff_view
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.challenges.api import ChallengeChanged, dossier_url, timeline_token
from uitdaagrecht.core.forms import errors_into, posted

from . import selectors, services
from .forms import (
    AdviceForm,
    AdviceRequestForm,
    CriterionForm,
    DecisionForm,
    FrameworkForm,
    ScorecardForm,
)
from .models import AdviceRequest, Criterion, Framework
from .permissions import departments_of

# ---------------------------------------------------------------- framework


@staff_view("assessment.change_framework")
def framework(request: HttpRequest) -> HttpResponse:
    """The coordinator's page for the framework; everyone reads it at /<slug>/criteria/."""
    place = request.municipality
    may_change = True
    draft = (
        Framework.objects.filter(municipality=place, published_at__isnull=True)
        .prefetch_related("criteria__levels")
        .first()
    )
    data, _files = posted(request)
    form = None
    if may_change and draft is not None:
        form = FrameworkForm(data, instance=draft)
        if form.is_valid():
            services.framework_update(framework=draft, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("workspace:framework", municipality=place.slug)
    return render(
        request,
        "workspace/assessment/framework.html",
        {
            "municipality": place,
            "current": selectors.current_framework(place),
            "draft": draft,
            "form": form,
            "may_change": may_change,
            "versions": Framework.objects.public().filter(municipality=place),
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_POST
@staff_view("assessment.change_framework")
def framework_draft(request: HttpRequest) -> HttpResponse:
    services.framework_draft(municipality=request.municipality, actor=request.user)
    return redirect("workspace:framework", municipality=request.municipality.slug)


@require_POST
@staff_view("assessment.change_framework")
def framework_publish(request: HttpRequest) -> HttpResponse:
    draft = get_object_or_404(
        Framework, municipality=request.municipality, published_at__isnull=True
    )
    try:
        services.framework_publish(framework=draft, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Version {n} is published. Challenges submitted from now on are assessed on it."
            ).format(n=draft.version),
        )
    return redirect("workspace:framework", municipality=request.municipality.slug)


@staff_view("assessment.change_framework")
def criterion_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    place = request.municipality
    draft = get_object_or_404(Framework, municipality=place, published_at__isnull=True)
    criterion = get_object_or_404(Criterion, pk=pk, framework=draft) if pk else None
    data, _files = posted(request)
    form = CriterionForm(data, instance=criterion)
    if form.is_valid():
        values = {f: form.cleaned_data[f] for f in CriterionForm.Meta.fields}
        try:
            services.criterion_save(
                framework=draft,
                actor=request.user,
                criterion=criterion,
                values=values,
                levels=form.levels(),
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("workspace:framework", municipality=place.slug)
    return render(
        request,
        "workspace/assessment/criterion.html",
        {"municipality": place, "form": form, "criterion": criterion},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_view("assessment.change_framework")
def criterion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(
        Criterion,
        pk=pk,
        framework__municipality=request.municipality,
        framework__published_at__isnull=True,
    )
    services.criterion_delete(criterion=criterion, actor=request.user)
    messages.success(request, _("The criterion has been removed from the draft."))
    return redirect("workspace:framework", municipality=request.municipality.slug)


# ---------------------------------------------------------------- advice


@staff_view("challenges.view_dashboard")
def advice_list(request: HttpRequest) -> HttpResponse:
    """Open requests for advice to the departments the user advises for."""
    place = request.municipality
    mine = departments_of(request.user, place, Role.ADVISOR)
    requests = (
        AdviceRequest.objects.filter(challenge__municipality=place, department_id__in=mine)
        .select_related("challenge", "department")
        .order_by("submitted_at", "deadline")
    )
    return render(
        request,
        "workspace/assessment/advice_list.html",
        {"municipality": place, "requests": requests, "now": timezone.now()},
    )


@staff_view("challenges.view_dashboard")
def advice(request: HttpRequest, pk: int) -> HttpResponse:
    place = request.municipality
    advice_request = get_object_or_404(
        AdviceRequest.objects.select_related("challenge__municipality", "department"),
        pk=pk,
        challenge__municipality=place,
    )
    if not request.user.has_perm("assessment.give_advice", advice_request):
        raise PermissionDenied
    data, files = posted(request)
    form = AdviceForm(data, files) if advice_request.submitted_at is None else None
    if form is not None and form.is_valid():
        try:
            services.advice_give(
                request=advice_request,
                actor=request.user,
                text=form.cleaned_data["text"],
                recommendation=form.cleaned_data["recommendation"],
                confidential=form.cleaned_data["confidential"],
                confidential_reason=form.cleaned_data["confidential_reason"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Your advice has been sent."))
            return redirect("workspace:advice_list", municipality=place.slug)
    return render(
        request,
        "workspace/assessment/advice.html",
        {
            "municipality": place,
            "advice": advice_request,
            "challenge": advice_request.challenge,
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


# ---------------------------------------------------------------- the assessment of a challenge


def _page_url(challenge) -> str:
    return dossier_url(challenge, staff=True, name="assessment")


def assessment(request: HttpRequest, challenge, staff: bool) -> HttpResponse:
    return _render(request, challenge)


def _render(request: HttpRequest, challenge, bound: dict | None = None, status: int = 200):
    user = request.user
    assessor = user.has_perm("assessment.score", challenge)
    may_score = assessor and challenge.state == "assessment"
    # Read only when used: the head, the advice, the result and the decisions are fragments keyed
    # by the timeline and the day (every advice, scorecard and decision is an event; the current
    # provider follows the catalogue's generation and the day). The criteria with their scales
    # for the scores form; for the result only when it is not in the cache.
    read_framework = functools.cache(lambda: selectors.framework_of(challenge, criteria=may_score))
    read_decisions = functools.cache(lambda: selectors.decisions_of(challenge))
    read_incumbent = functools.cache(lambda: selectors.incumbent_of(challenge, read_decisions()))
    card = challenge.scorecards.filter(assessor=user).prefetch_related("scores").first()
    forms = {}
    if user.has_perm("assessment.request_advice", challenge) and challenge.state in (
        "intake",
        "assessment",
    ):
        forms["advice"] = AdviceRequestForm(municipality=challenge.municipality)
    if may_score and read_framework() and (card is None or card.submitted_at is None):
        forms["scores"] = ScorecardForm(
            framework=read_framework(), card=card, incumbent=read_incumbent()
        )
    if user.has_perm("assessment.decide", challenge) and challenge.state == "assessment":
        framework = read_framework()
        forms["decision"] = DecisionForm(
            initial={
                "version": challenge.version,
                "body": framework.deciding_body if framework else "college",
                "decided_on": timezone.localdate(),
            }
        )
    forms.update(bound or {})
    if "scores" in (bound or {}):
        forms["scores"].name_incumbent(read_incumbent())
    # No anchoring: assessors see the result only after submitting their own scores; then
    # they, like the other staff, see every submitted scorecard.
    sees_result = not assessor or (card is not None and card.submitted_at is not None)
    submitted = SimpleLazyObject(lambda: selectors.submitted_scorecards(challenge))
    return render(
        request,
        "workspace/assessment/challenge.html",
        {
            "municipality": challenge.municipality,
            "challenge": challenge,
            "framework": SimpleLazyObject(read_framework),
            "card": card,
            "forms": forms,
            "sees_result": sees_result,
            "result": (
                SimpleLazyObject(
                    lambda: (
                        read_framework()
                        and selectors.result(challenge, read_framework(), submitted)
                    )
                )
                if sees_result
                else None
            ),
            "scorecards": submitted if sees_result else [],
            "timeline_token": timeline_token(challenge),
            "today": timezone.localdate(),
            "advice": selectors.advice_of(challenge),
            "decisions": SimpleLazyObject(read_decisions),
            "incumbent": SimpleLazyObject(read_incumbent),
        },
        status=status,
    )


def advice_request(request: HttpRequest, challenge, staff: bool) -> HttpResponse:
    form = AdviceRequestForm(request.POST, municipality=challenge.municipality)
    if form.is_valid():
        try:
            services.advice_request(challenge=challenge, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The request for advice has been sent."))
            return redirect(_page_url(challenge))
    return _render(request, challenge, bound={"advice": form}, status=400)


def scores(request: HttpRequest, challenge, staff: bool) -> HttpResponse:
    framework = selectors.framework_of(challenge)
    if framework is None:
        raise PermissionDenied
    form = ScorecardForm(request.POST, framework=framework)  # named in _render, if shown
    if form.is_valid():
        submit = "submit" in request.POST
        try:
            services.scorecard_save(
                challenge=challenge,
                actor=request.user,
                scores=form.scores(),
                conflict_of_interest=form.cleaned_data["conflict_of_interest"],
                recused=form.cleaned_data["recused"],
                submit=submit,
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(
                request,
                _("Your scores have been submitted.") if submit else _("Your scores are saved."),
            )
            return redirect(_page_url(challenge))
    return _render(request, challenge, bound={"scores": form}, status=400)


def decide(request: HttpRequest, challenge, staff: bool) -> HttpResponse:
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide(
                challenge=challenge,
                actor=request.user,
                version=form.cleaned_data["version"],
                values=form.values(),
            )
        except ChallengeChanged as changed:
            messages.error(request, str(changed))
            return redirect(_page_url(challenge))
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The decision has been published."))
            return redirect(_page_url(challenge))
    return _render(request, challenge, bound={"decision": form}, status=400)
