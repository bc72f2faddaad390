"""Result agreements in the task import (issue 14): the unit decides what a target or realised
value may be — a percentage 0–100, a report mark 1–10, a count a whole number — in the import as
in the staff forms, with the row, the column and the reason in Dutch; nothing is written then."""

from decimal import Decimal

import pytest

from tests.catalog.test_catalog_bulk import (
    apply,
    bare,
    csv_file,
    errors_of,
    upload,
    xlsx_file,
)
from tests.factories import CatalogFactory, DepartmentFactory, StaffRoleFactory
from uitdaagrecht.budgets.services import taakvelden_load
from uitdaagrecht.catalog import bulk
from uitdaagrecht.catalog.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, settings):
    """As in test_catalog_bulk: an administrator of "Hier" with two departments."""
    settings.STAFF_2FA_REQUIRED = False
    taakvelden_load()
    role = StaffRoleFactory(admin=True, municipality__slug="hier", municipality__name="Hier")
    DepartmentFactory(municipality=role.municipality, name="Groen")
    DepartmentFactory(municipality=role.municipality, name="Sociaal Domein")
    client.force_login(role.user)
    return role


def result_row(title: str, **values) -> dict:
    result = {
        "resultaat": "Tevredenheid bewoners",
        "eenheid": "rapportcijfer",
        "resultaat_jaar": "2025",
        "streefwaarde": "7,5",
        "gerealiseerd": "7.8",
    }
    return bare(title, **(result | values))


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_a_result_with_its_values_is_imported_and_again_changes_nothing(client, admin, make):
    rows = [
        result_row("Buurthuis De Kluft"),
        bare(
            "Jongerenwerk",
            resultaat="Jongeren bereikt",
            eenheid="aantal per jaar",
            resultaat_jaar="2025",
            streefwaarde="1.500",
        ),
    ]
    preview = upload(client, admin, make(rows), "taken.xlsx" if make is xlsx_file else "t.csv")
    assert preview.status_code == 200, errors_of(preview)
    assert apply(client, admin, preview).status_code == 302
    mark = IndicatorValue.objects.get(indicator__name="Tevredenheid bewoners")
    assert (mark.indicator.unit, mark.year, mark.target, mark.realised) == (
        "rapportcijfer",
        2025,
        Decimal("7.50"),
        Decimal("7.80"),
    )
    count = IndicatorValue.objects.get(indicator__name="Jongeren bereikt")
    assert count.target == 1500 and count.realised is None

    again = upload(client, admin, make(rows), "taken.xlsx" if make is xlsx_file else "t.csv")
    assert not again.context["plan"].has_changes


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        (
            {"streefwaarde": "1500"},
            "streefwaarde",
            "rapportcijfer (rapportcijfer): een waarde van 1 tot 10",
        ),
        ({"gerealiseerd": "0"}, "gerealiseerd", "een waarde van 1 tot 10"),
        (
            {"eenheid": "%", "streefwaarde": "1500"},
            "streefwaarde",
            "percentage (%): een waarde van 0 tot 100",
        ),
        ({"eenheid": "aantal", "gerealiseerd": "7,8"}, "gerealiseerd", "een geheel getal"),
        ({"streefwaarde": "zeven"}, "streefwaarde", "Vul een getal in"),
        ({"streefwaarde": "7,555"}, "streefwaarde", "twee decimalen"),
        ({"eenheid": ""}, "eenheid", "verplicht"),
        ({"resultaat_jaar": ""}, "streefwaarde", "jaar van het resultaat"),
        (
            {"streefwaarde": "", "gerealiseerd": ""},
            "streefwaarde",
            "een streefwaarde in, een gerealiseerde waarde",
        ),
        ({"resultaat": ""}, "eenheid", "Vul ook het resultaat"),
    ],
)
def test_values_the_unit_does_not_allow_are_refused_in_dutch(
    client, admin, values, column, message
):
    response = upload(client, admin, csv_file([result_row("Buurthuis", **values)]))
    assert response.status_code == 400
    errors = errors_of(response)
    assert (2, column) in [(number, found) for number, found, _v, _m in errors], errors
    assert any(message in found for _n, _c, _v, found in errors), errors
    assert not Indicator.objects.exists()


def test_changing_the_unit_must_fit_the_values_on_record(client, admin):
    world = CatalogFactory(municipality=admin.municipality)  # "Tevredenheid", cijfer, 7 / 7.2
    task, indicator = world["task"], world["indicator"]
    row = bare(task.title, resultaat="tevredenheid", eenheid="aantal")
    refused = upload(client, admin, csv_file([row]))
    assert refused.status_code == 400
    [(number, column, _value, message)] = errors_of(refused)
    assert (number, column) == (2, "eenheid")
    assert "een geheel getal" in message and "2025" in message
    assert Indicator.objects.get(pk=indicator.pk).unit == "cijfer"

    # The same result, a new year within its unit: added to the result on record.
    fine = upload(
        client,
        admin,
        csv_file(
            [bare(task.title, resultaat="Tevredenheid", resultaat_jaar="2026", streefwaarde="8")]
        ),
    )
    assert fine.status_code == 200, errors_of(fine)
    assert apply(client, admin, fine).status_code == 302
    assert list(indicator.values.values_list("year", "target")) == [
        (2025, Decimal("7.00")),
        (2026, Decimal("8.00")),
    ]
    assert Indicator.objects.filter(task=task).count() == 1


def test_the_template_explains_and_shows_the_result_columns():
    explained = dict(bulk.column_explanations())
    assert {"resultaat", "eenheid", "resultaat_jaar", "streefwaarde", "gerealiseerd"} <= set(
        explained
    )
    assert "rapportcijfer" in str(explained["eenheid"])
