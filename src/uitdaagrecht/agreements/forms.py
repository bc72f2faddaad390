import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.challenges.forms import limit_text
from uitdaagrecht.core.forms import Form, ModelForm, MoneyField, UtrechtFormMixin
from uitdaagrecht.core.text import single_stop

from .models import PARTS, BudgetLine, Result, Risk, Version

VERSION_FIELDS = [
    "explanation",
    "start_date",
    "term_months",
    "vehicle",
    "vehicle_reference",
    "payment_schedule",
    "tasks_taken_over",
    "quality_requirements",
    "cooperation",
    "accountability_form",
    "accountability_moments",
    "accountability_by",
    "review_moments",
    "experiment",
    "interim_evaluations",
]


DAY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$|^(\d{4})-(\d{1,2})-(\d{1,2})$")


class DatesField(forms.CharField):
    """Days as people type them: "1-7-2027, 1-1-2028" (or 2027-07-01); kept as ISO dates."""

    def __init__(self, *, encoder=None, decoder=None, **kwargs) -> None:
        super().__init__(**kwargs)  # a JSONField's form field: its encoder is not needed

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(f"{datetime.date.fromisoformat(d):%-d-%-m-%Y}" for d in value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list):
            return value
        days = set()
        for part in re.split(r"[,;\s]+", (value or "").strip()):
            if not part:
                continue
            found = DAY.match(part)
            try:
                if not found:
                    raise ValueError(part)
                d, m, y, iy, im, id_ = found.groups()
                days.add(datetime.date(int(y or iy), int(m or im), int(d or id_)))
            except ValueError:
                raise forms.ValidationError(
                    _("“{part}” is not a date: write day-month-year, e.g. 1-7-2027.").format(
                        part=part[:20]
                    ),
                    code="date",
                ) from None
        return [day.isoformat() for day in sorted(days)]


class VersionForm(ModelForm):
    class Meta:
        model = Version
        fields = VERSION_FIELDS
        field_classes = {"interim_evaluations": DatesField}
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)

    def _post_clean(self) -> None:
        super()._post_clean()
        # Dates that could not be read are not there for the model's checks: its "give at least
        # one date" would only repeat the problem. Keep the message that names the wrong date.
        if self.has_error("interim_evaluations", code="date"):
            wrong = [e for e in self.errors.as_data()["interim_evaluations"] if e.code == "date"]
            self._errors["interim_evaluations"] = self.error_class(
                [m for e in wrong for m in e.messages]
            )


class ConfidentialForm(Form):
    """Which parts stay unpublished once signed, each with its reason."""

    def __init__(self, *args, confidential: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        confidential = confidential or {}
        for part, label in PARTS.items():
            self.fields[f"reason_{part}"] = forms.CharField(
                label=_("Confidential: {part} — reason").format(part=label),
                max_length=500,
                required=False,
                initial=confidential.get(part, ""),
                help_text=_("Leave empty to publish this part with the signed version."),
            )

    def confidential(self) -> dict[str, str]:
        return {
            part: self.cleaned_data[f"reason_{part}"].strip()
            for part in PARTS
            if self.cleaned_data.get(f"reason_{part}", "").strip()
        }


class _RowForm(UtrechtFormMixin, forms.ModelForm):
    pass


def _formset(model, fields, field_classes=None):
    return forms.modelformset_factory(
        model,
        form=_RowForm,
        fields=fields,
        field_classes=field_classes,
        extra=3,
        can_delete=True,
    )


def prefilled(formset_class, data, *, prefix: str, initial: list[dict]):
    """A formset with the previous version's rows filled in and two empty ones. A prefilled row
    counts even when unchanged; tick "delete" to leave it out of the new version."""
    formset = formset_class(
        data, prefix=prefix, queryset=formset_class.model.objects.none(), initial=initial
    )
    formset.extra = len(initial) + 2
    for form in formset.forms[: len(initial)]:
        form.empty_permitted = False
    return formset


BudgetFormSet = _formset(BudgetLine, ["year", "amount_eur"], {"amount_eur": MoneyField})
ResultFormSet = _formset(Result, ["indicator", "dimension", "baseline", "target", "unit"])
RiskFormSet = _formset(Risk, ["risk", "mitigation"])


def rows(formset) -> list[dict]:
    """The filled-in rows of a formset, as field values (empty extra rows are skipped)."""
    return [
        {name: value for name, value in form.cleaned_data.items() if name not in ("id", "DELETE")}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class SignForm(Form):
    """Signing is a deliberate act: the person ticks that they agree to this very version."""

    agree = forms.BooleanField(
        label=_("I agree"),
        error_messages={"required": _("Tick “I agree” to sign this version.")},
    )

    def __init__(self, *args, version: Version, side: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agree"].help_text = single_stop(
            _("I have read version {n} of the agreements and sign it for {side}.").format(
                n=version.number, side=side
            )
        )
