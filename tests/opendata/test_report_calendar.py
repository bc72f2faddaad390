"""'Klopt dit niet?' from the procurement calendar: every row links to the report form for its
contract (or its task when the row has no contract); the contract is chosen already, the report
goes to the municipality's queue and its outcome shows on the task's page."""

import re

import pytest
from django.urls import reverse

from tests.factories import CatalogFactory, MunicipalityFactory, StaffRoleFactory
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.opendata.models import ErrorReport, Outcome
from uitdaagrecht.opendata.reports import report_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(settings):
    settings.STAFF_2FA_REQUIRED = False
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    return MunicipalityFactory(slug="hier", name="Hier")


def test_every_calendar_row_links_to_a_report_about_its_contract(client, place):
    catalog = CatalogFactory(municipality=place)
    task, contract = catalog["task"], catalog["contract"]
    other = MunicipalityFactory(slug="elders")
    foreign = CatalogFactory(municipality=other)["contract"]

    page = client.get(reverse("catalog:calendar", kwargs={"municipality": "hier"}))
    html = page.content.decode()
    rows = re.findall(r'<li class="utrecht-unordered-list__item ou-timeline__.*?</li>', html, re.S)
    assert rows, "the calendar shows the contract's dates"
    link = f"/hier/klopt-dit-niet/?over=contract&amp;id={contract.pk}"
    task_link = f"/hier/klopt-dit-niet/?over=task&amp;id={task.pk}"
    assert all("Klopt dit niet?" in row for row in rows)
    # The contract's notice and end date link to the contract; the date from which the task
    # can be challenged (no contract of its own) to the task.
    assert sum(link in row for row in rows) == 2, rows
    assert sum(task_link in row for row in rows) == len(rows) - 2, rows
    # Screen readers hear which row the link is about.
    assert f'<span class="ou-visually-hidden"> ({task.title},' in html

    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert re.search(
        rf'value="contract:{contract.pk}"[^>]*checked|value="contract:{contract.pk}"[^>]*selected',
        form,
    )
    assert f"task:{task.pk}" in form  # the task itself can still be chosen

    response = client.post(
        link.replace("&amp;", "&"),
        {"about": f"contract:{contract.pk}", "wrong": "De einddatum is 2028."},
    )
    assert response.status_code == 302
    made = ErrorReport.objects.get()
    assert (made.subject, made.key, made.municipality) == ("contract", str(contract.pk), place)
    assert made.page == task.get_absolute_url()

    # The answer is public on the task's page, without the reporter.
    coordinator = StaffRoleFactory(municipality=place, role=Role.COORDINATOR).user
    report_answer(
        report=made, actor=coordinator, outcome=Outcome.CORRECTED, answer="Einddatum verbeterd."
    )
    assert "Einddatum verbeterd." in client.get(task.get_absolute_url()).content.decode()

    # Another municipality's contract, or no such contract: not found, never a 500.
    for key in (foreign.pk, 999999, "x"):
        assert client.get(f"/hier/klopt-dit-niet/?over=contract&id={key}").status_code == 404
