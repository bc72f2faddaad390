"""Writes for challenges. The only code that changes a challenge's state, term or contact person.

Every write that two people could make at once takes the challenge's row lock and compares the
version the actor saw; a stale version is refused with ChallengeChanged ("this challenge has
changed"), so one wins and the other is told, and the timeline never gets a double event.
"""

import datetime
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from uitdaagrecht.accounts.models import Organisation, Role, StaffRole, User
from uitdaagrecht.accounts.permissions import roles_of
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.core.caching import invalidate_municipality
from uitdaagrecht.notifications.models import Kind
from uitdaagrecht.notifications.personal import notify
from uitdaagrecht.notifications.services import absolute_url, challenge_followers_tell
from uitdaagrecht.tenants.models import Municipality

from . import documents as document_files
from .models import (
    Challenge,
    Channel,
    Classification,
    Document,
    Event,
    EventKind,
    Term,
    Visibility,
    document_storage,
)
from .permissions import actors_of, memberships_of
from .workflow import PHASE, TRANSITION, Actor, State

# What must be filled in before an offer can be submitted, with the form step that asks it.
REQUIRED_FOR_SUBMIT = {
    "title": 1,
    "mode": 1,
    "summary": 2,
    "why_better": 2,
    "plan_what": 2,
    "plan_how": 2,
    "capacity": 3,
}


class ChallengeChanged(Exception):
    """Someone else changed the challenge after the actor loaded it."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This challenge has changed since you opened it: someone else acted on it. "
                "Look at the current state below and try again if it is still needed."
            )
        )


def _now() -> datetime.datetime:
    return timezone.now()


def _dossier_url(challenge: Challenge, *, staff: bool) -> str:
    if staff:
        return reverse(
            "workspace:challenge",
            kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
        )
    return reverse(
        "challenges:dossier",
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )


def _challengers(challenge: Challenge) -> list[User]:
    return list(User.objects.filter(memberships__organisation_id=challenge.organisation_id))


def _coordinators(municipality: Municipality) -> list[User]:
    return list(
        User.objects.filter(
            staff_roles__municipality=municipality, staff_roles__role=Role.COORDINATOR
        ).distinct()
    )


def _tell_participants(challenge: Challenge, kind: Kind, text, actor: User | None) -> None:
    params = {"reference": challenge.reference, "title": challenge.title}
    notify(
        users=_challengers(challenge),
        kind=kind,
        text=text,
        params=params,
        url=_dossier_url(challenge, staff=False),
        exclude=actor,
    )
    staff = [challenge.contact_person] if challenge.contact_person_id else []
    if not staff or kind in (Kind.SUBMISSION, Kind.ESCALATION):
        staff += _coordinators(challenge.municipality)
    notify(
        users=staff,
        kind=kind,
        text=text,
        params=params,
        url=_dossier_url(challenge, staff=True),
        exclude=actor,
    )


def _locked(challenge: Challenge, version: int | None) -> Challenge:
    """The challenge's row, locked until the transaction ends, at the version the actor saw."""
    current = (
        # Only the challenge's own row: not its municipality or organisation, so transitions of
        # different challenges of one municipality do not wait for each other.
        Challenge.objects.select_for_update(of=("self",))
        .select_related("municipality", "organisation")
        .get(pk=challenge.pk)
    )
    if version is not None and current.version != version:
        raise ChallengeChanged()
    return current


def _actor_role(actor: User | None, challenge: Challenge) -> str:
    """How the actor appears publicly: a role, never a resident's name."""
    if actor is None:
        return "system"
    actors = actors_of(actor, challenge)
    for candidate in (Actor.CONTACT_PERSON, Actor.COORDINATOR, Actor.DECISION_MAKER):
        if candidate in actors:
            return candidate.value
    if Actor.CHALLENGER in actors:
        return Actor.CHALLENGER.value
    return "staff" if roles_of(actor, challenge.municipality) else ""


def _event(challenge: Challenge, kind: EventKind, visibility: Visibility, actor, **fields) -> Event:
    if visibility == Visibility.PUBLIC:
        invalidate_municipality(challenge.municipality)  # its public pages show this event
    return Event.objects.create(
        challenge=challenge,
        kind=kind,
        visibility=visibility,
        actor=actor,
        actor_role=_actor_role(actor, challenge),
        created_at=_now(),
        **fields,
    )


