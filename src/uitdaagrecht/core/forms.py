"""NL Design System (Utrecht) rendering for every Django form: labels, descriptions and errors
linked to their inputs with aria-describedby, so screen readers read them with the field."""

from django import forms
from django.forms.renderers import TemplatesSetting

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
