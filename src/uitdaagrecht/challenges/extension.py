"""The kernel's own part of the registry: the steps of the offer and the intake, its event kinds,
and the dossier actions every challenge has (conversation, documents, contact person, terms).

It is registered like any phase extension, so the transition service, the URLs and the dossier
treat the kernel's steps and pages exactly as those of the apps built on it.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import dossier, selectors, services
from .extensions import CHALLENGERS, STAFF, DossierAction, Extension
from .forms import (
    AssignForm,
    ContactForm,
    DocumentsForm,
    ExtendForm,
    MessageForm,
    NoteForm,
    PauseForm,
    VersionForm,
)
from .models import EventKind
from .services import intake
from .workflow import TERM_STATES

STAFF_ONLY = frozenset({STAFF})


def _plain(form_class):
    return lambda challenge, data=None, files=None: form_class(data, files)


def _versioned(form_class):
    return lambda challenge, data=None, files=None: form_class(
        data, initial={"version": challenge.version}
    )


def _assign_form(challenge, data=None, files=None):
    return AssignForm(
        data,
        initial={"version": challenge.version},
        candidates=selectors.contact_person_candidates(challenge),
        departments=selectors.contact_person_departments(challenge),
    )


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


ACTIONS = (
    DossierAction(
        name="transition",
        path="actie/<str:action>/",
        title=_("Next step"),
        view=dossier.act_transition,
    ),
    DossierAction(
        name="message",
        path="bericht/",
        title=_("Send a message"),
        form=_plain(MessageForm),
        service=lambda c, actor, data: services.message_post(
            challenge=c,
            actor=actor,
            text=data["text"],
            files=data["files"],
            consent_to_publish=data["consent_to_publish"],
        ),
        permission="challenges.post_message",
        done=_("Your message has been sent."),
    ),
    DossierAction(
        name="documents",
        path="documenten/",
        title=_("Add documents"),
        form=_plain(DocumentsForm),
        service=lambda c, actor, data: services.documents_add(
            challenge=c,
            actor=actor,
            files=data["files"],
            description=data["description"],
            consent_to_publish=data["consent_to_publish"],
        ),
        permission="challenges.add_document",
        done=_("The documents have been added."),
    ),
    DossierAction(
        name="consent",
        path="documenten/<int:pk>/toestemming/",
        title=_("Allow publication"),
        audience=frozenset({CHALLENGERS}),
        view=dossier.act_consent,
    ),
    DossierAction(
        name="publish",
        path="documenten/<int:pk>/publiceren/",
        title=_("Publish"),
        audience=STAFF_ONLY,
        view=dossier.act_publish,
    ),
    DossierAction(
        name="note",
        path="notitie/",
        title=_("Internal note"),
        intro=_("Only staff of the municipality see this note and its attachments."),
        audience=STAFF_ONLY,
        form=_plain(NoteForm),
        service=lambda c, actor, data: services.note_add(
            challenge=c, actor=actor, text=data["text"], files=data["files"]
        ),
        permission="challenges.add_note",
        done=_("The note has been saved."),
        post_only=False,
        placement="more",
    ),
    DossierAction(
        name="contact",
        path="contactmoment/",
        title=_("Log a contact moment"),
        intro=_(
            "Call before you write: note the call, meeting or visit in a few sentences. The "
            "challengers see it in their dossier."
        ),
        audience=STAFF_ONLY,
        form=_plain(ContactForm),
        service=lambda c, actor, data: services.contact_log(
            challenge=c,
            actor=actor,
            channel=data["channel"],
            summary=data["summary"],
            when=_noon(data["on"]),
        ),
        permission="challenges.log_contact",
        done=_("The contact moment has been logged."),
        post_only=False,
        placement="more",
    ),
    DossierAction(
        name="assign",
        path="contactpersoon/",
        title=_("Assign the contact person"),
        intro=_(
            "One fixed, neutral contact person: not from the department that owns the challenged "
            "task. A new contact person reads the whole history in the dossier; the challengers "
            "are told who it is."
        ),
        audience=STAFF_ONLY,
        form=_assign_form,
        service=lambda c, actor, data: services.contact_person_assign(
            challenge=c, person=data["person"], actor=actor, version=data["version"]
        ),
        permission="challenges.assign",
        done=_("The contact person has been assigned; the challengers have been told."),
        post_only=False,
        placement="more",
    ),
    DossierAction(
        name="pause",
        path="pauzeren/",
        title=_("Ask the challengers for information"),
        intro=_("The term of this phase stops until they answer; the pause is on the timeline."),
        audience=STAFF_ONLY,
        form=_versioned(PauseForm),
        service=lambda c, actor, data: services.term_pause(
            challenge=c, actor=actor, version=data["version"], question=data["question"]
        ),
        permission="challenges.pause",
        done=_("The term is paused until the challengers answer."),
        post_only=False,
        placement="more",
        available=lambda c: bool(c.deadline and not c.paused_at and c.state in TERM_STATES),
    ),
    DossierAction(
        name="resume",
        path="hervatten/",
        title=_("Information received: let the term run again"),
        audience=STAFF_ONLY,
        form=_plain(VersionForm),
        service=lambda c, actor, data: services.term_resume(
            challenge=c, actor=actor, version=data["version"]
        ),
        permission="challenges.pause",
        done=_("The term runs again."),
    ),
    DossierAction(
        name="extend",
        path="verlengen/",
        title=_("Extend the term"),
        intro=_("The new end of the term and the reason are on the timeline."),
        audience=STAFF_ONLY,
        form=_versioned(ExtendForm),
        service=lambda c, actor, data: services.term_extend(
            challenge=c,
            actor=actor,
            version=data["version"],
            days=data["days"],
            reason=data["reason"],
        ),
        permission="challenges.extend_term",
        done=_("The term has been extended."),
        post_only=False,
        placement="more",
        available=lambda c: bool(c.deadline),
    ),
)

EXTENSION = Extension(
    name="case",
    guards=intake.GUARDS,
    effects=intake.EFFECTS,
    event_kinds=EventKind.choices,
    actions=ACTIONS,
    periodic={"newly stalled challenges escalated": services.stalled_escalate},
)