def record(challenge: Challenge, kind: EventKind, visibility: Visibility, actor, **fields) -> Event:
    """An event on the timeline, for the apps that build on challenges (assessment, agreements)."""
    return _event(challenge, kind, visibility, actor, **fields)


def attach(challenge: Challenge, actor: User, files, *, event: Event, staff_only: bool) -> list:
    """Store documents on an event of another app (e.g. advice attachments)."""
    return _documents_store(challenge, actor, files, event=event, staff_only=staff_only)


def _bump(challenge: Challenge, *fields: str) -> None:
    challenge.version = F("version") + 1
    challenge.updated_at = _now()
    challenge.save(update_fields=[*fields, "version", "updated_at"])
    challenge.refresh_from_db(fields=["version"])


def term_days(municipality: Municipality, state: str) -> int | None:
    default = PHASE[State(state)].term_days
    if default is None:
        return None
    own = Term.objects.filter(municipality=municipality, state=state).values_list("days", flat=True)
    return next(iter(own), default)


def terms_of(municipality: Municipality) -> dict[str, int]:
    own = dict(Term.objects.filter(municipality=municipality).values_list("state", "days"))
    return {
        phase.state.value: own.get(phase.state.value, phase.term_days)
        for phase in PHASE.values()
        if phase.term_days
    }


# ---------------------------------------------------------------- drafts


@transaction.atomic
def draft_start(
    *,
    municipality: Municipality,
    organisation: Organisation,
    actor: User,
    title: str,
    tasks: Iterable[Task] = (),
) -> Challenge:
    if organisation.pk not in memberships_of(actor):
        raise PermissionDenied
    challenge = Challenge.objects.create(
        municipality=municipality, organisation=organisation, title=title, created_by=actor
    )
    challenge.tasks.set([t for t in tasks if t.municipality_id == municipality.pk])
    _event(challenge, EventKind.CREATED, Visibility.PARTICIPANTS, actor)
    return challenge


@transaction.atomic
def draft_update(
    *, challenge: Challenge, actor: User, values: dict, tasks: Sequence[Task] | None = None
) -> Challenge:
    """Save what the challengers typed in one step of the form; empty fields are fine in a draft."""
    current = _locked(challenge, None)
    if current.state != State.DRAFT or not actor.has_perm("challenges.edit_draft", current):
        raise ChallengeChanged()
    for name, value in values.items():
        setattr(current, name, value)
    current.updated_at = _now()
    current.save(update_fields=[*values, "updated_at"])
    if tasks is not None:
        current.tasks.set([t for t in tasks if t.municipality_id == current.municipality_id])
    return current


def missing_for_submit(challenge: Challenge) -> list[tuple[str, int]]:
    """(field label, form step) of everything that must be filled in before submitting."""
    missing = [
        (str(Challenge._meta.get_field(name).verbose_name), step)
        for name, step in REQUIRED_FOR_SUBMIT.items()
        if not getattr(challenge, name)
    ]
    if not challenge.other_task and not challenge.tasks.exists():
        missing.insert(0, (_("the task(s): from the catalogue or described in words"), 1))
    return missing


# ---------------------------------------------------------------- transitions

# Preconditions named in the workflow table. Apps that own a precondition add theirs when they
# load (assessment: "decision", agreements: "signed_agreement"), so this app needs not import them.
GUARDS = {
    "complete": lambda c, **kw: (
        _("Not complete yet: fill in {fields}.").format(
            fields=", ".join(label for label, _step in missing_for_submit(c))
        )
        if missing_for_submit(c)
        else None
    ),
    "contact_person": lambda c, **kw: (
        None if c.contact_person_id else _("Assign a contact person first.")
    ),
    "classified_elsewhere": lambda c, classification="", redirected_to="", **kw: (
        None
        if classification and classification != Classification.CHALLENGE and redirected_to
        else _("Choose what the offer is instead of a challenge, and where it goes.")
    ),
}


