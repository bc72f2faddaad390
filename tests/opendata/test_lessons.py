"""The library of lessons across municipalities (/uitdaagrecht/lessen/), as a journalist or a
civil servant of another municipality uses it: filter by taakveld, kind of task, take over or
co-produce, the challengers' legal form, the conclusion and the province; search in Dutch; every
entry links to its municipality's page and the challenge; an Atom feed of new lessons. Never a
draft's evaluation, never the offer's texts or who recorded the evaluation. Paginated, the same
number of queries at ten times the lessons; a choice that does not exist is a clear 400."""

import itertools

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.atom import atom_errors
from tests.challenges.test_challenge_workflow import POSTGRES
from tests.factories import (
    ChallengeFactory,
    DepartmentFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffRoleFactory,
    UserFactory,
)
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.budgets.models import Taakveld
from uitdaagrecht.budgets.services import taakvelden_load
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.challenges.models import Challenge
from uitdaagrecht.monitoring.models import Evaluation
from uitdaagrecht.opendata.lessons import PAGE_SIZE

pytestmark = pytest.mark.django_db
URL = "/uitdaagrecht/lessen/"
FEED = "/uitdaagrecht/lessen/feed/"
_numbers = itertools.count(1)


def task(place, code: str) -> Task:
    n = next(_numbers)
    return Task.objects.create(
        municipality=place,
        title=f"Taak {n}",
        slug=f"taak-{n}",
        description="Een taak.",
        department=DepartmentFactory(municipality=place),
        taakveld=Taakveld.objects.get(code=code),
    )


def executing(challenge, state: str = "execution"):
    """The challenge carried out (the monitoring app's own tests walk the way there)."""
    Challenge.objects.filter(pk=challenge.pk).update(state=state)
    challenge.refresh_from_db()
    return challenge


def evaluation(challenge, recorder, **fields) -> Evaluation:
    values = {
        "kind": "final",
        "judgement_economic": "Goedkoper.",
        "judgement_social": "Socialer.",
        "judgement_democratic": "Meer zeggenschap.",
        "view_municipality": "Positief.",
        "evaluator": "Bureau Onderzoek",
        "conclusion": "continue",
        "conclusion_reasons": "Het werkt.",
        "lessons_worked": "Iets werkte.",
        "lessons_failed": "Iets niet.",
        "lessons_advice": "Doe het.",
        **fields,
    }
    return Evaluation.objects.create(challenge=challenge, recorded_by=recorder, **values)


