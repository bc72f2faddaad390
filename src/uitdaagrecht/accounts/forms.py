from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.core.forms import Form, ModelForm, UtrechtFormMixin
from uitdaagrecht.core.outbox import mail_queue
from uitdaagrecht.tenants.models import Department

from .models import MemberRole, Organisation, Role, User
from .otp import normalised_backup_code


class LoginForm(UtrechtFormMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _("The e-mail address or password is not correct."),
        "inactive": _("This account is not active."),
    }


class PasswordResetForm(UtrechtFormMixin, auth_forms.PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        """Through the durable e-mail queue (core.outbox), not straight to the mail server."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        mail_queue(to=to_email, subject=subject, body=body, purpose="password-reset")


class SetPasswordForm(UtrechtFormMixin, auth_forms.SetPasswordForm):
    pass


class TokenForm(Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Six digits; a new code appears every 30 seconds."),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("Enter the six digits shown in the app."))
        return token


class BackupCodeForm(Form):
    backup_code = forms.CharField(
        label=_("Backup code"),
        help_text=_("Eight letters and digits, from the list you kept when you set up the app."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_backup_code(self) -> str:
        code = normalised_backup_code(self.cleaned_data["backup_code"])
        if code is None:
            raise forms.ValidationError(_("A backup code has eight letters and digits."))
        return code


class CurrentCodeForm(Form):
    """Confirms a change to the second factor: a code from the app, or a backup code."""

    code = forms.CharField(
        label=_("Current code"),
        help_text=_("Six digits from your authenticator app, or one of your backup codes."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class InvitationForm(Form):
    email = forms.EmailField(label=_("E-mail address"))
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("Needed for advisors: they advise on tasks of their own department."),
    )

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = municipality.departments.all()


class RolesForm(InvitationForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Remove every role to take this person off the staff."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["email"]


class SignUpForInvitationForm(Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                password_validation.validate_password(
                    first, User(email=self.email, full_name=data.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class RegistrationForm(SignUpForInvitationForm):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    field_order = ["full_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, email="", **kwargs)

    def clean(self) -> dict:
        self.email = self.data.get("email", "")
        return super().clean()


class OrganisationForm(ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "legal_form", "kvk_number", "neighbourhoods"]


class MemberInvitationForm(Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=MemberRole.choices,
        initial=MemberRole.MEMBER,
        help_text=_("Owners manage the members and sign for the organisation."),
    )


class AccountDeleteForm(Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
