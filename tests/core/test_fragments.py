"""Fragment caches (core.fragments) never show stale data: for each cached fragment, a change of
what it shows is on the next request — with the local-memory cache and with Redis, on SQLite and
PostgreSQL, for anonymous and logged-in visitors (the page cache is off: fragments only)."""

import io
import os
import socket

import pytest
from django.core.cache import cache, caches

from tests.factories import CatalogFactory, MunicipalityFactory, UserFactory
from tests.iv3 import load_reference, rows_of
from uitdaagrecht.budgets.importer import import_iv3
from uitdaagrecht.tenants.models import Municipality
from uitdaagrecht.tenants.services import municipalities_load

pytestmark = pytest.mark.django_db

ZWOLLE = "GM0193"
# One Redis database per test worker (gw0 → 11, gw1 → 12; 13 is the scale-out test's): the
# `cache.clear()` of one worker does not empty what another is checking.
REDIS_URL = "redis://127.0.0.1:6379/{}".format(
    11 + int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0) % 2
)


def _redis_up() -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.fixture(params=["locmem", "redis"])
def fragment_cache(request, settings):
    if request.param == "redis":
        if not _redis_up():
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        settings.CACHES = {
            **settings.CACHES,
            "default": {"BACKEND": "uitdaagrecht.core.cache.RedisCache", "LOCATION": REDIS_URL},
        }
    else:
        settings.CACHES = {
            **settings.CACHES,
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 3600
    settings.STAFF_2FA_REQUIRED = False
    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture(params=["anonymous", "logged in"])
def visitor(request, client):
    if request.param == "logged in":
        client.force_login(UserFactory())
    return client


def _fragments_kept() -> bool:
    """Whether the cache holds a fragment now (so a test cannot pass by never caching)."""
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # locmem
        return any(":fragment:" in key for key in cache._cache)
    client = cache._cache.get_client()
    return any(b"fragment:" in key for key in client.keys("*"))


def test_the_municipality_list_on_the_home_page_follows_the_division(fragment_cache, visitor):
    municipalities_load()
    Municipality.objects.filter(cbs_code=ZWOLLE).update(name="Zwol")  # as an older division had it
    assert "Zwol</a>" in visitor.get("/").content.decode()
    assert _fragments_kept()
    municipalities_load()  # the current division renames it
    page = visitor.get("/").content.decode()
    assert "Zwolle</a>" in page and "Zwol</a>" not in page


def _with_amount(rows: list[list[str]], code: str, amount: str) -> list[list[str]]:
    """The same Iv3 rows, with taakveld `code` of the 2025 budget at another expenditure."""
    header = rows[0]
    at = {name: header.index(name) for name in ("jaar", "document", "taakveld_code")}
    spend = header.index("lasten_x1000_eur")
    changed = [header]
    for row in rows[1:]:
        row = list(row)
        if (row[at["jaar"]], row[at["document"]], row[at["taakveld_code"]]) == (
            "2025",
            "begroting",
            code,
        ):
            row[spend] = amount
        changed.append(row)
    return changed


@pytest.mark.parametrize(
    "url", ["/zwolle/begroting/?periode=2025-begroting", "/zwolle/begroting/0.1/"]
)
def test_budget_figures_follow_a_new_import(fragment_cache, visitor, url):
    load_reference(ZWOLLE)
    before = visitor.get(url).content.decode()
    assert "987.654" not in before
    assert _fragments_kept()
    report = import_iv3(rows=_with_amount(rows_of(ZWOLLE), "0.1", "987654"))
    assert report.changed == 1
    assert "987.654" in visitor.get(url).content.decode()


@pytest.mark.parametrize("url", ["/zwolle/taken/", "/zwolle/taken/?q=groen&status="])
def test_the_catalogue_follows_a_changed_task(fragment_cache, visitor, url):
    from uitdaagrecht.catalog.services import task_save

    task = CatalogFactory(municipality=MunicipalityFactory(slug="zwolle", name="Zwolle"))["task"]
    assert "Groen zwolle</a>" in visitor.get(url).content.decode()
    assert _fragments_kept()
    task.title = "Groen en bomen zwolle"
    task_save(task=task, actor=UserFactory())
    assert "Groen en bomen zwolle</a>" in visitor.get(url).content.decode()


def test_the_public_challenge_page_follows_its_timeline_and_the_feedback(fragment_cache, visitor):
    from tests.challenge_world import in_state, make_world, take
    from uitdaagrecht.challenges.workflow import State
    from uitdaagrecht.monitoring.services.feedback import feedback_hide, feedback_leave

    world = make_world()
    challenge = in_state(world, State.EXECUTION)
    url = f"/{world.place.slug}/uitdagingen/{challenge.reference}/"
    item = feedback_leave(
        challenge=challenge, rating=4, text="Het park is schoner.", email="", address="10.0.0.1"
    )
    page = visitor.get(url).content.decode()
    assert "Het park is schoner." in page and "Fase: evaluatie" not in page
    assert _fragments_kept()
    feedback_hide(feedback=item, actor=world.coordinator, reason="bevat een naam")
    page = visitor.get(url).content.decode()
    assert "Het park is schoner." not in page and "bevat een naam" in page
    take(world, challenge, "evaluate")  # a public phase change on the timeline
    assert "Fase: evaluatie" in visitor.get(url).content.decode()


def test_a_fragment_with_a_csrf_token_is_never_kept(fragment_cache, rf):
    from django.template import Context, Template

    request = rf.get("/")
    template = Template(
        '{% load fragments %}{% fragment "form" %}{% csrf_token %}{% endfragment %}'
    )
    html = template.render(Context({"request": request, "csrf_token": "secret-of-one-person"}))
    assert "secret-of-one-person" in html
    assert not _fragments_kept()


@pytest.mark.parametrize(
    "url", ["/zwolle/kalender/", "/zwolle/kalender/?q=groen", "/zwolle/taken/groen-zwolle/"]
)
def test_the_calendar_follows_a_changed_contract(fragment_cache, visitor, url):
    import datetime

    from uitdaagrecht.catalog.services import part_save, today

    made = CatalogFactory(municipality=MunicipalityFactory(slug="zwolle", name="Zwolle"))
    contract = made["contract"]
    contract.end_date = today() + datetime.timedelta(days=200)
    part_save(obj=contract, task=made["task"], municipality=made["task"].municipality, actor=None)
    assert "Hovenier " in visitor.get(url).content.decode()
    assert _fragments_kept()
    contract.provider.name = "Groenbedrijf De Linde"
    contract.provider.save()
    contract.end_date = today() + datetime.timedelta(days=300)
    part_save(obj=contract, task=made["task"], municipality=made["task"].municipality, actor=None)
    page = visitor.get(url).content.decode()
    assert "Groenbedrijf De Linde" in page and "Hovenier " not in page


@pytest.mark.parametrize("audience", ["staff", "challengers"])
def test_a_dossier_follows_its_timeline(fragment_cache, client, audience):
    """The timeline of a dossier changes without any public generation: an internal note, a
    message, a document published; each shows on the next request."""
    from tests.challenge_world import in_state, make_world, pdf_bytes, upload
    from uitdaagrecht.challenges.services import conversation, documents
    from uitdaagrecht.challenges.workflow import State

    world = make_world()
    challenge = in_state(world, State.INTAKE)
    if audience == "staff":
        client.force_login(world.coordinator)
        url = f"/{world.place.slug}/beheer/uitdagingen/{challenge.reference}/"
    else:
        client.force_login(world.resident)
        url = f"/{world.place.slug}/uitdagingen/{challenge.reference}/dossier/"
    assert "Wanneer kunnen we praten?" not in client.get(url).content.decode()
    assert _fragments_kept()
    conversation.message_post(
        challenge=challenge, actor=world.contact, text="Wanneer kunnen we praten?"
    )
    assert "Wanneer kunnen we praten?" in client.get(url).content.decode()
    conversation.note_add(
        challenge=challenge, actor=world.contact, text="Intern: bel de wethouder."
    )
    assert ("Intern: bel de wethouder." in client.get(url).content.decode()) == (
        audience == "staff"
    )
    event = documents.documents_add(
        challenge=challenge,
        actor=world.resident,
        files=[upload("plan.pdf", pdf_bytes(), "application/pdf")],
        consent_to_publish=True,
    )
    document = event.documents.get()
    # The documents table follows consent, which is no event on the timeline.
    assert ("Toestemming om openbaar te maken intrekken" in client.get(url).content.decode()) == (
        audience == "challengers"
    )
    documents.document_consent(document=document, actor=world.resident, consent=False)
    page = client.get(url).content.decode()
    assert ("Toestemming geven om openbaar te maken" in page) == (audience == "challengers")
    assert ("geen toestemming om openbaar te maken" in page) == (audience == "staff")
    documents.document_consent(document=document, actor=world.resident, consent=True)
    assert ("Openbaar maken</button>" in client.get(url).content.decode()) == (audience == "staff")
    before = client.get(url).content.decode().count("Document openbaar gemaakt")
    documents.document_publish(document=document, actor=world.contact)
    assert client.get(url).content.decode().count("Document openbaar gemaakt") == before + 1


def _normalised(html: str) -> str:
    import re

    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def test_pages_with_fragments_are_the_pages_without_them(fragment_cache, client, settings):
    """The same HTML (apart from whitespace) whether a fragment is rendered, found in the cache,
    or fragments are off: for every page that has one."""
    from tests.challenge_world import in_state, make_world
    from uitdaagrecht.challenges.workflow import State

    load_reference(ZWOLLE)
    world = make_world()
    challenge = in_state(world, State.EXECUTION)
    place, task = world.place.slug, world.task
    client.force_login(world.coordinator)
    urls = [
        "/",
        "/?q=zwolle",
        "/zwolle/begroting/",
        "/zwolle/begroting/0.1/",
        f"/{place}/taken/",
        f"/{place}/taken/{task.slug}/",
        f"/{place}/kalender/",
        f"/{place}/uitdagingen/{challenge.reference}/",
        f"/{place}/uitdagingen/",
        f"/{place}/criteria/",
        "/uitdaagrecht/",
        f"/{place}/beheer/uitdagingen/{challenge.reference}/",
        f"/{place}/beheer/uitdagingen/{challenge.reference}/beoordeling/",
    ]
    for url in urls:
        settings.FRAGMENT_CACHE_SECONDS = 0
        plain = client.get(url)
        settings.FRAGMENT_CACHE_SECONDS = 3600
        rendered, kept = client.get(url), client.get(url)
        assert plain.status_code == rendered.status_code == kept.status_code == 200, url
        assert _normalised(plain.content.decode()) == _normalised(rendered.content.decode()), url
        assert _normalised(rendered.content.decode()) == _normalised(kept.content.decode()), url
    assert _fragments_kept()


@pytest.mark.parametrize("query", ["", "?versie=1"])
def test_the_criteria_follow_a_new_version(fragment_cache, visitor, query):
    from tests.assessment_world import CRITERIA, publish_framework
    from tests.challenge_world import make_world

    world = make_world()
    publish_framework(world.place, world.coordinator)
    url = f"/{world.place.slug}/criteria/{query}"
    page = visitor.get(url).content.decode()
    assert "Wijkgevoel" not in page and "Versie 2" not in page
    assert _fragments_kept()
    publish_framework(
        world.place, world.coordinator, criteria=[*CRITERIA, ("social", "Wijkgevoel")]
    )
    page = visitor.get(url).content.decode()
    assert "Versie 2" in page
    assert ("Wijkgevoel" in page) == (query == "")  # version 1 stays as it was


@pytest.mark.parametrize("query", ["", "?fase=intake"])
def test_the_challenge_list_follows_a_new_phase(fragment_cache, visitor, query):
    from tests.challenge_world import in_state, make_world, take
    from uitdaagrecht.challenges.workflow import State

    world = make_world()
    challenge = in_state(world, State.SUBMITTED)
    url = f"/{world.place.slug}/uitdagingen/{query}"
    page = visitor.get(url).content.decode()
    assert (challenge.reference in page) == (query == "")
    assert _fragments_kept()
    take(world, challenge, "start_intake")
    page = visitor.get(url).content.decode()
    assert challenge.reference in page
    row = page[page.index(challenge.reference) :][:2000]
    assert "Intake" in row or "intake" in row


def test_an_answered_error_report_shows_on_the_cached_task_page(fragment_cache, client, settings):
    """The outcome of "Klopt dit niet?" is public on the page it is about: also when that page
    was in the page cache (anonymous) and in the fragment cache."""
    from tests.factories import StaffRoleFactory
    from uitdaagrecht.accounts.models import Role
    from uitdaagrecht.opendata.reports import report_answer, report_create, targets_of

    settings.PUBLIC_PAGE_CACHE_SECONDS = 3600
    place = MunicipalityFactory(slug="zwolle", name="Zwolle")
    task = CatalogFactory(municipality=place)["task"]
    target = targets_of(municipality=place, subject="task", key=str(task.pk))[0]
    report = report_create(municipality=place, target=target, wrong="De aannemer klopt niet.")
    assert "Wij hebben dit nagekeken." not in client.get(task.get_absolute_url()).content.decode()
    coordinator = StaffRoleFactory(municipality=place, role=Role.COORDINATOR).user
    report_answer(
        report=report,
        actor=coordinator,
        outcome="not_corrected",
        answer="Wij hebben dit nagekeken.",
    )
    assert "Wij hebben dit nagekeken." in client.get(task.get_absolute_url()).content.decode()


def test_the_national_pages_follow_every_municipality(fragment_cache, client, settings):
    """The home page and the national view are cached without a municipality: a challenge
    anywhere shows on the next request, with the page cache on."""
    from tests.challenge_world import in_state, make_world
    from uitdaagrecht.challenges.workflow import State

    settings.PUBLIC_PAGE_CACHE_SECONDS = 3600
    world = make_world()
    before = client.get("/uitdaagrecht/gemeenten.csv").content.decode()
    in_state(world, State.SUBMITTED)
    after = client.get("/uitdaagrecht/gemeenten.csv").content.decode()
    assert before != after


def test_the_budget_api_follows_a_new_import(fragment_cache, client):
    url = "/api/v1/municipalities/GM0193/budget/?year=2025&document=begroting"
    load_reference(ZWOLLE)
    assert "987654" not in client.get(url).content.decode()
    assert _fragments_kept()
    import_iv3(rows=_with_amount(rows_of(ZWOLLE), "0.1", "987654"))
    assert "987654" in client.get(url).content.decode()


@pytest.mark.parametrize("query", ["", "?provincie=Utrecht&sorteer=name"])
def test_the_national_view_follows_a_new_challenge(fragment_cache, visitor, query):
    from tests.challenge_world import in_state, make_world
    from uitdaagrecht.challenges.workflow import State

    world = make_world()
    world.place.__class__.objects.filter(pk=world.place.pk).update(province="Utrecht")
    url = f"/uitdaagrecht/{query}"
    assert "1 uitdaging" not in visitor.get(url).content.decode()
    assert _fragments_kept()
    in_state(world, State.SUBMITTED)
    assert "1 uitdaging" in visitor.get(url).content.decode()


def test_the_lessons_library_follows_a_new_evaluation(fragment_cache, visitor):
    from tests.challenge_world import in_state, make_world, take
    from tests.monitoring.test_monitoring import evaluation_values
    from uitdaagrecht.challenges.workflow import State
    from uitdaagrecht.monitoring.services.evaluations import evaluation_record

    world = make_world()
    challenge = in_state(world, State.EXECUTION)
    take(world, challenge, "evaluate")
    challenge.refresh_from_db()
    url = "/uitdaagrecht/lessen/"
    assert "Begin klein met drie straten." not in visitor.get(url).content.decode()
    assert _fragments_kept()
    evaluation_record(
        challenge=challenge,
        actor=world.coordinator,
        values=evaluation_values(lessons_advice="Begin klein met drie straten."),
    )
    assert "Begin klein met drie straten." in visitor.get(url).content.decode()


def _in_assessment():
    """A world with a published framework and a challenge in its assessment: (world, framework,
    challenge, the staff assessment page's URL)."""
    from tests.assessment_world import publish_framework, to_assessment
    from tests.challenge_world import in_state, make_world
    from uitdaagrecht.challenges.workflow import State

    world = make_world()
    framework = publish_framework(world.place, world.coordinator)
    challenge = to_assessment(
        in_state(world, State.INTAKE), coordinator=world.coordinator, contact=world.contact
    )
    url = f"/{world.place.slug}/beheer/uitdagingen/{challenge.reference}/beoordeling/"
    return world, framework, challenge, url


def test_the_assessment_result_follows_every_submitted_scorecard(fragment_cache, client):
    """The result side by side and the scores per assessor (a fragment keyed by the timeline:
    every submitted scorecard is an event) show a new scorecard on the next request."""
    from tests.assessment_world import full_scores
    from tests.factories import StaffRoleFactory
    from uitdaagrecht.accounts.models import Role
    from uitdaagrecht.assessment.services import scorecard_save

    world, framework, challenge, url = _in_assessment()
    first, second = (
        StaffRoleFactory(municipality=world.place, role=Role.ASSESSOR).user for _ in range(2)
    )
    scorecard_save(
        challenge=challenge,
        actor=first,
        scores=full_scores(framework, 3, "Eerste oordeel."),
        submit=True,
    )
    client.force_login(world.coordinator)
    page = client.get(url).content.decode()
    assert "Eerste oordeel." in page and "gemiddelde score van 1 beoordelaar" in page
    assert _fragments_kept()
    scorecard_save(
        challenge=challenge,
        actor=second,
        scores=full_scores(framework, 1, "Tweede oordeel."),
        submit=True,
    )
    page = client.get(url).content.decode()
    assert "Tweede oordeel." in page and "gemiddelde scores van 2 beoordelaars" in page


def test_the_offer_in_a_dossier_follows_a_renamed_task(fragment_cache, client):
    """The offer as the challengers wrote it is kept per challenge version; the title of the
    challenged task in it follows the catalogue."""
    from tests.challenge_world import in_state, make_world
    from uitdaagrecht.catalog.services import task_save
    from uitdaagrecht.challenges.workflow import State

    world = make_world()
    challenge = in_state(world, State.INTAKE)
    client.force_login(world.coordinator)
    url = f"/{world.place.slug}/beheer/uitdagingen/{challenge.reference}/"
    assert world.task.title in client.get(url).content.decode()
    assert _fragments_kept()
    world.task.title = "Buurthuis De Schakel, beheer en programma"
    task_save(task=world.task, actor=world.coordinator)
    assert "Buurthuis De Schakel, beheer en programma" in client.get(url).content.decode()


def test_a_new_release_never_serves_what_the_older_one_rendered(fragment_cache, monkeypatch):
    """After a deploy (other code, templates, translations or static files) every page and
    fragment is rendered anew; app servers of one release share what they rendered."""
    from uitdaagrecht.core import caching, fragments

    rendered = []

    def render() -> str:
        rendered.append(1)
        return "<p>Begroting</p>"

    fragments.cached("release-test", render)
    fragments.cached("release-test", render)
    assert len(rendered) == 1
    monkeypatch.setattr(caching, "release", lambda: "a-newer-release")
    fragments.cached("release-test", render)
    assert len(rendered) == 2


def test_the_release_is_the_content_of_the_installed_files(tmp_path, monkeypatch):
    from uitdaagrecht.core import caching

    def release_of(files: dict) -> str:
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        monkeypatch.setattr(caching, "PACKAGE", tmp_path)
        return caching.release.__wrapped__()

    first = release_of({"templates/base.html": "<p>a</p>", "core/views.py": "x = 1"})
    assert release_of({}) == first  # the same files, read again (on another server)
    (tmp_path / "core/__pycache__").mkdir()
    assert release_of({"core/__pycache__/views.pyc": "compiled"}) == first
    assert release_of({"templates/base.html": "<p>b</p>"}) != first


def test_the_assessment_page_follows_advice_and_decisions(fragment_cache, client):
    """The advice and the decisions on the staff assessment page (fragments keyed by the
    timeline: asking and giving advice, deciding and correcting are events)."""
    from tests.assessment_world import DECISION, advice_given, decide
    from uitdaagrecht.assessment.services import decision_correct

    world, _framework, challenge, url = _in_assessment()
    client.force_login(world.coordinator)
    page = client.get(url).content.decode()
    assert "Nog geen advies gevraagd." in page and "Nog geen besluit." in page
    assert _fragments_kept()
    advice_given(
        challenge,
        department=world.owning,
        coordinator=world.coordinator,
        advisor=world.advisor,
        text="De buurt kan dit goed.",
    )
    assert "De buurt kan dit goed." in client.get(url).content.decode()
    challenge = decide(challenge, world.decision_maker, reasons="Meer zeggenschap in de wijk.")
    assert "Meer zeggenschap in de wijk." in client.get(url).content.decode()
    decision_correct(
        decision=challenge.decisions.get(),
        actor=world.decision_maker,
        values={**DECISION, "reasons": "Gecorrigeerd: meer zeggenschap."},
    )
    assert "Gecorrigeerd: meer zeggenschap." in client.get(url).content.decode()


def test_the_assessment_page_names_the_current_provider_of_the_catalogue(fragment_cache, client):
    """The head of the assessment page (a fragment per timeline and day) names the current
    provider of the challenged task: a contract saved in the catalogue shows on the next request."""
    import datetime

    from uitdaagrecht.catalog.models import Contract, Provider
    from uitdaagrecht.catalog.services import part_save

    world, _framework, _challenge, url = _in_assessment()
    client.force_login(world.coordinator)
    assert "Groenbedrijf De Linde" not in client.get(url).content.decode()
    assert _fragments_kept()
    contract = Contract(
        task=world.task,
        provider=Provider.objects.create(
            municipality=world.place, name="Groenbedrijf De Linde", kind="company"
        ),
        value_per_year_eur=1000,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2099, 12, 31),
    )
    part_save(obj=contract, task=world.task, municipality=world.place, actor=world.coordinator)
    page = client.get(url).content.decode()
    assert "huidige uitvoerder: Groenbedrijf De Linde." in page


