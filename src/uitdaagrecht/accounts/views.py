import base64

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token

from uitdaagrecht.core.forms import posted

from . import otp
from .destinations import purpose, safe_next, with_next
from .forms import (
    LoginForm,
    PasswordResetForm,
    SetPasswordForm,
    SignUpForInvitationForm,
    TokenForm,
)
from .models import User
from .services import (
    staff_invitation_accept,
    staff_invitation_accept_with_new_account,
    staff_invitation_by_token,
)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        next_url = safe_next(self.request)
        return context | {
            "purpose": purpose(next_url),
            "register_url": with_next(reverse("accounts:register"), next_url),
        }


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


def _next_url(request: HttpRequest, default: str) -> str:
    return safe_next(request, default)


@login_required
@sensitive_post_parameters("token")
def two_factor(request: HttpRequest) -> HttpResponse:
    """Ask for a TOTP code, or set up the authenticator app the first time."""
    next_url = _next_url(request, reverse("portal:account"))
    if request.user.is_verified():
        return redirect(next_url)
    setting_up = not otp.has_confirmed_device(request.user)
    device = otp.pending_device(request.user) if setting_up else None
    if setting_up and device is None:
        # A password alone does not set up an authenticator: whoever has it first would own it.
        messages.error(
            request,
            _(
                "Your account has no authenticator app yet, and a password alone cannot set one "
                "up. Ask an administrator to reset your two-factor authentication."
            ),
        )
        return render(request, "accounts/two_factor.html", {"blocked": True}, status=403)
    form = TokenForm(posted(request)[0])
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if setting_up:
            verified = device if device.verify_token(token) else None
            if verified:
                verified.confirmed = True
                verified.save(update_fields=["confirmed"])
        else:
            verified = match_token(request.user, token)
        if verified:
            otp_login(request, verified)
            messages.success(request, _("Two-factor authentication is on for your account."))
            return redirect(next_url)
        form.add_error("token", _("This code is not correct or has expired. Try the next code."))
    context = {"form": form, "setting_up": setting_up, "next": next_url}
    if setting_up:
        context |= {
            "qr_svg": otp.qr_svg(device),
            "secret": base64.b32encode(device.bin_key).decode(),
        }
    return render(request, "accounts/two_factor.html", context)


@sensitive_post_parameters("password1", "password2")
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: with the account of the invited address, or by creating it."""
    invitation = staff_invitation_by_token(token)
    if invitation is None or not invitation.is_open:
        return render(request, "accounts/invitation_invalid.html", status=410)
    user = request.user if request.user.is_authenticated else None
    existing = User.objects.filter(email__iexact=invitation.email).first()
    form = None
    if user is None and existing is None:
        form = SignUpForInvitationForm(posted(request)[0], email=invitation.email)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if form is not None:
                user = staff_invitation_accept_with_new_account(
                    invitation=invitation,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            elif user is not None:
                staff_invitation_accept(invitation=invitation, user=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if user is not None:
                otp.allow_enrolment(user)
                messages.success(
                    request,
                    _("Welcome to the staff of {name}.").format(name=invitation.municipality.name),
                )
                return redirect("workspace:dashboard", municipality=invitation.municipality.slug)
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": invitation, "form": form, "existing": existing, "user_ok": user},
        status=400 if form is not None and form.errors else 200,
    )
