"""The authorisation matrix of challenges (issue 4, "Quality"; DESIGN.md §2, §4).

Every URL of the challenges app, every challenge page of the staff workspace and the challenges
API × every kind of visitor → the expected answer, written out by hand below (not derived from
the code under test). The URLs come from the URL configuration, and a test makes sure the table
covers all of them. A refused request changes nothing; a granted POST changes something.

Besides the matrix: guessed and forged ids of other organisations' drafts and documents give
404, staff never open a draft, a contact person who is not assigned cannot post messages,
challengers never see internal notes or documents, and the public page and the API never show
residents' names or e-mail addresses, internal notes or draft content.

Issue 5 ("Quality"): the challengers' agreement pages are in the matrix; an assessor sees other
assessors' scores only after submitting their own, an advisor never decides, only an owner of the
organisation signs for it, nobody edits a published decision or a signed agreement version, and
the public page, the decisions feed and the API show no names of civil servants or residents and
nothing marked confidential. (The staff pages of the assessment: tests/test_permissions.py.)
"""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, reverse

from tests.assessment_world import advice_given, agreement_post, decide, propose, to_assessment
from tests.factories import (
    CatalogFactory,
    ChallengeFactory,
    DepartmentFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffRoleFactory,
    UserFactory,
)
from uitdaagrecht.accounts.models import Role, StaffRole
from uitdaagrecht.agreements.models import BudgetLine, Result, Risk, Version
from uitdaagrecht.assessment.models import AdviceRequest, Decision, Score, Scorecard
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges import urls as challenge_urls
from uitdaagrecht.challenges.models import Challenge, Document, Event, Term
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.conf import workspace_urls
from uitdaagrecht.notifications.models import Notification
from uitdaagrecht.opendata.urls import router

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------- the visitors

VISITORS = (
    "anonymous",
    "owner",  # owner of the organisation that submitted the challenge
    "member",  # member of that organisation
    "other_challenger",  # owner of another organisation (with its own drafts and challenge)
    "coordinator",
    "contact",  # the contact person assigned to the challenge
    "other_contact",  # has the role of contact person, but not for this challenge
    "advisor",
    "assessor",
    "decision_maker",
    "admin",  # municipal administrator
    "elsewhere",  # has every staff role, in another municipality
)
GROUPS = {
    "challengers": ("owner", "member"),
    "staff": (
        "coordinator",
        "contact",
        "other_contact",
        "advisor",
        "assessor",
        "decision_maker",
        "admin",
    ),
}
LOGIN = "login"  # 302 to the login page


def outcome(rest, **codes) -> dict:
    """Every visitor gets `rest`, except those named (a visitor or a group of GROUPS)."""
    result = dict.fromkeys(VISITORS, rest)
    for key, code in codes.items():
        for visitor in GROUPS.get(key, (key,)):
            result[visitor] = code
    return result


# ---------------------------------------------------------------- the expected outcome

