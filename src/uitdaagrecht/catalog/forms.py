import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.budgets.models import Hoofdtaakveld, Taakveld
from uitdaagrecht.core.forms import Form, ModelForm, MoneyField

from .bulk.cells import Invalid, decimal_value, dutch_number, plain_text
from .models import Contract, Finance, Indicator, IndicatorValue, Provider, Task, add_months
from .selectors import Availability


class CatalogueFilterForm(Form):
    """The catalogue's filters; a bad value is reported and ignored, never a 500."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    hoofdtaakveld = forms.ModelChoiceField(
        label=_("Main policy area"),
        queryset=Hoofdtaakveld.objects.all(),
        required=False,
        empty_label=_("all"),
    )
    taakveld = forms.ModelChoiceField(
        label=_("Taakveld"), queryset=Taakveld.objects.all(), required=False, empty_label=_("all")
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=None, required=False, empty_label=_("all")
    )
    provider = forms.ModelChoiceField(
        label=_("Current provider"), queryset=None, required=False, empty_label=_("all")
    )
    status = forms.ChoiceField(
        label=_("Can be challenged"),
        required=False,
        choices=[
            ("", _("any time")),
            (Availability.NOW, _("now")),
            (Availability.WITHIN_12_MONTHS, _("within 12 months")),
        ],
    )

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = municipality.departments.all()
        self.fields["provider"].queryset = municipality.providers.all()

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "query": data.get("q", ""),
            "hoofdtaakveld": getattr(data.get("hoofdtaakveld"), "pk", ""),
            "taakveld": getattr(data.get("taakveld"), "pk", ""),
            "department": getattr(data.get("department"), "pk", None),
            "provider": getattr(data.get("provider"), "pk", None),
            "availability": data.get("status", ""),
        }


class PlainTextForm(ModelForm):
    """Text fields without control characters, as the bulk import stores them: a bare carriage
    return, which calendar apps read as the end of a line, becomes a line break in a text area
    and a space in a one-line field. Cleaned before validation, so that every check (a unique
    name, a maximum length) sees what is stored."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            return
        data = self.data.copy()
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if not isinstance(field, forms.CharField) or key not in data:
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
            values = [
                plain_text(v, multiline=multiline) if isinstance(v, str) else v for v in values
            ]
            if hasattr(data, "setlist"):
                data.setlist(key, values)
            else:
                data[key] = values[0]
        self.data = data


class TaskForm(PlainTextForm):
    class Meta:
        model = Task
        fields = [
            "title",
            "description",
            "target_group",
            "area",
            "department",
            "taakveld",
            "blocker",
            "blocker_explanation",
            "blocked_until",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "blocker_explanation": forms.Textarea(attrs={"rows": 3}),
            "blocked_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["department"].queryset = municipality.departments.all()
        self.fields["taakveld"].queryset = Taakveld.objects.exclude(
            last_year__lt=datetime.date.today().year
        )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("blocker") and not data.get("blocker_explanation", "").strip():
            self.add_error(
                "blocker_explanation",
                _("Explain to residents in plain language why this task cannot be challenged."),
            )
        if data.get("blocked_until") and not data.get("blocker"):
            self.add_error(
                "blocker", _("Choose why the task cannot be challenged until this date.")
            )
        return data


class ProviderForm(PlainTextForm):
    class Meta:
        model = Provider
        fields = ["name", "kind", "kvk_number"]

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality

    def clean_kvk_number(self) -> str:
        number = self.cleaned_data["kvk_number"].replace(" ", "")
        if number and not (number.isdigit() and len(number) == 8):
            raise forms.ValidationError(_("A KvK number has 8 digits."))
        return number

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        taken = (
            Provider.objects.filter(municipality=self.instance.municipality, name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if taken:
            raise forms.ValidationError(_("There is already a provider with this name."))
        return name


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContractForm(PlainTextForm):
    class Meta:
        model = Contract
        fields = [
            "provider",
            "reference",
            "value_per_year_eur",
            "start_date",
            "end_date",
            "notice_months",
            "extension_options",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}
        field_classes = {"value_per_year_eur": MoneyField}

    def __init__(self, *args, task: Task, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.task = task
        self.fields["provider"].queryset = task.municipality.providers.all()

    def clean(self) -> dict:
        data = super().clean()
        start, end, notice = data.get("start_date"), data.get("end_date"), data.get("notice_months")
        if start and end and end < start:
            self.add_error("end_date", _("The contract ends before it starts."))
        elif start and end and notice and add_months(end, -notice) < start:
            self.add_error(
                "notice_months", _("The notice period is longer than the contract itself.")
            )
        if (end and end.year > 2100) or (start and start.year < 1950):
            self.add_error("end_date", _("Enter a date between 1950 and 2100."))
        return data


class FinanceForm(ModelForm):
    class Meta:
        model = Finance
        fields = ["year", "budget_eur", "actuals_eur", "overhead_eur"]
        field_classes = {name: MoneyField for name in ("budget_eur", "actuals_eur", "overhead_eur")}

    def __init__(self, *args, task: Task, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.task = task

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 2000 and 2100."))
        taken = Finance.objects.filter(task=self.instance.task, year=year).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(_("This year is already there; change it instead."))
        return year


class IndicatorForm(PlainTextForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "source"]

    def __init__(self, *args, task: Task, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.task = task


class DutchDecimalField(forms.DecimalField):
    """A target or realised value typed the Dutch way (7,5; 1.500; 1.250,50), read by the
    import's own parser (`bulk.cells.decimal_value`) and shown back the same way. A text box,
    not type=number: browsers in English drop "7,5" from a number box without a word."""

    widget = forms.TextInput

    def widget_attrs(self, widget) -> dict:
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        text = str(value).strip()
        if not text:
            return None
        if text.startswith("="):  # the import's own message speaks of spreadsheet formulas
            raise forms.ValidationError(_("Enter a number, e.g. 7,5 or 1500."), code="invalid")
        try:
            return decimal_value(text)
        except Invalid as error:
            raise forms.ValidationError(error.message, code="invalid") from error

    def prepare_value(self, value):
        return dutch_number(value) if isinstance(value, Decimal | int) else value


class IndicatorValueForm(ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["year", "target", "realised"]
        field_classes = {"target": DutchDecimalField, "realised": DutchDecimalField}
        help_texts = {
            name: _("The Dutch way: a comma before the decimals, e.g. 7,5 or 1.500.")
            for name in ("target", "realised")
        }

    def __init__(self, *args, indicator: Indicator, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator

    def clean(self) -> dict:
        data = super().clean()
        year = data.get("year")
        if year and not 2000 <= year <= 2100:
            self.add_error("year", _("Enter a year between 2000 and 2100."))
        elif (
            year
            and IndicatorValue.objects.filter(indicator=self.instance.indicator, year=year)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("year", _("This year is already there; change it instead."))
        if data.get("target") is None and data.get("realised") is None:
            raise forms.ValidationError(_("Enter a target, a realised value or both."))
        return data
