from django import forms
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.core.forms import Form

from .models import Horizon, Kind


class SubscribeForm(Form):
    """E-mail address, horizon and scope; the scopes on offer come from the page's task/taakveld."""

    # Django's own messages for a bad or missing address: they are translated already.
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_(
            "Used only for these alerts: never shown on the site, never shared. "
            "Every e-mail has a link to stop them."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    horizon_months = forms.TypedChoiceField(
        label=_("Tell me when a task can be challenged within"),
        choices=Horizon.choices,
        coerce=int,
        initial=Horizon.SIX,
        widget=forms.RadioSelect,
    )
    scope = forms.ChoiceField(label=_("Alerts about"), widget=forms.RadioSelect)

    def __init__(self, *args, scopes: list[tuple[str, str]], horizon: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not horizon:  # following one challenge: every new phase, no horizon
            del self.fields["horizon_months"]
        self.fields["scope"].choices = scopes
        self.fields["scope"].initial = scopes[-1][0]  # the most specific one
        if len(scopes) == 1:
            self.fields["scope"].widget = forms.HiddenInput()


class EmailSettingsForm(Form):
    kinds = forms.MultipleChoiceField(
        label=_("Send me an e-mail when"),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Everything also appears in your notifications on the site."),
    )
