"""Residents: registration with e-mail verification, challenger organisations, invitations by
e-mail, leaving, and belonging to more than one organisation."""

import re
import time

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from tests.factories import MunicipalityFactory, OrganisationFactory, UserFactory
from uitdaagrecht.accounts import services
from uitdaagrecht.accounts.models import (
    MemberRole,
    Membership,
    Organisation,
    OrganisationInvitation,
    User,
)
from uitdaagrecht.challenges.models import Challenge

pytestmark = pytest.mark.django_db

PASSWORD = "een lange zin als wachtwoord 2026"
LINK = re.compile(r"https?://[^/\s]+(/\S+)")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): …` sends the e-mails the block left for after the commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def register(client, committed, email: str, *, name: str = "Fatima de Vries"):
    with committed():
        return client.post(
            reverse("accounts:register"),
            {"full_name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
        )


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


# ---------------------------------------------------------------- registration


def test_registration_sends_a_link_that_activates_the_account_on_post(client, committed):
    assert client.get(reverse("accounts:register")).status_code == 200
    response = register(client, committed, "Fatima@Example.org")
    assert response.status_code == 200
    user = User.objects.get(email="fatima@example.org")
    assert not user.is_active
    assert user.check_password(PASSWORD)
    [message] = mail.outbox
    assert message.to == ["fatima@example.org"]
    verify = link_in(message)
    assert verify.startswith("/account/bevestigen/")
    # Not active yet: logging in does not work.
    response = client.post(
        reverse("accounts:login"), {"username": "fatima@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    # GET (a mail scanner following the link) shows a button and changes nothing.
    response = client.get(verify)
    assert response.status_code == 200
    assert re.search(r'<form method="post"', response.content.decode())
    user.refresh_from_db()
    assert not user.is_active
    # POST activates and logs in.
    response = client.post(verify)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:account")
    user.refresh_from_db()
    assert user.is_active
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("portal:account")).status_code == 200


def test_an_address_that_has_an_account_gets_the_same_screen_and_a_different_email(
    client, committed
):
    existing = UserFactory(email="bestaand@example.org")
    password = existing.password
    new = register(client, committed, "nieuw@example.org", name="Nieuw")
    known = register(client, committed, "Bestaand@Example.org", name="Aanvaller")
    assert new.status_code == known.status_code == 200
    # The same page (the queued e-mail's text is rendered in the request too: left out).
    pages = [[t.name for t in r.templates if "/email/" not in t.name] for r in (new, known)]
    assert pages[0] == pages[1]
    assert without_tokens(new.content.decode()) == without_tokens(known.content.decode())
    # The existing account is untouched and its owner is told, with a password-reset link.
    existing.refresh_from_db()
    assert (existing.password, existing.full_name, existing.is_active) == (
        password,
        existing.full_name,
        True,
    )
    assert User.objects.filter(email="bestaand@example.org").count() == 1
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"nieuw@example.org", "bestaand@example.org"}
    assert "/bevestigen/" in by_address["nieuw@example.org"].body
    assert "/bevestigen/" not in by_address["bestaand@example.org"].body
    assert reverse("accounts:password_reset") in by_address["bestaand@example.org"].body
    assert by_address["nieuw@example.org"].subject != by_address["bestaand@example.org"].subject


def test_registering_again_before_confirming_sends_a_new_link(client, committed):
    register(client, committed, "twee@example.org", name="Eerste poging")
    register(client, committed, "twee@example.org", name="Meteen nog eens")
    assert len(mail.outbox) == 1  # within a few minutes: no second e-mail (no mail flooding)
    from django.core.cache import cache

    cache.clear()  # some minutes later
    register(client, committed, "twee@example.org", name="Tweede poging")
    assert User.objects.filter(email="twee@example.org").count() == 1
    assert User.objects.get(email="twee@example.org").full_name == "Tweede poging"
    _first, second = (link_in(m) for m in mail.outbox)
    assert client.post(second).status_code == 302
    assert User.objects.get(email="twee@example.org").is_active


class PastSigner(signing.TimestampSigner):
    """Signs as if it were four days ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 4 * 24 * 3600)


@pytest.mark.parametrize("kind", ["garbled", "expired", "other salt"])
def test_a_garbled_or_expired_link_gives_a_clear_error(client, committed, kind):
    register(client, committed, "laat@example.org")
    user = User.objects.get(email="laat@example.org")
    payload = {"user": user.pk, "email": user.email}
    token = {
        "garbled": link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1][:-3] + "xyz",
        "expired": PastSigner(salt=services.REGISTRATION_SALT).sign_object(payload),
        "other salt": signing.dumps(payload, salt="something else"),
    }[kind]
    response = client.post(reverse("accounts:verify", args=[token]))
    assert response.status_code == 400
    assert response.context["errors"]
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert not user.is_active


def test_registration_form_errors_keep_what_was_typed(client, committed):
    response = register(client, committed, "geen-adres")
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    response = client.post(
        reverse("accounts:register"),
        {"full_name": "Kees", "email": "kees@example.org", "password1": "kort", "password2": "x"},
    )
    assert response.status_code == 400
    assert "kees@example.org" in response.content.decode()
    assert not User.objects.filter(email="kees@example.org").exists()
    assert mail.outbox == []


# ---------------------------------------------------------------- organisations


@pytest.fixture
def owner(client):
    user = UserFactory(email="eigenaar@example.org")
    client.force_login(user)
    return user


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "１２３４５６７８"])
def test_a_kvk_number_must_be_eight_digits(client, owner, kvk):
    response = client.post(
        reverse("accounts:organisation_new"),
        {"name": "Buurtkracht", "legal_form": "foundation", "kvk_number": kvk},
    )
    assert response.status_code == 400
    assert "kvk_number" in response.context["form"].errors
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("kvk", ["12345678", ""])
def test_creating_an_organisation_makes_you_its_owner(client, owner, kvk):
    response = client.post(
        reverse("accounts:organisation_new"),
        {
            "name": "Buurtkracht Assendorp",
            "legal_form": "residents_group",
            "kvk_number": kvk,
            "neighbourhoods": "Assendorp",
        },
    )
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:organisation", args=[organisation.pk])
    assert organisation.kvk_number == kvk
    membership = Membership.objects.get()
    assert (membership.user, membership.role) == (owner, MemberRole.OWNER)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["manage"]


def test_after_registering_an_organisation_you_continue_where_you_were(client, owner):
    place = MunicipalityFactory()
    start = reverse("challenges:draft_start", kwargs={"municipality": place.slug})
    response = client.get(start)
    assert response.status_code == 200
    assert "challenges/no_organisation.html" in [t.name for t in response.templates]
    response = client.post(
        f"{reverse('accounts:organisation_new')}?next={start}",
        {"name": "Nieuwe club", "legal_form": "association"},
    )
    assert response.status_code == 302
    assert response["Location"] == start
    # And an outside address is not followed.
    response = client.post(
        f"{reverse('accounts:organisation_new')}?next=https://evil.example/",
        {"name": "Tweede club", "legal_form": "association"},
    )
    assert response["Location"].startswith("/account/organisaties/")


def _invite(client, organisation, email, committed, role="member"):
    with committed():
        return client.post(
            reverse("accounts:organisation", args=[organisation.pk]),
            {"form": "invite", "email": email, "role": role},
        )


def test_inviting_and_accepting_with_the_right_account(client, owner, committed):
    organisation = OrganisationFactory(owner=owner)
    response = _invite(client, organisation, "Nieuw.Lid@Example.org", committed)
    assert response.status_code == 302
    invitation = OrganisationInvitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "nieuw.lid@example.org",
        MemberRole.MEMBER,
        owner,
    )
    [message] = mail.outbox
    assert message.to == ["nieuw.lid@example.org"]
    accept = link_in(message)
    assert invitation.token_hash not in accept  # only the hash is stored
    # Anonymous: told to log in with that address first.
    client.logout()
    response = client.get(accept)
    assert response.status_code == 200
    assert reverse("accounts:login") in response.content.decode()
    # With the invited account: GET shows a button, POST makes a member.
    invited = UserFactory(email="nieuw.lid@example.org")
    client.force_login(invited)
    assert client.get(accept).status_code == 200
    assert not Membership.objects.filter(user=invited).exists()
    response = client.post(accept)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:organisation", args=[organisation.pk])
    assert Membership.objects.get(user=invited).role == MemberRole.MEMBER
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    # The link works once.
    assert client.post(accept).status_code == 404
    # The new member sees the organisation but cannot manage it.
    page = client.get(reverse("accounts:organisation", args=[organisation.pk]))
    assert page.status_code == 200 and not page.context["manage"]
    response = _invite(client, organisation, "nog.iemand@example.org", committed)
    assert response.status_code == 403
    assert OrganisationInvitation.objects.count() == 1


def test_an_invitation_accepted_with_another_account_is_refused(client, owner, committed):
    organisation = OrganisationFactory(owner=owner)
    _invite(client, organisation, "bedoeld@example.org", committed)
    accept = link_in(mail.outbox[0])
    intruder = UserFactory(email="iemand.anders@example.org")
    client.force_login(intruder)
    response = client.post(accept)
    assert response.status_code == 400
    assert response.context["errors"]
    assert not Membership.objects.filter(user=intruder).exists()
    assert OrganisationInvitation.objects.get().is_open
    # A guessed token is not an invitation.
    assert client.get(accept[:-5] + "abcd/").status_code == 404


def test_inviting_someone_who_is_already_a_member_is_refused(client, owner, committed):
    member = UserFactory(email="lid@example.org")
    organisation = OrganisationFactory(owner=owner, members=[member])
    response = _invite(client, organisation, "LID@example.org", committed)
    assert response.status_code == 400
    assert "email" in response.context["invite"].errors
    assert not OrganisationInvitation.objects.exists()
    assert mail.outbox == []


def test_the_last_owner_cannot_leave_but_members_can(client, owner):
    member = UserFactory()
    organisation = OrganisationFactory(owner=owner, members=[member])

    def leave(user):
        client.force_login(user)
        return client.post(
            reverse("accounts:organisation_member_remove", args=[organisation.pk, user.pk])
        )

    response = leave(owner)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:organisation", args=[organisation.pk])
    assert Membership.objects.filter(user=owner, role=MemberRole.OWNER).exists()
    response = leave(member)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:account")
    assert not Membership.objects.filter(user=member).exists()
    # With a second owner the first may go.
    second = UserFactory()
    Membership.objects.create(organisation=organisation, user=second, role=MemberRole.OWNER)
    assert leave(owner).status_code == 302
    assert list(Membership.objects.values_list("user", flat=True)) == [second.pk]
    # A member cannot remove someone else; someone outside cannot even see it.
    third = UserFactory()
    Membership.objects.create(organisation=organisation, user=third)
    client.force_login(third)
    response = client.post(
        reverse("accounts:organisation_member_remove", args=[organisation.pk, second.pk])
    )
    assert response.status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:organisation", args=[organisation.pk])).status_code == 404


def test_a_member_of_two_organisations_sees_both_and_starts_a_draft_for_either(client):
    place = MunicipalityFactory()
    person = UserFactory()
    first = OrganisationFactory(owner=person, name="Buurtkracht")
    second = OrganisationFactory(owner=UserFactory(), members=[person], name="Zorgcoöperatie")
    third = OrganisationFactory(owner=UserFactory(), name="Niet van mij")
    client.force_login(person)
    home = client.get(reverse("portal:account"))
    assert home.status_code == 200
    page = home.content.decode()
    assert "Buurtkracht" in page and "Zorgcoöperatie" in page and "Niet van mij" not in page
    start = reverse("challenges:draft_start", kwargs={"municipality": place.slug})
    form = client.get(start).context["form"]
    assert set(form.fields["organisation"].queryset) == {first, second}
    for organisation in (first, second):
        response = client.post(start, {"organisation": organisation.pk, "title": organisation.name})
        assert response.status_code == 302
        assert Challenge.objects.get(organisation=organisation).created_by == person
    response = client.post(start, {"organisation": third.pk, "title": "Niet toegestaan"})
    assert response.status_code == 400
    assert not Challenge.objects.filter(organisation=third).exists()
    # The other members of each organisation see only their own organisation's draft.
    draft_of_second = Challenge.objects.get(organisation=second)
    client.force_login(second.memberships.get(role=MemberRole.OWNER).user)
    step = lambda c: reverse(  # noqa: E731
        "challenges:draft_step", kwargs={"municipality": place.slug, "pk": c.pk, "step": 1}
    )
    assert client.get(step(draft_of_second)).status_code == 200
    assert client.get(step(Challenge.objects.get(organisation=first))).status_code == 404


def test_resident_forms_need_the_csrf_token(committed):
    user = UserFactory()
    organisation = OrganisationFactory(owner=user)
    checked = Client(enforce_csrf_checks=True)
    forms = [
        (
            reverse("accounts:register"),
            {
                "full_name": "X",
                "email": "x@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        ),
        (reverse("accounts:verify", args=["token"]), {}),
    ]
    for address, data in forms:
        assert checked.post(address, data).status_code == 403
    checked.force_login(user)
    forms = [
        (reverse("accounts:organisation_new"), {"name": "X", "legal_form": "other"}),
        (
            reverse("accounts:organisation", args=[organisation.pk]),
            {"form": "invite", "email": "y@example.org", "role": "member"},
        ),
        (reverse("accounts:organisation_member_remove", args=[organisation.pk, user.pk]), {}),
        (reverse("portal:notification_settings"), {"kinds": []}),
    ]
    for address, data in forms:
        assert checked.post(address, data).status_code == 403, address
    assert not User.objects.filter(email="x@example.org").exists()
    assert Organisation.objects.count() == 1
    assert not OrganisationInvitation.objects.exists()
    assert Membership.objects.filter(user=user).exists()