# URL name → (answer to GET, answer to POST) per visitor. The challenge is in intake, with
# "contact" as its contact person; POSTs carry valid data, so a refusal is the permission's.
PUBLIC = (outcome(200), outcome(405))
POST_ONLY = outcome(405)  # require_POST comes before everything else, login included
MATRIX = {
    # Public pages and the API: the same for everyone, read-only.
    "challenges:list": PUBLIC,
    "challenges:process": PUBLIC,
    "challenges:detail": PUBLIC,
    "opendata:challenge-list": PUBLIC,
    # Starting a draft: anyone logged in sees the page (staff without an organisation are told
    # to register one); only members of the chosen organisation can start one for it.
    "challenges:draft_start": (
        outcome(200, anonymous=LOGIN),
        outcome(200, anonymous=LOGIN, challengers=302, other_challenger=400),
    ),
    # A draft: its organisation only; to everybody else it does not exist, staff included.
    "challenges:draft_step": (
        outcome(404, anonymous=LOGIN, challengers=200),
        outcome(404, anonymous=LOGIN, challengers=302),
    ),
    # A document that is neither public nor internal: the challengers and the municipality's
    # staff. Anonymous visitors get 404, not the login page: its existence is not revealed.
    "challenges:document": (
        outcome(404, challengers=200, staff=200),
        outcome(404, challengers=200, staff=200),
    ),
    # The challengers' dossier: staff use the workspace one.
    "challenges:dossier": (
        outcome(404, anonymous=LOGIN, challengers=200),
        outcome(404, anonymous=LOGIN, challengers=200),
    ),
    "challenges:dossier_transition": (POST_ONLY, outcome(404, anonymous=LOGIN, challengers=302)),
    "challenges:dossier_message": (POST_ONLY, outcome(404, anonymous=LOGIN, challengers=302)),
    "challenges:dossier_documents": (POST_ONLY, outcome(404, anonymous=LOGIN, challengers=302)),
    "challenges:dossier_consent": (POST_ONLY, outcome(404, anonymous=LOGIN, challengers=302)),
    # The workspace: staff of the municipality; everybody else logged in gets 403.
    "workspace:challenges": (
        outcome(403, anonymous=LOGIN, staff=200),
        outcome(403, anonymous=LOGIN, staff=200),
    ),
    "workspace:challenge_terms": (
        outcome(403, anonymous=LOGIN, coordinator=200, admin=200),
        outcome(403, anonymous=LOGIN, coordinator=302, admin=302),
    ),
    "workspace:challenge": (
        outcome(403, anonymous=LOGIN, staff=200),
        outcome(403, anonymous=LOGIN, staff=200),
    ),
    "workspace:challenge_message": (
        POST_ONLY,
        outcome(403, anonymous=LOGIN, coordinator=302, contact=302),
    ),
    "workspace:challenge_documents": (POST_ONLY, outcome(403, anonymous=LOGIN, staff=302)),
    # The staff actions with a page of their own: GET shows the form to who may act.
    "workspace:challenge_note": (
        outcome(403, anonymous=LOGIN, staff=200),
        outcome(403, anonymous=LOGIN, staff=302),
    ),
    "workspace:challenge_contact": (
        outcome(403, anonymous=LOGIN, coordinator=200, contact=200),
        outcome(403, anonymous=LOGIN, coordinator=302, contact=302),
    ),
    "workspace:challenge_assign": (
        outcome(403, anonymous=LOGIN, coordinator=200),
        outcome(403, anonymous=LOGIN, coordinator=302),
    ),
    "workspace:challenge_pause": (
        outcome(403, anonymous=LOGIN, coordinator=200, contact=200),
        outcome(403, anonymous=LOGIN, coordinator=302, contact=302),
    ),
    "workspace:challenge_resume": (
        POST_ONLY,
        outcome(403, anonymous=LOGIN, coordinator=302, contact=302),
    ),
    "workspace:challenge_extend": (
        outcome(403, anonymous=LOGIN, coordinator=200),
        outcome(403, anonymous=LOGIN, coordinator=302),
    ),
    # accept (intake → assessment): the coordinator's; not the decision maker's.
    "workspace:challenge_transition": (
        POST_ONLY,
        outcome(403, anonymous=LOGIN, coordinator=302),
    ),
    "workspace:challenge_publish": (
        POST_ONLY,
        outcome(403, anonymous=LOGIN, coordinator=302, contact=302),
    ),
    # The agreements in the challengers' dossier (the challenge accepted, in the agreements
    # phase, with a version the municipality proposed and nobody signed yet). Staff use the
    # workspace's agreement pages (tests/test_permissions.py): here they are not members, 404.
    "challenges:dossier_agreements": (
        outcome(404, anonymous=LOGIN, challengers=200),
        outcome(404, anonymous=LOGIN, challengers=200),
    ),
    # Either challenger may propose a new version …
    "challenges:dossier_agreements_propose": (
        outcome(404, anonymous=LOGIN, challengers=200),
        outcome(404, anonymous=LOGIN, challengers=302),
    ),
    # … but only an owner of the organisation signs for it.
    # GET shows what is signed, with "I agree" (agreements/views.py sign).
    "challenges:dossier_agreements_sign": (
        outcome(404, anonymous=LOGIN, owner=200, member=403),
        outcome(404, anonymous=LOGIN, owner=302, member=403),
    ),
}
# The URLs about the agreements: the challenge must have come that far (see in_agreements).
AGREEMENT_URLS = {
    "challenges:dossier_agreements",
    "challenges:dossier_agreements_propose",
    "challenges:dossier_agreements_sign",
}
# Granted POSTs that change nothing: the term is not paused, so "this challenge has changed".
EFFECTLESS = {"workspace:challenge_resume"}


from uitdaagrecht.challenges.extensions import registry  # noqa: E402
from uitdaagrecht.monitoring.extension import EXTENSION as MONITORING_EXTENSION  # noqa: E402

EXTENSION_PAGES = ("challenge_assessment", "challenge_advice_request", "challenge_agreements")
# Execution and evaluation have a matrix of their own (tests/monitoring/test_monitoring_permissions.py).
MONITORING = {a.name for a in registry.actions.values() if a in MONITORING_EXTENSION.actions}


def url_names() -> set[str]:
    """Every challenge URL of the URL configuration."""
    names = {
        f"challenges:{p.name}"
        for p in challenge_urls.urlpatterns
        if p.name.removeprefix("dossier_") not in MONITORING
    }
    names |= {
        f"workspace:{p.name}"
        for p in workspace_urls.urlpatterns
        if isinstance(p, URLPattern)
        and p.name.startswith("challenge")
        # The staff pages of the assessment and agreements: the workspace's matrix
        # (tests/test_permissions.py, ASSESSMENT_PAGES and AGREEMENT_PAGES).
        and not p.name.startswith(EXTENSION_PAGES)
        and p.name.removeprefix("challenge_") not in MONITORING
    }
    names |= {f"opendata:{p.name}" for p in router.urls if p.name.startswith("challenge-")}
    return names


def converters(name: str) -> set[str]:
    namespace, short = name.split(":")
    patterns = {
        "challenges": challenge_urls.urlpatterns,
        "workspace": workspace_urls.urlpatterns,
        "opendata": router.urls,
    }[namespace]
    found = [p for p in patterns if isinstance(p, URLPattern) and p.name == short]
    return set().union(*(p.pattern.regex.groupindex for p in found))


def test_the_table_covers_every_challenge_url():
    assert url_names() == set(MATRIX)


# ---------------------------------------------------------------- the world

SECRET_NOTE = "Intern-7431: de wethouder twijfelt"
DRAFT_TITLE = "Concept-5512 speeltuin"
DRAFT_SUMMARY = "Concept-5512 samenvatting"
MESSAGE = "Bericht-2209 van de bewoners"


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


