"""Public challenge pages, and the challengers' own: drafts, submission, their dossier."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from uitdaagrecht.accounts.models import Organisation
from uitdaagrecht.accounts.otp import must_verify
from uitdaagrecht.accounts.permissions import is_staff_member, memberships_of
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.core.caching import cache_public_page
from uitdaagrecht.core.forms import posted
from uitdaagrecht.tenants.selectors import municipality_by_slug

from . import dossier, selectors, services
from .extensions import DossierAction
from .forms import (
    ATTACHMENTS_STEP,
    LAST_STEP,
    STEPS,
    DocumentsForm,
    DraftStartForm,
    draft_step_form,
    missing_fields,
)
from .models import Challenge, Document
from .workflow import PHASES, TRANSITIONS, State

PAGE_SIZE = 25


@require_safe
@cache_public_page
def challenge_list(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    challenges = selectors.public_challenges(place)
    phase = request.GET.get("fase", "")
    if phase in State.values and phase != State.DRAFT:
        challenges = challenges.filter(state=phase)
    else:
        phase = ""
    # Counted and read only when the fragment of the page is not in the cache (core.fragments).
    page = SimpleLazyObject(
        lambda: Paginator(challenges, PAGE_SIZE).get_page(request.GET.get("pagina"))
    )
    return render(
        request,
        "challenges/list.html",
        {
            "municipality": place,
            "section": "challenges",
            "page": page,
            "phase": phase,
            "phases": [p for p in PHASES if p.state != State.DRAFT],
        },
    )


@require_safe
@cache_public_page
def process(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    terms = services.terms_of(place)
    return render(
        request,
        "challenges/process.html",
        {
            "municipality": place,
            "section": "challenges",
            "rows": [
                (
                    phase,
                    [t for t in TRANSITIONS if phase.state in t.sources],
                    terms.get(phase.state.value),
                )
                for phase in PHASES
            ],
        },
    )


@require_safe
@cache_public_page
def challenge_detail(request: HttpRequest, municipality: str, reference: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    challenge = selectors.public_challenge(place, reference)
    # Read only when the fragment of the page is not in the cache (core.fragments).
    events = SimpleLazyObject(lambda: selectors.timeline(challenge, selectors.PUBLIC))
    return render(
        request,
        "challenges/detail.html",
        {
            "municipality": place,
            "section": "challenges",
            "challenge": challenge,
            "events": events,
            "steps": SimpleLazyObject(lambda: selectors.process_steps(challenge, events)),
            "documents": SimpleLazyObject(lambda: selectors.public_documents(challenge)),
        },
    )


# ---------------------------------------------------------------- drafts


@login_required
@never_cache
def draft_start(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_by_slug(municipality)
    organisations = Organisation.objects.filter(pk__in=memberships_of(request.user))
    task = None
    if request.GET.get("taak", "").isdigit():
        task = Task.objects.filter(municipality=place, pk=request.GET["taak"]).first()
    if not organisations.exists():
        return render(
            request,
            "challenges/no_organisation.html",
            {"municipality": place, "section": "challenges", "next": request.get_full_path()},
        )
    data, _files = posted(request)
    form = DraftStartForm(
        data, organisations=organisations, initial={"title": task.title if task else ""}
    )
    if form.is_valid():
        challenge = services.draft_start(
            municipality=place,
            organisation=form.cleaned_data["organisation"],
            actor=request.user,
            title=form.cleaned_data["title"],
            tasks=[task] if task else [],
        )
        return redirect(_step_url(challenge, 1))
    drafts = [
        c
        for c in selectors.challenges_of_user(request.user)
        if c.state == State.DRAFT and c.municipality_id == place.pk
    ]
    return render(
        request,
        "challenges/draft_start.html",
        {
            "municipality": place,
            "section": "challenges",
            "form": form,
            "task": task,
            "drafts": drafts,
        },
        status=400 if form.errors else 200,
    )


def _step_url(challenge: Challenge, step: int) -> str:
    return reverse(
        "challenges:draft_step",
        kwargs={"municipality": challenge.municipality.slug, "pk": challenge.pk, "step": step},
    )


@login_required
@never_cache
def draft_step(request: HttpRequest, municipality: str, pk: int, step: int) -> HttpResponse:
    """One step of the offer. Every step saves; nothing is required until submitting."""
    if not 1 <= step <= LAST_STEP:
        raise Http404
    challenge = selectors.challenge_for_member(request.user, pk=pk, municipality__slug=municipality)
    if challenge.state != State.DRAFT:
        return redirect(dossier.url(challenge, staff=False))
    context = {
        "municipality": challenge.municipality,
        "section": "challenges",
        "challenge": challenge,
        "steps": [(n, title) for n, (title, _f) in enumerate(STEPS, 1)],
        "step": step,
        "step_title": STEPS[step - 1][0],
        "last_step": LAST_STEP,
    }
    if step == ATTACHMENTS_STEP:
        handler = _attachments_step
    elif step == LAST_STEP:
        handler = _submit_step
    else:
        handler = _offer_step
    return handler(request, challenge, step, context)


def _offer_step(request: HttpRequest, challenge: Challenge, step: int, context: dict):
    data, _files = posted(request)
    form = draft_step_form(step)(data, instance=challenge, municipality=challenge.municipality)
    if form.is_valid():
        values = {name: value for name, value in form.cleaned_data.items() if name != "tasks"}
        services.draft_update(
            challenge=challenge,
            actor=request.user,
            values=values,
            tasks=form.cleaned_data.get("tasks"),
        )
        if "next" not in request.POST:
            messages.success(request, _("Saved. You can come back to it later."))
        return redirect(_step_url(challenge, step + 1 if "next" in request.POST else step))
    form.mark_missing(request.GET.get("ontbreekt", ""))
    if "budget_asked_eur" in form.fields:
        # This step compares with what each challenged task costs now: all in one query.
        prefetch_related_objects([challenge], "tasks__finances")
    context["form"] = form
    return render(
        request, "challenges/draft_step.html", context, status=400 if form.errors else 200
    )


def _attachments_step(request: HttpRequest, challenge: Challenge, step: int, context: dict):
    data, files = posted(request)
    form = DocumentsForm(data, files)
    if form.is_valid():
        services.documents_add(
            challenge=challenge,
            actor=request.user,
            files=form.cleaned_data["files"],
            description=form.cleaned_data["description"],
            consent_to_publish=form.cleaned_data["consent_to_publish"],
        )
        messages.success(request, _("The documents have been added."))
        return redirect(_step_url(challenge, step))
    context |= {"form": form, "documents": list(challenge.documents.all())}
    return render(
        request, "challenges/draft_step.html", context, status=400 if form.errors else 200
    )


def _submit_step(request: HttpRequest, challenge: Challenge, step: int, context: dict):
    status = 200
    if request.method == "POST":
        try:
            challenge = services.transition(
                challenge=challenge,
                action="submit",
                actor=request.user,
                version=int(request.POST.get("version") or 0),
            )
        except services.ChallengeChanged as changed:
            messages.error(request, str(changed))
            return redirect(_step_url(challenge, step))
        except ValidationError as error:
            context["submit_errors"] = error.messages
            status = 400
        else:
            messages.success(
                request,
                _(
                    "Submitted. Your reference number is {reference}; we have sent a receipt "
                    "by e-mail."
                ).format(reference=challenge.reference),
            )
            return redirect(dossier.url(challenge, staff=False))
    context |= {
        "form": None,
        "missing": missing_fields(challenge),
        "documents": list(challenge.documents.all()),
    }
    return render(request, "challenges/draft_step.html", context, status=status)


# ---------------------------------------------------------------- the challengers' dossier


def member_dossier(view):
    """Resolves a submitted challenge of one of the user's organisations, or 404."""

    @functools.wraps(view)
    @login_required
    @never_cache
    def wrapper(request, municipality: str, reference: str, **kwargs):
        challenge = selectors.challenge_for_member(
            request.user,
            municipality__slug=municipality,
            reference=reference,
            submitted_at__isnull=False,
        )
        return view(request, challenge, **kwargs)

    return wrapper


