"""`make demo`: everything a visitor needs, prepared by one command that is safe to run again."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from uitdaagrecht.accounts.models import Membership, Organisation, Role, StaffRole, User
from uitdaagrecht.budgets.models import BudgetLine
from uitdaagrecht.budgets.services import taakvelden_load
from uitdaagrecht.catalog.models import Task
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges.demo import demo_challenges, demo_events
from uitdaagrecht.challenges.models import Challenge, Document, Event, EventKind
from uitdaagrecht.challenges.workflow import State
from uitdaagrecht.core.demo import demo_load
from uitdaagrecht.tenants.models import Municipality

from .factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_the_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo")


@pytest.mark.slow
def test_the_demo_prepares_data_accounts_and_example_tasks(settings, client):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=io.StringIO())  # safe to run again
    printed = out.getvalue()
    demo = Municipality.objects.get(is_demo=True)
    assert Municipality.objects.filter(is_active=True).count() == 342
    assert BudgetLine.objects.filter(municipality=demo).exists()
    assert Task.objects.filter(municipality=demo, is_example=True).count() >= 25
    assert set(StaffRole.objects.filter(municipality=demo).values_list("role", flat=True)) == set(
        Role
    )
    for role in Role:
        assert f"{role.value.replace('_', '-')}@" in printed  # one printed account per role
    assert "bewoner@demo.open-uitdaagrecht.nl" in printed  # and the challengers
    assert set(demo_challenges(demo).values_list("state", flat=True)) == set(State)
    assert (
        client.post(
            "/account/inloggen/",
            {
                "username": "coordinator@demo.open-uitdaagrecht.nl",
                "password": "demo-coordinator-2026",
            },
        ).status_code
        == 302
    )
    assert client.get(f"/{demo.slug}/taken/").status_code == 200


# ---- the example challenges, loaded without the national files so that this stays fast


@pytest.fixture
def zwolle_demo(settings, tmp_path):
    """The demo municipality and its accounts, as `make demo` loads them."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    taakvelden_load()
    MunicipalityFactory(cbs_code="GM0193", name="Zwolle", slug="zwolle", province="Overijssel")
    return demo_load()


def test_the_demo_has_a_challenge_in_every_phase(zwolle_demo):
    municipality, _accounts = zwolle_demo
    challenges = demo_challenges(municipality)
    assert set(challenges.values_list("state", flat=True)) == set(State)
    paused = challenges.get(paused_at__isnull=False)  # waiting for information
    assert paused.state == State.INTAKE and paused.events.filter(kind=EventKind.PAUSE).exists()
    redirected = challenges.get(state=State.REDIRECTED)
    assert redirected.classification == "subsidy_request" and redirected.redirected_to
    # One stalled challenge, escalated exactly once; nothing else in the demo is past its
    # term, so the nightly check finds nothing new today.
    stalled = challenges.get(stalled_at__isnull=False)
    assert stalled.state == State.ASSESSMENT and stalled.deadline < stalled.stalled_at
    assert stalled.events.filter(kind=EventKind.ESCALATION).count() == 1
    assert Event.objects.filter(kind=EventKind.ESCALATION).count() == 1
    assert services.stalled_escalate() == []
    # Every contact person is neutral for the tasks of their challenges; the printed contact
    # person account has some.
    assigned = challenges.filter(contact_person__isnull=False)
    assert assigned.count() >= 8
    for challenge in assigned:
        assert services.contact_person_problem(challenge, challenge.contact_person) is None
    assert assigned.filter(contact_person__email="contact-person@demo.open-uitdaagrecht.nl")
    kinds = set(demo_events(municipality).values_list("kind", flat=True))
    assert {EventKind.MESSAGE, EventKind.NOTE, EventKind.CONTACT, EventKind.RESUME} <= kinds


def test_the_demo_timeline_is_back_dated_and_in_order(zwolle_demo):
    municipality, _accounts = zwolle_demo
    now = timezone.now()
    events = list(demo_events(municipality).order_by("pk"))
    assert min(e.created_at for e in events) < now - datetime.timedelta(days=500)
    assert max(e.created_at for e in events) < now
    for challenge in demo_challenges(municipality):
        own = [e for e in events if e.challenge_id == challenge.pk]
        assert [e.created_at for e in own] == sorted(e.created_at for e in own), challenge.title
        assert own[0].kind == EventKind.CREATED and challenge.created_at == own[0].created_at
        state = State.DRAFT  # the phase changes follow each other and end in the current phase
        for event in own:
            if event.kind == EventKind.TRANSITION:
                assert event.from_state == state, challenge.title
                state = event.to_state
        assert state == challenge.state
    # Reference numbers follow the submission dates, as they would have in real life.
    references = list(
        demo_challenges(municipality)
        .filter(submitted_at__isnull=False)
        .order_by("submitted_at")
        .values_list("reference", flat=True)
    )
    for year in {r[:7] for r in references}:
        in_year = [r for r in references if r.startswith(year)]
        assert in_year == sorted(in_year)


def test_loading_the_demo_again_creates_nothing(zwolle_demo):
    municipality, accounts = zwolle_demo
    models = (Challenge, Event, Document, Organisation, Membership, User, StaffRole, Task)
    before = {model: model.objects.count() for model in models}
    assert demo_load() == (municipality, accounts)
    assert {model: model.objects.count() for model in models} == before


def test_the_demo_accounts_documents_and_pages(zwolle_demo, client):
    municipality, accounts = zwolle_demo
    emails = [email for _role, email, _password in accounts]
    assert {"bewoner@demo.open-uitdaagrecht.nl", "lid@demo.open-uitdaagrecht.nl"} <= set(emails)
    organisations = Organisation.objects.filter(challenges__municipality=municipality).distinct()
    assert 3 <= organisations.count() <= 4
    assert organisations.exclude(kvk_number="").exists()
    document = Document.objects.get(published_at__isnull=False)
    assert document.name == "Steunbetuigingen.pdf" and document.consent_to_publish
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page = client.get(f"/{municipality.slug}/uitdagingen/{document.challenge.reference}/")
    assert page.status_code == 200 and "Steunbetuigingen.pdf" in page.content.decode()
    listing = client.get(f"/{municipality.slug}/uitdagingen/").content.decode()
    assert "Wijkcoöperatie Holtenbroek" in listing and "Schoon Assendorp" not in listing  # no draft
    login = {"username": "bewoner@demo.open-uitdaagrecht.nl", "password": "demo-bewoner-2026"}
    assert client.post("/account/inloggen/", login).status_code == 302
    draft = demo_challenges(municipality).get(state=State.DRAFT)
    step = client.get(f"/{municipality.slug}/uitdagingen/concept/{draft.pk}/stap/1/")
    assert step.status_code == 200