# The nested parts of the API lists' rows (core.fragments.cached_parts), kept per object.


def test_the_challenges_api_follows_the_timeline_and_the_documents(
    fragment_cache, client, documents_storage
):
    from tests.challenge_world import in_state, make_world, pdf_bytes, take, upload
    from uitdaagrecht.challenges.services import documents
    from uitdaagrecht.challenges.workflow import State

    world = make_world()
    challenge = in_state(world, State.INTAKE)
    other = in_state(world, State.INTAKE)
    event = documents.documents_add(
        challenge=challenge,
        actor=world.resident,
        files=[upload("plan.pdf", pdf_bytes(), "application/pdf")],
        consent_to_publish=True,
    )

    def row(reference: str) -> dict:
        rows = client.get("/api/v1/challenges/").json()["results"]
        return next(r for r in rows if r["reference"] == reference)

    before = row(challenge.reference)
    assert before["documents"] == [] and _fragments_kept()
    documents.document_publish(document=event.documents.get(), actor=world.contact)
    after = row(challenge.reference)
    assert [d["name"] for d in after["documents"]] == ["plan.pdf"]
    assert after["documents"][0]["url"].startswith("http://testserver/")
    take(world, other, "accept")  # a public phase change on the other's timeline
    moved = row(other.reference)
    assert moved["phase"] == "assessment"
    assert moved["events"][-1]["to_state"] == "assessment"


