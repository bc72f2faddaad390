"""An owner sees who was invited to the organisation and can withdraw a pending invitation; its
link then no longer works. Members and outsiders cannot withdraw."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from uitdaagrecht.accounts.models import Membership, OrganisationInvitation

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/\S+)")


@pytest.fixture
def invited(client, django_capture_on_commit_callbacks):
    owner = UserFactory()
    member = UserFactory()
    organisation = OrganisationFactory(owner=owner, members=[member])
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:organisation", args=[organisation.pk]),
            {"form": "invite", "email": "nieuw@example.org", "role": "member"},
        )
    invitation = OrganisationInvitation.objects.get()
    accept = LINK.search(mail.outbox[-1].body).group(1)
    return organisation, owner, member, invitation, accept


def _withdraw_url(organisation, invitation) -> str:
    return reverse(
        "accounts:organisation_invitation_withdraw", args=[organisation.pk, invitation.pk]
    )


def test_the_owner_sees_the_pending_invitation_and_withdraws_it(client, invited):
    organisation, _owner, _member, invitation, accept = invited
    page = client.get(reverse("accounts:organisation", args=[organisation.pk])).content.decode()
    assert "Uitnodigingen die nog niet zijn aangenomen" in page
    assert "nieuw@example.org als lid, uitgenodigd op" in page
    assert f'action="{_withdraw_url(organisation, invitation)}"' in page

    response = client.post(_withdraw_url(organisation, invitation), follow=True)
    assert "De uitnodiging aan nieuw@example.org is ingetrokken" in response.content.decode()
    assert "Uitnodigingen die nog niet zijn aangenomen" not in response.content.decode()
    assert not OrganisationInvitation.objects.exists()
    # The link in the e-mail no longer works.
    client.force_login(UserFactory(email="nieuw@example.org"))
    assert client.post(accept).status_code == 404
    assert not Membership.objects.filter(user__email="nieuw@example.org").exists()


def test_withdrawing_twice_is_harmless(client, invited):
    organisation, _owner, _member, invitation, _accept = invited
    client.post(_withdraw_url(organisation, invitation))
    response = client.post(_withdraw_url(organisation, invitation), follow=True)
    assert response.status_code == 200
    assert "was al ingetrokken" in response.content.decode()


def test_a_member_cannot_withdraw_and_does_not_see_the_invitations(client, invited):
    organisation, _owner, member, invitation, _accept = invited
    client.force_login(member)
    page = client.get(reverse("accounts:organisation", args=[organisation.pk])).content.decode()
    assert "nieuw@example.org" not in page
    assert client.post(_withdraw_url(organisation, invitation)).status_code == 403
    assert OrganisationInvitation.objects.exists()


def test_an_outsider_gets_not_found(client, invited):
    organisation, _owner, _member, invitation, _accept = invited
    client.force_login(UserFactory())
    assert client.post(_withdraw_url(organisation, invitation)).status_code == 404
    assert OrganisationInvitation.objects.exists()


def test_withdrawing_takes_post_only(client, invited):
    organisation, _owner, _member, invitation, _accept = invited
    assert client.get(_withdraw_url(organisation, invitation)).status_code == 405
    assert OrganisationInvitation.objects.exists()