@member_dossier
def member_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return dossier.render_dossier(request, challenge, staff=False)


def member_action(action: DossierAction):
    """The challengers' view of a dossier action of the registry."""
    view = member_dossier(functools.partial(dossier.handler(action), staff=False))
    return require_POST(view) if action.post_only else view


def document(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    """A document: public ones for anyone; others for the challengers, or for staff of the
    municipality after the second factor (internal ones only for staff, drafts never)."""
    place = municipality_by_slug(municipality)
    found = get_object_or_404(
        Document.objects.select_related("challenge__municipality"),
        pk=pk,
        challenge__municipality=place,
    )
    challenge = found.challenge
    if found.is_public:  # cacheable; all other answers are private (dossier.download)
        return dossier.download(request, challenge, found)
    user = request.user
    if not user.is_authenticated:
        raise Http404
    if challenge.organisation_id in memberships_of(user) and not found.staff_only:
        return dossier.download(request, challenge, found)
    # Any staff account passes the second factor before it gets an answer: one of another
    # municipality too, so that a password alone does not tell where the account works.
    if must_verify(user):
        return redirect(f"{reverse('accounts:two_factor')}?next={request.path}")
    if is_staff_member(user, place) and challenge.state != State.DRAFT:
        return dossier.download(request, challenge, found)
    raise Http404
