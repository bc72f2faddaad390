"""The second factor of staff: set up only with an invitation or an administrator's reset, and
asked before anything of the staff side shows (issue 12, item 9)."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import MunicipalityFactory, StaffRoleFactory, UserFactory
from uitdaagrecht.accounts import otp
from uitdaagrecht.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
LOGIN = reverse("accounts:login")
TWO_FACTOR = reverse("accounts:two_factor")


@pytest.fixture
def required(settings):
    settings.STAFF_2FA_REQUIRED = True


def log_in(client, user):
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302


def set_up(client, user, *, next_url):
    """What the authenticator app's owner does: read the key off the page and enter a code."""
    page = client.get(f"{TWO_FACTOR}?next={next_url}")
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(TWO_FACTOR, {"token": f"{totp(device.bin_key):06d}", "next": next_url})
    assert response.status_code == 302  # first the backup codes, shown once
    codes_page = client.get(response["Location"])
    assert f'href="{next_url}"' in codes_page.content.decode(), "then on to where they were going"
    return device


def test_a_staff_password_alone_does_not_set_up_the_authenticator(client, required):
    staff = StaffRoleFactory(coordinator=True)
    log_in(client, staff.user)  # someone who has (or guessed) the password, first to log in

    page = client.get(TWO_FACTOR)
    assert page.status_code == 403
    assert b"<svg" not in page.content and b'name="token"' not in page.content
    assert "tweestapsverificatie opnieuw in te stellen" in page.content.decode()
    tried = client.post(TWO_FACTOR, {"token": "123456"})
    assert tried.status_code == 403
    assert not TOTPDevice.objects.filter(user=staff.user).exists()
    dashboard = reverse("workspace:dashboard", kwargs={"municipality": staff.municipality.slug})
    assert client.get(dashboard)["Location"].startswith(TWO_FACTOR)


@pytest.mark.django_db(transaction=True)  # the invitation e-mail goes out after commit
def test_an_accepted_invitation_lets_the_new_colleague_set_up_the_app(client, settings):
    settings.STAFF_2FA_REQUIRED = False  # the inviting administrator's own second factor aside
    admin = StaffRoleFactory(admin=True)
    place = admin.municipality
    client.force_login(admin.user)
    staff_page = reverse("workspace:staff", kwargs={"municipality": place.slug})
    client.post(staff_page, {"email": "nieuw@example.org", "roles": ["advisor"]})
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    client.logout()

    settings.STAFF_2FA_REQUIRED = True
    strong = "een sterk wachtwoord 42"
    client.post(link, {"full_name": "Nieuw", "password1": strong, "password2": strong})
    dashboard = reverse("workspace:dashboard", kwargs={"municipality": place.slug})
    user = User.objects.get(email="nieuw@example.org")
    set_up(client, user, next_url=dashboard)
    assert client.get(dashboard).status_code == 200
    assert otp.has_confirmed_device(user)


def test_an_administrators_reset_replaces_a_lost_authenticator(client, required):
    staff = StaffRoleFactory(coordinator=True)
    dashboard = reverse("workspace:dashboard", kwargs={"municipality": staff.municipality.slug})
    otp.allow_enrolment(staff.user)
    log_in(client, staff.user)
    lost = set_up(client, staff.user, next_url=dashboard)
    client.logout()

    otp.reset_second_factor(staff.user)
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    log_in(client, staff.user)
    new = set_up(client, staff.user, next_url=dashboard)
    assert new.pk != lost.pk and client.get(dashboard).status_code == 200


def test_a_password_only_staff_session_sees_no_notifications(client, required):
    staff = StaffRoleFactory(coordinator=True)
    inbox = reverse("portal:notifications")
    log_in(client, staff.user)
    response = client.get(inbox)
    assert response.status_code == 302 and response["Location"] == f"{TWO_FACTOR}?next={inbox}"

    resident = UserFactory(email="bewoner@example.org")
    client.logout()
    log_in(client, resident)
    assert client.get(inbox).status_code == 200, "residents have no second factor to give"


def test_password_only_staff_answers_do_not_reveal_their_roles(client, required):
    coordinator = StaffRoleFactory(coordinator=True)
    own, other = coordinator.municipality, MunicipalityFactory()
    pages = [
        reverse("workspace:dashboard", kwargs={"municipality": own.slug}),  # has the role
        reverse("workspace:staff", kwargs={"municipality": own.slug}),  # administrators only
        reverse("workspace:dashboard", kwargs={"municipality": other.slug}),  # not staff there
    ]
    log_in(client, coordinator.user)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == f"{TWO_FACTOR}?next={page}", page

    client.logout()
    log_in(client, UserFactory(email="bewoner@example.org"))
    assert all(client.get(page).status_code == 403 for page in pages), "residents: plain 403"


def test_an_administrator_resets_a_lost_authenticator_from_the_staff_page(client, settings):
    """The reset has a button: the old app stops working, a new one may be set up; only an
    administrator of the municipality may press it."""
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import StaffRoleFactory

    settings.STAFF_2FA_REQUIRED = False
    admin = StaffRoleFactory(admin=True)
    place = admin.municipality
    colleague = StaffRoleFactory(municipality=place, role="coordinator").user
    TOTPDevice.objects.create(user=colleague, name="oud", confirmed=True)
    path = reverse(
        "workspace:staff_second_factor_reset",
        kwargs={"municipality": place.slug, "pk": colleague.pk},
    )
    client.force_login(colleague)
    assert client.post(path).status_code == 403
    assert TOTPDevice.objects.filter(user=colleague, confirmed=True).exists()
    client.force_login(admin.user)
    page = client.get(
        reverse("workspace:staff_member", kwargs={"municipality": place.slug, "pk": colleague.pk})
    )
    assert path in page.content.decode()
    assert client.post(path).status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague, confirmed=True).exists()
    assert TOTPDevice.objects.filter(user=colleague, confirmed=False).exists()