def _next_reference(challenge: Challenge, now: datetime.datetime) -> str:
    """UD-<year>-<number>, numbered per municipality and year; the municipality row is locked so
    two submissions at the same moment do not get the same number."""
    Municipality.objects.select_for_update().filter(pk=challenge.municipality_id).first()
    prefix = f"UD-{now:%Y}-"
    last = (
        Challenge.objects.filter(
            municipality_id=challenge.municipality_id, reference__startswith=prefix
        )
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    return f"{prefix}{int(last.rsplit('-', 1)[1]) + 1 if last else 1:04d}"


def _start_phase(challenge: Challenge, state: str, now: datetime.datetime) -> None:
    challenge.state = state
    challenge.phase_started_at = now
    days = term_days(challenge.municipality, state)
    challenge.deadline = now + datetime.timedelta(days=days) if days else None
    challenge.paused_at = None
    challenge.stalled_at = None


PHASE_TEXTS = {
    State.SUBMITTED: gettext_lazy("Challenge {reference} “{title}” was submitted"),
}
PHASE_TEXT = gettext_lazy("Challenge {reference} “{title}” moved to a new phase")


@transaction.atomic
def transition(
    *,
    challenge: Challenge,
    action: str,
    actor: User,
    version: int | None,
    reason: str = "",
    classification: str = "",
    redirected_to: str = "",
    **details,
) -> Challenge:
    """Take one step of the workflow table, or refuse with PermissionDenied, ChallengeChanged or
    ValidationError (a precondition, in words for the actor).

    `details` go to the guards: e.g. the decision that the assessment app records together with
    the decide_* step (assessment.services.decide)."""
    step = TRANSITION.get(action)
    if step is None:
        raise PermissionDenied(action)
    current = _locked(challenge, version)
    if current.state not in step.sources:
        raise ChallengeChanged()
    if not actors_of(actor, current) & step.actors:
        raise PermissionDenied(action)
    reason = reason.strip()
    if step.reason_required and not reason:
        raise ValidationError({"reason": _("Write the reason: it goes on the timeline.")})
    for guard in step.guards:
        problem = GUARDS[guard](
            current,
            classification=classification,
            redirected_to=redirected_to.strip(),
            **details,
        )
        if problem:
            raise ValidationError(problem)

    now = _now()
    source = current.state
    fields = ["state", "phase_started_at", "deadline", "paused_at", "stalled_at"]
    if action == "submit":
        current.reference = _next_reference(current, now)
        current.submitted_at = now
        fields += ["reference", "submitted_at"]
    elif action in ("accept", "redirect"):
        current.classification = Classification.CHALLENGE if action == "accept" else classification
        current.classification_reason = reason
        current.redirected_to = redirected_to.strip()
        fields += ["classification", "classification_reason", "redirected_to"]
    _start_phase(current, step.target, now)
    _bump(current, *fields)
    data = {}
    if current.classification and action in ("accept", "redirect"):
        data = {"classification": current.classification, "redirected_to": current.redirected_to}
    event = _event(
        current,
        EventKind.TRANSITION,
        Visibility.PUBLIC,
        actor,
        from_state=source,
        to_state=step.target,
        action=action,
        text=reason,
        data=data,
    )
    transaction.on_commit(
        lambda: challenge_followers_tell(
            challenge=current,
            event_pk=event.pk,
            phase_label=str(State(step.target).label),
            url=reverse(
                "challenges:detail",
                kwargs={"municipality": current.municipality.slug, "reference": current.reference},
            ),
        )
    )
    _tell_participants(
        current,
        Kind.SUBMISSION if action == "submit" else Kind.PHASE,
        PHASE_TEXTS.get(step.target, PHASE_TEXT),
        actor,
    )
    if action == "submit":
        _receipt(current, actor)
    return current


def _receipt(challenge: Challenge, actor: User) -> None:
    """The submitter's receipt: always sent, whatever the e-mail settings say."""
    context = {
        "challenge": challenge,
        "link": absolute_url(_dossier_url(challenge, staff=False)),
        "process": absolute_url(
            reverse("challenges:process", kwargs={"municipality": challenge.municipality.slug})
        ),
        "terms": terms_of(challenge.municipality),
    }

    def send() -> None:
        with override(settings.LANGUAGE_CODE):
            send_mail(
                subject=_("Receipt: challenge {reference} submitted to {name}").format(
                    reference=challenge.reference, name=challenge.municipality.name
                ),
                message=render_to_string("challenges/email/receipt.txt", context),
                from_email=None,
                recipient_list=[actor.email],
            )

    transaction.on_commit(send)


# ---------------------------------------------------------------- contact person


def contact_person_problem(challenge: Challenge, person: User) -> str | None:
    """Why this person cannot be the contact person, or None. Neutrality (tip 6): nobody from
    a department that owns one of the challenged tasks."""
    roles = list(StaffRole.objects.filter(user=person, municipality_id=challenge.municipality_id))
    if not any(r.role == Role.CONTACT_PERSON for r in roles):
        return _("{name} does not have the role of contact person in this municipality.").format(
            name=person
        )
    owning = {t.department_id: t.department for t in challenge.tasks.select_related("department")}
    conflict = next((r.department for r in roles if r.department_id in owning), None)
    if conflict is not None:
        return _(
            "{name} works at {department}, the department that owns the challenged task. The "
            "contact person must be neutral: choose someone from another department."
        ).format(name=person, department=conflict.name)
    return None


@transaction.atomic
def contact_person_assign(
    *, challenge: Challenge, person: User, actor: User, version: int | None
) -> Challenge:
    current = _locked(challenge, version)
    if not actor.has_perm("challenges.assign", current):
        raise PermissionDenied
    if current.state in (
        State.REDIRECTED,
        State.REJECTED,
        State.COMPLETED,
        State.STOPPED,
        State.WITHDRAWN,
    ):
        raise ValidationError(_("This challenge is closed; its contact person stays as it was."))
    if current.contact_person_id == person.pk:
        raise ValidationError(_("{name} is already the contact person.").format(name=person))
    problem = contact_person_problem(current, person)
    if problem:
        raise ValidationError(problem)
    previous = current.contact_person
    current.contact_person = person
    _bump(current, "contact_person")
    _event(
        current,
        EventKind.ASSIGNMENT,
        Visibility.PARTICIPANTS,
        actor,
        data={"contact_person": person.pk, "previous": previous.pk if previous else None},
        text=str(person),
    )
    params = {"reference": current.reference, "title": current.title, "name": str(person)}
    notify(
        users=_challengers(current),
        kind=Kind.ASSIGNMENT,
        params=params,
        # The civil servant's name: the challengers need to know whom to call.
        text=gettext_lazy("Challenge {reference}: your contact person is {name}"),
        url=_dossier_url(current, staff=False),
    )
    notify(
        users=[person],
        kind=Kind.ASSIGNMENT,
        params=params,
        text=gettext_lazy("You are the contact person for challenge {reference} “{title}”"),
        url=_dossier_url(current, staff=True),
        exclude=actor,
    )
    if previous:
        notify(
            users=[previous],
            kind=Kind.ASSIGNMENT,
            params=params,
            text=gettext_lazy("You are no longer the contact person for challenge {reference}"),
            url=_dossier_url(current, staff=True),
            exclude=actor,
        )
    return current


# ---------------------------------------------------------------- conversation


def _open_for_conversation(challenge: Challenge) -> None:
    if challenge.state == State.DRAFT:
        raise PermissionDenied


@transaction.atomic
def message_post(
    *,
    challenge: Challenge,
    actor: User,
    text: str,
    files: Sequence = (),
    consent_to_publish: bool = False,
) -> Event:
    """A message in the conversation between the challengers and the municipality."""
    _open_for_conversation(challenge)
    if not actor.has_perm("challenges.post_message", challenge):
        raise PermissionDenied
    event = _event(challenge, EventKind.MESSAGE, Visibility.PARTICIPANTS, actor, text=text.strip())
    _documents_store(challenge, actor, files, event=event, consent=consent_to_publish)
    # A message from the challengers answers a question: the term runs again. Read the pause
    # from the locked row: two answers at once resume it once, and a term changed meanwhile is
    # not overwritten with what this request loaded.
    if challenge.paused_at and Actor.CHALLENGER in actors_of(actor, challenge):
        current = _locked(challenge, None)
        if current.paused_at:
            _resume(current, actor)
    _tell_participants(
        challenge, Kind.MESSAGE, gettext_lazy("New message on challenge {reference}"), actor
    )
    return event


@transaction.atomic
def note_add(*, challenge: Challenge, actor: User, text: str, files: Sequence = ()) -> Event:
    """An internal note: the challengers never see it, nor its attachments."""
    _open_for_conversation(challenge)
    if not actor.has_perm("challenges.add_note", challenge):
        raise PermissionDenied
    event = _event(challenge, EventKind.NOTE, Visibility.STAFF, actor, text=text.strip())
    _documents_store(challenge, actor, files, event=event, staff_only=True)
    return event


@transaction.atomic
def contact_log(
    *,
    challenge: Challenge,
    actor: User,
    channel: str,
    summary: str,
    when: datetime.datetime | None = None,
) -> Event:
    """A call, meeting or visit with a short summary: call before you write."""
    _open_for_conversation(challenge)
    if not actor.has_perm("challenges.log_contact", challenge):
        raise PermissionDenied
    return _event(
        challenge,
        EventKind.CONTACT,
        Visibility.PARTICIPANTS,
        actor,
        channel=Channel(channel),
        text=summary.strip(),
        data={"on": (when or _now()).isoformat()},
    )


def _documents_store(
    challenge: Challenge,
    actor: User,
    files: Sequence,
    *,
    event: Event,
    consent: bool = False,
    staff_only: bool = False,
) -> list[Document]:
    """Check every file first, then store them; a failure removes what was stored already."""
    types = [document_files.checked_type(upload) for upload in files]
    documents = []
    with document_files.removed_on_error(document_storage()) as stored:
        for upload, content_type in zip(files, types, strict=True):
            document = Document(
                challenge=challenge,
                event=event,
                name=document_files.safe_name(upload.name),
                content_type=content_type,
                size=upload.size,
                uploaded_by=actor,
                consent_to_publish=consent and not staff_only,
                staff_only=staff_only,
            )
            document.file.save("upload", upload, save=False)
            stored.append(document.file.name)
            document.save()
            documents.append(document)
    return documents


@transaction.atomic
def documents_add(
    *,
    challenge: Challenge,
    actor: User,
    files: Sequence,
    description: str = "",
    consent_to_publish: bool = False,
) -> Event:
    """Documents on their own (support letters, signatures, a plan); also while a draft."""
    draft = challenge.state == State.DRAFT
    permission = "challenges.edit_draft" if draft else "challenges.add_document"
    if not actor.has_perm(permission, challenge):
        raise PermissionDenied
    event = _event(
        challenge, EventKind.DOCUMENT, Visibility.PARTICIPANTS, actor, text=description.strip()
    )
    _documents_store(challenge, actor, files, event=event, consent=consent_to_publish)
    if not draft:
        _tell_participants(
            challenge, Kind.MESSAGE, gettext_lazy("New document on challenge {reference}"), actor
        )
    return event


@transaction.atomic
def document_consent(*, document: Document, actor: User, consent: bool) -> Document:
    """The challengers agree (or no longer agree) that the document may be published."""
    document = Document.objects.select_for_update().select_related("challenge").get(pk=document.pk)
    if not actor.has_perm("challenges.view_as_challenger", document.challenge):
        raise PermissionDenied
    if document.staff_only or document.is_public:
        raise ValidationError(_("This document is already public or internal."))
    document.consent_to_publish = consent
    document.save(update_fields=["consent_to_publish"])
    return document


@transaction.atomic
def document_publish(*, document: Document, actor: User) -> Document:
    document = (
        Document.objects.select_for_update()
        .select_related("challenge__municipality")
        .get(pk=document.pk)
    )
    challenge = document.challenge
    if not actor.has_perm("challenges.publish_document", challenge) or not challenge.is_public:
        raise PermissionDenied
    if document.is_public:
        return document
    if not document.consent_to_publish or document.staff_only:
        raise ValidationError(
            _("The challengers have not agreed to publish this document. Ask them first.")
        )
    document.published_at = _now()
    document.save(update_fields=["published_at"])
    _event(
        challenge,
        EventKind.DOCUMENT_PUBLISHED,
        Visibility.PUBLIC,
        actor,
        text=document.name,
        data={"document": document.pk},
    )
    return document


# ---------------------------------------------------------------- terms


def _resume(challenge: Challenge, actor: User | None) -> None:
    now = _now()
    paused = now - challenge.paused_at
    if challenge.deadline:
        challenge.deadline += paused
    challenge.paused_at = None
    _bump(challenge, "paused_at", "deadline")
    _event(
        challenge,
        EventKind.RESUME,
        Visibility.PARTICIPANTS,
        actor,
        data={
            "paused_days": paused.days,
            "deadline": challenge.deadline.isoformat() if challenge.deadline else None,
        },
    )


@transaction.atomic
def term_pause(
    *, challenge: Challenge, actor: User, version: int | None, question: str
) -> Challenge:
    """The municipality waits for information from the challengers: the clock stops."""
    current = _locked(challenge, version)
    if not actor.has_perm("challenges.pause", current):
        raise PermissionDenied
    if current.paused_at or current.deadline is None:
        raise ValidationError(_("The term of this phase is not running, so it cannot be paused."))
    if not question.strip():
        raise ValidationError({"question": _("Write which information you need.")})
    current.paused_at = _now()
    current.stalled_at = None
    _bump(current, "paused_at", "stalled_at")
    _event(current, EventKind.PAUSE, Visibility.PARTICIPANTS, actor, text=question.strip())
    _tell_participants(
        current,
        Kind.MESSAGE,
        gettext_lazy("The municipality asks for information on challenge {reference}"),
        actor,
    )
    return current


@transaction.atomic
def term_resume(*, challenge: Challenge, actor: User, version: int | None) -> Challenge:
    current = _locked(challenge, version)
    if not actor.has_perm("challenges.pause", current):
        raise PermissionDenied
    if not current.paused_at:
        raise ChallengeChanged()
    _resume(current, actor)
    return current


@transaction.atomic
def term_extend(
    *, challenge: Challenge, actor: User, version: int | None, days: int, reason: str
) -> Challenge:
    current = _locked(challenge, version)
    if not actor.has_perm("challenges.extend_term", current):
        raise PermissionDenied
    if current.deadline is None:
        raise ValidationError(_("This phase has no term."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write the reason: it goes on the timeline.")})
    current.deadline += datetime.timedelta(days=days)
    current.stalled_at = None
    _bump(current, "deadline", "stalled_at")
    _event(
        current,
        EventKind.TERM,
        Visibility.PARTICIPANTS,
        actor,
        text=reason.strip(),
        data={"days": days, "deadline": current.deadline.isoformat()},
    )
    return current


@transaction.atomic
def terms_set(*, municipality: Municipality, days: dict[str, int], actor: User) -> None:
    if not actor.has_perm("challenges.change_terms", municipality):
        raise PermissionDenied
    for state, value in days.items():
        if PHASE[State(state)].term_days is None:
            continue
        Term.objects.update_or_create(
            municipality=municipality, state=state, defaults={"days": value}
        )


def stalled_escalate(*, now: datetime.datetime | None = None) -> list[Challenge]:
    """Mark every challenge past its term as stalled, once: record the escalation and tell the
    contact person and coordinators. Safe to run concurrently and as often as wanted."""
    now = now or _now()
    escalated = []
    due = Challenge.objects.filter(
        stalled_at__isnull=True,
        paused_at__isnull=True,
        deadline__lt=now,
        state__in=[s for s, p in PHASE.items() if p.term_days],
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            # The conditional update is the "once": a second run (or a parallel one) finds
            # stalled_at already set and updates nothing.
            if not Challenge.objects.filter(
                pk=pk, stalled_at__isnull=True, paused_at__isnull=True, deadline__lt=now
            ).update(stalled_at=now):
                continue
            challenge = Challenge.objects.select_related("municipality", "contact_person").get(
                pk=pk
            )
            days_over = (now - challenge.deadline).days
            _event(
                challenge,
                EventKind.ESCALATION,
                Visibility.STAFF,
                None,
                data={
                    "state": challenge.state,
                    "deadline": challenge.deadline.isoformat(),
                    "days_over": days_over,
                },
            )
            escalation_notify(challenge)
            escalated.append(challenge)
    return escalated


def escalation_notify(challenge: Challenge) -> None:
    """Tell the coordinators and the contact person that the challenge is stuck."""
    users = _coordinators(challenge.municipality)
    if challenge.contact_person_id:
        users.append(challenge.contact_person)
    notify(
        users=users,
        kind=Kind.ESCALATION,
        text=gettext_lazy("Challenge {reference} “{title}” is stalled: its term has passed"),
        params={"reference": challenge.reference, "title": challenge.title},
        url=_dossier_url(challenge, staff=True),
    )
