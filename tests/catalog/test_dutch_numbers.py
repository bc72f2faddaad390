"""The staff form for an indicator's values reads numbers the way the spreadsheet import does
(issue 14): "7,5", "1.500" and "1.250,50" as Dutch write them, with the import's own parser; it
shows them back that way, keeps what was typed with a Dutch reason when it is not a number or
not one the unit allows, and never answers 500."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import CatalogFactory, MunicipalityFactory, StaffRoleFactory
from uitdaagrecht.catalog.bulk.cells import decimal_value, dutch_number
from uitdaagrecht.catalog.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    place = MunicipalityFactory(slug="getallen")
    world = CatalogFactory(municipality=place)
    client.force_login(StaffRoleFactory(admin=True, municipality=place).user)
    world["kwargs"] = {"municipality": place.slug, "task_pk": world["task"].pk}
    return world


def new_value_url(world, indicator) -> str:
    return reverse(
        "workspace:catalog_value_new", kwargs=world["kwargs"] | {"indicator_pk": indicator.pk}
    )


def indicator(world, unit: str) -> Indicator:
    return Indicator.objects.create(task=world["task"], name=f"Meting in {unit}", unit=unit)


@pytest.mark.parametrize(
    ("unit", "typed", "stored"),
    [
        ("cijfer", "7,5", Decimal("7.50")),
        ("cijfer", "7.5", Decimal("7.50")),
        ("cijfer", " 8 ", Decimal("8.00")),
        ("aantal", "1.500", Decimal("1500.00")),
        ("aantal", "1500", Decimal("1500.00")),
        ("kilo", "1.250,50", Decimal("1250.50")),
        ("kilo", "1 250,5", Decimal("1250.50")),
        ("%", "99,25", Decimal("99.25")),
    ],
)
def test_dutch_numbers_are_accepted(client, staff, unit, typed, stored):
    measured = indicator(staff, unit)
    answer = client.post(new_value_url(staff, measured), {"year": "2030", "target": typed})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert IndicatorValue.objects.get(indicator=measured, year=2030).target == stored
    assert decimal_value(typed) == stored  # the very parser of the spreadsheet import


@pytest.mark.parametrize(
    ("unit", "typed", "reason"),
    [
        ("cijfer", "zeven", "Vul een getal in, bijvoorbeeld 7,5 of 1500."),
        ("cijfer", "7,555", "Vul hoogstens twee decimalen in."),
        ("cijfer", "=7+1", "Vul een getal in, bijvoorbeeld 7,5 of 1500."),
        ("cijfer", "1.5.0,0,1", "Vul een getal in, bijvoorbeeld 7,5 of 1500."),
        ("kilo", "1" * 20, "Dat getal is te groot."),
        ("cijfer", "10,5", "De eenheid is een rapportcijfer (cijfer): een waarde van 1 tot 10."),
        ("%", "100,01", "De eenheid is een percentage (%): een waarde van 0 tot 100."),
        ("aantal", "12,5", "De eenheid is een aantal (aantal): een geheel getal."),
        ("aantal", "-3", "Een waarde in aantal is niet negatief."),
    ],
)
def test_what_is_not_a_number_the_unit_allows_is_refused_in_dutch_and_kept(
    client, staff, unit, typed, reason
):
    measured = indicator(staff, unit)
    answer = client.post(
        new_value_url(staff, measured), {"year": "2030", "target": "", "realised": typed}
    )
    page = answer.content.decode()
    assert answer.status_code == 400
    assert reason in page
    assert f'value="{typed}"' in page, "what was typed stays in the box"
    assert 'aria-invalid="true"' in page
    assert not IndicatorValue.objects.filter(indicator=measured).exists()


def test_values_are_shown_back_the_dutch_way_and_saved_unchanged(client, staff):
    measured = indicator(staff, "kilo")
    value = IndicatorValue.objects.create(
        indicator=measured, year=2031, target=Decimal("1250.50"), realised=Decimal("7.5")
    )
    edit = reverse(
        "workspace:catalog_value_edit",
        kwargs=staff["kwargs"] | {"indicator_pk": measured.pk, "pk": value.pk},
    )
    page = client.get(edit).content.decode()
    assert 'value="1.250,5"' in page and 'value="7,5"' in page
    assert 'inputmode="decimal"' in page and 'type="number"' not in page.split("year")[-1]
    assert "7,5 of 1.500" in page  # the hint says how to write it

    # Saving the form as it was shown changes nothing.
    answer = client.post(edit, {"year": "2031", "target": "1.250,5", "realised": "7,5"})
    assert answer.status_code == 302
    value.refresh_from_db()
    assert (value.target, value.realised) == (Decimal("1250.50"), Decimal("7.50"))

    manage = reverse(
        "workspace:catalog_task", kwargs={"municipality": "getallen", "pk": staff["task"].pk}
    )
    listed = client.get(manage).content.decode()
    assert "streefwaarde 1.250,5, gerealiseerd 7,5" in listed.lower()


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (Decimal("7.50"), "7,5"),
        (Decimal("1500.00"), "1.500"),
        (Decimal("1250.50"), "1.250,5"),
        (Decimal("1234567.89"), "1.234.567,89"),
        (Decimal("0.05"), "0,05"),
        (0, "0"),
    ],
)
def test_shown_the_way_the_parser_reads_it_back(number, text):
    assert dutch_number(number) == text
    assert decimal_value(text) == Decimal(number)
