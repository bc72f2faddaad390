"""Two-factor recovery (issue 14): backup codes at set-up, shown once, each usable once; a new app
and new codes from the account page after a current code."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import StaffRoleFactory
from uitdaagrecht.accounts import otp

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
LOGIN = reverse("accounts:login")
TWO_FACTOR = reverse("accounts:two_factor")
MANAGE = reverse("accounts:two_factor_manage")
NEW_APP = reverse("accounts:two_factor_new_app")
ACCOUNT = reverse("portal:account")
CODE = re.compile(r'<span class="ou-secret">([a-z2-7]{8})</span>')


@pytest.fixture(autouse=True)
def required(settings):
    settings.STAFF_2FA_REQUIRED = True


def log_in(client, user):
    assert client.post(LOGIN, {"username": user.email, "password": PASSWORD}).status_code == 302


def code_of(device, *, ahead: int = 0) -> str:
    return f"{totp(device.bin_key, drift=ahead):06d}"


def set_up_and_read_codes(client, staff):
    """Log in for the first time, set up the app and read the backup codes off the page."""
    dashboard = reverse("workspace:dashboard", kwargs={"municipality": staff.municipality.slug})
    otp.allow_enrolment(staff.user)
    log_in(client, staff.user)
    device = TOTPDevice.objects.get(user=staff.user, confirmed=False)
    answer = client.post(TWO_FACTOR, {"token": code_of(device), "next": dashboard})
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("accounts:backup_codes"))
    page = client.get(answer["Location"]).content.decode()
    codes = CODE.findall(page)
    assert len(codes) == otp.BACKUP_CODE_COUNT == len(set(codes))
    assert "keep them safe" in page or "bewaar ze" in page.lower()
    assert f'href="{dashboard}"' in page, "the page continues to where the person was going"
    return device, codes, dashboard


def test_backup_codes_are_shown_once_at_set_up(client):
    staff = StaffRoleFactory(coordinator=True)
    _device, codes, _dashboard = set_up_and_read_codes(client, staff)
    again = client.get(reverse("accounts:backup_codes")).content.decode()
    assert not CODE.findall(again), "a reload does not show the codes again"
    assert all(code not in again for code in codes)
    assert MANAGE in again, "but says where to make new ones"


def test_a_backup_code_logs_in_once(client):
    staff = StaffRoleFactory(coordinator=True)
    _device, codes, dashboard = set_up_and_read_codes(client, staff)
    client.logout()

    log_in(client, staff.user)
    page = client.get(f"{TWO_FACTOR}?next={dashboard}").content.decode()
    assert 'name="backup_code"' in page, "the step offers the backup codes"
    typed = f"{codes[0][:4].upper()}-{codes[0][4:]}"  # as people copy it
    answer = client.post(TWO_FACTOR, {"backup_code": typed, "next": dashboard}, follow=True)
    assert answer.redirect_chain[-1][0] == dashboard and answer.status_code == 200
    assert "9" in answer.content.decode() and MANAGE not in TWO_FACTOR
    assert otp.backup_codes_left(staff.user) == otp.BACKUP_CODE_COUNT - 1
    client.logout()

    log_in(client, staff.user)
    used_again = client.post(TWO_FACTOR, {"backup_code": codes[0], "next": dashboard})
    assert used_again.status_code == 200
    assert "al gebruikt" in used_again.content.decode() or "used already" in (
        used_again.content.decode()
    )
    assert client.get(dashboard).status_code == 302, "still not past the second factor"
    wrong_shape = client.post(TWO_FACTOR, {"backup_code": "123", "next": dashboard})
    assert b'aria-invalid="true"' in wrong_shape.content


def test_new_backup_codes_after_a_current_code_replace_the_old_ones(client):
    staff = StaffRoleFactory(coordinator=True)
    device, old_codes, _dashboard = set_up_and_read_codes(client, staff)
    assert MANAGE in client.get(ACCOUNT).content.decode(), "the account page links to it"

    answer = client.post(MANAGE, {"action": "codes", "codes-code": code_of(device, ahead=1)})
    assert answer.status_code == 302
    new_codes = CODE.findall(client.get(answer["Location"]).content.decode())
    assert len(new_codes) == otp.BACKUP_CODE_COUNT and not set(new_codes) & set(old_codes)
    assert StaticDevice.objects.filter(user=staff.user).count() == 1
    assert not StaticToken.objects.filter(token__in=old_codes).exists()
    refused = client.post(MANAGE, {"action": "codes", "codes-code": old_codes[1]})
    assert refused.status_code == 400, "an old code confirms nothing"
    assert "niet juist" in refused.content.decode() or "not correct" in refused.content.decode()


def test_a_new_phone_after_logging_in_with_a_backup_code(client):
    """The phone is lost: a backup code opens the session and confirms the new app; the old app
    stops working once the new one is set up."""
    staff = StaffRoleFactory(coordinator=True)
    old_app, codes, dashboard = set_up_and_read_codes(client, staff)
    client.logout()
    log_in(client, staff.user)
    client.post(TWO_FACTOR, {"backup_code": codes[0], "next": dashboard})
    assert client.get(dashboard).status_code == 200

    assert client.get(NEW_APP)["Location"] == MANAGE, "not without a current code first"
    answer = client.post(MANAGE, {"action": "app", "app-code": codes[1]})
    assert answer.status_code == 302 and answer["Location"] == NEW_APP
    page = client.get(NEW_APP)
    assert b"<svg" in page.content
    new_app = TOTPDevice.objects.get(user=staff.user, confirmed=False)
    assert TOTPDevice.objects.filter(pk=old_app.pk, confirmed=True).exists(), "still works"

    done = client.post(NEW_APP, {"token": code_of(new_app)})
    assert done.status_code == 302
    assert done["Location"].startswith(reverse("accounts:backup_codes"))
    assert len(CODE.findall(client.get(done["Location"]).content.decode())) == 10
    assert not TOTPDevice.objects.filter(pk=old_app.pk).exists()
    assert TOTPDevice.objects.get(pk=new_app.pk).confirmed
    assert client.get(dashboard).status_code == 200, "the session stays verified"


def test_the_settings_need_a_verified_session(client):
    staff = StaffRoleFactory(coordinator=True)
    TOTPDevice.objects.create(user=staff.user, name="app", confirmed=True)
    log_in(client, staff.user)
    answer = client.get(MANAGE)
    assert answer.status_code == 302 and answer["Location"].startswith(TWO_FACTOR)
    resident = StaffRoleFactory(coordinator=True).user
    client.force_login(resident)
    assert client.get(MANAGE).status_code == 404, "no app, nothing to manage"


def test_an_administrators_reset_also_ends_the_backup_codes(client):
    staff = StaffRoleFactory(coordinator=True)
    otp.backup_codes_issue(staff.user)
    otp.reset_second_factor(staff.user)
    assert otp.backup_codes_left(staff.user) == 0
    assert not StaticDevice.objects.filter(user=staff.user).exists()
