"""Every public page and API endpoint costs a fixed number of queries, whatever the data size:
measured with 3 municipalities' budgets, then again with 30."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.iv3 import first_codes, load_reference, rows_of
from uitdaagrecht.accounts import otp
from uitdaagrecht.budgets.importer import import_iv3

pytestmark = pytest.mark.django_db

ZWOLLE = "GM0193"

# URL → number of queries, and why.
BUDGET = (
    "municipality, periods, the cycle's next meetings, deliveries of both years, lines of "
    "both years with their taakveld, reference figures, hoofdtaakvelden"
)
EXPECTED = {
    "/": (1, "the municipalities"),
    "/?q=zwol": (1, "the matching municipalities"),
    "/?q=193": (1, "the municipality with code GM0193"),
    "/zwolle/": (2, "municipality, the cycle's next meetings"),
    "/en/zwolle/": (2, "the same in English"),
    "/zwolle/begroting/": (7, BUDGET),
    "/zwolle/begroting/?periode=2023-jaarrekening": (7, BUDGET),
    "/zwolle/begroting/?periode=1999-begroting": (7, BUDGET + " (a bad period falls back)"),
    "/zwolle/begroting/7.3/": (
        6,
        "municipality, taakveld, deliveries, lines, reference, answered error reports of the page",
    ),
    "/zwolle/theme.css": (1, "municipality"),
    "/api/v1/municipalities/": (2, "count, page"),
    "/api/v1/municipalities/GM0193/": (1, "the municipality"),
    "/api/v1/taakvelden/": (2, "count, page with hoofdtaakveld"),
    "/api/v1/budget-lines/?municipality=GM0193&year=2025": (2, "filter's municipality, page"),
    "/api/v1/budget-lines/": (1, "one cursor page with the municipality joined"),
    "/api/v1/municipalities/GM0193/budget/": (
        6,
        "municipality, periods, deliveries, lines, reference figures, hoofdtaakvelden",
    ),
}


def count_queries(client) -> dict[str, int]:
    counts = {}
    for url in EXPECTED:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in (200, 400), url
        counts[url] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_data(client):
    codes = [ZWOLLE, *first_codes(2)]
    load_reference(*codes)
    small = count_queries(client)
    more = [c for c in first_codes(30) if c not in codes][: 30 - len(codes)]
    import_iv3(rows=rows_of(*more))
    large = count_queries(client)
    assert small == large
    assert small == {url: n for url, (n, _why) in EXPECTED.items()}


def test_account_and_alert_pages_have_a_fixed_query_count(
    client, settings, django_assert_num_queries
):
    """Pages outside the budget: their counts do not depend on the data at all."""
    from tests.factories import CatalogFactory, MunicipalityFactory, StaffRoleFactory

    settings.STAFF_2FA_REQUIRED = True
    place = MunicipalityFactory(slug="hier")
    task = CatalogFactory(municipality=place)["task"]
    # (url, queries, why); anonymous first, then as a staff member without a verified code.
    anonymous = [
        ("/account/inloggen/", 0, "nothing: the form only"),
        ("/account/wachtwoord-vergeten/", 0, "nothing"),
        ("/hier/meldingen/", 1, "the municipality"),
        (f"/hier/meldingen/?taak={task.slug}", 2, "the municipality, the task with its taakveld"),
    ]
    for url, queries, _why in anonymous:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
    staff = StaffRoleFactory(municipality=place).user
    otp.allow_enrolment(staff)  # as an accepted invitation does
    client.force_login(staff)
    # session and user, then the page: the user's challenges, unread notifications, the
    # municipalities of the user, their memberships; the set-up page looks for confirmed and
    # pending TOTP devices (session, user, 2 more).
    for url, queries in [("/account/", 6), ("/account/tweestapsverificatie/", 4)]:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url


# ---------------------------------------------------------------- challenges


def pdf(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def challenge_world(place) -> dict:
    """A resident who owns an organisation with a draft and a submitted challenge in intake,
    with a coordinator and a contact person; `grow_challenges` adds to it."""
    from tests.factories import (
        CatalogFactory,
        ChallengeFactory,
        OrganisationFactory,
        StaffRoleFactory,
        UserFactory,
    )
    from uitdaagrecht.accounts.models import Role
    from uitdaagrecht.challenges import services

    task = CatalogFactory(municipality=place)["task"]
    coordinator = StaffRoleFactory(municipality=place, role=Role.COORDINATOR).user
    contact = StaffRoleFactory(municipality=place, role=Role.CONTACT_PERSON).user
    resident = UserFactory()
    organisation = OrganisationFactory(owner=resident)
    challenge = ChallengeFactory(municipality=place, organisation=organisation, task=task)
    challenge = services.transition(
        challenge=challenge, action="start_intake", actor=coordinator, version=None
    )
    challenge = services.contact_person_assign(
        challenge=challenge, person=contact, actor=coordinator, version=None
    )
    draft = ChallengeFactory(
        municipality=place, organisation=organisation, task=task, submitted=False
    )
    return {
        "place": place,
        "task": task,
        "coordinator": coordinator,
        "contact": contact,
        "resident": resident,
        "organisation": organisation,
        "challenge": challenge,
        "draft": draft,
    }


def grow_challenges(world: dict, times: int) -> None:
    """`times` more of everything the challenge pages list: challenges of other organisations
    (each with a public document), and on the world's challenge messages with attachments,
    internal notes with attachments, contact moments and published documents; for the resident
    drafts, notifications, muted e-mail kinds, organisation members and invitations; tasks on
    the draft."""
    from tests.factories import (
        CatalogFactory,
        ChallengeFactory,
        OrganisationFactory,
        StaffRoleFactory,
        UserFactory,
    )
    from uitdaagrecht.accounts.models import Role
    from uitdaagrecht.accounts.services import organisation_invite
    from uitdaagrecht.challenges import services
    from uitdaagrecht.notifications.models import Kind, MutedEmail, Notification

    place, coordinator, resident = world["place"], world["coordinator"], world["resident"]
    challenge, organisation = world["challenge"], world["organisation"]
    kinds = list(Kind)
    for index in range(times):
        owner = UserFactory()
        other = ChallengeFactory(municipality=place, organisation=OrganisationFactory(owner=owner))
        services.documents_add(
            challenge=other, actor=owner, files=[pdf("plan.pdf")], consent_to_publish=True
        )
        services.document_publish(document=other.documents.get(), actor=coordinator)
        if index % 2:  # half of them in intake with a contact person, some waiting for an answer
            other = services.transition(
                challenge=other, action="start_intake", actor=coordinator, version=None
            )
            other = services.contact_person_assign(
                challenge=other,
                person=StaffRoleFactory(municipality=place, role=Role.CONTACT_PERSON).user,
                actor=coordinator,
                version=None,
            )
            if index % 4 == 1:
                services.term_pause(
                    challenge=other, actor=coordinator, version=None, question="Wie doet mee?"
                )
        services.message_post(
            challenge=challenge, actor=resident, text=f"Vraag {index}", files=[pdf("bijlage.pdf")]
        )
        services.message_post(challenge=challenge, actor=coordinator, text=f"Antwoord {index}")
        services.note_add(
            challenge=challenge, actor=coordinator, text=f"Notitie {index}", files=[pdf("n.pdf")]
        )
        services.contact_log(
            challenge=challenge, actor=world["contact"], channel="call", summary=f"Gebeld {index}"
        )
        event = services.documents_add(
            challenge=challenge,
            actor=resident,
            files=[pdf("openbaar.pdf")],
            consent_to_publish=True,
        )
        services.document_publish(document=event.documents.get(), actor=coordinator)
        ChallengeFactory(
            municipality=place, organisation=organisation, submitted=False, title=f"Idee {index}"
        )
        Notification.objects.create(
            user=resident, kind=kinds[index % len(kinds)], text=f"Melding {index}", url="/"
        )
        MutedEmail.objects.get_or_create(user=resident, kind=kinds[index % len(kinds)])
        member = UserFactory()
        organisation.memberships.create(user=member, role="member")
        organisation_invite(
            organisation=organisation,
            email=f"uitgenodigd{index}-{organisation.pk}@example.org",
            role="member",
            actor=resident,
            accept_url=lambda token: f"/{token}/",
        )
        world["draft"].tasks.add(CatalogFactory(municipality=place)["task"])


def grow_assessment(world: dict, size: int, viewer=None) -> dict:
    """A new framework version and two new challenges of the world's organisation assessed on
    it, with `size` of everything the assessment and agreement pages list: criteria (on top of
    the three dimensions), requests for advice (given, one confidential; and open), scorecards
    of challenger and incumbent, decisions (the decision and its chain of corrections) and
    agreement versions with `size` budget lines, results and risks each (all but the newest
    signed by both sides). Returns the new objects; world["decided"] is the decided challenge.

    `viewer` (a staff member) gets what a user needs to see every part of the staff pages: an
    advisor of the department that gets `size` requests, with its own submitted scores on the
    decided challenge.
    """
    from tests.assessment_world import (
        CRITERIA,
        DECISION,
        decide,
        full_scores,
        propose,
        to_assessment,
    )
    from tests.challenge_world import fresh
    from tests.factories import ChallengeFactory, DepartmentFactory, StaffRoleFactory
    from uitdaagrecht.accounts.models import Role, StaffRole
    from uitdaagrecht.agreements import services as agreement_services
    from uitdaagrecht.assessment import services as assessment
    from uitdaagrecht.catalog.models import Contract, Provider

    place, coordinator, resident = world["place"], world["coordinator"], world["resident"]
    if "decision_maker" not in world:
        world["decision_maker"] = StaffRoleFactory(
            municipality=place, role=Role.DECISION_MAKER
        ).user
        world["advice_department"] = DepartmentFactory(municipality=place, name="Advies")
        world["advisor"] = StaffRoleFactory(
            municipality=place, role=Role.ADVISOR, department=world["advice_department"]
        ).user
        if viewer is not None:
            StaffRole.objects.create(
                user=viewer,
                municipality=place,
                role=Role.ADVISOR,
                department=world["advice_department"],
            )
            for role in (Role.ASSESSOR, Role.DECISION_MAKER):
                StaffRole.objects.create(user=viewer, municipality=place, role=role)
    if viewer is not None:
        viewer = fresh(viewer)  # without the roles cached before it got these
    decision_maker, department = world["decision_maker"], world["advice_department"]
    advisor = viewer or world["advisor"]

    # A new version: the current criteria, and `size` more.
    draft = assessment.framework_draft(municipality=place, actor=coordinator)
    new = [] if draft.criteria.exists() else list(CRITERIA)
    new += [(CRITERIA[i % 3][0], f"Criterium {draft.version}.{i}") for i in range(size)]
    for order, (dimension, name) in enumerate(new):
        assessment.criterion_save(
            framework=draft,
            actor=coordinator,
            criterion=None,
            values={"dimension": dimension, "name": name, "weight": 1 + order % 3, "order": order},
            levels=[(v, f"Niveau {v}") for v in range(5)],
        )
    framework = assessment.framework_publish(framework=draft, actor=coordinator)
    draft = assessment.framework_draft(municipality=place, actor=coordinator)

    def challenge(title):
        made = ChallengeFactory(
            municipality=place, organisation=world["organisation"], task=world["task"], title=title
        )
        return to_assessment(made, coordinator=coordinator, contact=world["contact"])

    assessing, decided = challenge(f"Beoordeling {size}"), challenge(f"Besluit {size}")

    def advise(on, to, by, index):
        request = assessment.advice_request(
            challenge=on, department=to, question=f"Vraag {index}", days=14, actor=coordinator
        )
        if by is not None:
            assessment.advice_give(
                request=request,
                actor=by,
                text=f"Advies {index}",
                recommendation="favourable",
                confidential=index == 0,
                confidential_reason="Vertrouwelijk" if index == 0 else "",
            )
        return request

    for index in range(size):
        other = DepartmentFactory(municipality=place)
        other_advisor = StaffRoleFactory(
            municipality=place, role=Role.ADVISOR, department=other
        ).user
        advise(decided, other, other_advisor, index)
        advise(decided, department, advisor, index)
        advise(assessing, other, None, index)
        assessor = StaffRoleFactory(municipality=place, role=Role.ASSESSOR).user
        assessment.scorecard_save(
            challenge=decided,
            actor=assessor,
            scores=full_scores(framework, 3 + index % 2, f"Score {index}"),
            conflict_of_interest="Buurman" if index == 0 else "",
            recused=index == 1,
            submit=True,
        )
        assessment.scorecard_save(
            challenge=assessing,
            actor=assessor,
            scores=full_scores(framework),
            submit=bool(index % 2),
        )
    open_request = advise(assessing, department, None, size)
    if viewer is not None:
        assessment.scorecard_save(
            challenge=decided, actor=viewer, scores=full_scores(framework), submit=True
        )
    # `size` providers of the challenged task whose contracts run: the assessment pages name
    # them all, in one query (issue 14).
    for index in range(size):
        Contract.objects.create(
            task=world["task"],
            provider=Provider.objects.create(
                municipality=place, name=f"Uitvoerder {size}.{index}", kind="company"
            ),
            value_per_year_eur=1000,
            start_date=datetime.date(2020, 1, 1),
            end_date=datetime.date(2099, 12, 31),
        )
    decided = decide(decided, decision_maker)
    decision = decided.decisions.get()
    for index in range(size - 1):
        decision = assessment.decision_correct(
            decision=decision,
            actor=decision_maker,
            values={**DECISION, "reasons": f"Correctie {index}"},
        )
    for index in range(size):
        version = propose(
            decided,
            resident if index % 2 else coordinator,
            term_months=12 * size + index,  # a budget row for every year of the term
            budget=[{"year": 2027 + y, "amount_eur": 1000 * (index + y)} for y in range(size)],
            results=[
                {
                    "indicator": f"Indicator {r}",
                    "dimension": "social",
                    "target": index + r,
                    "unit": "x",
                }
                for r in range(size)
            ],
            risks=[
                {"risk": f"Risico {r}", "mitigation": f"Maatregel {index}"} for r in range(size)
            ],
            confidential={"budget": "Onderhandeling"} if index % 3 == 0 else {},
        )
        if index < size - 1:
            agreement_services.version_sign(version=version, actor=resident)
            agreement_services.version_sign(version=version, actor=decision_maker)
    world["decided"] = decided
    return {
        "framework": framework,
        "criterion": draft.criteria.last(),
        "assessing": assessing,
        "decided": decided,
        "advice": open_request,
    }


# (URL name, which object) → number of queries, and why. The first four anonymously, the rest as
# the resident who owns the organisation.
SESSION = "session, user"
DRAFT = f"{SESSION}, the draft with its organisation and municipality"
CHALLENGE_PAGES = {
    ("challenges:list", None): (
        4,
        "municipality, count, a page of challenges with their organisation, their tasks",
    ),
    ("challenges:process", None): (2, "municipality, its own terms"),
    ("challenges:detail", "reference"): (
        9,
        "municipality, challenge with its organisation, its tasks, public events, their "
        "published documents, the published documents, the decision, the agreement versions, "
        "answered error reports of the page",
    ),
    ("opendata:challenge-list", None): (
        4,
        "a cursor page of challenges with municipality and organisation, their tasks, public "
        "events, published documents with their challenge and municipality",
    ),
    ("portal:account", None): (
        6,
        f"{SESSION}, the user's challenges with organisation and municipality, unread "
        "notifications, the municipalities they work for, memberships with organisation",
    ),
    ("portal:notifications", None): (
        4,
        f"{SESSION}, whether the person is staff (who must pass the second factor first), "
        "the latest notifications",
    ),
    ("portal:notification_settings", None): (3, f"{SESSION}, the muted e-mail kinds"),
    ("accounts:organisation", "organisation"): (
        7,
        f"{SESSION}, organisation, the user's memberships (permission), open invitations, "
        "members with their user, challenges with their municipality",
    ),
    ("challenges:dossier", "reference"): (
        9,
        f"{SESSION}, challenge with organisation, municipality and contact person, memberships, "
        "roles, events with their actor, their documents, its tasks (in the offer), the "
        "documents",
    ),
    ("challenges:draft_start", None): (
        8,
        f"{SESSION}, municipality, memberships, any organisation, the user's challenges with "
        "organisation and municipality, the organisations to choose from (twice)",
    ),
    ("challenges:draft_step", "step 1"): (
        5,
        f"{DRAFT}, its tasks, the municipality's tasks to choose from",
    ),
    ("challenges:draft_step", "step 2"): (3, DRAFT),
    ("challenges:draft_step", "step 3"): (5, f"{DRAFT}, its tasks, their budgets"),
    ("challenges:draft_step", "step 4"): (3, DRAFT),
    ("challenges:draft_step", "step 5"): (4, f"{DRAFT}, its documents"),
    ("challenges:draft_step", "step 6"): (
        6,
        f"{DRAFT}, whether it names a task, its documents, its tasks",
    ),
    # Issue 5: a challenge with a decision (and its corrections), advice, scores and agreement
    # versions; the criteria page, the decisions feed and the API.
    ("challenges:detail", "decided"): (
        18,
        "municipality, challenge with its organisation, its tasks, public events, their "
        "published documents, the published documents, the decisions, the names of its tasks' "
        "providers on the day of the decision, the advice with its department, the framework the challenge was assessed on, its criteria (not their "
        "levels), the submitted scorecards, their scores, the signed "
        "version that applies, its budget lines, results and risks, answered error reports",
    ),
    ("challenges:dossier_agreements", "decided"): (
        9,
        f"{SESSION}, challenge with organisation, municipality and contact person, the versions "
        "with who proposed and signed them, their budget lines, results and risks, memberships, "
        "roles",
    ),
    ("challenges:dossier_agreements_propose", "decided"): (
        8,
        f"{SESSION}, challenge with organisation, municipality and contact person, memberships, "
        "the newest version, its budget lines, results and risks",
    ),
    ("assessment:criteria", None): (
        5,
        "municipality, the published versions, the current one, its criteria, their levels",
    ),
    ("assessment:feed", None): (
        3,
        "municipality, decisions with challenge and organisation, evaluations with challenge",
    ),
    ("opendata:framework-list", None): (
        3,
        "count, a page of versions with their municipality, their criteria with their levels",
    ),
    ("opendata:decision-list", None): (
        1,
        "one cursor page of decisions with their challenge and municipality",
    ),
    ("opendata:agreement-list", None): (
        5,
        "count, a page of signed versions with challenge and municipality, their budget lines, "
        "results and risks",
    ),
}
ANONYMOUS = {
    "challenges:list",
    "challenges:process",
    "challenges:detail",
    "opendata:challenge-list",
    "assessment:criteria",
    "assessment:feed",
    "opendata:framework-list",
    "opendata:decision-list",
    "opendata:agreement-list",
}


def challenge_urls(world: dict) -> dict[tuple, str]:
    from django.urls import reverse

    urls = {}
    for name, argument in CHALLENGE_PAGES:
        kwargs = (
            {}
            if name.startswith(("accounts:", "portal:", "opendata:"))
            else {"municipality": world["place"].slug}
        )
        if argument == "reference":
            kwargs["reference"] = world["challenge"].reference
        elif argument == "decided":
            kwargs["reference"] = world["decided"].reference
        elif argument == "organisation":
            kwargs["pk"] = world["organisation"].pk
        elif argument and argument.startswith("step"):
            kwargs |= {"pk": world["draft"].pk, "step": int(argument.split()[1])}
        urls[(name, argument)] = reverse(name, kwargs=kwargs)
    return urls


def test_challenge_and_account_pages_do_not_grow_with_the_data(client, documents_storage):
    """The public challenge pages and the API anonymously, the resident's own pages logged in:
    the same number of queries with 2 and with 20 times the challenges, events and the rest."""
    from tests.factories import MunicipalityFactory

    world = challenge_world(MunicipalityFactory(slug="hier"))

    def counts() -> dict:
        result = {}
        # Compared by page, not by URL: the decided challenge is a new one in every round.
        for key, url in challenge_urls(world).items():
            cache.clear()
            if key[0] in ANONYMOUS:
                client.logout()
            else:
                client.force_login(world["resident"])
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            result[key] = len(queries)
        return result

    grow_challenges(world, 2)
    grow_assessment(world, 2)
    small = counts()
    grow_challenges(world, 18)
    grow_assessment(world, 20)
    large = counts()
    assert small == large
    assert small == {key: n for key, (n, _why) in CHALLENGE_PAGES.items()}
