"""Amounts the Dutch way: every money field takes what people type ("€ 679.500,-") and shows the
amount back grouped; nonsense is refused with a Dutch message and stays in the box."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.assessment_world import agreement_post
from tests.challenge_world import fresh, in_state, make_world
from tests.factories import (
    CatalogFactory,
    ChallengeFactory,
    DepartmentFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffRoleFactory,
    UserFactory,
)
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.agreements.models import BudgetLine
from uitdaagrecht.catalog.models import Finance
from uitdaagrecht.challenges.api import dossier_url
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.core.forms import MoneyField, parse_money

TYPED = [
    "679500",
    "679.500",
    "€ 679.500",
    "€679.500",
    "679.500,00",
    "679.500,-",
    "€679.500,-",
    "€ 679.500,–",
    "679 500",
    "679\u00a0500",
    " 679.500 ",
    "EUR 679.500",
    "679.500 euro",
    "679,500",
    "679,500.00",
    "679500,00",
    "679500.00",
]


@pytest.mark.parametrize("typed", TYPED)
def test_every_way_people_write_an_amount_is_understood(typed):
    assert parse_money(typed) == 679_500
    assert MoneyField().clean(typed) == 679_500


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("veel", "“veel” is geen bedrag"),
        ("-5", "“-5” is geen bedrag"),
        ("679.50.0", "is geen bedrag"),
        ("1.23.456", "is geen bedrag"),
        ("679.500,50", "zonder centen"),
        ("12,5", "zonder centen"),
    ],
)
def test_nonsense_is_refused_in_dutch(typed, message):
    field = MoneyField()
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        field.clean(typed)
    assert message in " ".join(refused.value.messages)


def test_an_amount_is_shown_back_grouped_in_the_language_of_the_page():
    field = MoneyField()
    with translation.override("nl"):
        assert field.prepare_value(1_234_567) == "1.234.567"
        assert field.prepare_value("veel") == "veel"  # what was typed stays as typed
    with translation.override("en"):
        assert field.prepare_value(1_234_567) == "1,234,567"


def test_more_than_a_trillion_is_refused():
    with translation.override("nl"), pytest.raises(ValidationError):
        MoneyField().clean("1.000.000.000.001")


@pytest.fixture
def resident_world(settings):
    settings.STAFF_2FA_REQUIRED = False
    place = MunicipalityFactory()
    catalog = CatalogFactory(municipality=place, department=DepartmentFactory(municipality=place))
    resident = UserFactory()
    organisation = OrganisationFactory(owner=resident)
    challenge = ChallengeFactory(
        municipality=place, organisation=organisation, task=catalog["task"], submitted=False
    )
    return {"place": place, "resident": resident, "challenge": challenge, "catalog": catalog}


@pytest.mark.django_db
def test_the_requested_budget_takes_the_dutch_notation_and_shows_it_back(client, resident_world):
    challenge = resident_world["challenge"]
    client.force_login(resident_world["resident"])
    step3 = reverse(
        "challenges:draft_step",
        kwargs={"municipality": resident_world["place"].slug, "pk": challenge.pk, "step": 3},
    )
    response = client.post(step3, {"capacity": "Tien mensen", "budget_asked_eur": "€ 679.500,-"})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.budget_asked_eur == 679_500
    page = client.get(step3).content.decode()
    assert 'value="679.500"' in page
    assert 'inputmode="decimal"' in page

    refused = client.post(step3, {"capacity": "Tien mensen", "budget_asked_eur": "een ton"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'value="een ton"' in page
    assert "“een ton” is geen bedrag" in page
    assert 'aria-invalid="true"' in page
    challenge.refresh_from_db()
    assert challenge.budget_asked_eur == 679_500


@pytest.mark.django_db(transaction=True)
def test_agreement_budget_rows_take_the_dutch_notation(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    challenge = in_state(world, State.AGREEMENTS)
    client.force_login(fresh(world.decision_maker))
    url = dossier_url(challenge, staff=True, name="agreements_propose")
    data = agreement_post(budget=({"year": 2027, "amount_eur": "€ 85.000,-"},))
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(BudgetLine.objects.values_list("amount_eur", flat=True)) == [85_000]
    # The next version starts from these rows, shown the Dutch way.
    assert 'value="85.000"' in client.get(url).content.decode()

    data = agreement_post(budget=({"year": 2027, "amount_eur": "vijf"},))
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "“vijf” is geen bedrag" in refused.content.decode()


@pytest.mark.django_db
def test_workspace_finance_takes_the_dutch_notation(client, resident_world):
    place, task = resident_world["place"], resident_world["catalog"]["task"]
    client.force_login(StaffRoleFactory(municipality=place, role=Role.MUNICIPAL_ADMIN).user)
    url = reverse(
        "workspace:catalog_finance_new", kwargs={"municipality": place.slug, "task_pk": task.pk}
    )
    response = client.post(
        url,
        {"year": "2031", "budget_eur": "€ 1.250.000", "actuals_eur": "", "overhead_eur": "0"},
    )
    assert response.status_code == 302
    finance = Finance.objects.get(task=task, year=2031)
    assert (finance.budget_eur, finance.actuals_eur) == (1_250_000, None)
    edit = reverse(
        "workspace:catalog_finance_edit",
        kwargs={"municipality": place.slug, "task_pk": task.pk, "pk": finance.pk},
    )
    assert 'value="1.250.000"' in client.get(edit).content.decode()
