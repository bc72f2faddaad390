import base64

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice

from uitdaagrecht.core.forms import posted

from . import otp
from .destinations import purpose, safe_next, with_next
from .forms import (
    BackupCodeForm,
    CurrentCodeForm,
    LoginForm,
    PasswordResetForm,
    SetPasswordForm,
    SignUpForInvitationForm,
    TokenForm,
)
from .models import User
from .permissions import GUEST_ROLES
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


BACKUP_CODES_SESSION_KEY = "ou_backup_codes"
REENROL_SESSION_KEY = "ou_reenrol_device"


def _show_backup_codes(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    """Redirect to the page that shows the new codes once (a reload does not show them again)."""
    request.session[BACKUP_CODES_SESSION_KEY] = codes
    return redirect(with_next(reverse("accounts:backup_codes"), next_url))


@login_required
@sensitive_post_parameters("token", "backup_code")
def two_factor(request: HttpRequest) -> HttpResponse:
    """Ask for a TOTP code (or a backup code), or set up the authenticator app the first time."""
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
    using_backup = not setting_up and request.method == "POST" and "backup_code" in request.POST
    form = TokenForm(None if using_backup else posted(request)[0])
    backup_form = BackupCodeForm(posted(request)[0] if using_backup else None)
    if using_backup and backup_form.is_valid():
        used = otp.backup_code_use(request.user, backup_form.cleaned_data["backup_code"])
        if used:
            otp_login(request, used)
            messages.warning(
                request,
                _(
                    "You logged in with a backup code; it cannot be used again. Codes left: "
                    "{count}. Set up your new phone or make new codes under Two-factor "
                    "authentication on your account page."
                ).format(count=otp.backup_codes_left(request.user)),
            )
            return redirect(next_url)
        backup_form.add_error(
            "backup_code", _("This backup code is not correct or has been used already.")
        )
    elif request.method == "POST" and not using_backup and form.is_valid():
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
            if setting_up:
                return _show_backup_codes(request, otp.backup_codes_issue(request.user), next_url)
            return redirect(next_url)
        form.add_error("token", _("This code is not correct or has expired. Try the next code."))
    context = {
        "form": form,
        "backup_form": backup_form,
        "using_backup": using_backup,
        "setting_up": setting_up,
        "next": next_url,
    }
    if setting_up:
        context |= {
            "qr_svg": otp.qr_svg(device),
            "secret": base64.b32encode(device.bin_key).decode(),
        }
    return render(request, "accounts/two_factor.html", context)


@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The new backup codes, shown once."""
    next_url = _next_url(request, reverse("portal:account"))
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    response = render(
        request,
        "accounts/backup_codes.html",
        {"codes": codes, "next": next_url, "manage_url": reverse("accounts:two_factor_manage")},
    )
    response["Cache-Control"] = "no-store"
    return response


def _verified_staff(request: HttpRequest) -> HttpResponse | None:
    """The second-factor settings are for accounts with an app, in a session verified with it."""
    if not otp.has_confirmed_device(request.user):
        raise Http404
    if not request.user.is_verified():
        return redirect(with_next(reverse("accounts:two_factor"), request.get_full_path()))
    return None


@login_required
@sensitive_post_parameters("code")
def two_factor_manage(request: HttpRequest) -> HttpResponse:
    """From the account page: new backup codes, or a new authenticator app (a new phone),
    each after a current code."""
    if (answer := _verified_staff(request)) is not None:
        return answer
    here = reverse("accounts:two_factor_manage")
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        name: CurrentCodeForm(posted(request)[0] if action == name else None, prefix=name)
        for name in ("codes", "app")
    }
    if action in forms and forms[action].is_valid():
        used = otp.current_code_matches(request.user, forms[action].cleaned_data["code"])
        if used is None:
            forms[action].add_error(
                "code", _("This code is not correct, has expired or has been used already.")
            )
        elif action == "codes":
            codes = otp.backup_codes_issue(request.user)
            if isinstance(used, StaticDevice):  # the session's device was the old set
                otp_login(request, StaticDevice.objects.get(user=request.user))
            return _show_backup_codes(request, codes, here)
        else:
            request.session[REENROL_SESSION_KEY] = otp.reenrol_start(request.user).pk
            return redirect("accounts:two_factor_new_app")
    return render(
        request,
        "accounts/two_factor_manage.html",
        {"forms": forms, "left": otp.backup_codes_left(request.user)},
        status=400 if any(form.errors for form in forms.values()) else 200,
    )


@login_required
@sensitive_post_parameters("token")
def two_factor_new_app(request: HttpRequest) -> HttpResponse:
    """Set up the new app; the old one keeps working until the new one gives a correct code."""
    if (answer := _verified_staff(request)) is not None:
        return answer
    device = otp.pending_device(request.user)
    if device is None or request.session.get(REENROL_SESSION_KEY) != device.pk:
        return redirect("accounts:two_factor_manage")
    form = TokenForm(posted(request)[0])
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = otp.reenrol_confirm(request.user, device)
            otp_login(request, device)
            del request.session[REENROL_SESSION_KEY]
            messages.success(
                request, _("Your new authenticator app is set up; the old one no longer works.")
            )
            return _show_backup_codes(request, codes, reverse("portal:account"))
        form.add_error("token", _("This code is not correct or has expired. Try the next code."))
    return render(
        request,
        "accounts/two_factor_new_app.html",
        {
            "form": form,
            "qr_svg": otp.qr_svg(device),
            "secret": base64.b32encode(device.bin_key).decode(),
        },
    )


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
                if set(invitation.roles) <= GUEST_ROLES:
                    # An independent evaluator has no workspace: its evaluations are listed on
                    # the account home.
                    messages.success(
                        request,
                        _("Welcome: you evaluate challenges of {name} independently.").format(
                            name=invitation.municipality.name
                        ),
                    )
                    return redirect("portal:account")
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
