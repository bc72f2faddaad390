from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.core.forms import Form, ModelForm, MoneyField, RenderedOnce

from . import documents, services
from .models import Challenge, Channel, Classification
from .services.drafts import REQUIRED_FOR_SUBMIT
from .workflow import PHASE, TERM_STATES, Transition

TEXT_LIMIT = 10_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Several files at once; each is checked on its content (documents.checked_type)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": documents.ACCEPT}))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("PDF, OpenDocument, Office or images; several at once if you like."),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        cleaned = [super(DocumentsField, self).clean(f, initial) for f in files]
        errors = []
        for upload in cleaned:
            try:
                documents.checked_type(upload)
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


def limit_text(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.Textarea):
            field.max_length = TEXT_LIMIT
            field.validators.append(MaxLengthValidator(TEXT_LIMIT))
            field.widget.attrs.setdefault("rows", 5)


# The submission form, one step per screen: (title, fields).
STEPS = (
    (_("The task"), ("title", "tasks", "other_task", "mode", "part")),
    (
        _("Your plan"),
        ("summary", "why_better", "plan_what", "plan_how", "start_from", "for_whom", "area"),
    ),
    (_("Team and budget"), ("capacity", "partners", "budget_asked_eur")),
    (
        _("Value and support"),
        (
            "value_economic",
            "value_social",
            "value_democratic",
            "supporters_count",
            "risks",
            "cooperation_wanted",
        ),
    ),
    (_("Attachments"), ()),
    (_("Check and submit"), ()),
)
ATTACHMENTS_STEP = 5
LAST_STEP = len(STEPS)


class DraftStepForm(ModelForm):
    class Meta:
        model = Challenge
        fields = ()
        widgets = {
            "tasks": forms.CheckboxSelectMultiple,
            "mode": forms.RadioSelect,
            "start_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        field_classes = {"budget_asked_eur": MoneyField}

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)
        if "tasks" in self.fields:
            self.fields["tasks"].queryset = municipality.tasks.order_by("title")
            self.fields["tasks"].help_text = _("Choose one or more, or describe it below.")
        if "mode" in self.fields:
            self.fields["mode"].choices = list(self.fields["mode"].choices)[1:]
        # A draft saves with empty fields, but what submitting needs is marked "(required)"
        # on its step (forms/field.html), not only listed at the end.
        for name in REQUIRED_FOR_SUBMIT:
            if name in self.fields:
                self.fields[name].required_for_submit = True
        if "other_task" in self.fields:
            self.fields["other_task"].help_text = _("Required if you chose no task above.")

    def mark_missing(self, name: str) -> None:
        """Arriving from the list of what is missing (step 6): that field gets the focus, is
        marked invalid and says why, before anything was posted."""
        field = self.fields.get(name)
        if field is None or self.is_bound:
            return
        field.widget.attrs["aria-invalid"] = "true"
        if not isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            # One input: it gets the focus. A group is reached through the link's #anchor.
            field.widget.attrs["autofocus"] = True
            field.widget.attrs["class"] += " utrecht-textbox--invalid"
        still = _("Still empty: fill this in before you submit.")
        field.help_text = f"{still} {field.help_text}".strip() if field.help_text else still


def missing_fields(challenge: Challenge) -> list[tuple[str, int, str, str]]:
    """What submitting still needs, as (label, step, field, anchor): the field to mark and the
    id of the input the link jumps to (the first choice of a group of radio buttons)."""
    names = {
        str(Challenge._meta.get_field(name).verbose_name): name for name in REQUIRED_FOR_SUBMIT
    }
    groups = {"mode"}
    missing = []
    for label, step in services.missing_for_submit(challenge):
        name = names.get(str(label), "other_task")  # the tasks: chosen or described in words
        missing.append((label, step, name, f"id_{name}_0" if name in groups else f"id_{name}"))
    return missing