@pytest.fixture(autouse=True)
def documents_dir(documents_storage):
    return documents_storage


@pytest.fixture
def world(settings) -> dict:
    settings.STAFF_2FA_REQUIRED = False
    here = MunicipalityFactory(name="Hier", slug="hier")
    there = MunicipalityFactory(name="Daar", slug="daar")
    owning = DepartmentFactory(municipality=here, name="Groen")
    neutral = DepartmentFactory(municipality=here, name="Bestuurszaken")
    task = CatalogFactory(municipality=here, department=owning)["task"]
    people = {
        "coordinator": StaffRoleFactory(municipality=here, role=Role.COORDINATOR).user,
        "contact": StaffRoleFactory(
            municipality=here, role=Role.CONTACT_PERSON, department=neutral
        ).user,
        "other_contact": StaffRoleFactory(
            municipality=here, role=Role.CONTACT_PERSON, department=neutral
        ).user,
        "advisor": StaffRoleFactory(municipality=here, role=Role.ADVISOR, department=owning).user,
        "assessor": StaffRoleFactory(municipality=here, role=Role.ASSESSOR).user,
        "decision_maker": StaffRoleFactory(municipality=here, role=Role.DECISION_MAKER).user,
        "admin": StaffRoleFactory(municipality=here, role=Role.MUNICIPAL_ADMIN).user,
        "elsewhere": UserFactory(),
        "owner": UserFactory(full_name="Annelies Bewonersma", email="annelies@bewoners.example"),
        "member": UserFactory(full_name="Bram Buurtgenoot", email="bram@bewoners.example"),
        "other_challenger": UserFactory(full_name="Chris Anderen", email="chris@ander.example"),
    }
    for role in Role:
        StaffRole.objects.create(user=people["elsewhere"], municipality=there, role=role)
    organisation = OrganisationFactory(
        owner=people["owner"], members=[people["member"]], name="Buurtkracht Hier"
    )
    other_organisation = OrganisationFactory(
        owner=people["other_challenger"], name="Ander Collectief"
    )

    # The challenge: submitted, in intake, with a contact person and a conversation.
    challenge = ChallengeFactory(municipality=here, organisation=organisation, task=task)
    coordinator, owner = people["coordinator"], people["owner"]
    challenge = services.transition(
        challenge=challenge, action="start_intake", actor=coordinator, version=challenge.version
    )
    challenge = services.contact_person_assign(
        challenge=challenge, person=people["contact"], actor=coordinator, version=challenge.version
    )
    services.message_post(challenge=challenge, actor=owner, text=MESSAGE)
    services.documents_add(
        challenge=challenge, actor=owner, files=[pdf("begroting.pdf")], consent_to_publish=True
    )
    services.documents_add(
        challenge=challenge, actor=owner, files=[pdf("openbaar.pdf")], consent_to_publish=True
    )
    services.document_publish(
        document=Document.objects.get(name="openbaar.pdf"), actor=people["contact"]
    )
    services.note_add(
        challenge=challenge, actor=coordinator, text=SECRET_NOTE, files=[pdf("intern-advies.pdf")]
    )
    # A draft of the same organisation, with a document.
    draft = ChallengeFactory(
        municipality=here,
        organisation=organisation,
        submitted=False,
        title=DRAFT_TITLE,
        summary=DRAFT_SUMMARY,
    )
    services.documents_add(challenge=draft, actor=owner, files=[pdf("concept.pdf")])
    # Another organisation's draft and submitted challenge, with a document each.
    other_draft = ChallengeFactory(
        municipality=here, organisation=other_organisation, submitted=False, title=DRAFT_TITLE
    )
    services.documents_add(
        challenge=other_draft, actor=people["other_challenger"], files=[pdf("hun-concept.pdf")]
    )
    other_challenge = ChallengeFactory(municipality=here, organisation=other_organisation)
    services.documents_add(
        challenge=other_challenge,
        actor=people["other_challenger"],
        files=[pdf("hun-plan.pdf")],
        consent_to_publish=True,
    )
    challenge.refresh_from_db()
    return {
        "here": here,
        "there": there,
        "task": task,
        "organisation": organisation,
        "other_organisation": other_organisation,
        "people": people,
        "challenge": challenge,
        "draft": draft,
        "other_draft": other_draft,
        "other_challenge": other_challenge,
        "document": Document.objects.get(name="begroting.pdf"),
        "public_document": Document.objects.get(name="openbaar.pdf"),
        "internal_document": Document.objects.get(name="intern-advies.pdf"),
        "draft_document": Document.objects.get(name="concept.pdf"),
        "other_draft_document": Document.objects.get(name="hun-concept.pdf"),
        "other_document": Document.objects.get(name="hun-plan.pdf"),
    }


# Which object each URL is about, by the name of its pk.
PK_OF = {
    "challenges:draft_step": "draft",
    "challenges:document": "document",
    "challenges:dossier_consent": "document",
    "workspace:challenge_publish": "document",
}
ACTION_OF = {
    "challenges:dossier_transition": "withdraw",
    "workspace:challenge_transition": "accept",
}


