"""Not lost at login: an anonymous "Challenge this task" leads to a login page that says why and
offers an account; the destination travels through registration and the confirmation link, and
only ever to this site."""

import re
from urllib.parse import quote, urlencode

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import CatalogFactory, MunicipalityFactory, UserFactory
from uitdaagrecht.accounts.destinations import purpose
from uitdaagrecht.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "een lange zin als wachtwoord 2026"
LINK = re.compile(r"https?://[^/\s]+(/\S+)")
EVIL = ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "https:evil.example"]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def start():
    place = MunicipalityFactory()
    task = CatalogFactory(municipality=place)["task"]
    return (
        f"{reverse('challenges:draft_start', kwargs={'municipality': place.slug})}?taak={task.pk}"
    )


def _register(client, committed, next_url: str, email: str = "nieuw@example.org"):
    with committed():
        return client.post(
            reverse("accounts:register"),
            {
                "full_name": "Nina Nieuw",
                "email": email,
                "password1": PASSWORD,
                "password2": PASSWORD,
                "next": next_url,
            },
        )


def test_the_login_page_says_what_the_person_was_about_to_do(client, start):
    response = client.get(start)
    assert response.status_code == 302
    login = response["Location"]
    assert login == f"{reverse('accounts:login')}?next={quote(start, safe='/')}"
    page = client.get(login).content.decode()
    assert "Log in of maak een account aan om deze taak uit te dagen." in page
    register = f"{reverse('accounts:register')}?next={quote(start, safe='')}"
    assert f'href="{register.replace("&", "&amp;")}"' in page
    assert "Account aanmaken" in page
    # The registration page says it too, and its "I already have an account" keeps the way back.
    page = client.get(register).content.decode()
    assert "Log in of maak een account aan om deze taak uit te dagen." in page
    assert f'name="next" value="{start.replace("&", "&amp;")}"' in page


def test_logging_in_continues_to_the_task(client, start):
    user = UserFactory()
    response = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": "correct horse battery", "next": start},
    )
    assert response.status_code == 302
    assert response["Location"] == start


def test_registration_and_the_confirmation_link_lead_back_to_the_task(client, committed, start):
    response = _register(client, committed, start)
    assert response.status_code == 200
    [message] = mail.outbox
    verify = LINK.search(message.body).group(1)
    assert verify.endswith(f"?{urlencode({'next': start})}")
    page = client.get(verify).content.decode()
    assert f'name="next" value="{start.replace("&", "&amp;")}"' in page
    response = client.post(verify, {"next": start})
    assert response.status_code == 302
    assert response["Location"] == start
    assert client.session["_auth_user_id"] == str(User.objects.get(email="nieuw@example.org").pk)
    # Logged in now: the task's challenge form opens (it asks for an organisation first).
    assert client.get(start).status_code == 200


@pytest.mark.parametrize("evil", EVIL)
def test_a_destination_elsewhere_is_never_followed(client, committed, evil):
    page = client.get(f"{reverse('accounts:login')}?next={quote(evil)}").content.decode()
    assert "evil" not in page.split('name="next"')[0].split("</h1>", 1)[1]
    assert f'href="{reverse("accounts:register")}"' in page
    _register(client, committed, evil)
    verify = LINK.search(mail.outbox[0].body).group(1)
    assert "next" not in verify
    response = client.post(verify, {"next": evil})
    assert response["Location"] == reverse("portal:account")


def test_an_unknown_destination_still_gets_a_general_explanation():
    assert purpose("") == ""
    assert purpose("/bestaat/niet/") == ""
    assert "verder te gaan" in purpose("/account/")
