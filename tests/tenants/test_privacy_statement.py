"""The privacy statement per municipality (issue 14): what is processed, why, how long, the
rights of the people concerned and the data protection officer; linked from the footer of every
municipality page, with a default the municipality adds to on its texts page."""

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, StaffRoleFactory
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.accounts.privacy import UNCONFIRMED_ACCOUNT_DAYS
from uitdaagrecht.tenants.models import Municipality

pytestmark = pytest.mark.django_db


def test_every_municipality_page_links_its_own_statement_with_a_sensible_default(client):
    place = MunicipalityFactory(name="Ergens", slug="ergens-privacy")
    statement = "/ergens-privacy/privacy/"
    for path in ("/ergens-privacy/", "/ergens-privacy/taken/", "/ergens-privacy/toegankelijkheid/"):
        assert f'href="{statement}">Privacyverklaring</a>' in client.get(path).content.decode()
    assert 'href="/privacy/">Privacyverklaring</a>' in client.get("/").content.decode()

    page = client.get(statement).content.decode()
    assert "De gemeente Ergens is verantwoordelijk" in page  # the controller
    assert "Wat er wordt verwerkt en waarom" in page and "AVG artikel 6 lid 1 onder e" in page
    assert f"{UNCONFIRMED_ACCOUNT_DAYS} dagen" in page, "the retention periods the code applies"
    assert "Archiefwet" in page and "Selectielijst gemeenten" in page  # the default
    assert "AVG artikel 15 tot en met 21" in page  # the rights
    assert "functionaris gegevensbescherming van de gemeente Ergens" in page
    assert "Autoriteit Persoonsgegevens" in page
    english = client.get(f"/en{statement}").content.decode()
    assert (
        "The municipality of Ergens is responsible" in english
        and "Data protection officer" in english
    )
    assert place.pk and client.get("/bestaat-niet/privacy/").status_code == 404


def test_the_municipal_admin_adds_its_own_part_and_its_data_protection_officer(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    admin = StaffRoleFactory(role=Role.MUNICIPAL_ADMIN, municipality__slug="hier-privacy")
    place = admin.municipality
    client.force_login(admin.user)
    texts = reverse("workspace:texts", kwargs={"municipality": place.slug})
    form = client.get(texts).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {
        "privacy_statement": "Wij bewaren dossiers van afgewezen uitdagingen 5 jaar.\n<script>x</script>",
        "dpo_name": "Functionaris gegevensbescherming",
        "dpo_email": "fg@gemeente.example.nl",
    }
    assert client.post(texts, data).status_code == 302
    bad = client.post(texts, data | {"dpo_email": "geen adres"})
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.content.decode()
    client.logout()

    page = client.get(f"/{place.slug}/privacy/").content.decode()
    assert "Wij bewaren dossiers van afgewezen uitdagingen 5 jaar.<br>&lt;script&gt;" in page
    assert "Archiefwet" not in page, "the municipality's own text replaces the default"
    assert "neem contact op met Functionaris gegevensbescherming van de gemeente" in page
    assert 'href="mailto:fg@gemeente.example.nl"' in page
    assert Municipality.objects.get(pk=place.pk).dpo_email == "fg@gemeente.example.nl"