def url_of(name: str, world: dict, **overrides) -> str:
    """The URL of `name` in `world`, with its arguments from the pattern's converters."""
    wanted = converters(name)
    kwargs = {}
    if "municipality" in wanted or not name.startswith("opendata:"):
        kwargs["municipality"] = world["here"].slug
    if "reference" in wanted:
        kwargs["reference"] = world["challenge"].reference
    if "pk" in wanted:
        kwargs["pk"] = world[PK_OF[name]].pk
    if "step" in wanted:
        kwargs["step"] = 1
    if "action" in wanted:
        kwargs["action"] = ACTION_OF[name]
    if "number" in wanted:
        kwargs["number"] = world["agreement"].number
    return reverse(name, kwargs={**kwargs, **overrides})


def in_agreements(world: dict, *, proposer: str = "contact") -> dict:
    """The world's challenge accepted for assessment, decided (accepted) by the decision maker,
    and a first version of the agreements proposed by `proposer`, signed by nobody yet."""
    people = world["people"]
    challenge = to_assessment(
        world["challenge"], coordinator=people["coordinator"], contact=people["contact"]
    )
    challenge = decide(challenge, people["decision_maker"])
    agreement = propose(challenge, people[proposer])
    challenge.refresh_from_db()
    return world | {"challenge": challenge, "agreement": agreement}


def data_for(name: str, world: dict) -> dict:
    """A valid POST for `name`: the form is fine, only the permission decides."""
    version = world["challenge"].version
    return {
        "challenges:draft_start": {"organisation": world["organisation"].pk, "title": "Nieuw"},
        "challenges:draft_step": {"title": "Anders", "mode": "take_over", "other_task": "Park"},
        "challenges:dossier_transition": {
            "withdraw-version": version,
            "withdraw-reason": "Wij stoppen ermee",
        },
        "challenges:dossier_message": {"text": "Hoe staat het ervoor?"},
        "challenges:dossier_documents": {"files": pdf("steunbetuigingen.pdf")},
        "challenges:dossier_consent": {"consent": "0"},
        "workspace:challenge_terms": {
            "submitted": "5",
            "intake": "20",
            "assessment": "60",
            "agreements": "30",
            "evaluation": "30",
        },
        "workspace:challenge_message": {"text": "Zullen we bellen?"},
        "workspace:challenge_documents": {"files": pdf("advies.pdf")},
        "workspace:challenge_note": {"text": "Intern"},
        "workspace:challenge_contact": {
            "channel": "call",
            "on": "2030-01-02",
            "summary": "Gebeld",
        },
        "workspace:challenge_assign": {
            "version": version,
            "person": world["people"]["other_contact"].pk,
        },
        "workspace:challenge_pause": {"version": version, "question": "Welke vrijwilligers?"},
        "workspace:challenge_resume": {"version": version},
        "workspace:challenge_extend": {"version": version, "days": "7", "reason": "Vakantie"},
        "workspace:challenge_transition": {
            "accept-version": version,
            "accept-reason": "Past bij het uitdaagrecht",
        },
        "challenges:dossier_agreements_propose": agreement_post(term_months=36),
        "challenges:dossier_agreements_sign": {"agree": "on"},
    }.get(name, {})


