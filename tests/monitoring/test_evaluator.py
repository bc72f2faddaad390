"""The independent evaluator (issue 10): the coordinator assigns one to a challenge; that person
writes its evaluations, and opens nothing else of the municipality."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from tests.challenge_world import fresh, in_state, make_world, take
from tests.factories import StaffRoleFactory, UserFactory
from tests.monitoring.test_monitoring import challenge_page, evaluation_values
from uitdaagrecht.accounts.models import Role, StaffRole
from uitdaagrecht.challenges.models import Event
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.monitoring.events import MonitoringEvent
from uitdaagrecht.monitoring.models import Assignment, Evaluation
from uitdaagrecht.monitoring.services import evaluations
from uitdaagrecht.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    world.evaluator = StaffRoleFactory(
        municipality=world.place, role=Role.EVALUATOR, user=UserFactory(full_name="Eva Luator")
    ).user
    return world


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def kwargs_of(challenge) -> dict:
    return {"municipality": challenge.municipality.slug, "reference": challenge.reference}


def evaluator_page(challenge) -> str:
    return reverse("monitoring:evaluator", kwargs=kwargs_of(challenge))


def assign_page(challenge) -> str:
    return reverse("workspace:challenge_evaluator_assign", kwargs=kwargs_of(challenge))


def test_the_coordinator_assigns_and_the_evaluator_writes_only_that_evaluation(
    world, django_capture_on_commit_callbacks
):
    from django.core import mail

    challenge = in_state(world, State.EXECUTION)
    other = in_state(world, State.EXECUTION)
    coordinator = client_of(world.coordinator)
    form = coordinator.get(assign_page(challenge))
    assert form.status_code == 200 and "Eva Luator" in form.content.decode()
    # Someone without the role is refused with a message, and nothing is assigned.
    refused = coordinator.post(assign_page(challenge), {"evaluator": world.advisor.pk})
    assert refused.status_code == 400 and not Assignment.objects.exists()
    # The contact person does not choose the evaluator.
    assert (
        client_of(world.contact)
        .post(assign_page(challenge), {"evaluator": world.evaluator.pk})
        .status_code
        == 403
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = coordinator.post(assign_page(challenge), {"evaluator": world.evaluator.pk})
    assert done.status_code == 302
    assert Assignment.objects.get().challenge == challenge
    assert Event.objects.filter(challenge=challenge, kind=MonitoringEvent.EVALUATOR).exists()
    told = Notification.objects.get(user=world.evaluator)
    assert told.url == evaluator_page(challenge) and challenge.reference in told.text
    assert any(world.evaluator.email in m.to for m in mail.outbox)

    evaluator = client_of(world.evaluator)
    home = evaluator.get(reverse("portal:account")).content.decode()
    assert evaluator_page(challenge) in home
    assert reverse("workspace:dashboard", kwargs={"municipality": world.place.slug}) not in home
    waiting = evaluator.get(evaluator_page(challenge))
    assert waiting.status_code == 200
    assert "niet in de evaluatiefase" in waiting.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        take(world, challenge, "evaluate")
    assert Notification.objects.filter(user=world.evaluator).count() == 2  # it may start now
    page = evaluator.get(evaluator_page(challenge))
    assert page.status_code == 200 and 'name="judgement_social"' in page.content.decode()
    typed = evaluation_values("interim", evaluator="Bureau Onafhankelijk")
    bad = evaluator.post(evaluator_page(challenge), {**typed, "lessons_advice": ""})
    assert bad.status_code == 400 and "Bureau Onafhankelijk" in bad.content.decode()
    sent = evaluator.post(evaluator_page(challenge), typed)
    assert sent.status_code == 302
    evaluation = Evaluation.objects.get(challenge=challenge)
    assert evaluation.independent and evaluation.recorded_by == world.evaluator
    public = Client().get(challenge_page(challenge)).content.decode()
    assert "Bureau Onafhankelijk (onafhankelijk evaluator)" in public
    # On the public timeline the evaluation is the independent evaluator's, not the municipality's.
    assert Event.objects.get(challenge=challenge, kind="evaluation").actor_role == "evaluator"
    assert "· Onafhankelijk evaluator" in public
    assert "Eva Luator" not in public  # the person's name is not published
    [published] = Client().get("/api/v1/evaluations/").json()["results"]
    assert published["independent"] and published["evaluator"] == "Bureau Onafhankelijk"
    assert "Eva Luator" not in str(published)

    # Nothing else: not the other challenge, not the workspace, not the dossiers.
    assert evaluator.get(evaluator_page(other)).status_code == 404
    assert evaluator.post(evaluator_page(other), typed).status_code == 404
    for name in ("challenge", "challenge_evaluation", "challenge_reports", "challenge_feedback"):
        url = reverse(f"workspace:{name}", kwargs=kwargs_of(challenge))
        assert evaluator.get(url).status_code == 403, name
    for name in ("dashboard", "challenges"):
        url = reverse(f"workspace:{name}", kwargs={"municipality": world.place.slug})
        assert evaluator.get(url).status_code == 403, name
    dossier = reverse("challenges:dossier", kwargs=kwargs_of(challenge))
    assert evaluator.get(dossier).status_code == 404
    with pytest.raises(PermissionDenied):
        take(world, other, "evaluate")
        evaluations.evaluation_record(
            challenge=other, actor=fresh(world.evaluator), values=evaluation_values("interim")
        )
    # Staff use the workspace: the evaluator's page does not exist for them.
    assert coordinator.get(evaluator_page(challenge)).status_code == 404
    # A role taken away closes the door at once.
    StaffRole.objects.filter(user=world.evaluator).delete()
    assert evaluator.get(evaluator_page(challenge)).status_code == 404


def test_staff_see_who_evaluated(world):
    challenge = in_state(world, State.EXECUTION)
    take(world, challenge, "evaluate")
    evaluations.evaluation_record(
        challenge=challenge, actor=fresh(world.contact), values=evaluation_values("interim")
    )
    staff = client_of(world.coordinator)
    page = staff.get(reverse("workspace:challenge_evaluation", kwargs=kwargs_of(challenge)))
    text = page.content.decode()
    assert "De gemeente (door de gemeente zelf)" in text
    assert "Er is geen onafhankelijke evaluator gekozen" in text
    assert assign_page(challenge) in text


@pytest.mark.django_db(transaction=True)  # the e-mail goes out after commit
def test_an_invited_evaluator_lands_on_the_account_home_not_the_workspace(client, settings):
    import re

    from django.core import mail

    settings.STAFF_2FA_REQUIRED = False
    admin = StaffRoleFactory(admin=True)
    client.force_login(admin.user)
    staff_page = reverse("workspace:staff", kwargs={"municipality": admin.municipality.slug})
    assert "onafhankelijk evaluator" in client.get(staff_page).content.decode()
    client.post(staff_page, {"email": "eva@example.org", "roles": ["evaluator"]})
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    client.logout()
    strong = "een sterk wachtwoord 42"
    response = client.post(link, {"full_name": "Eva", "password1": strong, "password2": strong})
    assert response.status_code == 302 and response["Location"] == reverse("portal:account")
    home = client.get(response["Location"]).content.decode()
    assert "onafhankelijk" in home and "Beheeromgeving" not in home
