"""Issue 5 as users go through it: a published framework, advice, scores side by side, a
decision with published reasons (page, Atom feed, API), and agreements both sides sign."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.assessment_world import AGREEMENT, advice_given
from tests.atom import atom_errors
from tests.challenges.test_challenge_workflow import only_postgres, race
from tests.factories import (
    ChallengeFactory,
    DepartmentFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffRoleFactory,
    UserFactory,
)
from uitdaagrecht.accounts.models import Role
from uitdaagrecht.agreements import services as agreement_services
from uitdaagrecht.assessment import services
from uitdaagrecht.assessment.models import Decision, Framework
from uitdaagrecht.challenges import services as challenge_services
from uitdaagrecht.challenges.workflow import State

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
LEVELS = {f"level_{v}": text for v, text in enumerate(["geen", "zwak", "voldoende", "goed"])}


@pytest.fixture
def world(settings):
    settings.STAFF_2FA_REQUIRED = False
    place = MunicipalityFactory(name="Kampen", slug="kampen")
    owning = DepartmentFactory(municipality=place, name="Groen")
    neutral = DepartmentFactory(municipality=place, name="Bestuurszaken")
    from tests.challenge_world import simple_task

    task = simple_task(municipality=place, department=owning)
    people = {
        "coordinator": StaffRoleFactory(municipality=place, role=Role.COORDINATOR).user,
        "contact": StaffRoleFactory(
            municipality=place, role=Role.CONTACT_PERSON, department=neutral
        ).user,
        "advisor": StaffRoleFactory(municipality=place, role=Role.ADVISOR, department=owning).user,
        "assessor": StaffRoleFactory(municipality=place, role=Role.ASSESSOR).user,
        "assessor2": StaffRoleFactory(municipality=place, role=Role.ASSESSOR).user,
        "decider": StaffRoleFactory(municipality=place, role=Role.DECISION_MAKER).user,
        "decider2": StaffRoleFactory(municipality=place, role=Role.DECISION_MAKER).user,
    }
    resident, member = UserFactory(), UserFactory()
    organisation = OrganisationFactory(owner=resident, members=[member])
    return {
        "place": place,
        "task": task,
        "owning": owning,
        "resident": resident,
        "member": member,
        "organisation": organisation,
        **people,
    }


def publish_framework(client, world) -> Framework:
    """Through the workspace pages, as a coordinator would."""
    client.force_login(world["coordinator"])
    slug = world["place"].slug
    client.post(reverse("workspace:framework_draft", kwargs={"municipality": slug}))
    for dimension, name in [
        ("economic", "Kosten en baten"),
        ("social", "Sociale waarde"),
        ("democratic", "Zeggenschap buurt"),
    ]:
        response = client.post(
            reverse("workspace:criterion_new", kwargs={"municipality": slug}),
            {
                "dimension": dimension,
                "name": name,
                "description": "",
                "weight": 2,
                "order": 1,
                **LEVELS,
            },
        )
        assert response.status_code == 302
    client.post(
        reverse("workspace:framework", kwargs={"municipality": slug}),
        {"introduction": "Zo wegen wij.", "deciding_body": "council"},
    )
    client.post(reverse("workspace:framework_publish", kwargs={"municipality": slug}))
    return Framework.objects.get(municipality=world["place"], published_at__isnull=False)


def in_assessment(world):
    challenge = ChallengeFactory(
        municipality=world["place"], organisation=world["organisation"], task=world["task"]
    )
    challenge_services.transition(
        challenge=challenge, action="start_intake", actor=world["coordinator"], version=None
    )
    challenge_services.contact_person_assign(
        challenge=challenge, person=world["contact"], actor=world["coordinator"], version=None
    )
    return challenge_services.transition(
        challenge=challenge,
        action="accept",
        actor=world["coordinator"],
        version=None,
        reason="Past bij het uitdaagrecht.",
    )


def full_scores(framework, value=3):
    return {
        (c.pk, subject): (value if subject == "challenger" else value - 1, "Onderbouwd.")
        for c in framework.criteria.all()
        for subject in ("challenger", "incumbent")
    }


DECISION = {
    "outcome": "accept",
    "part": "",
    "reasons_economic": "Goedkoper.",
    "reasons_social": "Meer buurtbewoners betrokken.",
    "reasons_democratic": "Zeggenschap.",
    "reasons": "Het voorstel voegt waarde toe.",
    "body": "council",
    "decided_on": "2026-11-20",
    "council_document_url": "",
    "objection": "Bezwaar binnen 6 weken.",
}


def test_a_published_framework_never_changes_and_applies_from_submission(client, world):
    first = publish_framework(client, world)
    challenge = in_assessment(world)
    response = client.get(reverse("assessment:criteria", kwargs={"municipality": "kampen"}))
    assert response.status_code == 200 and "Sociale waarde" in response.content.decode()
    # A change makes version 2; the challenge stays on version 1.
    draft = services.framework_draft(municipality=world["place"], actor=world["coordinator"])
    assert draft.version == 2 and draft.criteria.count() == 3
    criterion = draft.criteria.first()
    services.criterion_save(
        framework=draft,
        actor=world["coordinator"],
        criterion=criterion,
        values={"name": "Nieuw"},
        levels=[(0, "a"), (1, "b")],
    )
    services.framework_publish(framework=draft, actor=world["coordinator"])
    from uitdaagrecht.assessment.selectors import framework_of

    assert framework_of(challenge) == first
    assert first.criteria.filter(name="Nieuw").count() == 0
    with pytest.raises(ValidationError):
        services.criterion_save(
            framework=first,
            actor=world["coordinator"],
            criterion=None,
            values={"name": "x", "dimension": "social"},
            levels=[(0, "a"), (1, "b")],
        )


def test_advice_scores_side_by_side_and_no_anchoring(client, world):
    framework = publish_framework(client, world)
    challenge = in_assessment(world)
    advice = services.advice_request(
        challenge=challenge,
        department=world["owning"],
        question="Wat vindt Groen?",
        days=14,
        actor=world["coordinator"],
    )
    with pytest.raises(PermissionDenied):  # an advisor of another department, or nobody
        services.advice_give(
            request=advice,
            actor=world["assessor"],
            text="x",
            recommendation="favourable",
            confidential=False,
            confidential_reason="",
        )
    services.advice_give(
        request=advice,
        actor=world["advisor"],
        text="Positief, mits …",
        recommendation="conditional",
        confidential=False,
        confidential_reason="",
    )
    # An advisor never decides.
    with pytest.raises(PermissionDenied):
        services.decide(challenge=challenge, actor=world["advisor"], version=None, values=DECISION)
    services.scorecard_save(
        challenge=challenge, actor=world["assessor"], scores=full_scores(framework, 3), submit=True
    )
    # The second assessor does not see the first one's scores before submitting.
    page = reverse(
        "workspace:challenge_assessment",
        kwargs={"municipality": "kampen", "reference": challenge.reference},
    )
    client.force_login(world["assessor2"])
    html = client.get(page).content.decode()
    assert "Onderbouwd." not in html
    with pytest.raises(ValidationError):  # incomplete: the incumbent must be scored as well
        services.scorecard_save(
            challenge=challenge,
            actor=world["assessor2"],
            scores={k: v for k, v in full_scores(framework).items() if k[1] == "challenger"},
            submit=True,
        )
    services.scorecard_save(
        challenge=challenge, actor=world["assessor2"], scores=full_scores(framework, 2), submit=True
    )
    html = client.get(page).content.decode()
    assert "Onderbouwd." in html
    from uitdaagrecht.assessment.selectors import result

    outcome = result(challenge)
    assert outcome.totals == {"challenger": 2.5, "incumbent": 1.5}


def test_the_decision_is_published_once_and_moves_the_challenge(client, world):
    publish_framework(client, world)
    challenge = in_assessment(world)
    client.force_login(world["decider"])
    url = reverse(
        "workspace:challenge_assessment_decide",
        kwargs={"municipality": "kampen", "reference": challenge.reference},
    )
    # Reasons are required per dimension: nothing is lost on error.
    response = client.post(url, {**DECISION, "reasons_social": "", "version": challenge.version})
    assert response.status_code == 400
    assert "Meer buurtbewoners" not in response.content.decode()  # the empty one
    assert "Goedkoper." in response.content.decode()  # what was typed is kept
    response = client.post(url, {**DECISION, "version": challenge.version})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == State.AGREEMENTS
    decision = Decision.objects.get()
    with pytest.raises(ValidationError):
        decision.reasons = "anders"
        decision.save()
    # A second decision maker with the same (now stale) form: refused, still one decision.
    client.force_login(world["decider2"])
    client.post(url, {**DECISION, "version": challenge.version - 1})
    assert Decision.objects.count() == 1
    # Public: page, feed, API.
    client.logout()
    page = client.get(
        reverse(
            "challenges:detail", kwargs={"municipality": "kampen", "reference": challenge.reference}
        )
    )
    assert "Meer buurtbewoners betrokken." in page.content.decode()
    feed = client.get(reverse("assessment:feed", kwargs={"municipality": "kampen"}))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert atom_errors(feed.content) == []
    without_id = re.sub(rb"(<entry>.*?)<id>[^<]*</id>", rb"\1", feed.content, flags=re.S)
    assert without_id != feed.content
    assert atom_errors(without_id), "the check finds an entry without an id"
    root = ET.fromstring(feed.content)  # noqa: S314 (our own feed)
    assert root.tag == f"{ATOM}feed"
    # What the schema leaves to the text of RFC 4287: an author for the feed (or every entry),
    # an alternate link for entries without content.
    assert root.find(f"{ATOM}author/{ATOM}name").text
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].find(f"{ATOM}link[@rel='alternate']") is not None
    api = client.get("/api/v1/decisions/?municipality=" + world["place"].cbs_code).json()
    assert api["results"][0]["reasons_social"] == "Meer buurtbewoners betrokken."
    assert world["decider"].email not in feed.content.decode() + str(api)


def test_a_rejection_and_a_correction(world, client):
    publish_framework(client, world)
    challenge = in_assessment(world)
    decision = services.decide(
        challenge=challenge,
        actor=world["decider"],
        version=None,
        values={**DECISION, "outcome": "reject"},
    )
    challenge.refresh_from_db()
    assert challenge.state == State.REJECTED
    with pytest.raises(ValidationError):
        services.decision_correct(
            decision=decision, actor=world["decider"], values={**DECISION, "outcome": "accept"}
        )
    correction = services.decision_correct(
        decision=decision,
        actor=world["decider"],
        values={**DECISION, "outcome": "reject", "reasons": "Gecorrigeerde motivering."},
    )
    assert correction.corrects == decision


def agree(**changes) -> dict:
    return {**AGREEMENT, "start_date": timezone.localdate(), **changes}


def test_agreements_versions_signatures_and_execution(client, world):
    publish_framework(client, world)
    challenge = in_assessment(world)
    services.decide(challenge=challenge, actor=world["decider"], version=None, values=DECISION)
    results = [
        {
            "indicator": "Tevredenheid buurt",
            "dimension": "social",
            "baseline": 6,
            "target": 8,
            "unit": "cijfer",
        }
    ]
    first = agreement_services.version_propose(
        challenge=challenge,
        actor=world["resident"],
        values=agree(),
        budget=[{"year": 2027, "amount_eur": 80000}],
        results=results,
        risks=[],
        confidential={"budget": "Onderhandeling loopt"},
    )
    second = agreement_services.version_propose(
        challenge=challenge,
        actor=world["contact"],
        values=agree(term_months=36),
        budget=[{"year": 2027, "amount_eur": 85000}],
        results=results,
        risks=[],
        confidential={},
    )
    from uitdaagrecht.agreements.selectors import differences

    labels = {c.label for c in differences(first, second)}
    assert "term (months)" in labels or "looptijd (maanden)" in labels
    # Only the newest version can be signed; a member who is not owner cannot sign.
    with pytest.raises(ValidationError):
        agreement_services.version_sign(version=first, actor=world["resident"])
    with pytest.raises(PermissionDenied):
        agreement_services.version_sign(version=second, actor=world["member"])
    agreement_services.version_sign(version=second, actor=world["resident"])
    agreement_services.version_sign(version=second, actor=world["decider"])
    second.refresh_from_db()
    assert second.is_signed
    with pytest.raises(ValidationError):
        second.term_months = 12
        second.save()
    # Execution starts with the handover (tests/monitoring), now that both have signed.
    from uitdaagrecht.monitoring.services.handover import handover_record

    handover_record(
        challenge=challenge,
        actor=world["contact"],
        version=None,
        values={
            "task": challenge.tasks.first(),
            "starts_on": second.start_date,
            "period_months": 6,
            "amount_eur": 85000,
            "source": "task_budget",
            "incumbent_contract": "Loopt af.",
        },
    )
    challenge.refresh_from_db()
    assert challenge.state == "execution"
    api = client.get("/api/v1/agreements/").json()
    assert api["results"][0]["term_months"] == 36
    assert api["results"][0]["budget"] == [{"year": 2027, "amount_eur": 85000}]


def test_overdue_advice_escalates_once(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from uitdaagrecht.challenges.models import Event, EventKind

    publish_framework(client, world)
    challenge = in_assessment(world)
    with django_capture_on_commit_callbacks(execute=True):
        advice = services.advice_request(
            challenge=challenge,
            department=world["owning"],
            question="Graag advies",
            days=1,
            actor=world["coordinator"],
        )
    assert {m.to[0] for m in mailoutbox} == {world["advisor"].email}
    type(advice).objects.filter(pk=advice.pk).update(
        deadline=timezone.now() - timezone.timedelta(days=2)
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_terms", stdout=io.StringIO())
        call_command("check_terms", stdout=io.StringIO())
    escalations = Event.objects.filter(challenge=challenge, kind=EventKind.ESCALATION)
    assert escalations.count() == 1
    assert {m.to[0] for m in mailoutbox} == {world["coordinator"].email, world["contact"].email}


def test_confidential_parts_stay_out_of_public_pages_and_the_api(client, world):
    publish_framework(client, world)
    challenge = in_assessment(world)
    advice_given(
        challenge,
        department=world["owning"],
        coordinator=world["coordinator"],
        advisor=world["advisor"],
        text="GEHEIM-ADVIES",
        recommendation="unfavourable",
        confidential_reason="Bedrijfsgevoelige cijfers van de uitvoerder",
    )
    services.decide(
        challenge=challenge,
        actor=world["decider"],
        version=None,
        values={**DECISION, "outcome": "partial", "part": "Alleen het maaien"},
    )
    version = agreement_services.version_propose(
        challenge=challenge,
        actor=world["resident"],
        values=agree(),
        budget=[{"year": 2027, "amount_eur": 123456}],
        results=[
            {
                "indicator": "Schone straten",
                "dimension": "social",
                "baseline": None,
                "target": 90,
                "unit": "%",
            }
        ],
        risks=[],
        confidential={"budget": "Onderhandeling met de huidige uitvoerder"},
    )
    agreement_services.version_sign(version=version, actor=world["resident"])
    agreement_services.version_sign(version=version, actor=world["decider"])
    page = client.get(
        reverse(
            "challenges:detail", kwargs={"municipality": "kampen", "reference": challenge.reference}
        )
    ).content.decode()
    api = client.get("/api/v1/agreements/").content.decode()
    assert "Alleen het maaien" in page and "Schone straten" in page
    assert "Bedrijfsgevoelige cijfers" in page  # the reason is public, the advice is not
    for public in (page, api):
        assert "GEHEIM-ADVIES" not in public
        assert "123456" not in public and "123.456" not in public
    assert "Onderhandeling met de huidige uitvoerder" in api


@only_postgres
@pytest.mark.django_db(transaction=True)
def test_two_decision_makers_at_once_make_exactly_one_decision(settings):

    settings.STAFF_2FA_REQUIRED = False
    place = MunicipalityFactory(name="Zwartewaterland", slug="zwartewaterland")
    from tests.challenge_world import simple_task

    owning = DepartmentFactory(municipality=place)
    world = {
        "place": place,
        "owning": owning,
        "task": simple_task(municipality=place, department=owning),
        "coordinator": StaffRoleFactory(municipality=place, role=Role.COORDINATOR).user,
        "contact": StaffRoleFactory(municipality=place, role=Role.CONTACT_PERSON).user,
        "organisation": OrganisationFactory(owner=UserFactory()),
    }
    deciders = [
        StaffRoleFactory(municipality=place, role=Role.DECISION_MAKER).user for _ in range(2)
    ]
    challenge = in_assessment(world)
    version = challenge.version

    def decide(person, outcome):
        from uitdaagrecht.accounts.models import User
        from uitdaagrecht.challenges.models import Challenge

        return services.decide(
            challenge=Challenge.objects.get(pk=challenge.pk),
            actor=User.objects.get(pk=person.pk),
            version=version,
            values={**DECISION, "outcome": outcome},
        )

    results = race(lambda: decide(deciders[0], "accept"), lambda: decide(deciders[1], "reject"))
    assert sorted(kind for kind, _value in results) == ["error", "ok"], results
    assert isinstance(
        next(v for k, v in results if k == "error"), challenge_services.ChallengeChanged
    )
    assert Decision.objects.filter(challenge=challenge).count() == 1
    challenge.refresh_from_db()
    winner = Decision.objects.get(challenge=challenge)
    assert challenge.state == (State.AGREEMENTS if winner.outcome == "accept" else State.REJECTED)


def test_the_frameworks_api_pages_every_version_once(client, world):
    """Ten versions a page (each carries its criteria and scales); the next page has the rest."""
    from tests.assessment_world import CRITERIA
    from tests.assessment_world import LEVELS as SCALE
    from tests.assessment_world import publish_framework as publish

    for _ in range(12):
        publish(world["place"], world["coordinator"])
    client.logout()
    first = client.get("/api/v1/frameworks/", {"municipality": world["place"].cbs_code}).json()
    assert (first["count"], len(first["results"])) == (12, 10)
    second = client.get(first["next"]).json()
    assert second["next"] is None
    versions = [f["version"] for f in first["results"] + second["results"]]
    assert versions == list(range(1, 13))
    criteria = first["results"][0]["criteria"]  # version 1; a draft starts from the last one
    assert [c["name"] for c in criteria] == [name for _dimension, name in CRITERIA]
    assert [(lv["value"], lv["description"]) for lv in criteria[0]["levels"]] == list(SCALE)
    everything = client.get("/api/v1/frameworks/", {"page_size": 100}).json()
    assert len(everything["results"]) == 12