def state() -> list:
    """Everything a request about a challenge could change."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Challenge,
            Event,
            Document,
            Term,
            Notification,
            AdviceRequest,
            Scorecard,
            Score,
            Decision,
            Version,
            BudgetLine,
            Result,
            Risk,
        )
    ]


def login(client, world: dict, visitor: str) -> None:
    client.logout()
    if visitor != "anonymous":
        client.force_login(world["people"][visitor])


def answer(response):
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def request(client, method: str, url: str, data: dict | None = None):
    response = getattr(client, method)(url, data or {})
    if response.streaming:
        # A download: read it to the end, which closes the file the way a server would (calling
        # response.close() directly would also close the test's database connection).
        b"".join(response.streaming_content)
    return response


# ---------------------------------------------------------------- the matrix


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_visitor_on_every_challenge_url(client, world, name):
    """Each visitor in a savepoint that is rolled back: every visitor finds the same world."""
    expected_get, expected_post = MATRIX[name]
    got_get, got_post, wrong_effect = {}, {}, {}
    if name in AGREEMENT_URLS:
        world = in_agreements(world)
    url = url_of(name, world)
    for visitor in VISITORS:
        with transaction.atomic():
            cache.clear()
            login(client, world, visitor)
            before = state()
            got_get[visitor] = answer(request(client, "get", url))
            if state() != before:
                wrong_effect[visitor] = "GET changed something"
            got_post[visitor] = answer(request(client, "post", url, data_for(name, world)))
            changed = state() != before
            granted = got_post[visitor] == 302 and name not in EFFECTLESS
            if changed != granted:
                wrong_effect[visitor] = f"POST {got_post[visitor]}, changed: {changed}"
            transaction.set_rollback(True)
    assert got_get == expected_get
    assert got_post == expected_post
    assert wrong_effect == {}


# ---------------------------------------------------------------- guessed and forged ids


def assert_not_found(client, url: str, data: dict | None = None) -> None:
    before = state()
    assert request(client, "get", url).status_code in (404, 405), url
    assert request(client, "post", url, data).status_code == 404, url
    assert state() == before


def test_guessed_and_forged_ids_of_another_organisations_drafts_are_not_found(client, world):
    client.force_login(world["people"]["owner"])
    slug = world["here"].slug
    other_draft = world["other_draft"]
    missing = Challenge.objects.order_by("-pk").first().pk + 100
    for pk in (other_draft.pk, missing):  # forged: exists; guessed: does not exist
        for step in (1, 5, 6):
            url = reverse(
                "challenges:draft_step", kwargs={"municipality": slug, "pk": pk, "step": step}
            )
            assert_not_found(client, url, {"title": "Overgenomen", "version": 1})
    # Its own draft, under another municipality's address.
    url = reverse(
        "challenges:draft_step",
        kwargs={"municipality": world["there"].slug, "pk": world["draft"].pk, "step": 1},
    )
    assert_not_found(client, url, {"title": "Elders"})
    # Documents of the other organisation: of its draft and of its submitted challenge.
    for document in (world["other_draft_document"], world["other_document"]):
        url = reverse("challenges:document", kwargs={"municipality": slug, "pk": document.pk})
        assert request(client, "get", url).status_code == 404
    # Its own dossier's consent form with the other organisation's document.
    url = url_of("challenges:dossier_consent", world, pk=world["other_document"].pk)
    assert_not_found(client, url, {"consent": "0"})
    # The other organisation's dossier.
    url = url_of("challenges:dossier", world, reference=world["other_challenge"].reference)
    assert_not_found(client, url)
    # Starting a draft for an organisation one is not a member of: refused, nothing made.
    before = state()
    url = reverse("challenges:draft_start", kwargs={"municipality": slug})
    data = {"organisation": world["other_organisation"].pk, "title": "Namens een ander"}
    assert client.post(url, data).status_code == 400
    assert state() == before


def test_a_document_id_of_another_challenge_is_not_found_in_the_workspace(client, world):
    client.force_login(world["people"]["coordinator"])
    for document in (world["other_document"], world["other_draft_document"]):
        url = url_of("workspace:challenge_publish", world, pk=document.pk)
        assert_not_found(client, url)
    # A reference of another municipality's challenge that does not exist here (references are
    # numbered per municipality: here has two).
    there = [
        ChallengeFactory(municipality=world["there"], organisation=world["other_organisation"])
        for _ in range(3)
    ]
    references_here = set(
        Challenge.objects.filter(municipality=world["here"]).values_list("reference", flat=True)
    )
    only_there = next(c for c in there if c.reference not in references_here)
    for name in ("workspace:challenge", "workspace:challenge_message", "workspace:challenge_note"):
        url = url_of(name, world, reference=only_there.reference)
        assert_not_found(client, url, data_for(name, world))


def test_staff_can_never_open_a_draft(client, world):
    staff = [*GROUPS["staff"], "elsewhere"]
    draft = world["draft"]
    draft_url = reverse(
        "challenges:draft_step",
        kwargs={"municipality": world["here"].slug, "pk": draft.pk, "step": 1},
    )
    document_url = url_of("challenges:document", world, pk=world["draft_document"].pk)
    for visitor in staff:
        login(client, world, visitor)
        for step in range(1, 7):
            url = draft_url.replace("/stap/1/", f"/stap/{step}/")
            assert request(client, "get", url).status_code == 404, (visitor, step)
        assert request(client, "get", document_url).status_code == 404, visitor
    for visitor in GROUPS["staff"]:
        login(client, world, visitor)
        board = client.get(url_of("workspace:challenges", world)).content.decode()
        assert DRAFT_TITLE not in board
        assert world["challenge"].title in board
    # The draft's own challengers may.
    login(client, world, "member")
    assert client.get(draft_url).status_code == 200
    assert request(client, "get", document_url).status_code == 200


# ---------------------------------------------------------------- who may act


def test_a_contact_person_not_assigned_cannot_post_messages(client, world):
    challenge = world["challenge"]
    url = url_of("workspace:challenge_message", world)
    client.force_login(world["people"]["other_contact"])
    before = Event.objects.count()
    assert client.post(url, {"text": "Mag ik meepraten?"}).status_code == 403
    assert Event.objects.count() == before
    # Once assigned they may, and the previous contact person no longer may.
    services.contact_person_assign(
        challenge=challenge,
        person=world["people"]["other_contact"],
        actor=world["people"]["coordinator"],
        version=challenge.version,
    )
    assert client.post(url, {"text": "Nu wel"}).status_code == 302
    assert Event.objects.filter(challenge=challenge, text="Nu wel").exists()
    client.force_login(world["people"]["contact"])
    before = Event.objects.count()
    assert client.post(url, {"text": "Ik ook nog?"}).status_code == 403
    assert Event.objects.count() == before


# ---------------------------------------------------------------- what each may see


def test_challengers_never_see_internal_notes_or_documents(client, world):
    internal = world["internal_document"]
    # An escalation is internal too.
    services.stalled_escalate(now=world["challenge"].deadline + datetime.timedelta(days=1))
    client.force_login(world["people"]["coordinator"])
    staff_page = client.get(url_of("workspace:challenge", world)).content.decode()
    assert SECRET_NOTE in staff_page and internal.name in staff_page  # the test's own check
    assert "ou-event--internal" in staff_page
    for visitor in GROUPS["challengers"]:
        login(client, world, visitor)
        page = client.get(url_of("challenges:dossier", world)).content.decode()
        assert MESSAGE in page  # the conversation is there …
        assert world["document"].name in page
        assert SECRET_NOTE not in page  # … internal notes and documents are not
        assert internal.name not in page
        assert "ou-event--internal" not in page
        url = url_of("challenges:document", world, pk=internal.pk)
        assert request(client, "get", url).status_code == 404


def test_public_pages_and_the_api_show_no_personal_data_notes_or_drafts(client, world):
    people = world["people"]
    challenge = world["challenge"]
    secrets = [
        SECRET_NOTE,
        MESSAGE,
        DRAFT_TITLE,
        DRAFT_SUMMARY,
        world["document"].name,  # not published
        world["internal_document"].name,
        world["draft_document"].name,
    ]
    for resident in ("owner", "member", "other_challenger"):
        secrets += [people[resident].full_name, people[resident].email]
    slug = world["here"].slug
    api = reverse("opendata:challenge-list")
    pages = [
        reverse("challenges:list", kwargs={"municipality": slug}),
        reverse("challenges:process", kwargs={"municipality": slug}),
        url_of("challenges:detail", world),
        reverse("opendata_pages:lessons"),  # the library of lessons and its feed
        reverse("opendata_pages:lessons_feed"),
        reverse("catalog:calendar", kwargs={"municipality": slug}),  # Klopt dit niet? per row
        api,
        f"{api}?municipality={world['here'].cbs_code}&reference={challenge.reference}",
    ]
    for visitor in ("anonymous", "owner"):  # a logged-in resident gets the same public page
        login(client, world, visitor)
        for url in pages:
            cache.clear()
            response = client.get(url)
            assert response.status_code == 200, url
            content = response.content.decode()
            for secret in secrets:
                assert secret not in content, (visitor, url, secret)
    # What is public is there (so the checks above look at real pages).
    detail = client.get(url_of("challenges:detail", world)).content.decode()
    assert challenge.title in detail and world["public_document"].name in detail
    data = client.get(pages[-1]).json()
    [item] = data["results"]
    assert item["reference"] == challenge.reference
    assert [d["name"] for d in item["documents"]] == [world["public_document"].name]
    assert {e["actor"] for e in item["events"]} <= {"challenger", "coordinator", "contact_person"}
    assert State.DRAFT not in {i["phase"] for i in client.get(api).json()["results"]}


# ---------------------------------------------------------------- the assessment and agreements


def assessed(world: dict) -> dict:
    """A published framework, and the world's challenge in the assessment phase."""
    from tests.assessment_world import publish_framework

    people = world["people"]
    framework = publish_framework(world["here"], people["coordinator"])
    challenge = to_assessment(
        world["challenge"], coordinator=people["coordinator"], contact=people["contact"]
    )
    return world | {"framework": framework, "challenge": challenge}


