"""Privacy (AVG): a person downloads their personal data and deletes their account; retention.

The download holds every row of every app that points at the account (found through the model
relations, so a new app's data is in it without a change here), minus secrets (password and token
hashes, authenticator keys).

Deleting an account keeps what others rely on: messages, documents and decisions on a challenge's
timeline are part of the case's history. So the account row stays as a tombstone without personal
data: its name becomes "former member of <organisation>", its address a placeholder, its password
unusable; memberships, notifications, e-mail settings and authenticator devices are deleted.
"""

import datetime
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ForeignObjectRel, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from uitdaagrecht.core.outbox import SENT_MAIL_DAYS

from .models import (
    INVITATION_VALIDITY,
    MemberRole,
    Membership,
    OrganisationInvitation,
    StaffInvitation,
    User,
)
from .permissions import forget_memberships

SECRET = ("password", "token", "key", "secret")
DELETED_DOMAIN = "deleted.invalid"
# Retention (the privacy statement says the same): unconfirmed accounts after this many days,
# invitations this long after they expired.
UNCONFIRMED_ACCOUNT_DAYS = 7
EXPIRED_INVITATION_DAYS = 30


def retention_periods() -> dict[str, int]:
    """The retention periods the code applies, for the table of every privacy statement (the
    platform's and each municipality's)."""
    return {
        "unconfirmed_days": UNCONFIRMED_ACCOUNT_DAYS,
        "invitation_days": INVITATION_VALIDITY.days,
        "expired_invitation_days": EXPIRED_INVITATION_DAYS,
        "alert_confirm_days": 7,
        "sent_mail_days": SENT_MAIL_DAYS,
    }


def personal_data(user: User) -> dict:
    """Everything stored about the account, as JSON-ready data."""
    account = {
        "email": user.email,
        "full_name": user.full_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
    }
    related: dict[str, list[dict]] = {}
    for relation in _relations():
        model = relation.related_model
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if not any(word in f.attname for word in SECRET)
        ]
        rows = list(
            model._default_manager.filter(**{relation.field.name: user})
            .order_by("pk")
            .values(*fields)
        )
        if rows:
            related[f"{model._meta.label}.{relation.field.name}"] = rows
    return {"exported_at": timezone.now(), "account": account, "related": related}


def _relations() -> list[ForeignObjectRel]:
    """Every foreign key to the account, also those without a reverse accessor (related_name "+",
    as the timeline's actor)."""
    return [
        field
        for field in User._meta.get_fields(include_hidden=True)
        if isinstance(field, ForeignObjectRel) and (field.one_to_many or field.one_to_one)
    ]


def personal_data_json(user: User) -> str:
    return json.dumps(personal_data(user), indent=1, default=str, ensure_ascii=False)


@transaction.atomic
def account_delete(*, user: User, password: str) -> None:
    """Delete the person's account as described above; refused while an organisation would be
    left without an owner, and for staff (their roles are the municipal admin's to remove)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")})
    if user.staff_roles.exists():
        raise ValidationError(
            _("You work for a municipality on this platform: ask its administrator to remove you.")
        )
    memberships = list(
        Membership.objects.select_for_update().filter(user=user).select_related("organisation")
    )
    for mine in memberships:
        if mine.role != MemberRole.OWNER:
            continue
        others = Membership.objects.filter(organisation=mine.organisation).exclude(user=user)
        if others.exists() and not others.filter(role=MemberRole.OWNER).exists():
            raise ValidationError(
                _(
                    "You are the last owner of {organisation}. Make another member owner first."
                ).format(organisation=mine.organisation.name)
            )
    names = ", ".join(sorted(m.organisation.name for m in memberships))
    with override(settings.LANGUAGE_CODE):
        label = (
            _("former member of {organisation}").format(organisation=names)
            if names
            else _("former user")
        )
    user.full_name = label[:150]
    user.email = f"account-{user.pk}@{DELETED_DOMAIN}"
    user.is_active = False
    user.set_unusable_password()  # also ends every session: the session hash no longer matches
    user.save(update_fields=["full_name", "email", "is_active", "password"])
    Membership.objects.filter(user=user).delete()
    for name in ("notifications", "muted_emails"):
        getattr(user, name).all().delete()
    for relation in _relations():
        if relation.related_model._meta.app_label in ("otp_totp", "otp_static"):
            relation.related_model._default_manager.filter(user=user).delete()
    forget_memberships(user)


def accounts_forget(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Retention, run by check_terms: unconfirmed accounts and long-expired invitations."""
    now = now or timezone.now()
    unconfirmed = User.objects.filter(
        is_active=False,
        last_login__isnull=True,
        date_joined__lt=now - datetime.timedelta(days=UNCONFIRMED_ACCOUNT_DAYS),
        memberships__isnull=True,
        staff_roles__isnull=True,
    ).exclude(email__endswith=f"@{DELETED_DOMAIN}")
    accounts, _detail = unconfirmed.delete()
    cutoff = now - INVITATION_VALIDITY - datetime.timedelta(days=EXPIRED_INVITATION_DAYS)
    stale = Q(accepted_at__isnull=True, created_at__lt=cutoff)
    staff, _detail = StaffInvitation.objects.filter(stale).delete()
    members, _detail = OrganisationInvitation.objects.filter(stale).delete()
    return {"accounts": accounts, "invitations": staff + members}
