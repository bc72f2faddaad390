import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.catalog.units import UnitKind, unit_kind, value_problem
from uitdaagrecht.challenges.forms import DocumentsField, limit_text
from uitdaagrecht.core.forms import Form, ModelForm, MoneyField

from .models import Conclusion, Evaluation, Handover, Kind

THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(text: str) -> Decimal:
    """A number as people type it in Dutch: "1.250,50", "€ 1.250", "85", "85,5", "1250.5"."""
    cleaned = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    cleaned = cleaned.removesuffix(",-").removesuffix("%")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


# What the unit allows is the catalogue's one rule (catalog.units: a percentage is 0–100, a
# report mark 1–10, a count a whole number), the same for an indicator and an agreed result.
HINTS = {
    UnitKind.PERCENTAGE: _("A percentage from 0 to 100, e.g. 85 or 85,5."),
    UnitKind.MARK: _("A mark from 1 to 10, e.g. 7,5."),
    UnitKind.MONEY: _("An amount in euros, e.g. 1.250,50."),
    UnitKind.COUNT: _("A whole number, e.g. 4."),
    UnitKind.NUMBER: _("A number, e.g. 12,5."),
}


class ValueField(forms.CharField):
    """A realised value; the result's unit decides what may be typed."""

    def __init__(self, *, unit: str, **kwargs) -> None:
        self.unit, self.kind = unit, unit_kind(unit)
        kwargs.setdefault("help_text", HINTS[self.kind])
        super().__init__(max_length=30, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        try:
            number = parse_number(text)
        except ValueError:
            raise forms.ValidationError(_("Type a number, e.g. 12,5."), code="invalid") from None
        # The catalogue's rule, with its message naming the unit (never a second copy here).
        problem = value_problem(self.unit, number)
        if problem is not None:
            raise forms.ValidationError(problem, code="unit")
        if abs(number) >= 10**12:
            raise forms.ValidationError(_("That number is too large."), code="large")
        return number.quantize(Decimal("0.01"))


class ReportForm(Form):
    account = forms.CharField(
        label=_("Account of the period"),
        widget=forms.Textarea,
        help_text=_("What you did and how it went, in a few sentences. It is published."),
    )
    went_well = forms.CharField(label=_("What goes well"), widget=forms.Textarea, required=False)
    went_badly = forms.CharField(
        label=_("What does not go well"),
        widget=forms.Textarea,
        required=False,
        help_text=_("If results fall behind, say why: together you look for a solution."),
    )
    files = DocumentsField(label=_("Attachments"))

    def __init__(self, *args, results, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.results = list(results)
        for result in self.results:
            self.fields[f"result_{result.pk}"] = ValueField(
                unit=result.unit, label=f"{result.indicator} ({result.unit})"
            )
        self.order_fields([f"result_{r.pk}" for r in self.results])
        limit_text(self)

    def values(self) -> dict[int, Decimal]:
        return {r.pk: self.cleaned_data[f"result_{r.pk}"] for r in self.results}


class HandoverForm(ModelForm):
    amount_eur = MoneyField(
        label=_("Amount per year (euros)"),
        help_text=_(
            "Public: the task page and the open data show it as the value of the challengers' "
            "contract."
        ),
    )
    second_amount_eur = MoneyField(label=_("Amount from the second source (euros)"), required=False)

    class Meta:
        model = Handover
        fields = [
            "task",
            "part",
            "starts_on",
            "period_months",
            "amount_eur",
            "source",
            "second_source",
            "second_amount_eur",
            "incumbent_contract",
        ]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, tasks, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = tasks
        self.fields["period_months"].min_value = 1
        self.fields["period_months"].max_value = 24
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
        limit_text(self)


class MomentForm(Form):
    due_on = forms.DateField(
        label=_("Report before"), widget=forms.DateInput(attrs={"type": "date"})
    )


class EvaluationForm(ModelForm):
    class Meta:
        model = Evaluation
        fields = [
            "kind",
            "judgement_economic",
            "judgement_social",
            "judgement_democratic",
            "feedback_summary",
            "view_challengers",
            "view_municipality",
            "evaluator",
            "conclusion",
            "conclusion_reasons",
            "task_after",
            "lessons_worked",
            "lessons_failed",
            "lessons_advice",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["conclusion"].help_text = _("For a final evaluation.")
        limit_text(self)

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.FINAL and not data.get("conclusion"):
            self.add_error(
                "conclusion", _("A final evaluation concludes: continue, adjust or stop.")
            )
        if data.get("conclusion") == Conclusion.STOP and not (data.get("task_after") or "").strip():
            self.add_error("task_after", _("Say what happens to the task when it stops."))
        return data


class EvaluatorForm(Form):
    """The coordinator chooses the independent evaluator of a challenge."""

    evaluator = forms.ModelChoiceField(
        label=_("Independent evaluator"),
        queryset=None,
        empty_label=_("Choose …"),
        error_messages={"required": _("Choose the independent evaluator.")},
        help_text=_(
            "Only people with the role of independent evaluator are listed: the municipal "
            "administrator invites them on the staff page. The evaluator sees only the "
            "evaluation of this challenge."
        ),
    )

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evaluator"].queryset = candidates
        self.fields["evaluator"].label_from_instance = lambda u: (
            f"{u.full_name} ({u.email})" if u.full_name else u.email
        )


class ViewForm(Form):
    text = forms.CharField(
        label=_("Your view"),
        widget=forms.Textarea,
        max_length=10_000,
        help_text=_(
            "How did it go, what did it bring, what would you do differently? The evaluation "
            "publishes your view next to the municipality's."
        ),
    )


class FeedbackForm(Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 is very poor, 5 is very good."),
    )
    text = forms.CharField(label=_("Your experience"), widget=forms.Textarea, max_length=2000)
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_("Only if you would like an answer. It is never shown."),
    )


class HideForm(Form):
    reason = forms.CharField(
        label=_("Why hide it"),
        max_length=300,
        help_text=_("The reason is shown in place of the feedback."),
    )
