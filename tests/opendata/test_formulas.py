"""CSV injection: text a spreadsheet would run as a formula (= + - @, a tab or a carriage return at
the start) comes out inert in every CSV and .xlsx the product writes — the open-data files
(test_export.py), the procurement calendar CSV and the catalogue import templates."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import CatalogFactory, DepartmentFactory, MunicipalityFactory, StaffRoleFactory
from uitdaagrecht.budgets.services import taakvelden_load
from uitdaagrecht.catalog.bulk.safe import FORMULA_START, spreadsheet_safe
from uitdaagrecht.catalog.models import Contract, Provider, Task

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.org","x")'


@pytest.mark.parametrize("text", [FORMULA, "+31 6", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_neutralised(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["Groen", "", "1-2", "e-mail", "'al veilig"])
def test_other_text_is_left_alone(text):
    assert spreadsheet_safe(text) == text


def test_the_calendar_csv_writes_a_formula_task_as_text(client):
    place = MunicipalityFactory(slug="hier")
    made = CatalogFactory(
        municipality=place, department=DepartmentFactory(municipality=place, name="\tAfdeling")
    )
    task = made["task"]
    task.title = FORMULA
    task.save()
    Provider.objects.filter(pk=made["provider"].pk).update(name="@Hovenier")
    Contract.objects.filter(task=task).update(
        end_date=datetime.date.today() + datetime.timedelta(days=120)
    )
    content = client.get("/hier/kalender.csv").content.decode()
    rows = list(csv.reader(io.StringIO(content)))
    titles = {row[2] for row in rows[1:]}
    assert titles == {"'" + FORMULA}
    assert {row[4] for row in rows[1:]} == {"'\tAfdeling"}
    assert "'@Hovenier" in {row[5] for row in rows[1:]}
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_START)]


@pytest.fixture
def admin(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    taakvelden_load()
    role = StaffRoleFactory(admin=True, municipality__slug="hier", municipality__name="Hier")
    DepartmentFactory(municipality=role.municipality, name=FORMULA)
    Task.objects.filter(pk=CatalogFactory(municipality=role.municipality)["task"].pk).update(
        title=FORMULA
    )
    client.force_login(role.user)
    return role


def test_the_import_templates_hold_no_formula(client, admin):
    kwargs = {"municipality": "hier"}
    content = client.get(reverse("workspace:catalog_import_template_csv", kwargs=kwargs)).content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_START)]
    assert FORMULA not in content.decode("utf-8-sig")
    workbook = openpyxl.load_workbook(
        io.BytesIO(
            client.get(reverse("workspace:catalog_import_template_xlsx", kwargs=kwargs)).content
        )
    )
    cells = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert cells and not [c.value for c in cells if c.value.startswith(FORMULA_START)]
    assert not [c for c in cells if c.data_type == "f"]
