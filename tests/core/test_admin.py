"""The Django admin stays for platform administrators only."""

import pytest

from tests.factories import StaffRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/django-admin/",
        "/django-admin/tenants/municipality/",
        "/django-admin/accounts/user/",
        "/django-admin/budgets/taakveld/",
    ],
)
def test_platform_admin_pages_open_for_superusers_only(client, settings, path):
    settings.STAFF_2FA_REQUIRED = False
    assert client.get(path).status_code == 302
    client.force_login(
        StaffRoleFactory(admin=True).user
    )  # a municipal admin is not a platform admin
    assert client.get(path).status_code == 302
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(path).status_code == 200


def test_platform_admins_need_the_second_factor_too(client, settings):
    settings.STAFF_2FA_REQUIRED = True
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/django-admin/tenants/municipality/").status_code == 302
