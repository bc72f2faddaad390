"""Residents' own pages: registration with e-mail verification, and challenger organisations."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from uitdaagrecht.core.forms import posted
from uitdaagrecht.core.links import absolute_url
from uitdaagrecht.core.text import single_stop

from . import privacy, services
from .destinations import purpose, safe_next, with_next
from .forms import AccountDeleteForm, MemberInvitationForm, OrganisationForm, RegistrationForm
from .models import Membership, Organisation, User
from .views import _next_url


@sensitive_post_parameters("password1", "password2")
@never_cache
def register(request: HttpRequest) -> HttpResponse:
    # Where the person was going travels along: in the form, then in the confirmation link.
    next_url = safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or "portal:account")
    form = RegistrationForm(posted(request)[0])
    if form.is_valid():
        services.resident_register(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
            verify_url=lambda token: absolute_url(
                with_next(reverse("accounts:verify", args=[token]), next_url)
            ),
            reset_url=absolute_url(reverse("accounts:password_reset")),
        )
        return render(request, "accounts/register_sent.html", {"email": form.cleaned_data["email"]})
    context = {
        "form": form,
        "next": next_url,
        "purpose": purpose(next_url),
        "login_url": with_next(reverse("accounts:login"), next_url),
    }
    return render(request, "accounts/register.html", context, status=400 if form.errors else 200)


@never_cache
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST activates: mail scanners that follow links change nothing."""
    if request.method == "POST":
        try:
            confirmed = services.resident_verify(token=token)
        except ValidationError as error:
            return render(request, "accounts/verify.html", {"errors": error.messages}, status=400)
        if not confirmed.log_in:
            # A link sent for a second registration with another password: the account's
            # password is the one chosen first, by whoever registered first.
            messages.success(
                request,
                _(
                    "Your e-mail address is confirmed. Log in with the password chosen when "
                    "this address was first registered, or choose a new one with “Forgot your "
                    "password?”."
                ),
            )
            return redirect(with_next(reverse("accounts:login"), safe_next(request)))
        login(request, confirmed.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
        return redirect(safe_next(request, reverse("portal:account")))
    return render(request, "accounts/verify.html", {"next": safe_next(request)})


@login_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    data, _files = posted(request)
    form = OrganisationForm(data)
    if form.is_valid():
        organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Your organisation has been registered."))
        return redirect(
            _next_url(request, reverse("accounts:organisation", args=[organisation.pk]))
        )
    return render(
        request,
        "accounts/organisation_form.html",
        {"form": form, "next": _next_url(request, "")},
        status=400 if form.errors else 200,
    )


def _organisation(request: HttpRequest, pk: int) -> Organisation:
    """An organisation the user belongs to, or 404 (also for guessed ids)."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not request.user.has_perm("accounts.view_organisation", organisation):
        raise Http404
    return organisation


@login_required
@never_cache
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    manage = request.user.has_perm("accounts.manage_organisation", organisation)
    data, _files = posted(request)
    which = request.POST.get("form") if data else None
    form = OrganisationForm(data if which == "details" else None, instance=organisation)
    invite = MemberInvitationForm(data if which == "invite" else None)
    if data and not manage:
        raise PermissionDenied
    if which == "details" and form.is_valid():
        services.organisation_update(
            organisation=organisation,
            actor=request.user,
            **{f: form.cleaned_data[f] for f in form.Meta.fields},
        )
        messages.success(request, _("Saved."))
        return redirect("accounts:organisation", pk=organisation.pk)
    if which == "invite" and invite.is_valid():
        try:
            services.organisation_invite(
                organisation=organisation,
                email=invite.cleaned_data["email"],
                role=invite.cleaned_data["role"],
                actor=request.user,
                accept_url=lambda token: absolute_url(
                    reverse("accounts:organisation_invitation", args=[token])
                ),
            )
        except ValidationError as error:
            invite.add_error("email", error.message_dict.get("email", error.messages))
        else:
            messages.success(request, _("The invitation has been sent."))
            return redirect("accounts:organisation", pk=organisation.pk)
    members = Membership.objects.filter(organisation=organisation).select_related("user")
    return render(
        request,
        "accounts/organisation.html",
        {
            "organisation": organisation,
            "members": members,
            "manage": manage,
            "form": form,
            "invite": invite,
            "invitations": [i for i in organisation.invitations.all() if i.is_open]
            if manage
            else [],
            "challenges": organisation.challenges.select_related("municipality"),
        },
        status=400 if (form.errors or invite.errors) else 200,
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    user = get_object_or_404(User, pk=user_pk, memberships__organisation=organisation)
    try:
        services.member_remove(organisation=organisation, user=user, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:organisation", pk=organisation.pk)
    if user == request.user:
        messages.success(request, _("You have left the organisation."))
        return redirect("portal:account")
    messages.success(request, _("The member has been removed."))
    return redirect("accounts:organisation", pk=organisation.pk)


@never_cache
def organisation_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.organisation_invitation_by_token(token)
    if invitation is None or not invitation.is_open:
        return render(request, "accounts/invitation_invalid.html", status=404)
    if not request.user.is_authenticated:
        return render(
            request,
            "accounts/organisation_invitation.html",
            {"invitation": invitation, "next": request.path},
        )
    if request.method == "POST":
        try:
            services.organisation_invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            return render(
                request,
                "accounts/organisation_invitation.html",
                {"invitation": invitation, "errors": error.messages},
                status=400,
            )
        messages.success(
            request,
            single_stop(
                _("You are now a member of {name}.").format(name=invitation.organisation.name)
            ),
        )
        return redirect("accounts:organisation", pk=invitation.organisation_id)
    return render(request, "accounts/organisation_invitation.html", {"invitation": invitation})


# ---------------------------------------------------------------- privacy (AVG)


def privacy_statement(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/privacy.html",
        privacy.retention_periods(),
    )


@login_required
@never_cache
def my_data(request: HttpRequest) -> HttpResponse:
    """The person's data: the page, and with ?download the JSON file."""
    if "download" in request.GET:
        response = HttpResponse(
            privacy.personal_data_json(request.user), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
        return response
    return render(request, "accounts/my_data.html", {"form": AccountDeleteForm()})


@sensitive_post_parameters("password")
@login_required
@never_cache
@require_POST
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST)
    if form.is_valid():
        try:
            privacy.account_delete(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("portal:home")
    return render(request, "accounts/my_data.html", {"form": form}, status=400)