def draft_step_form(step: int):
    fields = STEPS[step - 1][1]
    return forms.modelform_factory(
        Challenge,
        form=DraftStepForm,
        fields=fields,
        widgets={k: v for k, v in DraftStepForm.Meta.widgets.items() if k in fields},
    )


class DraftStartForm(Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A short name for your offer, e.g. “Residents maintain the Park Eekhout”."),
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class VersionForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class OwnIds:
    """The dossier page shows several forms at once, and some share field names ("text",
    "files", "consent_to_publish", "version", "reason"). Each form's ids start with its own
    name, so every label and description points at its own field; the names that are posted
    stay the same. (The transition forms have a prefix per action instead.)"""

    ids = ""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"{self.ids}-%s")
        super().__init__(*args, **kwargs)


class TransitionForm(VersionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, required=False)
    classification = forms.ChoiceField(
        label=_("What is it instead?"),
        choices=[c for c in Classification.choices if c[0] != Classification.CHALLENGE],
        required=False,
    )
    redirected_to = forms.CharField(
        label=_("Passed on to"),
        max_length=200,
        required=False,
        help_text=_("For example: “Subsidy desk, neighbourhood budget 2027”."),
    )

    def __init__(self, *args, transition: Transition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.transition = transition
        limit_text(self)
        self.fields["reason"].required = transition.reason_required
        self.fields["reason"].help_text = transition.help_text
        if transition.action != "redirect":
            del self.fields["classification"], self.fields["redirected_to"]
        else:
            self.fields["classification"].required = True
            self.fields["redirected_to"].required = True


class AssignForm(OwnIds, VersionForm):
    ids = "assign"
    person = forms.ModelChoiceField(
        label=_("Contact person"),
        queryset=None,
        help_text=_(
            "With their department. Nobody from the department that owns the challenged task: "
            "the contact person must be neutral."
        ),
    )

    def __init__(self, *args, candidates, departments=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        departments = departments or {}
        field = self.fields["person"]
        field.queryset = candidates

        def label(user) -> str:
            names, neutral = departments.get(user.pk, ("", True))
            text = f"{user} — {names}" if names else str(user)
            if neutral:
                return text
            return _("{person} (not eligible: their department owns the challenged task)").format(
                person=text
            )

        field.label_from_instance = label


class MessageForm(RenderedOnce, OwnIds, Form):
    ids = "message"
    text = forms.CharField(label=_("Message"), widget=forms.Textarea)
    files = DocumentsField(label=_("Attachments"))
    consent_to_publish = forms.BooleanField(
        label=_("The municipality may publish these attachments"), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)


class NoteForm(RenderedOnce, OwnIds, Form):
    ids = "note"
    text = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea,
        help_text=_("Only staff of the municipality see this note and its attachments."),
    )
    files = DocumentsField(label=_("Attachments"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)


class ContactForm(OwnIds, Form):
    ids = "contact"
    channel = forms.ChoiceField(label=_("Kind of contact"), choices=Channel.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("Short summary"), widget=forms.Textarea)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)


class DocumentsForm(RenderedOnce, OwnIds, Form):
    ids = "documents"
    files = DocumentsField(label=_("Documents"), required=True)
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    consent_to_publish = forms.BooleanField(
        label=_("The municipality may publish these documents"), required=False
    )


class PauseForm(OwnIds, VersionForm):
    ids = "pause"
    question = forms.CharField(
        label=_("Which information do you need?"),
        widget=forms.Textarea,
        help_text=_("The term stops until the challengers answer."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)


class ExtendForm(OwnIds, VersionForm):
    ids = "extend"
    days = forms.IntegerField(label=_("Extra days"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)


class TermsForm(Form):
    def __init__(self, *args, terms: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for state in TERM_STATES:
            self.fields[state] = forms.IntegerField(
                label=state.label.capitalize(),
                min_value=1,
                max_value=365,
                initial=terms[state],
                help_text=_("Default: {days} days.").format(days=PHASE[state].term_days),
            )
