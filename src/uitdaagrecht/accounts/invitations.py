"""Pending invitations to a challenger organisation: an owner sees them and can withdraw one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Organisation, OrganisationInvitation, User


@transaction.atomic
def organisation_invitation_withdraw(*, invitation: OrganisationInvitation, actor: User) -> None:
    """The invitation is deleted (with its e-mail address), so its link no longer works.
    Withdrawing one that is gone already changes nothing; an accepted one stays."""
    if not actor.has_perm("accounts.manage_organisation", invitation.organisation):
        raise PermissionDenied
    locked = OrganisationInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if locked is None:
        return
    if locked.accepted_at is not None:
        raise ValidationError(
            _("This invitation has been accepted already; remove the member instead.")
        )
    locked.delete()


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not request.user.has_perm("accounts.view_organisation", organisation):
        raise Http404
    invitation = OrganisationInvitation.objects.filter(
        pk=invitation_pk, organisation=organisation
    ).first()
    if invitation is None:
        messages.info(request, _("This invitation had been withdrawn already."))
        return redirect("accounts:organisation", pk=organisation.pk)
    try:
        organisation_invitation_withdraw(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation to {email} has been withdrawn; its link no longer works.").format(
                email=invitation.email
            ),
        )
    return redirect("accounts:organisation", pk=organisation.pk)
