import re

from django import forms
from django.utils.translation import gettext_lazy as _

from uitdaagrecht.core.forms import ModelForm

from .models import Department, Municipality

HEX = re.compile(r"#[0-9a-fA-F]{6}")

TEXT_FIELDS = [
    "definition",
    "why",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_hours",
    "accessibility_statement",
]
THEME_FIELDS = ["logo", "brand_colour", "brand_text_colour"]
MAX_LOGO_BYTES = 512 * 1024


class TextsForm(ModelForm):
    class Meta:
        model = Municipality
        fields = TEXT_FIELDS
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 6}),
            "why": forms.Textarea(attrs={"rows": 6}),
            "accessibility_statement": forms.Textarea(attrs={"rows": 6}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "off", "type": "tel"}),
        }
        help_texts = {
            "definition": _("Leave empty to show the default text of the platform."),
            "why": _("Tip 1: agree with residents why you do the Right to Challenge."),
        }

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data["contact_phone"].strip()
        allowed = set("0123456789 +-()")
        if phone and (not set(phone) <= allowed or sum(c.isdigit() for c in phone) < 9):
            raise forms.ValidationError(
                _("Enter a telephone number, e.g. 14 038 or 030 286 00 00.")
            )
        return phone


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class ThemeForm(ModelForm):
    class Meta:
        model = Municipality
        fields = THEME_FIELDS
        widgets = {
            "brand_colour": forms.TextInput(attrs={"placeholder": "#1d4f91"}),
            "brand_text_colour": forms.TextInput(attrs={"placeholder": "#ffffff"}),
        }
        help_texts = {
            "logo": _("PNG, JPEG or WebP, at most 512 kB."),
            "brand_colour": _("Used for the page header and main buttons."),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo is larger than 512 kB."))
        image = getattr(logo, "image", None)
        if image is not None and image.format not in {"PNG", "JPEG", "WEBP"}:
            raise forms.ValidationError(_("Upload a PNG, JPEG or WebP image."))
        return logo

    def clean(self) -> dict:
        data = super().clean()
        colour, text = data.get("brand_colour"), data.get("brand_text_colour") or "#ffffff"
        # The format is checked by the model's validator after this; compare only valid colours.
        if (
            all(HEX.fullmatch(c) for c in (colour or "", text))
            and contrast_ratio(colour, text) < 4.5
        ):
            self.add_error(
                "brand_text_colour",
                _(
                    "Text in this colour is hard to read on the brand colour (contrast "
                    "{ratio:.1f}:1, at least 4.5:1 is needed). Choose a lighter or darker colour."
                ).format(ratio=contrast_ratio(colour, text)),
            )
        return data


class DepartmentForm(ModelForm):
    class Meta:
        model = Department
        fields = ["name"]

    def __init__(self, *args, municipality: Municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        duplicate = (
            Department.objects.filter(municipality=self.instance.municipality, name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if duplicate:
            raise forms.ValidationError(_("There is already a department with this name."))
        return name