@pytest.fixture
def library(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    taakvelden_load()
    zwolle = MunicipalityFactory(slug="zwolle", name="Zwolle", province="Overijssel")
    utrecht = MunicipalityFactory(slug="utrecht", name="Utrecht", province="Utrecht")
    recorder = StaffRoleFactory(municipality=zwolle, role=Role.COORDINATOR).user
    owner = UserFactory()
    park = executing(
        ChallengeFactory(
            municipality=zwolle,
            organisation=OrganisationFactory(owner=owner, name="Buurtkracht Assendorp"),
            task=task(zwolle, "5.7"),
            title="Buurt beheert het park",
            mode="take_over",
            plan_how="GEHEIM-PLAN van het aanbod",
        )
    )
    park_lesson = evaluation(
        park,
        recorder,
        lessons_worked="Vroeg beginnen met de buurtbewoners.",
        lessons_advice="Spreek vaste momenten af.",
    )
    coop = OrganisationFactory(owner=UserFactory(), name="Zorgcoöperatie Oost")
    coop.legal_form = "cooperative"
    coop.save(update_fields=["legal_form"])
    care = executing(
        ChallengeFactory(
            municipality=utrecht,
            organisation=coop,
            task=task(utrecht, "6.1"),
            title="Samen zorgen in Oost",
            mode="co_produce",
        ),
        "completed",
    )
    care_lesson = evaluation(
        care,
        recorder,
        kind="interim",
        conclusion="adjust",
        lessons_failed="De buurthuizen waren 's avonds dicht.",
    )
    draft = ChallengeFactory(
        municipality=zwolle,
        organisation=OrganisationFactory(owner=UserFactory(), name="Nog Geheim"),
        submitted=False,
        title="GEHEIM-CONCEPT",
    )
    evaluation(draft, recorder, lessons_worked="GEHEIM-CONCEPTLES")
    # Withdrawn or passed on: the challenge's page no longer shows its evaluations.
    for state in ("withdrawn", "redirected"):
        gone = executing(
            ChallengeFactory(
                municipality=zwolle,
                organisation=OrganisationFactory(owner=UserFactory(), name=f"Weg {state}"),
                title=f"GEHEIM-{state}",
            ),
            state,
        )
        evaluation(gone, recorder, lessons_worked=f"GEHEIM-LES-{state}")
    return {
        "park": park,
        "care": care,
        "park_lesson": park_lesson,
        "care_lesson": care_lesson,
        "recorder": recorder,
        "owner": owner,
        "zwolle": zwolle,
    }


def titles(client, query: str = "", status: int = 200) -> list[str]:
    response = client.get(URL + query)
    assert response.status_code == status, query
    return [e.challenge.title for e in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Samen zorgen in Oost", "Buurt beheert het park"]),
        ("?taakveld=5.7", ["Buurt beheert het park"]),
        ("?soort=6", ["Samen zorgen in Oost"]),
        ("?vorm=take_over", ["Buurt beheert het park"]),
        ("?vorm=co_produce", ["Samen zorgen in Oost"]),
        ("?rechtsvorm=cooperative", ["Samen zorgen in Oost"]),
        ("?rechtsvorm=association", ["Buurt beheert het park"]),
        ("?uitkomst=continue", ["Buurt beheert het park"]),
        ("?uitkomst=stop", []),
        ("?provincie=Overijssel", ["Buurt beheert het park"]),
        ("?provincie=Utrecht&vorm=co_produce&soort=6", ["Samen zorgen in Oost"]),
        ("?provincie=Utrecht&vorm=take_over", []),
        ("?zoek=Buurtbewoners", ["Buurt beheert het park"]),  # any case
        ("?zoek=vaste+momenten", ["Buurt beheert het park"]),
        ("?zoek=GEHEIM", []),  # never the draft's evaluation, never the offer's plan
    ],
)
def test_every_filter_and_the_search(client, library, query, expected):
    assert titles(client, query) == expected


@pytest.mark.skipif(not POSTGRES, reason="Dutch stemming is PostgreSQL's full text search")
def test_the_search_knows_dutch_word_forms(client, library):
    assert titles(client, "?zoek=avond") == ["Samen zorgen in Oost"]  # "'s avonds"
    assert titles(client, "?zoek=buurthuizen") == ["Samen zorgen in Oost"]
    assert titles(client, "?zoek=beginnen+buurtbewoner") == ["Buurt beheert het park"]


def test_every_entry_links_to_its_municipality_and_the_challenge(client, library):
    html = client.get(URL).content.decode()
    for challenge, lesson in ((library["park"], "park_lesson"), (library["care"], "care_lesson")):
        page = reverse(
            "challenges:detail",
            kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
        )
        assert f'href="{page}#evaluatie-{library[lesson].pk}"' in html
        assert f'href="{challenge.municipality.get_absolute_url()}"' in html
        # and the link works: the lesson is on the challenge's page
    park = client.get(
        reverse(
            "challenges:detail",
            kwargs={"municipality": "zwolle", "reference": library["park"].reference},
        )
    ).content.decode()
    assert "Vroeg beginnen met de buurtbewoners." in park
    assert "Vroeg beginnen met de buurtbewoners." in html
    assert "Zorgcoöperatie Oost" in html and "coöperatie" in html
    # The national view leads here.
    assert f'href="{URL}"' in client.get("/uitdaagrecht/").content.decode()


