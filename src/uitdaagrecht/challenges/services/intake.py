"""The kernel's own steps: submitting an offer and the intake (DESIGN.md §3).

Their guards and effects are registered like those of any phase extension (see
challenges/apps.py); transition() does not know them by name.
"""

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from uitdaagrecht.accounts.models import User
from uitdaagrecht.core.links import absolute_url
from uitdaagrecht.core.outbox import mail_queue
from uitdaagrecht.notifications.models import Kind
from uitdaagrecht.tenants.models import Municipality

from ..extensions import Outcome
from ..models import Challenge, Classification
from . import base
from .drafts import missing_for_submit
from .terms import terms_of


def complete(challenge: Challenge, **details) -> str | None:
    missing = missing_for_submit(challenge)
    if not missing:
        return None
    return _("Not complete yet: fill in {fields}.").format(
        fields=", ".join(label for label, _step in missing)
    )


def contact_person(challenge: Challenge, **details) -> str | None:
    return None if challenge.contact_person_id else _("Assign a contact person first.")


def classified_elsewhere(
    challenge: Challenge, classification: str = "", redirected_to: str = "", **details
) -> str | None:
    if classification and classification != Classification.CHALLENGE and redirected_to.strip():
        return None
    return _("Choose what the offer is instead of a challenge, and where it goes.")


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


def submit(challenge: Challenge, *, now: datetime.datetime, **details) -> Outcome:
    challenge.reference = _next_reference(challenge, now)
    challenge.submitted_at = now
    return Outcome(
        fields=("reference", "submitted_at"),
        notice=Kind.SUBMISSION,
        text=gettext_lazy("Challenge {reference} “{title}” was submitted"),
        then=receipt,
    )


def _classify(challenge: Challenge, classification: str, reason: str, redirected_to: str):
    challenge.classification = classification
    challenge.classification_reason = reason
    challenge.redirected_to = redirected_to.strip()
    return Outcome(
        fields=("classification", "classification_reason", "redirected_to"),
        data={"classification": classification, "redirected_to": challenge.redirected_to},
    )


def accept(challenge: Challenge, *, reason: str, redirected_to: str = "", **details) -> Outcome:
    return _classify(challenge, Classification.CHALLENGE, reason, redirected_to)


def redirect(
    challenge: Challenge, *, reason: str, classification: str = "", redirected_to: str = "", **kw
) -> Outcome:
    outcome = _classify(challenge, classification, reason, redirected_to)
    # The notice says where the offer went (and the dossier why), not only "a new phase".
    return Outcome(
        fields=outcome.fields,
        data=outcome.data,
        text=gettext_lazy("Challenge {reference} “{title}” was passed on to {where}"),
        params={"where": challenge.redirected_to},
    )


def receipt(challenge: Challenge, actor: User, now: datetime.datetime) -> None:
    """The submitter's receipt: always sent, whatever the e-mail settings say."""
    context = {
        "challenge": challenge,
        "link": absolute_url(base.dossier_url(challenge, staff=False)),
        "process": absolute_url(
            reverse("challenges:process", kwargs={"municipality": challenge.municipality.slug})
        ),
        "terms": terms_of(challenge.municipality),
    }

    with override(settings.LANGUAGE_CODE):
        mail_queue(
            subject=_("Receipt: challenge {reference} submitted to {name}").format(
                reference=challenge.reference, name=challenge.municipality.name
            ),
            body=render_to_string("challenges/email/receipt.txt", context),
            to=actor.email,
            purpose="receipt",
            municipality_id=challenge.municipality_id,
        )


GUARDS = {
    "complete": complete,
    "contact_person": contact_person,
    "classified_elsewhere": classified_elsewhere,
}
EFFECTS = {"submit": submit, "accept": accept, "redirect": redirect}
