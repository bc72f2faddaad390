"""The municipality's own face (issue 14): its logo and colours in the header of its pages, in the
e-mails sent on its behalf and as the icon in the browser tab; refused when unreadable."""

import io
import os

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import MunicipalityFactory, StaffRoleFactory
from uitdaagrecht.core.outbox import mail_queue
from uitdaagrecht.tenants.models import Municipality

pytestmark = pytest.mark.django_db


def image(size=(200, 80), kind="PNG", colour="#00529c") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, kind)
    return buffer.getvalue()


def noise(width: int, height: int) -> bytes:
    """A real PNG that does not compress: larger than 512 kB at 600 × 600 pixels."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def place(client, settings, tmp_path):
    """A municipality whose administrator has just saved a logo and colours on the theme page."""
    settings.STAFF_2FA_REQUIRED = False
    settings.MEDIA_ROOT = tmp_path
    admin = StaffRoleFactory(admin=True, municipality__slug="hier-eigen", municipality__name="Hier")
    client.force_login(admin.user)
    theme = reverse("workspace:theme", kwargs={"municipality": "hier-eigen"})
    logo = SimpleUploadedFile("logo.png", image(), content_type="image/png")
    data = {"logo": logo, "brand_colour": "#00529c", "brand_text_colour": "#ffffff"}
    assert client.post(theme, data).status_code == 302
    client.logout()
    return Municipality.objects.get(pk=admin.municipality.pk)


def test_the_logo_and_colours_show_in_the_header_and_the_browser_tab(client, place):
    html = client.get("/hier-eigen/").content.decode()
    assert f'<img class="ou-brand__logo" src="{place.logo.url}" alt="">' in html
    assert "/hier-eigen/theme.css?v=" in html
    assert '<link rel="icon" type="image/png" href="/hier-eigen/favicon.png?v=' in html
    assert "--ou-brand: #00529c" in client.get("/hier-eigen/theme.css").content.decode()
    assert place.logo.url.startswith("/media/logos/") and place.logo.storage.exists(place.logo.name)

    icon = client.get("/hier-eigen/favicon.png")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/png"
    assert "max-age=86400" in icon["Cache-Control"]
    with Image.open(io.BytesIO(icon.content)) as shown:
        assert shown.size == (64, 64), "square: the logo is fitted, not stretched"
        assert shown.getpixel((32, 32))[:3] == (0, 82, 156)
        assert shown.getpixel((0, 0))[3] == 0, "a transparent margin above a wide logo"

    other = MunicipalityFactory(slug="elders")
    assert client.get("/elders/favicon.png")["Location"] == "/favicon.ico"
    assert '<link rel="icon" href="/favicon.ico"' in client.get(f"/{other.slug}/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_e_mails_on_behalf_of_the_municipality_carry_its_face(place, settings):
    settings.SITE_URL = "https://uitdaagrecht.example.nl"
    mail_queue(
        to="bewoner@example.org",
        subject="Nieuws over taken",
        body="Er is een nieuwe taak: https://uitdaagrecht.example.nl/hier-eigen/taken/\n\nTot ziens.",
        purpose="alert",
        municipality_id=place.pk,
    )
    mail_queue(to="iemand@example.org", subject="Wachtwoord", body="Tekst", purpose="password")
    branded, plain = mail.outbox
    assert branded.body.startswith("Er is een nieuwe taak"), "the plain text stays complete"
    html, kind = branded.alternatives[0]
    assert kind == "text/html"
    assert f'src="https://uitdaagrecht.example.nl{place.logo.url}"' in html
    assert "background:#00529c;color:#ffffff" in html
    assert "Gemeente Hier" in html
    assert '<a href="https://uitdaagrecht.example.nl/hier-eigen/taken/"' in html
    assert not plain.alternatives, "no municipality, no face"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"), "SVG"),
        (("logo.gif", image(kind="GIF"), "image/gif"), "GIF-bestand"),
        (("logo.png", image(size=(2400, 100)), "image/png"), "2400 × 100 pixels"),
        (("logo.png", image(size=(200, 20)), "image/png"), "minstens 32 pixels"),
        (("logo.png", noise(600, 600), "image/png"), "groter dan 512 kB"),
    ],
)
def test_a_logo_that_is_no_usable_image_is_refused_in_dutch(
    client, settings, tmp_path, upload, message
):
    settings.STAFF_2FA_REQUIRED = False
    settings.MEDIA_ROOT = tmp_path
    admin = StaffRoleFactory(admin=True)
    client.force_login(admin.user)
    theme = reverse("workspace:theme", kwargs={"municipality": admin.municipality.slug})
    response = client.post(theme, {"logo": SimpleUploadedFile(*upload)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Municipality.objects.get(pk=admin.municipality.pk).logo
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("colours", "message"),
    [
        (("#ffcc00", "#000000"), "te licht voor lijnen en balken"),  # readable, but not on white
        (("#00529c", "#0000ff"), "minstens 4.5:1"),
    ],
)
def test_colours_that_fail_contrast_are_refused_with_the_reason(client, settings, colours, message):
    settings.STAFF_2FA_REQUIRED = False
    admin = StaffRoleFactory(admin=True)
    client.force_login(admin.user)
    theme = reverse("workspace:theme", kwargs={"municipality": admin.municipality.slug})
    data = {"brand_colour": colours[0], "brand_text_colour": colours[1]}
    response = client.post(theme, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Municipality.objects.get(pk=admin.municipality.pk).brand_colour


@pytest.mark.parametrize(
    ("brand", "text", "secondary"), [("#00529c", "#ffffff", True), ("#4a90d9", "#000000", False)]
)
def test_the_theme_colours_the_buttons_where_the_brand_reads(client, brand, text, secondary):
    """Primary buttons take the brand colour; secondary ones (brand text on white) only when
    that text reads, 4.5:1 against white; otherwise they keep the design system's colour."""
    place = MunicipalityFactory(slug=f"knoppen-{brand[1:]}")
    Municipality.objects.filter(pk=place.pk).update(brand_colour=brand, brand_text_colour=text)
    css = client.get(f"/{place.slug}/theme.css").content.decode()
    assert f"--utrecht-button-primary-action-background-color: {brand};" in css
    assert f"--utrecht-button-primary-action-hover-background-color: {brand};" in css
    assert (f"--utrecht-button-secondary-action-color: {brand};" in css) is secondary
