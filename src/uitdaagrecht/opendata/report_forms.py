from django import forms
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.core.forms import Form

from .reports import OUTCOMES, Target


class ReportForm(Form):
    about = forms.ChoiceField(label=_("What is it about?"))
    wrong = forms.CharField(
        label=_("What is wrong?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    should_be = forms.CharField(
        label=_("What should it be?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=500,
        help_text=_("Optional: a link or a document that shows it."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_(
            "Optional, only to send you the answer. It is never shown and is deleted once "
            "the answer has been sent."
        ),
    )

    def __init__(self, *args, targets: list[Target], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.targets = {f"{t.subject}:{t.key}": t for t in targets}
        self.fields["about"].choices = [(value, t.label) for value, t in self.targets.items()]
        # The thing the page's link was about comes first and is chosen already.
        self.fields["about"].initial = next(iter(self.targets))
        if len(targets) == 1:
            self.fields["about"].widget = forms.HiddenInput()

    @property
    def target(self) -> Target:
        return self.targets[self.cleaned_data["about"]]


class AnswerForm(Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=OUTCOMES, widget=forms.RadioSelect)
    answer = forms.CharField(
        label=_("Answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Public on the page, without the reporter. Corrected: what changed, when and why. "
            "Not corrected: why not."
        ),
    )
