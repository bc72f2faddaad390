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
    "privacy_statement",
    "dpo_name",
    "dpo_email",
]
THEME_FIELDS = ["logo", "brand_colour", "brand_text_colour"]
MAX_LOGO_BYTES = 512 * 1024
# A logo is shown at most 3 rem high; larger images only cost memory (and a decompression bomb
# would cost a lot of it), smaller ones are blurred.
LOGO_MIN_PX, LOGO_MAX_PX = 32, 2000
LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}
PAGE_BACKGROUND = "#ffffff"


class TextsForm(ModelForm):
    class Meta:
        model = Municipality
        fields = TEXT_FIELDS
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 6}),
            "why": forms.Textarea(attrs={"rows": 6}),
            "accessibility_statement": forms.Textarea(attrs={"rows": 6}),
            "privacy_statement": forms.Textarea(attrs={"rows": 6}),
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
            "logo": _(
                "PNG, JPEG or WebP, at most 512 kB and 2000 × 2000 pixels. Shown in the page "
                "header, in e-mails sent on behalf of the municipality and as the icon in the "
                "browser tab."
            ),
            "brand_colour": _(
                "Used for the page header and main buttons, and for lines and bars on white: "
                "it needs a contrast of at least 3:1 with white."
            ),
        }
        error_messages = {
            "logo": {
                "invalid_image": _(
                    "This file is not a PNG, JPEG or WebP image (SVG is not accepted). Upload "
                    "the logo as a PNG, JPEG or WebP image."
                )
            }
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(
                _(
                    "The logo is larger than 512 kB. Save it smaller, e.g. as a PNG of 400 pixels wide."
                )
            )
        image = getattr(logo, "image", None)
        if image is not None and image.format not in LOGO_FORMATS:
            raise forms.ValidationError(
                _("Upload a PNG, JPEG or WebP image; this is a {format} file.").format(
                    format=image.format
                )
            )
        if image is not None:
            width, height = image.size
            if max(width, height) > LOGO_MAX_PX:
                raise forms.ValidationError(
                    _(
                        "The logo is {width} × {height} pixels; at most {limit} × {limit} is "
                        "accepted."
                    ).format(width=width, height=height, limit=LOGO_MAX_PX)
                )
            if min(width, height) < LOGO_MIN_PX:
                raise forms.ValidationError(
                    _(
                        "The logo is {width} × {height} pixels; it needs to be at least {limit} "
                        "pixels high and wide to stay sharp."
                    ).format(width=width, height=height, limit=LOGO_MIN_PX)
                )
        return logo

    def clean(self) -> dict:
        data = super().clean()
        colour, text = data.get("brand_colour"), data.get("brand_text_colour") or "#ffffff"
        if HEX.fullmatch(colour or "") and contrast_ratio(colour, PAGE_BACKGROUND) < 3:
            # WCAG 1.4.11: the brand colour draws the timeline and chart bars on white pages.
            self.add_error(
                "brand_colour",
                _(
                    "This colour is too light for lines and bars on a white page (contrast "
                    "{ratio:.1f}:1 with white, at least 3:1 is needed). Choose a darker colour."
                ).format(ratio=contrast_ratio(colour, PAGE_BACKGROUND)),
            )
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