def test_the_tasks_api_follows_finances_providers_and_the_day(fragment_cache, client, monkeypatch):
    import datetime

    from uitdaagrecht.catalog.services import part_save
    from uitdaagrecht.opendata import catalog_api

    made = CatalogFactory(municipality=MunicipalityFactory(slug="zwolle", name="Zwolle"))
    task, contract = made["task"], made["contract"]

    def row() -> dict:
        return client.get("/api/v1/tasks/").json()["results"][0]

    assert row()["providers"] == [contract.provider.name] and _fragments_kept()
    finance = task.finances.get()
    finance.budget_eur = 123_456
    part_save(obj=finance, task=task, municipality=task.municipality, actor=None)
    assert row()["finances"][0]["budget_eur"] == 123_456
    # Nothing written, only a day later: the contract has ended, its provider is gone.
    monkeypatch.setattr(
        catalog_api, "today", lambda: contract.end_date + datetime.timedelta(days=1)
    )
    assert row()["providers"] == []


def test_a_process_asks_the_shared_cache_only_for_the_generations_once_it_read_a_page(
    fragment_cache, client, monkeypatch
):
    CatalogFactory(municipality=MunicipalityFactory(slug="zwolle", name="Zwolle"))
    first = client.get("/zwolle/taken/").content
    assert _fragments_kept()
    asked, shared = [], caches["default"]
    for method in ("get", "get_many"):
        real = getattr(shared, method)

        def spy(keys, *args, real=real, **kwargs):
            asked.extend([keys] if isinstance(keys, str) else keys)
            return real(keys, *args, **kwargs)

        monkeypatch.setattr(shared, method, spy)
    assert client.get("/zwolle/taken/").content == first
    assert asked and all(key.startswith("gen:") for key in asked), asked


def test_a_change_by_hand_is_served_after_invalidate_caches(fragment_cache, client):
    from django.core.management import call_command

    from uitdaagrecht.catalog.models import Task

    task = CatalogFactory(municipality=MunicipalityFactory(slug="zwolle", name="Zwolle"))["task"]
    assert "Groen zwolle</a>" in client.get("/zwolle/taken/").content.decode()
    assert client.get("/api/v1/tasks/").json()["results"][0]["providers"]
    Task.objects.filter(pk=task.pk).update(title="Bomen zwolle")  # not through the services
    task.contracts.all().delete()
    call_command("invalidate_caches", stdout=io.StringIO())
    assert "Bomen zwolle</a>" in client.get("/zwolle/taken/").content.decode()
    assert client.get("/api/v1/tasks/").json()["results"][0]["providers"] == []
