"""The accessibility statement a Dutch government site must have: linked from every page's
footer, the platform's part everywhere, and per municipality its own additions and contact for
complaints, edited by the municipality on its texts page."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import MunicipalityFactory, StaffRoleFactory
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.tenants.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch_afterwards():
    yield
    translation.activate("nl")


def test_the_platform_statement_is_linked_from_every_page(client):
    home = client.get("/").content.decode()
    assert 'href="/toegankelijkheid/">Toegankelijkheidsverklaring</a>' in home
    page = client.get("/toegankelijkheid/").content.decode()
    assert '<h1 class="utrecht-heading-1">Toegankelijkheidsverklaring</h1>' in page
    assert "WCAG 2.1 niveau AA" in page and "Voldoet gedeeltelijk" in page
    english = client.get("/en/toegankelijkheid/").content.decode()
    assert "Accessibility statement" in english and "Partially compliant" in english


def test_a_municipality_adds_its_own_part_and_contact(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    place = MunicipalityFactory()
    Municipality.objects.filter(pk=place.pk).update(
        contact_name="Team Uitdaagrecht", contact_email="uitdaagrecht@gemeente.example.nl"
    )
    admin = StaffRoleFactory(municipality=place, role=Role.COORDINATOR).user
    client.force_login(admin)
    texts = reverse("workspace:texts", kwargs={"municipality": place.slug})
    form = client.get(texts).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["accessibility_statement"] = "De kaart van de wijken is nog niet toegankelijk."
    assert client.post(texts, data).status_code == 302
    client.logout()

    statement = f"/{place.slug}/toegankelijkheid/"
    assert f'href="{statement}"' in client.get(f"/{place.slug}/").content.decode()
    page = client.get(statement).content.decode()
    assert f"De gemeente {place.name} wil dat iedereen" in page
    assert "De kaart van de wijken is nog niet toegankelijk." in page
    assert "Laat Team Uitdaagrecht weten wat u niet kon lezen of doen:" in page
    assert 'href="mailto:uitdaagrecht@gemeente.example.nl"' in page


def test_an_unknown_municipality_has_no_statement(client):
    assert client.get("/bestaat-niet/toegankelijkheid/").status_code == 404
