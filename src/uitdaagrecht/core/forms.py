"""NL Design System (Utrecht) rendering for every Django form: labels, descriptions and errors
linked to their inputs with aria-describedby, so screen readers read them with the field."""

import re

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from . import fragments

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.ClearableFileInput: "",
    forms.FileInput: "",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class UtrechtFormMixin:
    """Adds the NL Design System classes and the invalid state to every widget."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next(
                (css for kind, css in WIDGET_CLASSES.items() if type(widget) is kind), TEXTBOX
            )
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] = widget.attrs.get("class", "") + " utrecht-textbox--invalid"


class Form(UtrechtFormMixin, forms.Form):
    pass


class ModelForm(UtrechtFormMixin, forms.ModelForm):
    pass


class RenderedOnce:
    """A form whose empty HTML (unbound, nothing filled in) depends on nothing but its class,
    its ids and the language: rendered once and kept with the page fragments (core.fragments).
    A dossier shows several such forms on every request."""

    def render(self, template_name=None, context=None, renderer=None):
        render = super().render
        if self.is_bound or self.initial or template_name or context or renderer:
            return render(template_name, context, renderer)
        kind = type(self)
        name = f"form:{kind.__module__}.{kind.__qualname__}:{self.prefix}:{self.auto_id}"
        return fragments.cached(name, render)

    __str__ = __html__ = render


def posted(request) -> tuple[dict | None, dict | None]:
    """Data and files for a form: bound on every POST, even one whose fields are all empty."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def errors_into(form, error) -> None:
    """Show a service's ValidationError on the form: per field where it names one the form has,
    otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error)


# An amount as people write it: "679.500", "€ 679.500", "679.500,00", "679 500", "€679.500,-",
# "679,500" or "679500.00". A separator followed by groups of three digits groups thousands; one
# followed by one or two digits at the end starts the cents (whole euros only).
_MONEY_NOISE = re.compile(r"(?i)€|\beur(?:o's|os|o)?\b|[\s\u00a0\u202f']")
_MONEY_DASH = re.compile(r"[.,][-–—]$")
_MONEY_PLAIN = re.compile(r"^(?P<euros>\d+)(?:[.,](?P<cents>\d{1,2}))?$")
_MONEY_GROUPED = re.compile(
    r"^(?P<euros>\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*)(?:[.,](?P<cents>\d{1,2}))?$"
)


def parse_money(text: str) -> int | None:
    """Whole euros from what a person typed, or None when it is not an amount in whole euros."""
    cleaned = _MONEY_DASH.sub("", _MONEY_NOISE.sub("", text))
    match = _MONEY_PLAIN.match(cleaned) or _MONEY_GROUPED.match(cleaned)
    if not match:
        return None
    groups = match.groupdict()
    separator = groups.get("sep")
    if separator and groups["cents"] and cleaned[-len(groups["cents"]) - 1] == separator:
        return None  # "1.234.56": the same separator for thousands and cents
    if groups["cents"] and int(groups["cents"]):
        return None
    return int(re.sub(r"\D", "", groups["euros"]))


def format_money(value: int) -> str:
    """Whole euros grouped the way the current language does it: 679.500 (nl), 679,500 (en)."""
    return f"{value:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


class MoneyField(forms.IntegerField):
    """Whole euros, typed the Dutch way or any way people write an amount; shown back grouped.

    A text box, not type=number: the browser never drops what was typed, and what was typed
    stays in the box with the reason when it is not an amount."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _(
            "Enter an amount in whole euros, e.g. 679.500 or € 679.500,-. "
            "“{value}” is not an amount."
        ),
        "cents": _("Enter an amount in whole euros, without cents."),
    }

    def __init__(self, *, max_value: int | None = None, **kwargs) -> None:
        # The model's field brings a database limit; a person's amount stays below a trillion.
        kwargs.pop("localize", None)
        super().__init__(max_value=min(max_value or MONEY_MAX, MONEY_MAX), **kwargs)

    def widget_attrs(self, widget) -> dict:
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not text:
            return None
        amount = parse_money(text)
        if amount is None:
            euros, cents = re.subn(r"[.,]\d{1,2}$", "", text)
            if cents and parse_money(euros) is not None:
                raise forms.ValidationError(self.error_messages["cents"], code="cents")
            raise forms.ValidationError(
                self.error_messages["invalid"].format(value=text[:40]), code="invalid"
            )
        return amount

    def prepare_value(self, value):
        return format_money(value) if isinstance(value, int) else value


MONEY_MAX = 10**12
