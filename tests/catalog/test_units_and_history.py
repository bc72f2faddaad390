"""Catalogue data that cannot contradict themselves (issue 14): a contract that ended is history,
never current; an indicator's unit constrains its values (a percentage 0–100, a report mark 1–10,
a count a whole number), in the model, in the staff forms and in the demo."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.factories import CatalogFactory, DepartmentFactory, MunicipalityFactory, StaffRoleFactory
from uitdaagrecht.catalog.models import Contract, Indicator, IndicatorValue, Task
from uitdaagrecht.catalog.services import task_refresh_binding
from uitdaagrecht.catalog.units import UnitKind, unit_kind, value_problem

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("%", UnitKind.PERCENTAGE),
        ("% van de inspecties", UnitKind.PERCENTAGE),
        ("procent", UnitKind.PERCENTAGE),
        ("rapportcijfer", UnitKind.MARK),
        ("Rapportcijfer (1-10)", UnitKind.MARK),
        ("cijfer", UnitKind.MARK),
        ("aantal per jaar", UnitKind.COUNT),
        ("€ per deelnemer", UnitKind.MONEY),
        ("kilo", UnitKind.NUMBER),
    ],
)
def test_the_unit_is_read_from_its_words(unit, kind):
    assert unit_kind(unit) == kind


@pytest.mark.parametrize(
    ("unit", "value", "ok"),
    [
        ("%", 0, True),
        ("%", 100, True),
        ("%", Decimal("100.01"), False),
        ("% goedgekeurd", 1500, False),
        ("rapportcijfer", 1, True),
        ("rapportcijfer", Decimal("7.5"), True),
        ("rapportcijfer", 10, True),
        ("rapportcijfer", Decimal("0.9"), False),
        ("rapportcijfer", 1500, False),
        ("aantal", 1500, True),
        ("aantal", Decimal("7.2"), False),
        ("kilo", -1, False),
    ],
)
def test_the_unit_constrains_the_value(unit, value, ok):
    assert (value_problem(unit, value) is None) is ok


def test_the_model_refuses_a_value_its_unit_does_not_allow_in_dutch():
    world = CatalogFactory(municipality=MunicipalityFactory())
    percent = Indicator.objects.create(task=world["task"], name="Beeldkwaliteit", unit="%")
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        IndicatorValue(indicator=percent, year=2025, target=1500, realised=80).full_clean()
    assert refused.value.message_dict == {
        "target": ["De eenheid is een percentage (%): een waarde van 0 tot 100."]
    }
    mark = world["indicator"]  # "cijfer"
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        IndicatorValue(indicator=mark, year=2026, target=1500, realised=11).full_clean()
    assert set(refused.value.message_dict) == {"target", "realised"}
    assert "rapportcijfer (cijfer): een waarde van 1 tot 10" in refused.value.messages[0]


def test_staff_forms_refuse_values_that_contradict_the_unit(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    place = MunicipalityFactory(slug="eenheden")
    world = CatalogFactory(municipality=place)
    client.force_login(StaffRoleFactory(admin=True, municipality=place).user)
    kwargs = {"municipality": place.slug, "task_pk": world["task"].pk}
    new_value = reverse(
        "workspace:catalog_value_new", kwargs=kwargs | {"indicator_pk": world["indicator"].pk}
    )
    refused = client.post(new_value, {"year": "2030", "target": "1500", "realised": ""})
    assert refused.status_code == 400
    assert "een waarde van 1 tot 10" in refused.content.decode()
    assert 'aria-invalid="true"' in refused.content.decode()
    assert client.post(new_value, {"year": "2030", "target": "7.5"}).status_code in (200, 302)

    # Changing the unit to a count while a realised mark of 7.2 is on record: refused, with why.
    edit = reverse(
        "workspace:catalog_indicator_edit", kwargs=kwargs | {"pk": world["indicator"].pk}
    )
    answer = client.post(edit, {"name": "Tevredenheid", "unit": "aantal", "source": ""})
    assert answer.status_code == 400
    assert "een geheel getal" in answer.content.decode() and "2025" in answer.content.decode()
    assert Indicator.objects.get(pk=world["indicator"].pk).unit == "cijfer"


def test_a_contract_that_ended_is_history_on_the_task_page_and_in_the_catalogue(client):
    place = MunicipalityFactory(slug="historie")
    world = CatalogFactory(municipality=place)
    task: Task = world["task"]
    Contract.objects.filter(pk=world["contract"].pk).update(
        start_date=TODAY - datetime.timedelta(days=900),
        end_date=TODAY - datetime.timedelta(days=90),
    )
    task_refresh_binding(task=task)
    page = client.get(task.get_absolute_url()).content.decode()
    current, earlier = (
        page.split("Eerdere contracten", 1)[0],
        page.split("Eerdere contracten", 1)[1],
    )
    current = current.split("Huidige contracten", 1)[1]
    assert world["provider"].name not in current, "an ended contract is never current"
    assert "Geen lopend contract: het laatste liep af op" in current
    assert world["provider"].name in earlier.split("Resultaatafspraken")[0]
    catalogue = client.get(f"/{place.slug}/taken/").content.decode()
    row = catalogue.split(task.title, 1)[1].split("</tr>", 1)[0]
    assert world["provider"].name not in row, "the catalogue row agrees: no current provider"


def test_the_demo_catalogue_contradicts_nothing(settings, tmp_path):
    from uitdaagrecht.budgets.services import taakvelden_load
    from uitdaagrecht.demo.catalogue import catalog_demo_load
    from uitdaagrecht.demo.municipality import DEPARTMENTS

    taakvelden_load()
    zwolle = MunicipalityFactory(cbs_code="GM0193", slug="zwolle")
    for name in DEPARTMENTS:
        DepartmentFactory(municipality=zwolle, name=name)
    assert catalog_demo_load(municipality=zwolle, today=TODAY) > 20
    values = IndicatorValue.objects.filter(indicator__task__municipality=zwolle)
    assert values.count() > 40
    for value in values.select_related("indicator"):
        value.full_clean()  # every target and realised value fits its unit
    marks = values.filter(indicator__unit="rapportcijfer")
    assert marks and all(1 <= v.target <= 10 and 1 <= v.realised <= 10 for v in marks)
