"""Errors are pages of the product: 400, 403, 404, 405 and 500 in the site's layout (header with
the language switch, footer), in Dutch and in English, with a way on."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.shortcuts import render as real_render
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import permission_denied

from tests.factories import MunicipalityFactory, UserFactory
from uitdaagrecht.core import errors

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch_afterwards():
    """A request to /en/ leaves English active in this thread; the next test expects Dutch."""
    yield
    translation.activate("nl")


LAYOUT = ('class="utrecht-page-header', 'class="utrecht-page-footer', 'href="#main"')


def assert_in_layout(response, status: int, language: str, *texts: str) -> str:
    assert response.status_code == status
    page = response.content.decode()
    assert f'<html lang="{language}"' in page
    for part in (*LAYOUT, *texts):
        assert part in page, part
    return page


@pytest.mark.parametrize(
    ("prefix", "language", "title"),
    [("", "nl", "Pagina niet gevonden"), ("/en", "en", "Page not found")],
)
def test_404(client, prefix, language, title):
    assert_in_layout(client.get(f"{prefix}/bestaat/niet/"), 404, language, title)


@pytest.mark.parametrize(
    ("prefix", "language", "title"),
    [
        ("", "nl", "Deze pagina kan zo niet worden geopend"),
        ("/en", "en", "This page cannot be opened this way"),
    ],
)
def test_405_reloading_a_form_address_is_a_page_with_a_way_back(client, prefix, language, title):
    # Log out only takes POST: opening its address is what a reload after sending a form does.
    response = client.get(f"{prefix}/account/uitloggen/")
    page = assert_in_layout(response, 405, language, title)
    assert "POST" in response["Allow"]
    assert f'href="{prefix}/account/"' in page


def test_405_leaves_other_responses_alone(client):
    # The API's own 405 (JSON) is not a page.
    response = client.post("/api/v1/municipalities/")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")


def test_the_way_back_is_the_nearest_page_above():
    place = MunicipalityFactory()
    assert errors._way_back(f"/{place.slug}/uitdagingen/UD-2026-0001/dossier/intrekken/") == (
        f"/{place.slug}/uitdagingen/UD-2026-0001/dossier/"
    )
    assert errors._way_back("/account/uitloggen/") == "/account/"
    assert errors._way_back("/") == "/"


@pytest.mark.parametrize(
    ("prefix", "language", "title"),
    [
        ("", "nl", "Dit verzoek kon niet worden verwerkt"),
        ("/en", "en", "This request could not be handled"),
    ],
)
def test_400(client, settings, prefix, language, title):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    # A host this site does not serve: a SuspiciousOperation, answered with 400.
    response = client.get(f"{prefix}/", HTTP_HOST="evil.example")
    assert_in_layout(response, 400, language, title)


@pytest.mark.parametrize(
    ("prefix", "language", "texts"),
    [
        ("", "nl", ("Geen toegang", "U heeft geen toegang tot deze pagina")),
        ("/en", "en", ("No access", "You do not have access to this page")),
    ],
)
def test_403(client, prefix, language, texts):
    place = MunicipalityFactory()
    client.force_login(UserFactory())
    with translation.override(language):
        url = reverse("workspace:dashboard", kwargs={"municipality": place.slug})
    assert url.startswith(f"{prefix}/")
    response = client.get(url)
    assert_in_layout(response, 403, language, *texts)


def test_403_for_an_anonymous_visitor_offers_to_log_in(rf):
    request = rf.get("/ergens/")
    request.user = AnonymousUser()
    with translation.override("nl"):
        response = permission_denied(request, PermissionDenied())
    assert 'href="/account/inloggen/?next=/ergens/"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "title"), [("nl", "Er ging iets mis"), ("en", "Something went wrong")]
)
def test_500_in_the_layout(language, title):
    request = RequestFactory().get("/")
    request.user = UserFactory.build()
    with translation.override(language):
        response = errors.server_error(request)
    assert_in_layout(response, 500, language, title)


def test_500_falls_back_to_the_plain_page_when_the_layout_fails(monkeypatch):
    def failing(request, template, *args, **kwargs):
        if template == "500.html":
            raise RuntimeError("database down")
        return real_render(request, template, *args, **kwargs)

    monkeypatch.setattr(errors, "render", failing)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page and "Something went wrong" in page
