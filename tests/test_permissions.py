"""Every staff page and action × every kind of visitor: only the roles in the table get in, and a
refused request changes nothing (DESIGN.md §4)."""

import pytest
from django.urls import URLPattern, reverse

from tests.assessment_world import (
    agreement_post,
    decide,
    decision_post,
    propose,
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
from uitdaagrecht.accounts.models import Role, StaffInvitation, StaffRole, User
from uitdaagrecht.agreements.models import BudgetLine, Result, Risk, Version
from uitdaagrecht.assessment import services as assessment_services
from uitdaagrecht.assessment.models import (
    AdviceRequest,
    Criterion,
    Decision,
    Framework,
    Level,
    Score,
    Scorecard,
)
from uitdaagrecht.budgets.models import BudgetCycleMoment
from uitdaagrecht.catalog.models import (
    ChangeLog,
    Contract,
    Finance,
    Indicator,
    IndicatorValue,
    Provider,
    Task,
)
from uitdaagrecht.challenges import services as challenge_services
from uitdaagrecht.challenges.models import Challenge, Document, Event, Term
from uitdaagrecht.conf import workspace_urls
from uitdaagrecht.monitoring.extension import EXTENSION as MONITORING_EXTENSION
from uitdaagrecht.monitoring.models import Assignment
from uitdaagrecht.tenants.models import Department, Municipality

pytestmark = pytest.mark.django_db

# Who may use each workspace page (written out here, not derived from the code under test).
# The independent evaluator is in no row: it opens no staff page at all, only the evaluation of
# a challenge assigned to it (tests/monitoring/test_monitoring_permissions.py, "evaluator").
ALL = set(Role) - {Role.EVALUATOR}
ADMIN = {Role.MUNICIPAL_ADMIN}
COORDINATION = {Role.COORDINATOR, Role.MUNICIPAL_ADMIN}
# On a challenge, the coordinator handles the case (a contact person only once assigned to it,
# which none of the visitors here is); any staff member may read it, add documents and notes.
COORDINATOR = {Role.COORDINATOR}
ALLOWED = {
    "dashboard": ALL,
    "texts": COORDINATION,
    "theme": ADMIN,
    "departments": ADMIN,
    "department_edit": ADMIN,
    "department_delete": ADMIN,
    "staff": ADMIN,
    "staff_member": ADMIN,
    "staff_second_factor_reset": ADMIN,
    "email_queue": ADMIN,
    "budget_cycle": COORDINATION,
    "budget_cycle_edit": COORDINATION,
    "budget_cycle_delete": COORDINATION,
    **dict.fromkeys(
        [
            "catalog",
            "catalog_task_new",
            "catalog_task",
            "catalog_task_edit",
            "catalog_task_remove",
            "catalog_provider_new",
            "catalog_provider_edit",
            "catalog_provider_remove",
            *(
                f"catalog_{kind}_{action}"
                for kind in ("contract", "finance", "indicator", "value")
                for action in ("new", "edit", "remove")
            ),
            "catalog_import",
            "catalog_import_template_csv",
            "catalog_import_template_xlsx",
            "catalog_import_apply",
        ],
        ADMIN,
    ),
    "challenges": ALL,
    "challenge_terms": COORDINATION,
    "challenge": ALL,
    "challenge_documents": ALL,
    "challenge_note": ALL,
    **dict.fromkeys(
        [
            "challenge_message",
            "challenge_contact",
            "challenge_assign",
            "challenge_pause",
            "challenge_resume",
            "challenge_extend",
            "challenge_transition",  # start_intake: the coordinator's
            "challenge_publish",
        ],
        COORDINATOR,
    ),
    # The assessment framework: coordinators and administrators.
    **dict.fromkeys(
        [
            "framework",
            "framework_draft",
            "framework_publish",
            "criterion_new",
            "criterion_edit",
            "criterion_delete",
        ],
        COORDINATION,
    ),
    # Every staff member sees the requests for advice to their own departments (none here) …
    "advice_list": ALL,
    # … but only an advisor of the department asked may open and answer one. The advisor among
    # the visitors here has no department: nobody gets in (test_an_advisor_of_the_department_*).
    "advice": set(),
    # The assessment of a challenge: everyone reads; the coordinator asks advice, assessors score
    # (in the assessment phase, with a published framework), the decision maker decides.
    "challenge_assessment": ALL,
    "challenge_advice_request": COORDINATOR,
    "challenge_assessment_scores": {Role.ASSESSOR},
    "challenge_assessment_decide": {Role.DECISION_MAKER},
    # Agreements: everyone reads; the coordinator and the decision maker (and the contact person
    # once assigned, which none of the visitors is) propose; the decision maker signs.
    "challenge_agreements": ALL,
    "challenge_agreements_propose": {Role.COORDINATOR, Role.DECISION_MAKER},
    "challenge_agreements_sign": {Role.DECISION_MAKER},
}
FRAMEWORK_PAGES = {
    "framework",
    "framework_draft",
    "framework_publish",
    "criterion_new",
    "criterion_edit",
    "criterion_delete",
}
# Pages of one challenge in the assessment phase, and of one in the agreements phase.
ASSESSMENT_PAGES = {
    "challenge_assessment",
    "challenge_advice_request",
    "challenge_assessment_scores",
    "challenge_assessment_decide",
}
AGREEMENT_PAGES = {
    "challenge_agreements",
    "challenge_agreements_propose",
    "challenge_agreements_sign",
}


# Execution and evaluation have a matrix of their own (tests/monitoring/test_monitoring_permissions.py).
MONITORING = {f"challenge_{a.name}" for a in MONITORING_EXTENSION.actions}


def test_the_table_covers_every_workspace_url():
    names = {p.name for p in workspace_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names - MONITORING == set(ALLOWED)


def pdf(name: str = "plan.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def submitted_challenge(municipality: Municipality, task: Task | None = None) -> dict:
    """A submitted challenge of a new organisation, with a document the challengers allow to be
    published."""
    owner = UserFactory()
    challenge = ChallengeFactory(
        municipality=municipality, organisation=OrganisationFactory(owner=owner), task=task
    )
    challenge_services.documents_add(
        challenge=challenge, actor=owner, files=[pdf()], consent_to_publish=True
    )
    challenge.refresh_from_db()
    return {"challenge": challenge, "document": challenge.documents.get(), "owner": owner}


def assessment_objects(place: Municipality, task: Task, department: Department, name: str) -> dict:
    """What the assessment and agreement page `name` is about, made through the services.

    Framework pages: a published version 1 and (except for framework_draft, which would make it)
    a draft version 2 with its criteria in the three dimensions, so that publishing succeeds.
    advice: a request for advice to `department` on a challenge in the assessment phase.
    Assessment pages: a challenge in the assessment phase and a published framework to score on.
    Agreement pages: an accepted challenge with a version proposed by its owner, signed by nobody.
    """

    def staff(role):
        return StaffRoleFactory(municipality=place, role=role).user

    coordinator = staff(Role.COORDINATOR)
    found = {"framework": publish_framework(place, coordinator)}
    if name in FRAMEWORK_PAGES:
        if name != "framework_draft":
            draft = assessment_services.framework_draft(municipality=place, actor=coordinator)
            found |= {"draft": draft, "criterion": draft.criteria.first()}
        return found
    found |= submitted_challenge(place, task)
    found["contact"] = staff(Role.CONTACT_PERSON)
    challenge = to_assessment(found["challenge"], coordinator=coordinator, contact=found["contact"])
    if name == "advice":
        found["advice"] = assessment_services.advice_request(
            challenge=challenge,
            department=department,
            question="Wat vindt uw afdeling?",
            days=14,
            actor=coordinator,
        )
    if name in AGREEMENT_PAGES:
        challenge = decide(challenge, staff(Role.DECISION_MAKER))
        found["agreement"] = propose(challenge, found["owner"])
    challenge.refresh_from_db()
    return found | {"challenge": challenge}


@pytest.fixture(autouse=True)
def documents_dir(documents_storage):
    return documents_storage


@pytest.fixture
def world(settings):
    settings.STAFF_2FA_REQUIRED = False
    here = MunicipalityFactory(name="Hier", slug="hier")
    there = MunicipalityFactory(name="Daar", slug="daar")
    department = DepartmentFactory(municipality=here, name="Groen")
    moment = BudgetCycleMoment.objects.create(
        municipality=here, kind="begroting", date="2030-11-10"
    )
    colleague = StaffRoleFactory(municipality=here, role=Role.ADVISOR).user
    catalog = CatalogFactory(municipality=here, department=department)
    StaffRoleFactory(municipality=here, admin=True)  # keeps an admin when roles change
    return {
        "here": here,
        "there": there,
        "department": department,
        "moment": moment,
        "colleague": colleague,
        **catalog,
    }


def with_challenge(world: dict, name: str) -> dict:
    """The challenge pages need a submitted challenge, and a neutral contact person (no
    department owns the task) whom the coordinator may assign; the assessment and agreement
    pages what assessment_objects makes; the other pages do without."""
    if name in FRAMEWORK_PAGES | ASSESSMENT_PAGES | AGREEMENT_PAGES | {"advice"}:
        world |= assessment_objects(world["here"], world["task"], world["department"], name)
    elif name.startswith("challenge"):
        world |= submitted_challenge(world["here"], world["task"])
        world["candidate"] = StaffRoleFactory(
            municipality=world["here"], role=Role.CONTACT_PERSON
        ).user
    return world


def url_of(name: str, world: dict, municipality: Municipality | None = None) -> str:
    kwargs = {"municipality": (municipality or world["here"]).slug}
    if name.startswith("catalog_"):
        kwargs |= catalog_kwargs(name, world)
    elif name.startswith("department_"):
        kwargs["pk"] = world["department"].pk
    elif name.startswith("budget_cycle_"):
        kwargs["pk"] = world["moment"].pk
    elif name in ("staff_member", "staff_second_factor_reset"):
        kwargs["pk"] = world["colleague"].pk
    elif name in ASSESSMENT_PAGES | AGREEMENT_PAGES:
        kwargs["reference"] = world["challenge"].reference
        if name == "challenge_agreements_sign":
            kwargs["number"] = world["agreement"].number
    elif name == "challenge" or (name.startswith("challenge_") and name != "challenge_terms"):
        kwargs["reference"] = world["challenge"].reference
        if name == "challenge_transition":
            kwargs["action"] = "start_intake"
        elif name == "challenge_publish":
            kwargs["pk"] = world["document"].pk
    elif name.startswith("criterion_") and name != "criterion_new":
        kwargs["pk"] = world["criterion"].pk
    elif name == "advice":
        kwargs["pk"] = world["advice"].pk
    return reverse(f"workspace:{name}", kwargs=kwargs)


def catalog_kwargs(name: str, world: dict) -> dict:
    if name.startswith("catalog_import"):
        return {}
    if name == "catalog_task":
        return {"pk": world["task"].pk}
    kind, action = name.removeprefix("catalog_").rsplit("_", 1)
    if kind == "task":
        return {} if action == "new" else {"pk": world["task"].pk}
    if kind == "provider":
        return {} if action == "new" else {"pk": world["provider"].pk}
    kwargs = {"task_pk": world["task"].pk}
    if kind == "value":
        kwargs["indicator_pk"] = world["indicator"].pk
    if action != "new":
        kwargs["pk"] = world[kind].pk
    return kwargs


CRITERION = {
    "dimension": "social",
    "name": "Betrokkenheid",
    "description": "",
    "weight": "3",
    "order": "4",
    "level_0": "Geen",
    "level_1": "Enige",
    "level_2": "Veel",
}
POSTS = {
    "texts": {"definition": "Gewijzigd", "contact_name": "X"},
    "theme": {"brand_colour": "#000000", "brand_text_colour": "#ffffff"},
    "departments": {"name": "Nieuwe afdeling"},
    "department_edit": {"name": "Hernoemd"},
    "staff": {"email": "nieuw@example.org", "roles": ["assessor"]},
    "staff_member": {"roles": ["assessor"]},
    "budget_cycle": {"kind": "kadernota", "date": "2031-06-01"},
    "budget_cycle_edit": {"kind": "kadernota", "date": "2031-06-01"},
    "catalog_provider_new": {"name": "Nieuw", "kind": "company"},
    "catalog_provider_edit": {"name": "Anders", "kind": "company"},
    "catalog_finance_new": {"year": "2031", "budget_eur": "1", "overhead_eur": "0"},
    "catalog_finance_edit": {"year": "2031", "budget_eur": "1", "overhead_eur": "0"},
    "catalog_indicator_new": {"name": "Nieuw", "unit": "aantal"},
    "catalog_indicator_edit": {"name": "Anders", "unit": "aantal"},
    "catalog_value_new": {"year": "2031", "target": "1"},
    "catalog_value_edit": {"year": "2031", "target": "1"},
    "challenge_terms": {
        "submitted": "5",
        "intake": "20",
        "assessment": "60",
        "agreements": "30",
        "evaluation": "30",
    },
    # Valid forms, so that a refusal comes from the permission check and not from the form.
    "challenge_message": {"text": "Zullen we bellen?"},
    "challenge_note": {"text": "Intern"},
    "challenge_contact": {"channel": "call", "on": "2030-01-02", "summary": "Gebeld"},
    "challenge_assign": {"version": None, "person": None},
    "challenge_pause": {"version": None, "question": "Welke vrijwilligers?"},
    "challenge_resume": {"version": None},
    "challenge_extend": {"version": None, "days": "7", "reason": "Vakantie"},
    "challenge_transition": {"start_intake-version": None},
    "framework": {"introduction": "Zo wegen wij.", "deciding_body": "council"},
    "criterion_new": CRITERION,
    "criterion_edit": CRITERION,
    "advice": {"text": "Positief.", "recommendation": "favourable", "confidential_reason": ""},
    "challenge_advice_request": {"department": None, "question": "Wat vindt Groen?", "days": "14"},
    "challenge_agreements_propose": agreement_post(term_months=36),
    "challenge_agreements_sign": {"agree": "on"},
}


def data_for(name: str, world: dict) -> dict:
    """The POST of `name`, with the challenge's current version and the candidate filled in."""
    data = dict(POSTS.get(name, {}))
    for key in data:
        if key.endswith("version"):
            data[key] = world["challenge"].version
    if "person" in data:
        data["person"] = world["candidate"].pk
    if name == "challenge_documents":
        data["files"] = pdf()
    if "department" in data:
        data["department"] = world["department"].pk
    if name == "challenge_assessment_scores":
        data = scores_post(world["framework"])
    elif name == "challenge_assessment_decide":
        data = decision_post(world["challenge"].version)
    return data


def state() -> tuple:
    """Everything a workspace action could change."""
    return (
        list(Municipality.objects.values_list("definition", "brand_colour", "contact_name")),
        list(Department.objects.values_list("name", flat=True).order_by("name")),
        list(StaffRole.objects.values_list("user_id", "role").order_by("user_id", "role")),
        list(BudgetCycleMoment.objects.values_list("kind", "date").order_by("pk")),
        list(StaffInvitation.objects.values_list("email", flat=True)),
        catalog_state(),
        challenge_state(),
        assessment_state(),
    )


def catalog_state() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Task, Provider, Contract, Finance, Indicator, IndicatorValue, ChangeLog)
    ]


def challenge_state() -> list:
    return [
        list(model.objects.order_by("pk").values()) for model in (Challenge, Event, Document, Term)
    ]


def assessment_state() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Framework,
            Criterion,
            Level,
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


VISITORS = ["anonymous", "no role", "admin of another municipality", *[r.value for r in Role]]


@pytest.mark.parametrize("name", sorted(ALLOWED))
@pytest.mark.parametrize("visitor", VISITORS)
def test_every_visitor_on_every_workspace_url(client, world, name, visitor):
    if visitor == "no role":
        client.force_login(UserFactory())
    elif visitor == "admin of another municipality":
        client.force_login(StaffRoleFactory(municipality=world["there"], admin=True).user)
    elif visitor != "anonymous":
        client.force_login(StaffRoleFactory(municipality=world["here"], role=visitor).user)
    allowed = visitor in {r.value for r in ALLOWED[name]}
    world = with_challenge(world, name)
    if visitor == Role.EVALUATOR and "challenge" in world:
        # Even the challenge it is assigned to: its staff pages stay closed to the evaluator.
        Assignment.objects.create(
            challenge=world["challenge"], evaluator=User.objects.get(staff_roles__role=visitor)
        )
    url = url_of(name, world)
    before = state()

    get = client.get(url)
    post = client.post(url, data_for(name, world))

    if visitor == "anonymous":
        assert get.status_code in (302, 405)
        assert post.status_code == 302 and reverse("accounts:login") in post["Location"]
    elif not allowed:
        assert get.status_code in (403, 405)
        assert post.status_code == 403
    else:
        assert get.status_code in (200, 405)
        assert post.status_code in (200, 302, 400)  # allowed in; 400 = the form says why
    if not allowed:
        assert state() == before


# The assessment and agreement actions: one of the roles allowed gets its way (so the POSTs above
# are valid, and a refusal there is the permission's).
EFFECTIVE = {
    "framework": Role.COORDINATOR,
    "framework_draft": Role.MUNICIPAL_ADMIN,
    "framework_publish": Role.COORDINATOR,
    "criterion_new": Role.MUNICIPAL_ADMIN,
    "criterion_edit": Role.COORDINATOR,
    "criterion_delete": Role.MUNICIPAL_ADMIN,
    "challenge_advice_request": Role.COORDINATOR,
    "challenge_assessment_scores": Role.ASSESSOR,
    "challenge_assessment_decide": Role.DECISION_MAKER,
    "challenge_agreements_propose": Role.DECISION_MAKER,
    "challenge_agreements_sign": Role.DECISION_MAKER,
}


@pytest.mark.parametrize("name", sorted(EFFECTIVE))
def test_a_granted_assessment_or_agreement_action_takes_effect(client, world, name):
    assert EFFECTIVE[name] in ALLOWED[name]
    client.force_login(StaffRoleFactory(municipality=world["here"], role=EFFECTIVE[name]).user)
    world = with_challenge(world, name)
    before = state()
    response = client.post(url_of(name, world), data_for(name, world))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert state() != before
    if name == "framework_publish":
        assert world["draft"].criteria.count() == 3
        assert Framework.objects.filter(pk=world["draft"].pk, published_at__isnull=False).exists()
    elif name == "challenge_assessment_decide":
        assert Decision.objects.get().challenge == world["challenge"]
    elif name == "challenge_agreements_sign":
        assert Version.objects.get().signed_municipality_at is not None


# Every page in the table with an object's id or reference in its URL.
WITH_IDS = [
    p.name
    for p in workspace_urls.urlpatterns
    if isinstance(p, URLPattern) and p.name in ALLOWED and p.pattern.converters
]


@pytest.mark.parametrize("name", WITH_IDS)
def test_a_forged_id_of_another_municipality_is_not_found(client, world, name):
    """An admin of here, with the id of an object of there in the URL of here."""
    client.force_login(StaffRoleFactory(municipality=world["here"], admin=True).user)
    world = with_challenge(world, name)
    other = {
        "department": DepartmentFactory(municipality=world["there"]),
        "moment": BudgetCycleMoment.objects.create(
            municipality=world["there"], kind="begroting", date="2030-01-01"
        ),
        "colleague": StaffRoleFactory(municipality=world["there"]).user,
        **CatalogFactory(municipality=world["there"]),
    }
    if name.startswith("challenge"):
        # Of two challenges there, the second: its reference (UD-<year>-0002) does not exist
        # here; the first one's would, as references are numbered per municipality.
        submitted_challenge(world["there"])
        other |= submitted_challenge(world["there"])
    elif name in FRAMEWORK_PAGES | ASSESSMENT_PAGES | AGREEMENT_PAGES | {"advice"}:
        # The same objects there: a draft's criterion, a request for advice, the second
        # challenge (as above) in the assessment or the agreements phase.
        submitted_challenge(world["there"])
        other |= assessment_objects(world["there"], other["task"], other["department"], name)
        if "challenge" in other:
            assert not Challenge.objects.filter(
                municipality=world["here"], reference=other["challenge"].reference
            ).exists()
    url = url_of(name, {**world, **other})
    before = state()
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, data_for(name, {**world, **other})).status_code == 404
    assert state() == before