def assessment_url(world: dict, name: str = "workspace:challenge_assessment") -> str:
    return reverse(
        name, kwargs={"municipality": world["here"].slug, "reference": world["challenge"].reference}
    )


def test_an_assessor_sees_others_scores_only_after_submitting_their_own(client, world):
    from tests.assessment_world import full_scores, scores_post
    from uitdaagrecht.assessment import services as assessment

    world = assessed(world)
    first, second = (
        world["people"]["assessor"],
        StaffRoleFactory(municipality=world["here"], role=Role.ASSESSOR).user,
    )
    theirs, mine = "Motivering-8812 van de eerste", "Motivering-4410 van de tweede"
    assessment.scorecard_save(
        challenge=world["challenge"],
        actor=first,
        scores=full_scores(world["framework"], 3, theirs),
        submit=True,
    )
    page = assessment_url(world)

    def seen_by(user):
        client.force_login(user)
        response = client.get(page)
        assert response.status_code == 200
        return response, response.content.decode()

    # Before scoring, and with scores saved but not submitted: no result, no other's scores.
    client.force_login(second)
    for step in ("nothing yet", "saved"):
        response, html = seen_by(second)
        assert theirs not in html, step
        assert response.context["result"] is None, step
        assert response.context["scorecards"] == [], step
        assert "scores" in response.context["forms"], step
        if step == "nothing yet":
            data = scores_post(world["framework"], 2, mine)
            assert (
                client.post(
                    assessment_url(world, "workspace:challenge_assessment_scores"), data
                ).status_code
                == 302
            )
    assert mine in html  # their own saved scores are in their form
    # Nor anywhere else in the workspace: the staff dossier of the challenge.
    dossier = client.get(url_of("workspace:challenge", world)).content.decode()
    assert theirs not in dossier
    # Submitted: now both.
    data = {**scores_post(world["framework"], 2, mine), "submit": "1"}
    assert (
        client.post(
            assessment_url(world, "workspace:challenge_assessment_scores"), data
        ).status_code
        == 302
    )
    response, html = seen_by(second)
    assert theirs in html and mine in html
    assert response.context["result"].submitted == 2
    assert "scores" not in response.context["forms"]  # submitted scores no longer change
    # Staff who do not score (the coordinator) see the submitted scores.
    _response, html = seen_by(world["people"]["coordinator"])
    assert theirs in html and mine in html


