"""Issue 14: wherever the challengers are compared with "the current provider", the pages say who
that is — the providers of the challenged catalogue tasks whose contract runs (on the day of the
decision, or today before there is one) — and say "huidige uitvoerder" as before when nobody is
on record. Through the pages, as staff and residents meet them."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.assessment_world import (
    DECISION,
    decide,
    full_scores,
    publish_framework,
    scores_post,
    to_assessment,
)
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
from uitdaagrecht.assessment import services as assessment
from uitdaagrecht.catalog.models import Contract, Provider
from uitdaagrecht.catalog.services import part_save

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
DECIDED_ON = DECISION["decided_on"]
NAME = "Groenbedrijf IJsseldelta"


@pytest.fixture
def world(settings):
    settings.STAFF_2FA_REQUIRED = False
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.FRAGMENT_CACHE_SECONDS = 3600  # the public page's fragment is kept (ADR 8)
    cache.clear()
    place = MunicipalityFactory(name="Kampen", slug="kampen")
    catalog = CatalogFactory(municipality=place)
    Provider.objects.filter(pk=catalog["provider"].pk).update(name=NAME)
    Contract.objects.filter(pk=catalog["contract"].pk).update(
        start_date=min(DECIDED_ON, timezone.localdate()) - 400 * DAY,
        end_date=max(DECIDED_ON, timezone.localdate()) + 400 * DAY,
    )
    neutral = DepartmentFactory(municipality=place, name="Bestuurszaken")
    coordinator = StaffRoleFactory(municipality=place, role=Role.COORDINATOR).user
    world = {
        "place": place,
        "task": catalog["task"],
        "contract": Contract.objects.get(pk=catalog["contract"].pk),
        "coordinator": coordinator,
        "contact": StaffRoleFactory(
            municipality=place, role=Role.CONTACT_PERSON, department=neutral
        ).user,
        "assessor": StaffRoleFactory(municipality=place, role=Role.ASSESSOR).user,
        "decider": StaffRoleFactory(municipality=place, role=Role.DECISION_MAKER).user,
        "organisation": OrganisationFactory(owner=UserFactory()),
        "framework": publish_framework(place, coordinator),
    }
    yield world
    cache.clear()


def assessing(world, *, task="catalogue"):
    challenge = ChallengeFactory(
        municipality=world["place"],
        organisation=world["organisation"],
        task=world["task"] if task == "catalogue" else task,
    )
    return to_assessment(challenge, coordinator=world["coordinator"], contact=world["contact"])


def staff_page(client, world, challenge, user_key="assessor", *, prefix="") -> str:
    client.force_login(world[user_key])
    url = prefix + reverse(
        "workspace:challenge_assessment",
        kwargs={"municipality": world["place"].slug, "reference": challenge.reference},
    )
    answer = client.get(url)
    assert answer.status_code == 200
    return answer.content.decode()


def public_page(client, challenge) -> str:
    client.logout()
    answer = client.get(
        reverse(
            "challenges:detail",
            kwargs={"municipality": "kampen", "reference": challenge.reference},
        )
    )
    assert answer.status_code == 200
    return answer.content.decode()


def scored_and_decided(world, challenge):
    assessment.scorecard_save(
        challenge=challenge,
        actor=world["assessor"],
        scores=full_scores(world["framework"]),
        submit=True,
    )
    return decide(challenge, world["decider"])


def result_header(page: str) -> str:
    """The result table's column of the current provider."""
    return page.split("<thead", 1)[1].split("</thead>", 1)[0].split("ou-num")[-1]


def test_the_assessor_scores_a_named_current_provider_and_sees_it_in_the_result(client, world):
    challenge = assessing(world)
    page = staff_page(client, world, challenge)
    assert f"De uitdagers worden vergeleken met de huidige uitvoerder: {NAME}." in page
    assert f"Score voor de huidige uitvoerder ({NAME})" in page
    assert f"Motivering voor de huidige uitvoerder ({NAME})" in page
    assert "Score voor de uitdagers</label>" in page  # the challengers' labels unchanged

    # A refused POST shows the same form again: still named.
    scores_url = reverse(
        "workspace:challenge_assessment_scores",
        kwargs={"municipality": world["place"].slug, "reference": challenge.reference},
    )
    data = scores_post(world["framework"]) | {"submit": "1"}
    refused = client.post(scores_url, {**data, next(k for k in data if "score_" in k): "9"})
    assert refused.status_code == 400
    assert f"Score voor de huidige uitvoerder ({NAME})" in refused.content.decode()

    assert client.post(scores_url, data).status_code == 302
    page = staff_page(client, world, challenge)
    assert f'Huidige uitvoerder <span class="ou-cell-name">({NAME})</span></th>' in result_header(
        page
    )
    assert f"de huidige uitvoerder ({NAME}): 1 — Onderbouwd." in page  # per assessor

    english = staff_page(client, world, challenge, prefix="/en")
    assert f'Current provider <span class="ou-cell-name">({NAME})</span></th>' in result_header(
        english
    )
    assert f"compared with the current provider: {NAME}." in english


