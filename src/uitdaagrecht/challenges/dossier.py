"""The dossier page that challengers and staff share: one timeline, the actions each may take.

Challengers open it at /<slug>/uitdagingen/<ref>/dossier/, staff in the workspace (behind the
second factor). Both post to the same handlers; a form with errors comes back on the same page
with what was typed, a refused action with the reason, a stale one with "this challenge has
changed".
"""

import datetime
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.core.forms import errors_into
from uitdaagrecht.core.templatetags.ou import euros

from . import selectors, services
from .forms import (
    STEPS,
    AssignForm,
    ContactForm,
    DocumentsForm,
    ExtendForm,
    MessageForm,
    NoteForm,
    PauseForm,
    TransitionForm,
    VersionForm,
)
from .models import Challenge
from .permissions import actors_of
from .workflow import transitions_from


def offer(challenge: Challenge) -> list[tuple[str, list[tuple[str, str]]]]:
    """The offer as the challengers wrote it, per step of the form, leaving out what is empty:
    what the coordinator reads at intake, and what the challengers keep whatever happens."""
    sections = []
    for title, names in STEPS:
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


MEMBER_FORMS = ("message", "documents")
STAFF_FORMS = (*MEMBER_FORMS, "resume")


def url(challenge: Challenge, *, staff: bool, name: str = "", **kwargs) -> str:
    base = "workspace:challenge" if staff else "challenges:dossier"
    return reverse(
        f"{base}{'_' + name if name else ''}",
        kwargs={
            "municipality": challenge.municipality.slug,
            "reference": challenge.reference,
            **kwargs,
        },
    )


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
    events = selectors.timeline(challenge, levels)
    version = {"version": challenge.version}
    actors = actors_of(user, challenge)
    steps = [t for t in transitions_from(challenge.state) if actors & t.actors]
    forms = {
        f"transition_{t.action}": TransitionForm(initial=version, transition=t, prefix=t.action)
        for t in steps
        if not t.page
    }
    # Steps that need more than a reason are taken on their own page (e.g. the decision).
    pages = {
        t.page: (
            t,
            reverse(
                t.page,
                kwargs={
                    "municipality": challenge.municipality.slug,
                    "reference": challenge.reference,
                },
            ),
        )
        for t in steps
        if t.page and staff
    }
    may = {
        name: user.has_perm(f"challenges.{name}", challenge)
        for name in (
            "post_message",
            "add_document",
            "add_note",
            "log_contact",
            "assign",
            "pause",
            "publish_document",
        )
    }
    if may["post_message"]:
        forms["message"] = MessageForm()
    if may["add_document"]:
        forms["documents"] = DocumentsForm()
    # The staff's other actions each have their own small page (ACTION_PAGES), linked from here:
    # the dossier stays quick to read and to render.
    actions = []
    if staff:
        allowed = {
            "assign": may["assign"],
            "contact": may["log_contact"],
            "note": may["add_note"],
            "pause": may["pause"] and challenge.deadline and not challenge.paused_at,
            "extend": user.has_perm("challenges.extend_term", challenge) and challenge.deadline,
        }
        actions = [
            (ACTION_PAGES[name][0], url(challenge, staff=True, name=name))
            for name, ok in allowed.items()
            if ok
        ]
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
            "steps": selectors.process_steps(
                challenge, [e for e in events if e.visibility == "public"]
            ),
            "documents": selectors.documents_for(challenge, levels),
            "days_left": selectors.days_left(challenge),
            "forms": forms,
            "transition_pages": list(pages.values()),
            "actions": actions,
            "transition_forms": [f for name, f in forms.items() if name.startswith("transition_")],
            "may": may,
            "base_url": url(challenge, staff=staff),
            "offer": offer(challenge),
            # Where each form posts: the same handlers for challengers and staff.
            "urls": {
                name: url(challenge, staff=staff, name=name)
                for name in (STAFF_FORMS if staff else MEMBER_FORMS)
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
) -> HttpResponse:
    """Validate `form`, run `act(cleaned_data)`; on success redirect to the dossier with `done`."""
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
    if key in ACTION_PAGES:
        return render_action(request, challenge, key=key, form=form, status=400)
    return render_dossier(request, challenge, staff=staff, bound={key: form}, status=400)


# The staff actions with a page of their own: (title, what the page explains), and who may.
PAGE_PERMISSIONS = {
    "assign": "challenges.assign",
    "contact": "challenges.log_contact",
    "note": "challenges.add_note",
    "pause": "challenges.pause",
    "extend": "challenges.extend_term",
}
ACTION_PAGES = {
    "assign": (
        gettext_lazy("Assign the contact person"),
        gettext_lazy(
            "One fixed, neutral contact person: not from the department that owns the challenged "
            "task. A new contact person reads the whole history in the dossier; the challengers "
            "are told who it is."
        ),
    ),
    "contact": (
        gettext_lazy("Log a contact moment"),
        gettext_lazy(
            "Call before you write: note the call, meeting or visit in a few sentences. The "
            "challengers see it in their dossier."
        ),
    ),
    "note": (
        gettext_lazy("Internal note"),
        gettext_lazy("Only staff of the municipality see this note and its attachments."),
    ),
    "pause": (
        gettext_lazy("Ask the challengers for information"),
        gettext_lazy(
            "The term of this phase stops until they answer; the pause is on the timeline."
        ),
    ),
    "extend": (
        gettext_lazy("Extend the term"),
        gettext_lazy("The new end of the term and the reason are on the timeline."),
    ),
}