@pytest.mark.parametrize("name", ["criterion_edit", "criterion_delete"])
def test_a_criterion_of_a_published_version_cannot_be_changed(client, world, name):
    """Its own municipality's criterion, but of the published version: never changed (404)."""
    client.force_login(StaffRoleFactory(municipality=world["here"], role=Role.COORDINATOR).user)
    world = with_challenge(world, name)
    published = world["framework"].criteria.first()
    url = url_of(name, {**world, "criterion": published})
    before = state()
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, data_for(name, world)).status_code == 404
    assert state() == before


def test_an_advisor_of_the_department_asked_gives_the_advice(client, world):
    """The one who may open a request for advice: an advisor of that department; an advisor of
    another department and the coordinator who asked may not."""
    world = with_challenge(world, "advice")
    url = url_of("advice", world)
    data = data_for("advice", world)
    other_department = DepartmentFactory(municipality=world["here"], name="Financien")
    for user in (
        StaffRoleFactory(
            municipality=world["here"], role=Role.ADVISOR, department=other_department
        ).user,
        world["advice"].requested_by,
    ):
        client.force_login(user)
        before = state()
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
        assert state() == before
    advisor = StaffRoleFactory(
        municipality=world["here"], role=Role.ADVISOR, department=world["department"]
    ).user
    client.force_login(advisor)
    listing = client.get(reverse("workspace:advice_list", kwargs={"municipality": "hier"}))
    assert [r.pk for r in listing.context["requests"]] == [world["advice"].pk]
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    advice = AdviceRequest.objects.get(pk=world["advice"].pk)
    assert (advice.advisor, advice.text, advice.recommendation) == (
        advisor,
        "Positief.",
        "favourable",
    )
    assert advice.submitted_at is not None
    # Given once: a second post changes nothing.
    before = state()
    assert client.post(url, {**data, "text": "Toch negatief."}).status_code in (200, 302, 400)
    assert state() == before


def test_the_assigned_contact_person_proposes_agreements_but_does_not_sign(client, world):
    """Not in the table (no visitor there is assigned): the challenge's own contact person."""
    for name in ("challenge_agreements_propose", "challenge_agreements_sign"):
        world = with_challenge(dict(world), name)
        client.force_login(world["contact"])
        url = url_of(name, world)
        before = state()
        if name == "challenge_agreements_propose":
            assert client.get(url).status_code == 200
            assert client.post(url, data_for(name, world)).status_code == 302
            assert Version.objects.filter(challenge=world["challenge"], number=2).exists()
        else:
            assert client.post(url).status_code == 403
            assert state() == before
