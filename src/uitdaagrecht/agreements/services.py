"""Writes for agreements: propose a version, sign it."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitdaagrecht.accounts.models import Role, User
from uitdaagrecht.challenges import api as kernel
from uitdaagrecht.challenges.api import Challenge, State, Visibility
from uitdaagrecht.notifications.models import Kind
from uitdaagrecht.notifications.personal import notify

from .events import AgreementEvent
from .models import PARTS, BudgetLine, Result, Risk, Side, Version

OPEN_FOR_AGREEMENTS = (State.AGREEMENTS, State.EXECUTION, State.EVALUATION)


def _check_budget_years(values: dict, budget: list[dict]) -> None:
    """Budget rows only for years the term runs in."""
    start, months = values.get("start_date"), values.get("term_months")
    if not start or not months:
        return
    last = start.year + (start.month - 1 + months - 1) // 12
    outside = sorted(row["year"] for row in budget if not start.year <= row["year"] <= last)
    if outside:
        raise ValidationError(
            _("The term runs from {first} to {last}: budget for {years} falls outside it.").format(
                first=start.year, last=last, years=", ".join(str(y) for y in outside)
            )
        )


@transaction.atomic
def version_propose(
    *,
    challenge: Challenge,
    actor: User,
    values: dict,
    budget: list[dict],
    results: list[dict],
    risks: list[dict],
    confidential: dict[str, str],
    now: datetime.datetime | None = None,
) -> Version:
    """A new version, by either side; the previous ones stay as they are."""
    if not actor.has_perm("agreements.propose", challenge):
        raise PermissionDenied
    challenge = kernel.challenge_locked(
        challenge,
        states=OPEN_FOR_AGREEMENTS,
        refusal=_("Agreements are made after the challenge has been accepted."),
    )
    unknown = set(confidential) - set(PARTS)
    if unknown or any(not reason.strip() for reason in confidential.values()):
        raise ValidationError(_("Give a reason for every part marked confidential."))
    if not results:
        raise ValidationError(_("Agree on at least one result, with a target."))
    _check_budget_years(values, budget)
    side = Side.CHALLENGERS if kernel.is_challenger(actor, challenge) else Side.MUNICIPALITY
    number = (challenge.agreement_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = Version(
        challenge=challenge,
        number=number,
        proposed_by=actor,
        proposed_side=side,
        proposed_at=now or timezone.now(),
        confidential=confidential,
        **values,
    )
    version.full_clean(exclude=["challenge", "proposed_by"])
    version.save()
    BudgetLine.objects.bulk_create(BudgetLine(version=version, **line) for line in budget)
    Result.objects.bulk_create(Result(version=version, **line) for line in results)
    Risk.objects.bulk_create(Risk(version=version, **line) for line in risks)
    kernel.record(
        challenge,
        AgreementEvent.AGREEMENT_PROPOSED,
        Visibility.PARTICIPANTS,
        actor,
        now=now,
        text=values.get("explanation", ""),
        data={"version": number, "side": side},
    )
    kernel.tell_participants(
        challenge,
        Kind.MESSAGE,
        gettext_lazy("Challenge {reference}: a new version of the agreements is proposed"),
        actor,
        now=now,
    )
    if side == Side.CHALLENGERS:
        _ask_decision_makers(
            challenge,
            gettext_lazy("Challenge {reference}: the challengers propose new agreements"),
            actor,
            now,
        )
    return version


def _ask_decision_makers(challenge: Challenge, text, actor: User, now) -> None:
    """The decision makers sign for the municipality: they hear of what the challengers
    proposed or signed (in-app, and by e-mail unless they muted it), besides the contact
    person."""
    notify(
        users=User.objects.filter(
            staff_roles__municipality_id=challenge.municipality_id,
            staff_roles__role=Role.DECISION_MAKER,
        ).distinct(),
        kind=Kind.MESSAGE,
        text=text,
        params={"reference": challenge.reference},
        url=kernel.dossier_url(challenge, staff=True, name="agreements"),
        exclude=actor,
        at=now,
    )


@transaction.atomic
def version_sign(*, version: Version, actor: User, now: datetime.datetime | None = None) -> Version:
    """Sign for one side: an owner of the organisation, or the decision maker. Only the newest
    version can be signed, and only while the challenge is open for agreements (not after it was
    withdrawn, stopped or rejected); it applies once both have signed."""
    for_challengers = actor.has_perm("agreements.sign_for_challengers", version.challenge)
    for_municipality = actor.has_perm("agreements.sign_for_municipality", version.challenge)
    if not (for_challengers or for_municipality):
        # Whether or not the other side has signed: someone who may not sign is refused as such.
        raise PermissionDenied
    challenge = kernel.challenge_locked(
        version.challenge,
        states=OPEN_FOR_AGREEMENTS,
        refusal=_("This challenge is closed: its agreements can no longer be signed."),
    )
    version = Version.objects.select_for_update().get(pk=version.pk)
    version.challenge = challenge
    newest = challenge.agreement_versions.aggregate(n=Max("number"))["n"]
    if version.number != newest:
        raise ValidationError(_("A newer version has been proposed; sign that one instead."))
    fields = []
    now = now or timezone.now()
    if for_challengers and not version.signed_challengers_at:
        version.signed_challengers_by, version.signed_challengers_at = actor, now
        fields += ["signed_challengers_by", "signed_challengers_at"]
    elif for_municipality and not version.signed_municipality_at:
        version.signed_municipality_by, version.signed_municipality_at = actor, now
        fields += ["signed_municipality_by", "signed_municipality_at"]
    else:
        raise ValidationError(_("You have signed this version already, or may not sign it."))
    version.save(update_fields=fields, signing=True)
    kernel.record(
        challenge,
        AgreementEvent.AGREEMENT_SIGNED,
        Visibility.PUBLIC if version.is_signed else Visibility.PARTICIPANTS,
        actor,
        now=now,
        data={"version": version.number, "complete": version.is_signed},
    )
    kernel.tell_participants(
        challenge,
        Kind.PHASE if version.is_signed else Kind.MESSAGE,
        gettext_lazy("Challenge {reference}: the agreements are signed by both sides")
        if version.is_signed
        else gettext_lazy(
            "Challenge {reference}: the agreements are signed; your signature is asked"
        ),
        actor,
        now=now,
    )
    if for_challengers and not version.is_signed:
        _ask_decision_makers(
            challenge,
            gettext_lazy(
                "Challenge {reference}: the agreements are signed; your signature is asked"
            ),
            actor,
            now,
        )
    return version
