"""Log in, throttling, password reset, two-factor authentication and staff invitations."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import DepartmentFactory, MunicipalityFactory, StaffRoleFactory, UserFactory
from uitdaagrecht.accounts import otp
from uitdaagrecht.accounts.destinations import with_next
from uitdaagrecht.accounts.models import Role, StaffInvitation, StaffRole, User

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
LOGIN = reverse("accounts:login")


def test_login_and_logout(client):
    user = UserFactory(email="anna@example.org")
    response = client.post(LOGIN, {"username": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("portal:account")).wsgi_request.user == user
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("portal:account")).status_code == 302


def test_a_wrong_password_keeps_the_address_and_says_why(client):
    UserFactory(email="anna@example.org")
    response = client.post(LOGIN, {"username": "anna@example.org", "password": "wrong"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page and "klopt niet" in page
    assert 'value="anna@example.org"' in page


def test_guessing_is_throttled_even_with_the_right_password(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(email="anna@example.org")
    for _attempt in range(3):
        client.post(LOGIN, {"username": "anna@example.org", "password": "guess"})
    response = client.post(LOGIN, {"username": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client, django_capture_on_commit_callbacks):
    UserFactory(email="anna@example.org", full_name="Anna")
    with django_capture_on_commit_callbacks(execute=True):  # the queue sends after the commit
        client.post(reverse("accounts:password_reset"), {"email": "anna@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "een nieuw lang wachtwoord"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302, response.context["form"].errors
    assert User.objects.get(email="anna@example.org").check_password(new)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_staff_set_up_and_use_totp_before_the_workspace_opens(client, settings):
    settings.STAFF_2FA_REQUIRED = True
    staff = StaffRoleFactory(coordinator=True)
    otp.allow_enrolment(
        staff.user
    )  # as an accepted invitation does (tests/accounts/test_second_factor.py)
    dashboard = reverse("workspace:dashboard", kwargs={"municipality": staff.municipality.slug})
    client.post(LOGIN, {"username": staff.user.email, "password": PASSWORD})

    response = client.get(dashboard)
    assert response.status_code == 302 and reverse("accounts:two_factor") in response["Location"]
    setup = client.get(response["Location"])
    assert b"<svg" in setup.content  # the QR code, drawn without scripts
    device = TOTPDevice.objects.get(user=staff.user)
    assert not device.confirmed

    wrong = client.post(setup.wsgi_request.get_full_path(), {"token": "000000"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    TOTPDevice.objects.get(pk=device.pk).throttle_reset()  # django-otp slows down guessing
    code = f"{totp(device.bin_key):06d}"
    response = client.post(setup.wsgi_request.get_full_path(), {"token": code, "next": dashboard})
    assert response.status_code == 302  # to the backup codes (shown once), then to the dashboard
    assert response["Location"] == with_next(reverse("accounts:backup_codes"), dashboard)
    assert client.get(dashboard).status_code == 200
    assert TOTPDevice.objects.get(pk=device.pk).confirmed

    # A new session asks for a code, not for a new device.
    client.logout()
    client.post(LOGIN, {"username": staff.user.email, "password": PASSWORD})
    ask = client.get(reverse("accounts:two_factor"))
    assert b"<svg" not in ask.content
    assert TOTPDevice.objects.filter(user=staff.user).count() == 1


@pytest.mark.django_db(transaction=True)  # the e-mail goes out after commit
def test_an_admin_invites_a_colleague_who_creates_an_account(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    admin = StaffRoleFactory(admin=True)
    place = admin.municipality
    department = DepartmentFactory(municipality=place)
    client.force_login(admin.user)
    response = client.post(
        reverse("workspace:staff", kwargs={"municipality": place.slug}),
        {
            "email": "Nieuw@Example.org",
            "roles": ["advisor", "assessor"],
            "department": department.pk,
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nieuw@example.org"]
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    assert StaffInvitation.objects.get().token_hash not in mail.outbox[0].body

    client.logout()
    weak = client.post(link, {"full_name": "Nieuw", "password1": "kort", "password2": "kort"})
    assert weak.status_code == 400 and not User.objects.filter(email="nieuw@example.org").exists()
    assert 'value="Nieuw"' in weak.content.decode()
    strong = "een sterk wachtwoord 42"
    response = client.post(link, {"full_name": "Nieuw", "password1": strong, "password2": strong})
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert set(StaffRole.objects.filter(user=user).values_list("role", flat=True)) == {
        Role.ADVISOR,
        Role.ASSESSOR,
    }
    assert StaffRole.objects.filter(user=user, department=department).count() == 2
    assert client.get(link).status_code == 410  # used once


@pytest.mark.django_db(transaction=True)  # the e-mail goes out after commit
def test_an_invitation_for_someone_else_is_refused(client):
    admin = StaffRoleFactory(admin=True)
    invitation_link = _invite(client, admin, "colleague@example.org")
    intruder = UserFactory()
    client.force_login(intruder)
    response = client.post(invitation_link)
    assert response.status_code == 200
    assert not StaffRole.objects.filter(user=intruder).exists()


@pytest.fixture(autouse=True)
def _no_2fa_unless_asked(settings):
    settings.STAFF_2FA_REQUIRED = False


def _invite(client, admin, email: str) -> str:
    client.force_login(admin.user)
    client.post(
        reverse("workspace:staff", kwargs={"municipality": admin.municipality.slug}),
        {"email": email, "roles": ["assessor"]},
    )
    client.logout()
    return re.search(r"https?://[^/]+(/\S+)", mail.outbox[-1].body).group(1)


def test_the_last_administrator_cannot_remove_their_own_role(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    admin = StaffRoleFactory(admin=True)
    client.force_login(admin.user)
    url = reverse(
        "workspace:staff_member",
        kwargs={"municipality": admin.municipality.slug, "pk": admin.user.pk},
    )
    response = client.post(url, {"roles": ["coordinator"]})
    assert response.status_code == 400
    assert StaffRole.objects.filter(user=admin.user, role=Role.MUNICIPAL_ADMIN).exists()
    assert not StaffRole.objects.filter(user=admin.user, role=Role.COORDINATOR).exists()


def test_roles_can_be_changed_and_removed(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    admin = StaffRoleFactory(admin=True)
    advisor = StaffRoleFactory(municipality=admin.municipality, advisor=True).user
    client.force_login(admin.user)
    url = reverse(
        "workspace:staff_member",
        kwargs={"municipality": admin.municipality.slug, "pk": advisor.pk},
    )
    client.post(url, {"roles": ["assessor", "decision_maker"]})
    assert set(advisor.staff_roles.values_list("role", flat=True)) == {"assessor", "decision_maker"}
    response = client.post(url, {"roles": []})
    assert response.status_code == 302
    assert not advisor.staff_roles.exists()


@pytest.mark.django_db(transaction=True)  # the e-mail goes out after commit
def test_other_municipality_is_not_touched_by_an_invitation(client):
    other = MunicipalityFactory()
    admin = StaffRoleFactory(admin=True)
    _invite(client, admin, "x@example.org")
    assert not StaffInvitation.objects.filter(municipality=other).exists()
