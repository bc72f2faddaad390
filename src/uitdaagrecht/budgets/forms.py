import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.core.forms import ModelForm

from .models import BudgetCycleMoment


class BudgetCycleMomentForm(ModelForm):
    url = forms.URLField(
        label=_("link to the council information"), required=False, assume_scheme="https"
    )

    class Meta:
        model = BudgetCycleMoment
        fields = ["kind", "date", "description", "url"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"date": _("For example 2026-11-12.")}

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if not 2000 <= date.year <= 2100:
            raise forms.ValidationError(_("Enter a date between 2000 and 2100."))
        return date
