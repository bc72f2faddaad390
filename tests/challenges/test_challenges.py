"""The challenge process as users go through it: submit, intake, contact person, conversation."""

import pytest
from django.core import mail
from django.urls import reverse

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
from uitdaagrecht.challenges.models import Challenge, Event, EventKind, Visibility
from uitdaagrecht.challenges.workflow import State

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings):
    settings.STAFF_2FA_REQUIRED = False
    place = MunicipalityFactory()
    owning = DepartmentFactory(municipality=place, name="Groen")
    neutral = DepartmentFactory(municipality=place, name="Bestuurszaken")
    catalog = CatalogFactory(municipality=place, department=owning)
    coordinator = StaffRoleFactory(municipality=place, role=Role.COORDINATOR).user
    contact = StaffRoleFactory(
        municipality=place, role=Role.CONTACT_PERSON, department=neutral
    ).user
    involved = StaffRoleFactory(
        municipality=place, role=Role.CONTACT_PERSON, department=owning
    ).user
    resident = UserFactory()
    organisation = OrganisationFactory(owner=resident)
    return {
        "place": place,
        "task": catalog["task"],
        "coordinator": coordinator,
        "contact": contact,
        "involved": involved,
        "resident": resident,
        "organisation": organisation,
    }


def test_a_resident_writes_a_draft_step_by_step_and_submits_it(client, world):
    place, resident = world["place"], world["resident"]
    client.force_login(resident)
    start = reverse("challenges:draft_start", kwargs={"municipality": place.slug})
    response = client.get(f"{start}?taak={world['task'].pk}")
    assert response.status_code == 200
    response = client.post(
        f"{start}?taak={world['task'].pk}",
        {"organisation": world["organisation"].pk, "title": "Park van de buurt"},
    )
    challenge = Challenge.objects.get()
    assert response.status_code == 302
    assert list(challenge.tasks.all()) == [world["task"]]
    step = lambda n: reverse(  # noqa: E731
        "challenges:draft_step",
        kwargs={"municipality": place.slug, "pk": challenge.pk, "step": n},
    )
    # A bad amount: the message is in Dutch and what was typed stays in the form.
    response = client.post(step(3), {"capacity": "Tien mensen", "budget_asked_eur": "veel"})
    assert response.status_code == 400
    assert "Tien mensen" in response.content.decode()
    assert "“veel” is geen bedrag" in response.content.decode()
    # Submitting too early lists what is missing.
    response = client.post(step(6), {"version": challenge.version})
    assert response.status_code == 400
    assert "Nog niet compleet" in response.content.decode()
    client.post(
        step(1),
        {
            "title": "Park van de buurt",
            "tasks": [world["task"].pk],
            "mode": "take_over",
            "next": "1",
        },
    )
    client.post(
        step(2),
        {"summary": "Samen het park", "why_better": "Buurt", "plan_what": "A", "plan_how": "B"},
    )
    client.post(step(3), {"capacity": "Tien mensen", "budget_asked_eur": "90000"})
    challenge.refresh_from_db()
    assert challenge.budget_asked_eur == 90000
    mail.outbox.clear()
    response = client.post(step(6), {"version": challenge.version})
    challenge.refresh_from_db()
    assert response.status_code == 302
    assert challenge.state == State.SUBMITTED
    assert challenge.reference.startswith("UD-")
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {world["coordinator"].email, resident.email}
    receipt = by_recipient[resident.email]
    assert challenge.reference in receipt.subject and challenge.reference in receipt.body
    for message in mail.outbox:
        assert "Samen het park" not in message.body  # no content of the offer in e-mails
    page = client.get(response["Location"])
    assert page.status_code == 200


def test_intake_neutral_contact_person_and_acceptance(client, world):
    challenge = ChallengeFactory(
        municipality=world["place"], organisation=world["organisation"], task=world["task"]
    )
    client.force_login(world["coordinator"])
    base = reverse(
        "workspace:challenge",
        kwargs={"municipality": world["place"].slug, "reference": challenge.reference},
    )
    response = client.get(base)
    assert response.status_code == 200
    client.post(f"{base}actie/start_intake/", {"start_intake-version": challenge.version})
    challenge.refresh_from_db()
    assert challenge.state == State.INTAKE
    # Accepting without a contact person is refused with the reason.
    response = client.post(
        f"{base}actie/accept/",
        {"accept-version": challenge.version, "accept-reason": "Past bij uitdaagrecht"},
    )
    assert response.status_code == 400
    assert "Wijs eerst een contactpersoon toe" in response.content.decode()
    # Someone of the department that owns the task is not neutral.
    response = client.post(
        f"{base}contactpersoon/", {"version": challenge.version, "person": world["involved"].pk}
    )
    assert response.status_code == 400
    assert "neutraal" in response.content.decode()
    response = client.post(
        f"{base}contactpersoon/", {"version": challenge.version, "person": world["contact"].pk}
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.contact_person == world["contact"]
    response = client.post(
        f"{base}actie/accept/",
        {"accept-version": challenge.version, "accept-reason": "Past bij uitdaagrecht"},
    )
    challenge.refresh_from_db()
    assert challenge.state == State.ASSESSMENT
    kinds = list(challenge.events.values_list("kind", flat=True))
    assert kinds == ["created", "transition", "transition", "assignment", "transition"]


def test_a_stale_form_gets_this_challenge_has_changed(client, world):
    challenge = ChallengeFactory(
        municipality=world["place"], organisation=world["organisation"], task=world["task"]
    )
    client.force_login(world["coordinator"])
    base = reverse(
        "workspace:challenge",
        kwargs={"municipality": world["place"].slug, "reference": challenge.reference},
    )
    old = challenge.version
    client.post(f"{base}actie/start_intake/", {"start_intake-version": old})
    response = client.post(f"{base}actie/start_intake/", {"start_intake-version": old}, follow=True)
    assert "is veranderd" in response.content.decode()
    assert Event.objects.filter(challenge=challenge, kind=EventKind.TRANSITION).count() == 2


def test_messages_notes_and_what_challengers_see(client, world):
    challenge = ChallengeFactory(
        municipality=world["place"], organisation=world["organisation"], task=world["task"]
    )
    client.force_login(world["coordinator"])
    base = reverse(
        "workspace:challenge",
        kwargs={"municipality": world["place"].slug, "reference": challenge.reference},
    )
    client.post(f"{base}notitie/", {"text": "Intern: <b>gevoelig</b>"})
    client.post(f"{base}bericht/", {"text": "Welkom! Zullen we bellen?"})
    client.force_login(world["resident"])
    dossier = reverse(
        "challenges:dossier",
        kwargs={"municipality": world["place"].slug, "reference": challenge.reference},
    )
    page = client.get(dossier).content.decode()
    assert "Welkom! Zullen we bellen?" in page
    assert "gevoelig" not in page
    public = client.get(
        reverse(
            "challenges:detail",
            kwargs={"municipality": world["place"].slug, "reference": challenge.reference},
        )
    ).content.decode()
    assert "Welkom" not in public
    assert world["resident"].full_name not in public
    assert Event.objects.filter(visibility=Visibility.STAFF).count() == 1
