"""The case kernel and its phase extensions (issue 9, ADR 0006): the registry refuses a name that
is taken, both URL trees come from one list of dossier actions, the kernel names no phase, and
every model with a public face says once what is public."""

import pathlib
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests.assessment_world import decide, propose, publish_framework, to_assessment
from tests.challenge_world import in_state, make_world, pdf_bytes, upload
from uitdaagrecht.agreements.models import Version
from uitdaagrecht.assessment.events import AssessmentEvent
from uitdaagrecht.assessment.models import AdviceRequest, Decision, Framework
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges.extensions import (
    CHALLENGERS,
    STAFF,
    DossierAction,
    Extension,
    Registry,
    registry,
)
from uitdaagrecht.challenges.models import Challenge, Document, Event, EventKind
from uitdaagrecht.challenges.workflow import TRANSITIONS, State

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "uitdaagrecht"


def toy(name="toy", **parts) -> Extension:
    return Extension(name=name, **parts)


def page(name: str) -> DossierAction:
    return DossierAction(name=name, path=f"{name}/", title=name, view=lambda *a, **k: None)


@pytest.mark.parametrize(
    "second",
    [
        toy("toy"),
        toy("other", guards={"ready": lambda c, **kw: None}),
        toy("other", effects={"finish": lambda c, **kw: None}),
        toy("other", event_kinds=[("toy_done", "done")]),
        toy("other", actions=[page("toy_page")]),
        toy("other", periodic={"toy job": lambda now: []}),
        toy("other", steps={"finish": "not_its_own_page"}),
        toy("other", actions=[page("twice"), page("twice")]),
    ],
)
def test_the_registry_refuses_a_name_that_is_taken_and_adds_nothing_of_it(second):
    fresh = Registry()
    fresh.register(
        toy(
            guards={"ready": lambda c, **kw: None},
            effects={"finish": lambda c, **kw: None},
            event_kinds=[("toy_done", "done")],
            actions=[page("toy_page")],
            periodic={"toy job": lambda now: []},
        )
    )
    before = (dict(fresh.guards), dict(fresh.actions), dict(fresh.event_kinds))
    with pytest.raises(ImproperlyConfigured):
        fresh.register(second)
    assert "other" not in fresh
    assert (dict(fresh.guards), dict(fresh.actions), dict(fresh.event_kinds)) == before


def test_the_kernel_and_its_phases_are_registered_once_each():
    names = [e.name for e in registry]
    assert [n for n in names if n != "opendata"] == [
        "case",
        "assessment",
        "agreements",
        "monitoring",
    ]
    # opendata (an app beside portal, in INSTALLED_APPS before the kernel) registers only a
    # periodic job: escalating overdue error reports.
    assert names.count("opendata") == 1
    assert registry.periodic["overdue error reports escalated"]
    # Every guard the workflow table names is provided by one of them.
    named = {guard for t in TRANSITIONS for guard in t.guards}
    assert named <= set(registry.guards)
    assert registry.steps["decide_accept"].name == "assessment"


@pytest.mark.parametrize("action", list(registry.actions.values()), ids=lambda a: a.name)
def test_every_dossier_action_has_a_url_in_the_trees_of_its_audience_only(action):
    kwargs = {"municipality": "zwolle", "reference": "UD-2026-0001"}
    kwargs |= {
        name: ("accept" if name == "action" else 1)
        for name in re.findall(r"<\w+:(\w+)>", action.path)
    }
    for audience, staff in ((CHALLENGERS, False), (STAFF, True)):
        name = action.url_name(staff=staff)
        if audience in action.audience:
            assert reverse(name, kwargs=kwargs).endswith(
                re.sub(r"<\w+:(\w+)>", lambda m: str(kwargs[m.group(1)]), action.path)
            )
        else:
            with pytest.raises(NoReverseMatch):
                reverse(name, kwargs=kwargs)


def test_the_kernel_names_no_phase_built_on_it():
    """No import, URL name or template tag of the assessment or agreements in the challenges app
    or its templates (import-linter checks the imports in make lint too)."""
    sources = [*(SRC / "challenges").rglob("*.py"), *(SRC / "templates" / "challenges").rglob("*")]
    offending = [
        str(path.relative_to(SRC))
        for path in sources
        if path.is_file()
        and "migrations" not in path.parts
        and re.search(
            r"uitdaagrecht\.(assessment|agreements)|:(challenge|dossier)_(assessment|agreements)"
            r"|load [^%]*(assessment|agreements)",
            path.read_text(),
        )
    ]
    assert offending == []


@pytest.mark.django_db
def test_event_kinds_of_an_extension_are_shown_with_its_own_labels():
    world = make_world(catalog=False)
    challenge = in_state(world, State.ASSESSMENT)
    event = services.record(challenge, AssessmentEvent.SCORES, "staff", world.coordinator)
    kernel_event = Event.objects.filter(challenge=challenge, kind=EventKind.TRANSITION).first()
    assert event.get_kind_display() == str(AssessmentEvent.SCORES.label)
    assert kernel_event.get_kind_display() == str(EventKind.TRANSITION.label)


@pytest.mark.django_db
def test_every_public_queryset_leaves_out_what_is_not_public(documents_storage):
    world = make_world(catalog=False)
    draft = in_state(world, State.DRAFT)
    framework = publish_framework(world.place, world.coordinator)
    Framework.objects.create(municipality=world.place, version=framework.version + 1)
    challenge = to_assessment(
        in_state(world, State.SUBMITTED), coordinator=world.coordinator, contact=world.contact
    )
    undecided = to_assessment(
        in_state(world, State.SUBMITTED), coordinator=world.coordinator, contact=world.contact
    )
    for subject in (challenge, undecided):
        AdviceRequest.objects.create(
            challenge=subject,
            department=world.neutral,
            question="?",
            deadline=timezone.now(),
            requested_by=world.coordinator,
            advisor=world.advisor,
            text="Positief.",
            submitted_at=timezone.now(),
        )
    services.note_add(
        challenge=challenge,
        actor=world.coordinator,
        text="Intern.",
        files=[upload("intern.pdf", pdf_bytes())],
    )
    services.documents_add(
        challenge=challenge,
        actor=world.resident,
        files=[upload("plan.pdf", pdf_bytes()), upload("begroting.pdf", pdf_bytes())],
        consent_to_publish=True,
    )
    services.document_publish(
        document=Document.objects.get(name="plan.pdf"), actor=world.coordinator
    )
    challenge = decide(challenge, world.decision_maker)
    propose(challenge, world.resident)

    assert draft not in Challenge.objects.public() and challenge in Challenge.objects.public()
    assert set(Event.objects.public().values_list("visibility", flat=True)) == {"public"}
    assert [d.name for d in Document.objects.public()] == ["plan.pdf"]
    assert list(Framework.objects.public()) == [framework]
    assert [a.challenge for a in AdviceRequest.objects.public()] == [challenge]
    assert list(Decision.objects.public()) == list(Decision.objects.all())
    assert not Version.objects.public().exists()  # proposed, signed by nobody