def test_no_draft_no_offer_text_and_no_names_for_anyone(client, library):
    secrets = [
        "GEHEIM",
        library["recorder"].email,
        library["recorder"].full_name,
        library["owner"].email,
        library["owner"].full_name,
        "Bureau Onderzoek",  # who evaluated is on the challenge's page, not in the library
    ]
    for visitor in (None, library["owner"], library["recorder"]):
        if visitor is not None:
            client.force_login(visitor)
        for url in (URL, URL + "?zoek=les", FEED):
            cache.clear()
            response = client.get(url)
            assert response.status_code == 200, (visitor, url)
            content = response.content.decode()
            assert all(secret not in content for secret in secrets), (visitor, url)


@pytest.mark.parametrize(
    "query",
    [
        "?provincie=Atlantis&zoek=vaste",
        "?taakveld=99.9&zoek=vaste",
        "?vorm=hostile&zoek=vaste",
        "?uitkomst=%3Cscript%3E&zoek=vaste",
        "?zoek=vaste&pagina=abc",
        "?zoek=" + "x" * 201,
    ],
)
def test_bad_input_is_named_in_dutch_and_the_rest_kept(client, library, query):
    response = client.get(URL + query)
    html = response.content.decode()
    if "pagina=abc" in query:  # not a page: the first
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert "Niet elke keuze kon worden gebruikt" in html
    assert html.count('aria-invalid="true"') == 1  # the field that was wrong, named
    if "zoek=vaste" in query:
        assert 'value="vaste"' in html
        # The valid choices still apply.
        assert [e.challenge.title for e in response.context["page"]] == ["Buurt beheert het park"]
    assert "<script>" not in html


def test_the_feed_of_new_lessons(client, library):
    response = client.get(FEED)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_errors(response.content) == []
    body = response.content.decode()
    assert body.index("Samen zorgen in Oost") < body.index("Buurt beheert het park")  # newest
    assert "Spreek vaste momenten af." in body
    assert f"#evaluatie-{library['park_lesson'].pk}" in body
    # The page announces it.
    assert f'type="application/atom+xml" href="{FEED}"' in client.get(URL).content.decode()


def test_pages_of_lessons(client, library):
    place, recorder = library["zwolle"], library["recorder"]
    organisation = library["park"].organisation
    for n in range(PAGE_SIZE):
        challenge = executing(
            ChallengeFactory(municipality=place, organisation=organisation, title=f"Uitdaging {n}")
        )
        evaluation(challenge, recorder)
    first = client.get(URL + "?provincie=Overijssel").content.decode()
    assert "Pagina 1 van 2" in first and 'rel="next"' in first
    second = client.get(URL + "?provincie=Overijssel&pagina=2")
    assert second.context["page"].number == 2
    assert [e.challenge.title for e in second.context["page"].object_list] == [
        "Buurt beheert het park"
    ]


def grow(place, recorder, organisation, n: int) -> None:
    """n more lessons, each of a challenge about a task of its own (the prefetch grows too)."""
    for _ in range(n):
        challenge = executing(
            ChallengeFactory(municipality=place, organisation=organisation, task=task(place, "5.7"))
        )
        evaluation(challenge, recorder)


def test_queries_do_not_grow_with_the_lessons(client, library, django_assert_num_queries):
    """Five queries at 1× and at 10× the lessons:
    1. the kinds of task (hoofdtaakvelden) and 2. the taakvelden for the filters,
    3. the count of the lessons that match, 4. one page of them with challenge, municipality
    and organisation, 5. the tasks (with their taakveld) of the challenges on the page."""
    place, recorder = library["zwolle"], library["recorder"]
    organisation = library["park"].organisation
    grow(place, recorder, organisation, 2)
    for query in ("", "?provincie=Overijssel&soort=5&vorm=take_over&zoek=werkte"):
        with django_assert_num_queries(5):
            assert client.get(URL + query).status_code == 200
    grow(place, recorder, organisation, 28)  # 10×
    for query in ("", "?provincie=Overijssel&soort=5&vorm=take_over&zoek=werkte"):
        with django_assert_num_queries(5):
            response = client.get(URL + query)
        assert len(response.context["page"].object_list) == PAGE_SIZE
    with django_assert_num_queries(2):  # the feed: the lessons and their tasks
        client.get(FEED)