def test_an_advisor_never_decides(client, world):
    from tests.assessment_world import DECISION, decision_post
    from uitdaagrecht.assessment import services as assessment

    world = assessed(world)
    people, challenge = world["people"], world["challenge"]
    advice_given(
        challenge,
        department=people["advisor"].staff_roles.get().department,
        coordinator=people["coordinator"],
        advisor=people["advisor"],
        question="Wat vindt Groen?",
    )
    client.force_login(people["advisor"])
    before = state()
    url = assessment_url(world, "workspace:challenge_assessment_decide")
    assert client.post(url, decision_post(challenge.version)).status_code == 403
    assert state() == before
    assert not Decision.objects.exists()
    page = client.get(assessment_url(world))
    assert page.status_code == 200 and "decision" not in page.context["forms"]
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        assessment.decide(
            challenge=challenge, actor=people["advisor"], version=None, values=DECISION
        )
    assert not Decision.objects.exists()
    challenge.refresh_from_db()
    assert challenge.state == State.ASSESSMENT


@pytest.mark.parametrize("signed_by_the_municipality", [False, True])
def test_a_challenger_signs_only_for_an_organisation_they_own(
    client, world, signed_by_the_municipality
):
    """A member of the organisation, and the owner of another one, cannot sign: whether or not
    the municipality has signed already. The owner can."""
    from django.core.exceptions import PermissionDenied

    from tests.challenge_world import fresh
    from uitdaagrecht.agreements import services as agreements

    world = in_agreements(world)
    people, version = world["people"], world["agreement"]
    if signed_by_the_municipality:
        agreements.version_sign(version=version, actor=people["decision_maker"])
    url = url_of("challenges:dossier_agreements_sign", world)
    for visitor, code in (("member", 403), ("other_challenger", 404)):
        login(client, world, visitor)
        before = state()
        assert client.post(url).status_code == code, visitor
        assert state() == before, visitor
        with pytest.raises(PermissionDenied):
            agreements.version_sign(version=version, actor=fresh(people[visitor]))
        assert state() == before, visitor
    login(client, world, "member")
    page = client.get(url_of("challenges:dossier_agreements", world))
    assert page.context["may_propose"] and not page.context["may_sign_challengers"]
    login(client, world, "owner")
    assert client.post(url, {"agree": "on"}).status_code == 302
    version.refresh_from_db()
    assert version.signed_challengers_by == people["owner"]
    assert version.is_signed == signed_by_the_municipality


# URLs that write a decision or an agreement version: a new decision, a new version, a signature.
# There is none that changes what was published or signed.
WRITES = {
    "workspace:challenge_assessment_decide",
    "workspace:challenge_agreements_propose",
    "workspace:challenge_agreements_sign",
    "challenges:dossier_agreements_propose",
    "challenges:dossier_agreements_sign",
}
READS = {"workspace:challenge_agreements", "challenges:dossier_agreements", "assessment:feed"}


def test_nobody_edits_a_published_decision_or_a_signed_agreement_version(client, world):
    from django.contrib import admin
    from django.core.exceptions import ValidationError
    from django.urls import get_resolver

    from uitdaagrecht.assessment import urls as assessment_urls

    # No URL: every URL about decisions or agreements is one of WRITES or READS.
    names = set()
    for namespace, patterns in (
        ("workspace", workspace_urls.urlpatterns),
        ("challenges", challenge_urls.urlpatterns),
        ("assessment", assessment_urls.urlpatterns),
    ):
        names |= {f"{namespace}:{p.name}" for p in patterns if isinstance(p, URLPattern)}
    about = {n for n in names if any(w in n for w in ("decid", "decision", "besluit", "agreement"))}
    about |= {n for n in names if n.endswith(":feed")}
    assert about == WRITES | READS
    assert not admin.site.is_registered(Decision) and not admin.site.is_registered(Version)
    assert "opendata" in get_resolver().namespace_dict

    world = in_agreements(world, proposer="owner")
    people, challenge, version = world["people"], world["challenge"], world["agreement"]
    from uitdaagrecht.agreements import services as agreements

    agreements.version_sign(version=version, actor=people["owner"])
    agreements.version_sign(version=version, actor=people["decision_maker"])
    decision = Decision.objects.get()

    def published() -> tuple:
        return (
            list(Decision.objects.values()),
            list(Version.objects.filter(pk=version.pk).values()),
            list(BudgetLine.objects.filter(version=version).values()),
            list(Result.objects.filter(version=version).values()),
            list(Risk.objects.filter(version=version).values()),
        )

    before = published()
    # Through the pages: a second decision is refused (the challenge has moved on) …
    from tests.assessment_world import decision_post

    for visitor in ("decision_maker", "coordinator"):
        login(client, world, visitor)
        data = decision_post(challenge.version, reasons="Toch anders.")
        assert client.post(
            assessment_url(world, "workspace:challenge_assessment_decide"), data
        ).status_code in (302, 403)
    # … signing again changes nothing …
    for visitor, name in (
        ("decision_maker", "workspace:challenge_agreements_sign"),
        ("owner", "challenges:dossier_agreements_sign"),
    ):
        login(client, world, visitor)
        assert client.post(url_of(name, world), {"agree": "on"}).status_code == 302
    # … and an amendment is a new version, the signed one stays as it is.
    login(client, world, "owner")
    response = client.post(
        url_of("challenges:dossier_agreements_propose", world), agreement_post(term_months=48)
    )
    assert response.status_code == 302
    assert Version.objects.filter(challenge=challenge).count() == 2
    assert published() == before
    # Through the API: read-only.
    for url in (
        "/api/v1/decisions/",
        f"/api/v1/decisions/{decision.pk}/",
        "/api/v1/agreements/",
        f"/api/v1/agreements/{version.pk}/",
    ):
        for method in ("post", "put", "patch", "delete"):
            assert getattr(client, method)(
                url, {}, content_type="application/json"
            ).status_code in (
                403,
                404,
                405,
            ), (method, url)
    assert published() == before
    # And in the models: saving a published decision or a signed version is refused.
    decision.reasons = "Anders"
    with pytest.raises(ValidationError):
        decision.save()
    version.refresh_from_db()
    version.term_months = 1
    with pytest.raises(ValidationError):
        version.save()
    assert published() == before