def test_the_public_page_names_who_was_compared_on_the_day_of_the_decision(client, world):
    challenge = scored_and_decided(world, assessing(world))
    # Later the challengers take the task over: their contract starts after the decision. They
    # were not "the current provider" they were compared with.
    challengers, _new = Provider.objects.get_or_create(
        municipality=world["place"],
        name="Buurtcoöperatie De Maten",
        defaults={"kind": "cooperative"},
    )
    part_save(
        obj=Contract(
            task=world["task"],
            provider=challengers,
            value_per_year_eur=80_000,
            start_date=DECIDED_ON + 60 * DAY,
            end_date=DECIDED_ON + 800 * DAY,
        ),
        task=world["task"],
        municipality=world["place"],
        actor=world["coordinator"],
    )
    page = public_page(client, challenge)
    decision = page.split('id="besluit"', 1)[1]
    assert f"De uitdagers worden vergeleken met de huidige uitvoerder: {NAME}." in decision
    assert f'Huidige uitvoerder <span class="ou-cell-name">({NAME})</span></th>' in result_header(
        decision
    )
    assert "De Maten" not in decision
    staff = staff_page(client, world, challenge, "decider")
    assert f"huidige uitvoerder: {NAME}." in staff and "De Maten" not in staff


def test_a_changed_contract_reaches_the_cached_public_page(client, world):
    """The public challenge page is a fragment kept per municipality generation (ADR 8): the
    catalogue's services bump it, so the next visitor sees the new provider."""
    challenge = scored_and_decided(world, assessing(world))
    assert NAME in public_page(client, challenge)
    with CaptureQueriesContext(connection) as kept:
        assert NAME in public_page(client, challenge)
    assert not any("catalog_provider" in q["sql"] for q in kept.captured_queries), (
        "the second visit is served from the fragment"
    )

    other = Provider.objects.create(
        municipality=world["place"], name="Hoveniers Oost", kind="company"
    )
    contract = world["contract"]
    contract.provider = other
    part_save(
        obj=contract, task=world["task"], municipality=world["place"], actor=world["coordinator"]
    )
    page = public_page(client, challenge)
    assert "huidige uitvoerder: Hoveniers Oost." in page and NAME not in page


def test_every_running_provider_of_every_challenged_task_once(client, world):
    second = CatalogFactory(municipality=world["place"], department=world["task"].department)
    Provider.objects.filter(pk=second["provider"].pk).update(name="Aannemer Zuid")
    Contract.objects.filter(pk=second["contract"].pk).update(
        start_date=timezone.localdate() - 10 * DAY, end_date=timezone.localdate() + 10 * DAY
    )
    # The same provider on a second contract of the first task: named once.
    Contract.objects.create(
        task=world["task"],
        provider=world["contract"].provider,
        value_per_year_eur=1,
        start_date=timezone.localdate() - DAY,
        end_date=timezone.localdate() + DAY,
    )
    # Neither an ended contract nor one that only starts later is the current provider.
    for name, start, end in [
        ("Vroeger BV", -900, -1),
        ("Straks BV", 1, 900),
    ]:
        Contract.objects.create(
            task=second["task"],
            provider=Provider.objects.create(
                municipality=world["place"], name=name, kind="company"
            ),
            value_per_year_eur=1,
            start_date=timezone.localdate() + start * DAY,
            end_date=timezone.localdate() + end * DAY,
        )
    challenge = assessing(world)
    challenge.tasks.add(second["task"])
    page = staff_page(client, world, challenge)
    assert f"huidige uitvoerder: Aannemer Zuid en {NAME}." in page
    assert "Vroeger BV" not in page and "Straks BV" not in page


@pytest.mark.parametrize("why", ["not in the catalogue", "no running contract"])
def test_nobody_on_record_reads_as_before(client, world, why):
    if why == "no running contract":
        Contract.objects.filter(pk=world["contract"].pk).update(
            end_date=min(DECIDED_ON, timezone.localdate()) - DAY
        )
        challenge = assessing(world)
    else:
        challenge = assessing(world, task=None)  # only "other task", in words
    page = staff_page(client, world, challenge)
    assert "vergeleken met de huidige uitvoerder" not in page
    assert "Score voor de huidige uitvoerder</label>" in page
    challenge = scored_and_decided(world, challenge)
    for page in (staff_page(client, world, challenge), public_page(client, challenge)):
        assert "Huidige uitvoerder</th>" in result_header(page)
        assert "vergeleken met de huidige uitvoerder" not in page
        assert NAME not in page
