"""The municipality's own face outside its pages: the icon in the browser tab and its e-mails."""

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from PIL import Image

from uitdaagrecht.core.links import absolute_url
from uitdaagrecht.core.models import OutgoingMail

from .models import Municipality

FAVICON_PX = 64


def favicon_png(municipality: Municipality) -> bytes:
    """The logo fitted in a square with a transparent margin: browsers crop icons to a square."""
    with municipality.logo.open("rb") as handle, Image.open(handle) as logo:
        logo = logo.convert("RGBA")
        logo.thumbnail((FAVICON_PX, FAVICON_PX))
        icon = Image.new("RGBA", (FAVICON_PX, FAVICON_PX), (0, 0, 0, 0))
        icon.paste(logo, ((FAVICON_PX - logo.width) // 2, (FAVICON_PX - logo.height) // 2))
    buffer = io.BytesIO()
    icon.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def mail_html(mail: OutgoingMail) -> str | None:
    """The HTML part of an e-mail sent on behalf of a municipality: its logo and colours above the
    same text as the plain part (which stays the first and complete version)."""
    place = Municipality.objects.filter(pk=mail.municipality_id).first()
    if place is None:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "tenants/email/branded.html",
            {
                "municipality": place,
                "logo_url": absolute_url(place.logo.url) if place.logo else "",
                "home_url": absolute_url(place.get_absolute_url()),
                "brand": place.brand_colour or "#3b1f75",
                "brand_text": place.brand_text_colour or "#ffffff",
                "subject": mail.subject,
                "body": mail.body,
            },
        )