def test_public_pages_the_feed_and_the_api_show_no_names_and_nothing_confidential(client, world):
    """Roles and bodies, never the names or e-mail addresses of civil servants or residents;
    confidential advice and confidential parts of the agreement stay out."""
    from tests.assessment_world import full_scores
    from uitdaagrecht.accounts.models import User
    from uitdaagrecht.agreements import services as agreements
    from uitdaagrecht.assessment import services as assessment

    people = world["people"]
    people["second_advisor"] = StaffRoleFactory(
        municipality=world["here"],
        role=Role.ADVISOR,
        department=people["contact"].staff_roles.get().department,
    ).user
    for key, user in people.items():
        User.objects.filter(pk=user.pk).update(
            full_name=f"Naam-{key}-{user.pk} Achternaam",
            email=f"adres-{key}-{user.pk}@mail.example",
        )
        people[key] = User.objects.get(pk=user.pk)
    world = assessed(world)
    challenge = world["challenge"]
    public_advice, secret_advice = "Advies-openbaar-3301", "Advies-geheim-7702"
    for advisor, text, confidential in (
        ("advisor", public_advice, ""),
        ("second_advisor", secret_advice, "Lopende aanbesteding"),
    ):
        advice_given(
            challenge,
            department=people[advisor].staff_roles.get().department,
            coordinator=people["coordinator"],
            advisor=people[advisor],
            text=text,
            confidential_reason=confidential,
        )
    assessment.scorecard_save(
        challenge=challenge,
        actor=people["assessor"],
        scores=full_scores(world["framework"]),
        submit=True,
    )
    challenge = decide(challenge, people["decision_maker"])
    version = propose(
        challenge,
        people["owner"],
        payment_schedule="Betaling-geheim-5521",
        budget=[{"year": 2027, "amount_eur": 81_234}],
        risks=[{"risk": "Risico-geheim-6630", "mitigation": "Mitigatie-geheim-6631"}],
        tasks_taken_over="Taken-openbaar-4400",
        confidential={"budget": "Onderhandeling loopt", "preconditions": "Bedrijfsgevoelig"},
    )
    # The preconditions are confidential, so the tasks taken over are not public either.
    agreements.version_sign(version=version, actor=people["owner"])
    agreements.version_sign(version=version, actor=people["decision_maker"])
    secrets = [secret_advice, "Betaling-geheim-5521", "81234", "81.234", "Risico-geheim-6630"]
    secrets += ["Mitigatie-geheim-6631", "Taken-openbaar-4400", SECRET_NOTE, MESSAGE]
    for person in people.values():
        secrets += [person.full_name, person.email]
    slug, cbs = world["here"].slug, world["here"].cbs_code
    pages = {
        "page": url_of("challenges:detail", world),
        "feed": reverse("assessment:feed", kwargs={"municipality": slug}),
        "criteria": reverse("assessment:criteria", kwargs={"municipality": slug}),
        "decisions": "/api/v1/decisions/",
        "decisions of here": f"/api/v1/decisions/?municipality={cbs}&challenge={challenge.reference}",
        "agreements": "/api/v1/agreements/",
        "agreements of here": f"/api/v1/agreements/?municipality={cbs}",
        "frameworks": "/api/v1/frameworks/",
        "challenges": f"/api/v1/challenges/?municipality={cbs}&reference={challenge.reference}",
    }
    contents = {}
    for visitor in ("anonymous", "owner"):
        login(client, world, visitor)
        for label, url in pages.items():
            cache.clear()
            response = client.get(url)
            assert response.status_code == 200, label
            contents[label] = response.content.decode()
            for secret in secrets:
                assert secret not in contents[label], (visitor, label, secret)
    # What is public is there, so the checks above look at real content.
    decision = Decision.objects.get()
    for label in ("page", "feed", "decisions", "decisions of here"):
        assert decision.reasons in contents[label], label
    assert public_advice in contents["page"]
    assert "Lopende aanbesteding" in contents["page"]  # the reason for keeping it confidential
    assert "Per kwartaal" not in contents["page"]  # payment schedule: part of the budget
    assert version.accountability_moments in contents["page"]
    [agreement] = client.get(pages["agreements of here"]).json()["results"]
    assert agreement["accountability_moments"] == version.accountability_moments
    assert agreement["budget"] is None and agreement["risks"] is None
    assert agreement["tasks_taken_over"] is None and agreement["payment_schedule"] is None
    assert set(agreement["confidential_parts"]) == {"budget", "preconditions"}
    [item] = client.get(pages["decisions of here"]).json()["results"]
    assert item["body"] == "council" and item["reasons_social"] == decision.reasons_social
