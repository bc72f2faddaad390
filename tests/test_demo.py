"""`make demo`: everything a visitor needs, prepared by one command that is safe to run again."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from uitdaagrecht.accounts.models import Role, StaffRole
from uitdaagrecht.budgets.models import BudgetLine
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.tenants.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo")


@pytest.mark.slow
def test_the_demo_prepares_data_accounts_and_example_tasks(settings, client):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=io.StringIO())  # safe to run again
    printed = out.getvalue()
    demo = Municipality.objects.get(is_demo=True)
    assert Municipality.objects.filter(is_active=True).count() == 342
    assert BudgetLine.objects.filter(municipality=demo).exists()
    assert Task.objects.filter(municipality=demo, is_example=True).count() >= 25
    assert set(StaffRole.objects.filter(municipality=demo).values_list("role", flat=True)) == set(
        Role
    )
    for role in Role:
        assert f"{role.value.replace('_', '-')}@" in printed  # one printed account per role
    assert (
        client.post(
            "/account/inloggen/",
            {
                "username": "coordinator@demo.open-uitdaagrecht.nl",
                "password": "demo-coordinator-2026",
            },
        ).status_code
        == 302
    )
    assert client.get(f"/{demo.slug}/taken/").status_code == 200
