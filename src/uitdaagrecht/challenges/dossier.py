"""The dossier page that challengers and staff share: one timeline, the actions each may take.

Challengers open it at /<slug>/uitdagingen/<ref>/dossier/, staff in the workspace (behind the
second factor). Both trees are generated from the dossier actions in the registry
(extensions.py): the same handler serves both; a form with errors comes back on the same page
with what was typed, a refused action with the reason, a stale one with "this challenge has
changed".
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.core.forms import errors_into
from uitdaagrecht.core.templatetags.ou import euros

from . import selectors, services
from .extensions import CHALLENGERS, STAFF, DossierAction, registry
from .forms import STEPS, TransitionForm
from .models import Challenge
from .roles import actors_of
from .workflow import transitions_from

# The form's steps speak to the challengers ("Your plan"); staff read about "the plan".
STAFF_STEP_TITLES = {2: gettext_lazy("The plan")}


def offer(challenge: Challenge, *, staff: bool = False) -> list[tuple[str, list[tuple[str, str]]]]:
    """The offer as the challengers wrote it, per step of the form, leaving out what is empty:
    what the coordinator reads at intake, and what the challengers keep whatever happens."""
    sections = []
    for number, (title, names) in enumerate(STEPS, 1):
        if staff:
            title = STAFF_STEP_TITLES.get(number, title)
        rows = []
        for name in names:
            field = Challenge._meta.get_field(name)
            value = getattr(challenge, name)
            if name == "tasks":
                value = ", ".join(t.title for t in value.all())
            elif name == "budget_asked_eur" and value is not None:
                value = euros(value)
            elif field.choices:
                value = getattr(challenge, f"get_{name}_display")()
            if value not in (None, ""):
                rows.append((field.verbose_name, formats.localize(value)))
        if rows:
            sections.append((title, rows))
    return sections


def url(challenge: Challenge, *, staff: bool, name: str = "", **kwargs) -> str:
    """The dossier, or one of its actions by name (of the registry's dossier actions)."""
    base = "workspace:challenge" if staff else "challenges:dossier"
    return reverse(
        f"{base}{'_' + name if name else ''}",
        kwargs={
            "municipality": challenge.municipality.slug,
            "reference": challenge.reference,
            **kwargs,
        },
    )


def _links(user, challenge: Challenge, *, staff: bool, placement: str) -> list[tuple]:
    audience = STAFF if staff else CHALLENGERS
    return [
        (action.title, url(challenge, staff=staff, name=action.name))
        for action in registry.actions_for(audience)
        if action.placement == placement
        and (not action.permission or user.has_perm(action.permission, challenge))
        and action.available(challenge)
    ]


def _next_steps(user, challenge: Challenge, *, staff: bool) -> tuple[list, dict]:
    """The workflow steps the user may take now. Steps that need more than a reason are taken
    on a page of the extension that owns them (e.g. the decision on the assessment page): links;
    the others have a form on the dossier."""
    actors = actors_of(user, challenge)
    steps = [t for t in transitions_from(challenge.state) if actors & t.actors]
    pages = [
        (t, url(challenge, staff=True, name=registry.steps[t.action].name))
        for t in steps
        if t.action in registry.steps and staff
    ]
    version = {"version": challenge.version}
    forms = {
        f"transition_{t.action}": TransitionForm(initial=version, transition=t, prefix=t.action)
        for t in steps
        if t.action not in registry.steps
    }
    return pages, forms


def render_dossier(
    request: HttpRequest,
    challenge: Challenge,
    *,
    staff: bool,
    bound: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    levels = selectors.STAFF if staff else selectors.PARTICIPANTS
    # Read only when the dossier's fragments are not in the cache (core.fragments).
    events = SimpleLazyObject(lambda: selectors.timeline(challenge, levels))
    pages, forms = _next_steps(user, challenge, staff=staff)
    may = {
        name: user.has_perm(f"challenges.{name}", challenge)
        for name in ("post_message", "add_document", "pause", "publish_document")
    }
    for name in ("message", "documents"):
        action = registry.actions[name]
        if user.has_perm(action.permission, challenge):
            forms[name] = action.form(challenge)
    forms.update(bound or {})
    transition_forms = [f for name, f in forms.items() if name.startswith("transition_")]
    for form in transition_forms:
        form.action_url = url(
            challenge, staff=staff, name="transition", action=form.transition.action
        )
    return render(
        request,
        "challenges/dossier.html",
        {
            "municipality": challenge.municipality,
            "challenge": challenge,
            "staff": staff,
            "events": events,
            "steps": SimpleLazyObject(
                lambda: selectors.process_steps(
                    challenge, [e for e in events if e.visibility == "public"]
                )
            ),
            "documents": SimpleLazyObject(lambda: selectors.documents_for(challenge, levels)),
            "timeline_token": selectors.timeline_token(challenge),
            "days_left": selectors.days_left(challenge),
            "forms": forms,
            "transition_pages": pages,
            "transition_forms": transition_forms,
            # The pages of the phases (assessment, agreements, ...) and, for staff, the other
            # actions on a small page of their own: the dossier stays quick to read and render.
            "sections": _links(user, challenge, staff=staff, placement="section"),
            "actions": _links(user, challenge, staff=staff, placement="more") if staff else [],
            "may": may,
            "base_url": url(challenge, staff=staff),
            # Changes only with the challenge (its version and updated_at): a cached fragment.
            "offer": SimpleLazyObject(lambda: offer(challenge, staff=staff)),
            "urls": {
                name: url(challenge, staff=staff, name=name)
                for name in ("message", "documents", *(("resume",) if staff else ()))
            },
            "section": "challenges",
        },
        status=status,
    )


def handle(
    request: HttpRequest,
    challenge: Challenge,
    *,
    staff: bool,
    key: str,
    form,
    act: Callable[[dict], object],
    done: str,
    page: DossierAction | None = None,
) -> HttpResponse:
    """Validate `form`, run `act(cleaned_data)`; on success redirect to the dossier with `done`.
    On errors the form comes back on its own `page`, or else on the dossier."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except services.ChallengeChanged as changed:
            messages.error(request, str(changed))
            return redirect(url(challenge, staff=staff))
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, done)
            return redirect(url(challenge, staff=staff) + "#tijdlijn")
    if page is not None:
        return render_action(request, challenge, action=page, form=form, staff=staff, status=400)
    return render_dossier(request, challenge, staff=staff, bound={key: form}, status=400)


def render_action(
    request, challenge: Challenge, *, action: DossierAction, form, staff: bool, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "challenges/action.html",
        {
            "municipality": challenge.municipality,
            "challenge": challenge,
            "form": form,
            "title": action.title,
            "intro": action.intro,
            "action": url(challenge, staff=staff, name=action.name),
            "back": url(challenge, staff=staff),
            "staff": staff,
        },
        status=status,
    )


def handler(action: DossierAction) -> Callable[..., HttpResponse]:
    """The view of a dossier action, for the challengers' and the staff tree alike:
    handler(request, challenge, staff, **url kwargs). Its permission is checked first."""
    if action.view is not None:
        return action.view

    def view(request: HttpRequest, challenge: Challenge, staff: bool) -> HttpResponse:
        if action.permission and not request.user.has_perm(action.permission, challenge):
            raise PermissionDenied(action.name)
        if request.method != "POST":
            if action.post_only:
                return HttpResponseNotAllowed(["POST"])
            return render_action(
                request, challenge, action=action, form=action.form(challenge), staff=staff
            )
        form = action.form(challenge, request.POST, request.FILES)
        return handle(
            request,
            challenge,
            staff=staff,
            key=action.name,
            form=form,
            act=lambda data: action.service(challenge, request.user, data),
            done=action.done,
            page=None if action.post_only else action,
        )

    return view


# ---------------------------------------------------------------- actions with their own view
# Each takes (request, challenge, staff, **url kwargs); the service checks the permission.


def act_transition(request, challenge: Challenge, staff: bool, action: str) -> HttpResponse:
    step = next((t for t in transitions_from(challenge.state) if t.action == action), None)
    if step is None:
        messages.error(request, str(services.ChallengeChanged()))
        return redirect(url(challenge, staff=staff))
    form = TransitionForm(request.POST, transition=step, prefix=action)
    return handle(
        request,
        challenge,
        staff=staff,
        key=f"transition_{action}",
        form=form,
        act=lambda data: services.transition(
            challenge=challenge,
            action=action,
            actor=request.user,
            version=data["version"],
            reason=data.get("reason", ""),
            classification=data.get("classification", ""),
            redirected_to=data.get("redirected_to", ""),
        ),
        done=_("Done: {action}.").format(action=step.label),
    )


def act_publish(request, challenge: Challenge, staff: bool, pk: int) -> HttpResponse:
    document = get_object_or_404(challenge.documents, pk=pk)
    try:
        services.document_publish(document=document, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The document is public now."))
    return redirect(url(challenge, staff=staff) + "#documenten")


def act_consent(request, challenge: Challenge, staff: bool, pk: int) -> HttpResponse:
    document = get_object_or_404(challenge.documents, pk=pk)
    consent = request.POST.get("consent") == "1"
    try:
        services.document_consent(document=document, actor=request.user, consent=consent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The municipality may publish this document.")
            if consent
            else _("The municipality may not publish this document."),
        )
    return redirect(url(challenge, staff=staff) + "#documenten")


def download(request, challenge: Challenge, document) -> FileResponse:
    """Always as an attachment, with the type we checked, never rendered inline."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=document.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = (
        "private, no-store" if not document.is_public else "public, max-age=300"
    )
    return response
