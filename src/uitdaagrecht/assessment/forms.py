from django import forms
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.challenges.forms import DocumentsField, limit_text
from uitdaagrecht.core.forms import Form, ModelForm

from .models import Criterion, Decision, Framework, Recommendation, Subject
from .ori import ori_normalise

LEVELS = 5


class FrameworkForm(ModelForm):
    class Meta:
        model = Framework
        fields = ["introduction", "deciding_body"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)


class CriterionForm(ModelForm):
    """A criterion and its scale: up to five levels, each described in words."""

    class Meta:
        model = Criterion
        fields = ["dimension", "name", "description", "weight", "order"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)
        existing = {}
        if self.instance.pk:
            existing = {level.value: level.description for level in self.instance.levels.all()}
        for value in range(LEVELS):
            self.fields[f"level_{value}"] = forms.CharField(
                label=_("Score {value} means").format(value=value),
                max_length=300,
                required=False,
                initial=existing.get(value, ""),
            )

    def levels(self) -> list[tuple[int, str]]:
        return [
            (value, self.cleaned_data[f"level_{value}"].strip())
            for value in range(LEVELS)
            if self.cleaned_data.get(f"level_{value}", "").strip()
        ]

    def clean(self):
        data = super().clean()
        if len([v for v in range(LEVELS) if (data.get(f"level_{v}") or "").strip()]) < 2:
            self.add_error("level_0", _("Describe at least two levels of the scale."))
        return data


class AdviceRequestForm(Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=None)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea)
    days = forms.IntegerField(label=_("Term in days"), min_value=1, max_value=180, initial=21)

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = municipality.departments.all()
        limit_text(self)


class AdviceForm(Form):
    text = forms.CharField(label=_("Advice"), widget=forms.Textarea)
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect
    )
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_("Advice is published with the decision, unless it is confidential."),
    )
    confidential_reason = forms.CharField(
        label=_("Why confidential"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    files = DocumentsField(label=_("Attachments"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)

    def clean(self):
        data = super().clean()
        if data.get("confidential") and not (data.get("confidential_reason") or "").strip():
            self.add_error("confidential_reason", _("Say why the advice is confidential."))
        return data


class ScorecardForm(Form):
    """For every criterion: a score and a motivation for the challengers and for the current
    provider, on the same scale."""

    conflict_of_interest = forms.CharField(
        label=_("Conflict of interest"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Describe any interest you have in the challenge or the current provider."),
    )
    recused = forms.BooleanField(label=_("I recuse myself from this assessment"), required=False)

    def __init__(self, *args, framework, card=None, incumbent: str = "", **kwargs) -> None:
        """`incumbent`: the current provider's name(s) (selectors.incumbent_of), if known."""
        super().__init__(*args, **kwargs)
        existing = {}
        if card is not None:
            existing = {(s.criterion_id, s.subject): s for s in card.scores.all()}
            self.fields["conflict_of_interest"].initial = card.conflict_of_interest
            self.fields["recused"].initial = card.recused
        self.rows = []
        for criterion in framework.criteria.all():
            names = []
            for subject, label in Subject.choices:
                score = existing.get((criterion.pk, subject))
                key = f"score_{criterion.pk}_{subject}"
                self.fields[key] = forms.TypedChoiceField(
                    label=_("Score for {subject}").format(subject=label),
                    choices=[("", "—")]
                    + [
                        (lvl.value, f"{lvl.value}: {lvl.description}")
                        for lvl in criterion.levels.all()
                    ],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=score.value if score else None,
                )
                self.fields[f"motivation_{criterion.pk}_{subject}"] = forms.CharField(
                    label=_("Motivation for {subject}").format(subject=label),
                    widget=forms.Textarea(attrs={"rows": 2}),
                    required=False,
                    initial=score.motivation if score else "",
                )
                names += [key, f"motivation_{criterion.pk}_{subject}"]
            self.rows.append((criterion, names))
        self.name_incumbent(incumbent)
        limit_text(self)

    def name_incumbent(self, incumbent: str) -> None:
        """The current provider's labels with their name(s): "… de huidige uitvoerder (A)".
        Also on a form that was validated already (its bound fields carry their own label)."""
        if not incumbent:
            return
        subject = f"{Subject.INCUMBENT.label} ({incumbent})"
        for criterion, _names in self.rows:
            for name, label in (
                (f"score_{criterion.pk}_{Subject.INCUMBENT}", _("Score for {subject}")),
                (f"motivation_{criterion.pk}_{Subject.INCUMBENT}", _("Motivation for {subject}")),
            ):
                self.fields[name].label = self[name].label = label.format(subject=subject)

    def scores(self) -> dict:
        found = {}
        for criterion, _names in self.rows:
            for subject in Subject.values:
                value = self.cleaned_data.get(f"score_{criterion.pk}_{subject}")
                motivation = self.cleaned_data.get(f"motivation_{criterion.pk}_{subject}", "")
                if value is not None or motivation:
                    found[(criterion.pk, subject)] = (value, motivation)
        return found

    def row_fields(self):
        return [(criterion, [self[name] for name in names]) for criterion, names in self.rows]


class DecisionForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    council_document_url = forms.URLField(
        label=_("Link to the council document"), required=False, assume_scheme="https"
    )
    ori_identifier = forms.CharField(
        label=_("Open Raadsinformatie identifier"),
        required=False,
        max_length=100,
        help_text=_(
            "The council item in Open Raadsinformatie: its number, e.g. 1234567, or its address."
        ),
    )

    class Meta:
        model = Decision
        fields = [
            "outcome",
            "part",
            "reasons_economic",
            "reasons_social",
            "reasons_democratic",
            "reasons",
            "body",
            "decided_on",
            "council_document_url",
            "ori_identifier",
            "objection",
        ]
        widgets = {
            "outcome": forms.RadioSelect,
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)
        self.fields["outcome"].choices = list(self.fields["outcome"].choices)[1:]
        self.fields["body"].choices = list(self.fields["body"].choices)[1:]

    def clean_ori_identifier(self) -> str:
        return ori_normalise(self.cleaned_data["ori_identifier"])

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
