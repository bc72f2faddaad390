"""Privacy (AVG): a person downloads their data and deletes their account; retention (issue 12)."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from tests.challenge_world import make_world
from tests.factories import ChallengeFactory, UserFactory
from uitdaagrecht.accounts.models import (
    MemberRole,
    Membership,
    OrganisationInvitation,
    StaffInvitation,
    User,
)
from uitdaagrecht.challenges import services as challenge_services
from uitdaagrecht.notifications.models import Notification

pytestmark = pytest.mark.django_db
PASSWORD = "een lang wachtwoord"


@pytest.fixture(autouse=True)
def _dutch_afterwards():
    """A request to /en/ leaves English active in this thread; the next test expects Dutch."""
    yield
    translation.activate("nl")


@pytest.fixture
def world(settings):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    for person in (world.resident, world.teammate):
        person.set_password(PASSWORD)
        person.save(update_fields=["password"])
    return world


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_resident_downloads_everything_about_their_account_and_no_secrets(world):
    challenge = ChallengeFactory(
        municipality=world.place, organisation=world.organisation, task=world.task
    )
    challenge_services.message_post(
        challenge=challenge, actor=world.teammate, text="Onze vraag over het budget"
    )
    client = logged_in(world.teammate)
    assert client.get(reverse("accounts:my_data")).status_code == 200
    response = client.get(reverse("accounts:my_data") + "?download")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == world.teammate.email
    related = data["related"]
    assert related["accounts.Membership.user"][0]["organisation_id"] == world.organisation.pk
    assert any("Onze vraag" in json.dumps(rows) for rows in related.values())
    text = response.content.decode()
    assert world.teammate.password not in text and "password" not in text
    # Somebody else's data is not in it.
    assert world.resident.email not in text
    assert Client().get(reverse("accounts:my_data") + "?download").status_code == 302


def test_deleting_an_account_keeps_the_messages_as_a_former_member(world):
    challenge = ChallengeFactory(
        municipality=world.place, organisation=world.organisation, task=world.task
    )
    challenge_services.message_post(
        challenge=challenge, actor=world.teammate, text="Wij nemen het maaien over"
    )
    email, name = world.teammate.email, world.teammate.full_name
    client = logged_in(world.teammate)
    wrong = client.post(reverse("accounts:account_delete"), {"password": "fout"})
    assert wrong.status_code == 400
    assert "Het wachtwoord is niet juist." in wrong.content.decode()
    response = client.post(reverse("accounts:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    former = User.objects.get(pk=world.teammate.pk)
    assert (former.is_active, former.has_usable_password()) == (False, False)
    assert email != former.email and name not in former.full_name
    assert former.full_name == f"voormalig lid van {world.organisation.name}"
    assert not Membership.objects.filter(user=former).exists()
    assert not Notification.objects.filter(user=former).exists()
    # The organisation keeps its other members; the message stays, under the new name.
    assert Membership.objects.filter(organisation=world.organisation).exists()
    dossier = reverse(
        "challenges:dossier",
        kwargs={"municipality": world.place.slug, "reference": challenge.reference},
    )
    page = logged_in(world.resident).get(dossier).content.decode()
    assert "Wij nemen het maaien over" in page
    assert name not in page and email not in page
    # Logged out, and the old password opens nothing.
    assert client.get(reverse("portal:account")).status_code == 302
    again = Client()
    again.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})
    assert "_auth_user_id" not in again.session


def test_the_last_owner_must_hand_over_first(world):
    client = logged_in(world.resident)  # the owner; the teammate is a member
    response = client.post(reverse("accounts:account_delete"), {"password": PASSWORD})
    assert response.status_code == 400
    assert "laatste eigenaar" in response.content.decode()
    assert User.objects.get(pk=world.resident.pk).is_active
    Membership.objects.filter(user=world.teammate).update(role=MemberRole.OWNER)
    response = client.post(reverse("accounts:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302


def test_staff_cannot_delete_their_account_themselves(world):
    world.coordinator.set_password(PASSWORD)
    world.coordinator.save(update_fields=["password"])
    response = logged_in(world.coordinator).post(
        reverse("accounts:account_delete"), {"password": PASSWORD}
    )
    assert response.status_code == 400
    assert User.objects.get(pk=world.coordinator.pk).is_active


def test_check_terms_removes_unconfirmed_accounts_and_expired_invitations(world):
    long_ago = timezone.now() - datetime.timedelta(days=60)
    stale = UserFactory(is_active=False)
    User.objects.filter(pk=stale.pk).update(date_joined=long_ago)
    fresh = UserFactory(is_active=False)  # registered just now: keeps its week
    old_invitation = OrganisationInvitation.objects.create(
        organisation=world.organisation,
        email="x@example.org",
        role=MemberRole.MEMBER,
        token_hash="a" * 64,
        invited_by=world.resident,
    )
    OrganisationInvitation.objects.filter(pk=old_invitation.pk).update(created_at=long_ago)
    StaffInvitation.objects.create(
        municipality=world.place,
        email="y@example.org",
        roles=["assessor"],
        token_hash="b" * 64,
        invited_by=world.coordinator,
    )
    out = StringIO()
    call_command("check_terms", stdout=out)
    assert "1 unconfirmed accounts and 1 expired invitations removed" in out.getvalue()
    assert not User.objects.filter(pk=stale.pk).exists()
    assert User.objects.filter(pk=fresh.pk).exists()
    assert StaffInvitation.objects.count() == 1


def test_the_privacy_statement_says_what_is_kept_how_long(client):
    page = client.get(reverse("privacy")).content.decode()
    assert "Privacyverklaring" in page
    assert "7 dagen" in page and "30 dagen na verzending" in page
    english = client.get("/en/privacy/").content.decode()
    assert "Privacy statement" in english and "Retention periods" in english
