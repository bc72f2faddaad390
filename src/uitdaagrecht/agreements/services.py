"""Writes for agreements: propose a version, sign it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from uitdaagrecht.accounts.models import User
from uitdaagrecht.challenges import services as challenge_services
from uitdaagrecht.challenges.models import Challenge, EventKind, Visibility
from uitdaagrecht.challenges.permissions import actors_of
from uitdaagrecht.challenges.workflow import Actor, State

from .models import PARTS, BudgetLine, Result, Risk, Side, Version

OPEN_FOR_AGREEMENTS = (State.AGREEMENTS, State.EXECUTION, State.EVALUATION)


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
) -> Version:
    """A new version, by either side; the previous ones stay as they are."""
    challenge = (
        Challenge.objects.select_for_update().select_related("municipality").get(pk=challenge.pk)
    )
    if not actor.has_perm("agreements.propose", challenge):
        raise PermissionDenied
    if challenge.state not in OPEN_FOR_AGREEMENTS:
        raise ValidationError(_("Agreements are made after the challenge has been accepted."))
    unknown = set(confidential) - set(PARTS)
    if unknown or any(not reason.strip() for reason in confidential.values()):
        raise ValidationError(_("Give a reason for every part marked confidential."))
    if not results:
        raise ValidationError(_("Agree on at least one result, with a target."))
    side = (
        Side.CHALLENGERS if Actor.CHALLENGER in actors_of(actor, challenge) else (Side.MUNICIPALITY)
    )
    number = (challenge.agreement_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = Version(
        challenge=challenge,
        number=number,
        proposed_by=actor,
        proposed_side=side,
        confidential=confidential,
        **values,
    )
    version.full_clean(exclude=["challenge", "proposed_by"])
    version.save()
    BudgetLine.objects.bulk_create(BudgetLine(version=version, **line) for line in budget)
    Result.objects.bulk_create(Result(version=version, **line) for line in results)
    Risk.objects.bulk_create(Risk(version=version, **line) for line in risks)
    challenge_services.record(
        challenge,
        EventKind.AGREEMENT_PROPOSED,
        Visibility.PARTICIPANTS,
        actor,
        text=values.get("explanation", ""),
        data={"version": number, "side": side},
    )
    return version


@transaction.atomic
def version_sign(*, version: Version, actor: User) -> Version:
    """Sign for one side: an owner of the organisation, or the decision maker. Only the newest
    version can be signed; it applies once both have signed."""
    version = (
        Version.objects.select_for_update()
        .select_related("challenge__municipality")
        .get(pk=version.pk)
    )
    challenge = version.challenge
    newest = challenge.agreement_versions.aggregate(n=Max("number"))["n"]
    if version.number != newest:
        raise ValidationError(_("A newer version has been proposed; sign that one instead."))
    for_challengers = actor.has_perm("agreements.sign_for_challengers", challenge)
    for_municipality = actor.has_perm("agreements.sign_for_municipality", challenge)
    if not (for_challengers or for_municipality):
        # Whether or not the other side has signed: someone who may not sign is refused as such.
        raise PermissionDenied
    fields = []
    now = timezone.now()
    if for_challengers and not version.signed_challengers_at:
        version.signed_challengers_by, version.signed_challengers_at = actor, now
        fields += ["signed_challengers_by", "signed_challengers_at"]
    elif for_municipality and not version.signed_municipality_at:
        version.signed_municipality_by, version.signed_municipality_at = actor, now
        fields += ["signed_municipality_by", "signed_municipality_at"]
    else:
        raise ValidationError(_("You have signed this version already, or may not sign it."))
    version.save(update_fields=fields, signing=True)
    challenge_services.record(
        challenge,
        EventKind.AGREEMENT_SIGNED,
        Visibility.PUBLIC if version.is_signed else Visibility.PARTICIPANTS,
        actor,
        data={"version": version.number, "complete": version.is_signed},
    )
    return version