def render_action(request, challenge: Challenge, *, key: str, form, status: int = 200):
    if not request.user.has_perm(PAGE_PERMISSIONS[key], challenge):
        raise PermissionDenied(key)
    title, intro = ACTION_PAGES[key]
    return render(
        request,
        "challenges/action.html",
        {
            "municipality": challenge.municipality,
            "challenge": challenge,
            "form": form,
            "title": title,
            "intro": intro,
            "action": url(challenge, staff=True, name=key),
            "back": url(challenge, staff=True),
        },
        status=status,
    )


# ---------------------------------------------------------------- actions (POST only)
# Each takes (request, challenge, staff, **url kwargs). Permission is checked by the service;
# the views in views.py and workspace.py have already made sure the user may open the dossier.


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


def act_message(request, challenge: Challenge, staff: bool) -> HttpResponse:
    form = MessageForm(request.POST, request.FILES)
    return handle(
        request,
        challenge,
        staff=staff,
        key="message",
        form=form,
        act=lambda data: services.message_post(
            challenge=challenge,
            actor=request.user,
            text=data["text"],
            files=data["files"],
            consent_to_publish=data["consent_to_publish"],
        ),
        done=_("Your message has been sent."),
    )


def act_documents(request, challenge: Challenge, staff: bool) -> HttpResponse:
    form = DocumentsForm(request.POST, request.FILES)
    return handle(
        request,
        challenge,
        staff=staff,
        key="documents",
        form=form,
        act=lambda data: services.documents_add(
            challenge=challenge,
            actor=request.user,
            files=data["files"],
            description=data["description"],
            consent_to_publish=data["consent_to_publish"],
        ),
        done=_("The documents have been added."),
    )


def act_note(request, challenge: Challenge, staff: bool) -> HttpResponse:
    if request.method != "POST":
        return render_action(request, challenge, key="note", form=NoteForm())
    form = NoteForm(request.POST, request.FILES)
    return handle(
        request,
        challenge,
        staff=staff,
        key="note",
        form=form,
        act=lambda data: services.note_add(
            challenge=challenge, actor=request.user, text=data["text"], files=data["files"]
        ),
        done=_("The note has been saved."),
    )


def act_contact(request, challenge: Challenge, staff: bool) -> HttpResponse:
    if request.method != "POST":
        return render_action(request, challenge, key="contact", form=ContactForm())
    form = ContactForm(request.POST)
    return handle(
        request,
        challenge,
        staff=staff,
        key="contact",
        form=form,
        act=lambda data: services.contact_log(
            challenge=challenge,
            actor=request.user,
            channel=data["channel"],
            summary=data["summary"],
            when=timezone.make_aware(datetime.datetime.combine(data["on"], datetime.time(12))),
        ),
        done=_("The contact moment has been logged."),
    )


def act_assign(request, challenge: Challenge, staff: bool) -> HttpResponse:
    if request.method != "POST":
        form = AssignForm(
            initial={"version": challenge.version},
            candidates=selectors.contact_person_candidates(challenge),
        )
        return render_action(request, challenge, key="assign", form=form)
    form = AssignForm(request.POST, candidates=selectors.contact_person_candidates(challenge))
    return handle(
        request,
        challenge,
        staff=staff,
        key="assign",
        form=form,
        act=lambda data: services.contact_person_assign(
            challenge=challenge,
            person=data["person"],
            actor=request.user,
            version=data["version"],
        ),
        done=_("The contact person has been assigned; the challengers have been told."),
    )


def act_pause(request, challenge: Challenge, staff: bool) -> HttpResponse:
    if request.method != "POST":
        return render_action(
            request, challenge, key="pause", form=PauseForm(initial={"version": challenge.version})
        )
    form = PauseForm(request.POST)
    return handle(
        request,
        challenge,
        staff=staff,
        key="pause",
        form=form,
        act=lambda data: services.term_pause(
            challenge=challenge,
            actor=request.user,
            version=data["version"],
            question=data["question"],
        ),
        done=_("The term is paused until the challengers answer."),
    )


def act_resume(request, challenge: Challenge, staff: bool) -> HttpResponse:
    form = VersionForm(request.POST)
    return handle(
        request,
        challenge,
        staff=staff,
        key="resume",
        form=form,
        act=lambda data: services.term_resume(
            challenge=challenge, actor=request.user, version=data["version"]
        ),
        done=_("The term runs again."),
    )


def act_extend(request, challenge: Challenge, staff: bool) -> HttpResponse:
    if request.method != "POST":
        return render_action(
            request,
            challenge,
            key="extend",
            form=ExtendForm(initial={"version": challenge.version}),
        )
    form = ExtendForm(request.POST)
    return handle(
        request,
        challenge,
        staff=staff,
        key="extend",
        form=form,
        act=lambda data: services.term_extend(
            challenge=challenge,
            actor=request.user,
            version=data["version"],
            days=data["days"],
            reason=data["reason"],
        ),
        done=_("The term has been extended."),
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
