import factory
from django.utils.text import slugify

from uitdaagrecht.accounts.models import Role, StaffRole, User
from uitdaagrecht.tenants.models import Department, Municipality


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("cbs_code",)

    # Four digits, whatever the length of the session (PostgreSQL enforces max_length=6), and
    # never GM9999: the tests' "unknown municipality".
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n % 999:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.LazyAttribute(lambda m: slugify(m.name))
    province = "Utrecht"
    population = 50_000


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Afdeling {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class StaffRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffRole

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.COORDINATOR

    class Params:
        admin = factory.Trait(role=Role.MUNICIPAL_ADMIN)
        coordinator = factory.Trait(role=Role.COORDINATOR)
        advisor = factory.Trait(role=Role.ADVISOR)


def CatalogFactory(*, municipality, department=None) -> dict:
    """A task with one of everything: provider, contract, budget year, indicator and value."""
    import datetime

    from uitdaagrecht.budgets.models import Hoofdtaakveld, Taakveld
    from uitdaagrecht.catalog.models import (
        Contract,
        Finance,
        Indicator,
        IndicatorValue,
        Provider,
        Task,
    )
    from uitdaagrecht.catalog.services import task_refresh_binding

    hoofdtaakveld, _ = Hoofdtaakveld.objects.get_or_create(code="5", defaults={"name": "Sport"})
    taakveld, _ = Taakveld.objects.get_or_create(
        code="5.7", defaults={"name": "Openbaar groen", "hoofdtaakveld": hoofdtaakveld}
    )
    department = department or DepartmentFactory(municipality=municipality)
    number = Task.objects.filter(municipality=municipality).count()
    suffix = f" {number + 1}" if number else ""
    task = Task.objects.create(
        municipality=municipality,
        title=f"Groen {municipality.slug}{suffix}",
        slug=f"groen-{municipality.slug}{suffix.replace(' ', '-')}",
        description="Onderhoud",
        department=department,
        taakveld=taakveld,
    )
    provider, _ = Provider.objects.get_or_create(
        municipality=municipality, name=f"Hovenier {municipality.pk}", defaults={"kind": "company"}
    )
    contract = Contract.objects.create(
        task=task,
        provider=provider,
        value_per_year_eur=100_000,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2027, 12, 31),
        notice_months=6,
    )
    finance = Finance.objects.create(task=task, year=2026, budget_eur=120_000, overhead_eur=20_000)
    indicator = Indicator.objects.create(task=task, name="Tevredenheid", unit="cijfer")
    value = IndicatorValue.objects.create(indicator=indicator, year=2025, target=7, realised=7.2)
    task_refresh_binding(task=task)
    return {
        "task": task,
        "provider": provider,
        "contract": contract,
        "finance": finance,
        "indicator": indicator,
        "value": value,
    }


def OrganisationFactory(*, owner=None, members=(), name="Buurtkracht Assendorp"):
    from uitdaagrecht.accounts.models import MemberRole, Membership, Organisation

    organisation = Organisation.objects.create(name=name, legal_form="association")
    if owner is not None:
        Membership.objects.create(organisation=organisation, user=owner, role=MemberRole.OWNER)
    for member in members:
        Membership.objects.create(organisation=organisation, user=member, role=MemberRole.MEMBER)
    return organisation


COMPLETE_OFFER = {
    "summary": "Wij onderhouden het park met buurtbewoners.",
    "mode": "take_over",
    "why_better": "Dichter bij de buurt.",
    "plan_what": "Maaien, snoeien, zwerfvuil.",
    "plan_how": "Met vrijwilligers en een betaalde coördinator.",
    "capacity": "Twaalf vrijwilligers, één coördinator.",
}


def ChallengeFactory(*, municipality, organisation, task=None, submitted=True, **fields):
    """A challenge through the real services: a draft, completed, and submitted if asked."""
    from uitdaagrecht.challenges import services

    actor = organisation.memberships.first().user
    challenge = services.draft_start(
        municipality=municipality,
        organisation=organisation,
        actor=actor,
        title=fields.pop("title", "Buurt beheert het park"),
        tasks=[task] if task else [],
    )
    services.draft_update(
        challenge=challenge,
        actor=actor,
        values={**COMPLETE_OFFER, **fields},
        tasks=[task] if task else None,
    )
    if not task:
        services.draft_update(
            challenge=challenge, actor=actor, values={"other_task": "Het park onderhouden"}
        )
    if submitted:
        challenge = services.transition(
            challenge=challenge, action="submit", actor=actor, version=None
        )
    return challenge
