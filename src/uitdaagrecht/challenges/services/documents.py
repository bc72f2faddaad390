"""Documents on a challenge: checked on their content, stored outside the public media, published
only by staff and only with the challengers' consent."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.accounts.models import User
from uitdaagrecht.notifications.models import Kind

from .. import documents as document_files
from ..models import Challenge, Document, Event, EventKind, Visibility, document_storage
from ..workflow import State
from . import base


def documents_store(
    challenge: Challenge,
    actor: User,
    files: Sequence,
    *,
    event: Event,
    consent: bool = False,
    staff_only: bool = False,
    now=None,
) -> list[Document]:
    """Check every file first, then store them; a failure removes what was stored already.
    Also for the documents of a phase extension's event (e.g. advice attachments)."""
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
                uploaded_at=base.moment(now),
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
    now=None,
) -> Event:
    """Documents on their own (support letters, signatures, a plan); also while a draft."""
    draft = challenge.state == State.DRAFT
    permission = "challenges.edit_draft" if draft else "challenges.add_document"
    if not actor.has_perm(permission, challenge):
        raise PermissionDenied
    event = base.record(
        challenge,
        EventKind.DOCUMENT,
        Visibility.PARTICIPANTS,
        actor,
        now=now,
        text=description.strip(),
    )
    documents_store(challenge, actor, files, event=event, consent=consent_to_publish, now=now)
    if not draft:
        base.tell_participants(
            challenge,
            Kind.MESSAGE,
            gettext_lazy("New document on challenge {reference}"),
            actor,
            now=now,
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
def document_publish(*, document: Document, actor: User, now=None) -> Document:
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
    document.published_at = base.moment(now)
    document.save(update_fields=["published_at"])
    base.record(
        challenge,
        EventKind.DOCUMENT_PUBLISHED,
        Visibility.PUBLIC,
        actor,
        now=now,
        text=document.name,
        data={"document": document.pk},
    )
    return document
