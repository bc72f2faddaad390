"""The demo municipality has its own face: colours and a logo that the theme page would accept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import MunicipalityFactory
from uitdaagrecht.demo.municipality import SETTINGS, _theme_load
from uitdaagrecht.tenants.forms import ThemeForm

pytestmark = pytest.mark.django_db


def test_the_demo_logo_and_colours_pass_the_theme_pages_rules(settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    zwolle = MunicipalityFactory(cbs_code=SETTINGS["cbs_code"], name="Zwolle", slug="zwolle")
    _theme_load(zwolle)
    zwolle.save(update_fields=["brand_colour", "brand_text_colour", "logo"])
    assert zwolle.logo.name.startswith("logos/zwolle-demo")

    with zwolle.logo.open("rb") as handle:
        upload = SimpleUploadedFile("logo.png", handle.read(), content_type="image/png")
    form = ThemeForm(
        {"brand_colour": zwolle.brand_colour, "brand_text_colour": zwolle.brand_text_colour},
        {"logo": upload},
        instance=zwolle,
    )
    assert form.is_valid(), form.errors
    page = client.get("/zwolle/").content.decode()
    assert 'class="ou-brand__logo"' in page and "/zwolle/favicon.png" in page

    # Loaded again, a logo the municipality chose itself is kept.
    zwolle.logo.name = "logos/eigen.png"
    _theme_load(zwolle)
    assert zwolle.logo.name == "logos/eigen.png"
