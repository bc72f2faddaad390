"""Shared setup for the challenge workflow, document and resident tests: one municipality with a
person for every workflow actor, and challenges brought into any state through the real services.
"""

import collections
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import (
    ChallengeFactory,
    DepartmentFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffRoleFactory,
    UserFactory,
)
from uitdaagrecht.accounts.models import Role, User
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges.models import Challenge, Document, Event
from uitdaagrecht.challenges.workflow import TRANSITIONS, Actor, State

REASON = "Besproken met de indieners op 3 maart."
REDIRECT = {"classification": "subsidy_request", "redirected_to": "Subsidieloket, buurtbudget"}


@dataclass
class World:
    place: object
    task: object
    owning: object  # the department that owns the task
    neutral: object
    coordinator: User
    coordinator2: User
    contact: User  # neutral contact person
    contact2: User  # another neutral contact person
    involved: User  # contact person of the owning department: not neutral
    decision_maker: User
    advisor: User  # staff, but no workflow actor
    resident: User  # owner of the organisation
    teammate: User  # member of the organisation
    organisation: object
    outsider: User  # member of another organisation
    other_organisation: object
    foreign_coordinator: User  # coordinator of another municipality
    other_place: object

    def actor(self, kind: Actor) -> User:
        return {
            Actor.CHALLENGER: self.resident,
            Actor.COORDINATOR: self.coordinator,
            Actor.CONTACT_PERSON: self.contact,
            Actor.DECISION_MAKER: self.decision_maker,
        }[kind]


def simple_task(*, municipality, department):
    """A catalogue task without contracts and figures: enough for the challenge process."""
    from uitdaagrecht.budgets.models import Hoofdtaakveld, Taakveld
    from uitdaagrecht.catalog.models import Task

    hoofdtaakveld, _ = Hoofdtaakveld.objects.get_or_create(code="5", defaults={"name": "Sport"})
    taakveld, _ = Taakveld.objects.get_or_create(
        code="5.7", defaults={"name": "Openbaar groen", "hoofdtaakveld": hoofdtaakveld}
    )
    return Task.objects.create(
        municipality=municipality,
        title="Onderhoud Park Eekhout",
        slug=f"park-eekhout-{municipality.pk}",
        description="Maaien, snoeien en zwerfvuil ruimen.",
        department=department,
        taakveld=taakveld,
    )


def make_world(*, catalog: bool = True) -> World:
    """catalog=True: the challenges are about a catalogue task owned by the "Groen" department."""
    place = MunicipalityFactory()
    owning = DepartmentFactory(municipality=place, name="Groen")
    neutral = DepartmentFactory(municipality=place, name="Bestuurszaken")
    task = simple_task(municipality=place, department=owning) if catalog else None

    def staff(role, department=None, municipality=place):
        return StaffRoleFactory(municipality=municipality, role=role, department=department).user

    resident, teammate, outsider = UserFactory(), UserFactory(), UserFactory()
    other_place = MunicipalityFactory()
    return World(
        place=place,
        task=task,
        owning=owning,
        neutral=neutral,
        coordinator=staff(Role.COORDINATOR),
        coordinator2=staff(Role.COORDINATOR),
        contact=staff(Role.CONTACT_PERSON, neutral),
        contact2=staff(Role.CONTACT_PERSON, neutral),
        involved=staff(Role.CONTACT_PERSON, owning),
        decision_maker=staff(Role.DECISION_MAKER),
        advisor=staff(Role.ADVISOR, owning),
        resident=resident,
        teammate=teammate,
        organisation=OrganisationFactory(owner=resident, members=[teammate]),
        outsider=outsider,
        other_organisation=OrganisationFactory(owner=outsider, name="Andere club"),
        foreign_coordinator=staff(Role.COORDINATOR, municipality=other_place),
        other_place=other_place,
    )


def fresh(user: User) -> User:
    """The user without the per-request caches of roles and memberships."""
    return User.objects.get(pk=user.pk)


def _paths() -> dict[State, list]:
    """The shortest way from a draft to every state through the transition table."""
    paths = {State.DRAFT: []}
    queue = collections.deque([State.DRAFT])
    while queue:
        state = queue.popleft()
        for step in TRANSITIONS:
            if state in step.sources and step.target not in paths:
                paths[step.target] = [*paths[state], step]
                queue.append(step.target)
    return paths


PATHS = _paths()
PREFERRED = (Actor.CHALLENGER, Actor.COORDINATOR, Actor.CONTACT_PERSON, Actor.DECISION_MAKER)


def take(world: World, challenge: Challenge, action: str, actor: User | None = None, **extra):
    step = next(t for t in TRANSITIONS if t.action == action)
    if actor is None:
        actor = world.actor(next(a for a in PREFERRED if a in step.actors))
    challenge.refresh_from_db()
    values = {"reason": REASON if step.reason_required else ""}
    if action == "redirect":
        values.update(REDIRECT)
    values.update(extra)
    values.update(prepare(world, challenge, action))
    return services.transition(
        challenge=challenge, action=action, actor=fresh(actor), version=challenge.version, **values
    )


def prepare(world: World, challenge: Challenge, action: str) -> dict:
    """Meet the preconditions other apps own, and return what the step needs from them: the
    decision the assessment app records with decide_* (tested in tests/assessment/test_assessment.py; here
    only the workflow table is walked), a signed agreement before start_execution."""
    step = next(t for t in TRANSITIONS if t.action == action)
    if "signed_agreement" in step.guards:
        signed_agreement(world, challenge)
    if "decision" in step.guards:
        from uitdaagrecht.assessment.models import Decision

        return {"decision": Decision(reasons=REASON)}
    if "handover" in step.guards:
        return {"handover": handover(world, challenge)}
    evaluated = {"interim_evaluation": "interim", "final_evaluation": "final"}
    for guard, kind in evaluated.items():
        if guard in step.guards:
            evaluation(world, challenge, kind)
    if "evaluated_before_stopping" in step.guards and challenge.state == State.EVALUATION:
        evaluation(world, challenge, "final", conclusion="stop")
    return {}


def handover(world: World, challenge: Challenge):
    """What the handover page records with start_execution (tests/monitoring test it)."""
    import datetime

    from uitdaagrecht.monitoring.models import Handover

    task = challenge.tasks.first() or simple_task(
        municipality=world.place, department=world.neutral
    )
    return Handover(
        task=task,
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2028, 1, 1),
        amount_eur=10_000,
        source="task_budget",
        incumbent_contract="Loopt af.",
        period_months=6,
        recorded_by=world.coordinator,
    )


def evaluation(world: World, challenge: Challenge, kind: str, conclusion: str = "continue"):
    """An evaluation recorded in the evaluation phase (tests/monitoring test the page)."""
    from uitdaagrecht.monitoring.models import Evaluation

    texts = dict.fromkeys(
        [
            "judgement_economic",
            "judgement_social",
            "judgement_democratic",
            "view_municipality",
            "conclusion_reasons",
            "lessons_worked",
            "lessons_failed",
            "lessons_advice",
        ],
        REASON,
    )
    return Evaluation.objects.create(
        challenge=challenge,
        kind=kind,
        conclusion="" if kind == "interim" else conclusion,
        evaluator="De gemeente",
        recorded_by=world.coordinator,
        **texts,
    )


def propose_version(world: World, challenge: Challenge, *, sign: bool = False, **values):
    """A version of the agreements proposed by an owner (`values` over a plain one: a year,
    a subsidy, one result), and with `sign` signed by the owner and the decision maker."""
    import datetime

    from uitdaagrecht.agreements import services as agreements

    version = agreements.version_propose(
        challenge=challenge,
        actor=fresh(world.resident),
        values={
            "start_date": datetime.date(2027, 1, 1),
            "term_months": 12,
            "vehicle": "subsidy",
            "tasks_taken_over": "Onderhoud",
            "accountability_form": "written",
            **values,
        },
        budget=[{"year": 2027, "amount_eur": 10_000}],
        results=[
            {"indicator": "Tevredenheid", "dimension": "social", "target": 8, "unit": "cijfer"}
        ],
        risks=[],
        confidential={},
    )
    if sign:
        agreements.version_sign(version=version, actor=fresh(world.resident))
        agreements.version_sign(version=version, actor=fresh(world.decision_maker))
    return version


def signed_agreement(world: World, challenge: Challenge) -> None:
    """A version of the agreements signed by an owner and the decision maker, if none yet."""
    from uitdaagrecht.agreements.selectors import applying

    if applying(challenge) is None:
        propose_version(world, challenge, sign=True)


def in_state(world: World, state: State, *, contact: bool = True, **fields) -> Challenge:
    """A challenge of world.organisation brought into `state` through the services only; with a
    contact person assigned right after submission unless contact=False."""
    challenge = ChallengeFactory(
        municipality=world.place,
        organisation=world.organisation,
        task=world.task,
        submitted=False,
        **fields,
    )
    for step in PATHS[State(state)]:
        challenge = take(world, challenge, step.action)
        if step.action == "submit" and contact:
            challenge = services.contact_person_assign(
                challenge=challenge,
                person=world.contact,
                actor=fresh(world.coordinator),
                version=challenge.version,
            )
    challenge.refresh_from_db()
    assert challenge.state == state
    return challenge


def snapshot(challenge: Challenge) -> tuple:
    """Everything a refused action must leave alone."""
    row = Challenge.objects.values(
        "state",
        "version",
        "reference",
        "contact_person",
        "deadline",
        "paused_at",
        "stalled_at",
        "classification",
        "redirected_to",
        "updated_at",
    ).get(pk=challenge.pk)
    events = list(Event.objects.filter(challenge=challenge).values_list("pk", "kind"))
    documents = Document.objects.filter(challenge=challenge).count()
    return row, events, documents


# ---------------------------------------------------------------- tiny real files


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1×1 pixel, RGB
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _entry(name: str) -> zipfile.ZipInfo:
    # A fixed date: the same bytes every time, also across a second boundary.
    return zipfile.ZipInfo(name, date_time=(2026, 3, 1, 12, 0, 0))


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            _entry("[Content_Types].xml"),
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            _entry("word/document.xml"),
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Steunbetuiging</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # OpenDocument: the first entry is "mimetype", stored uncompressed.
        archive.writestr(
            _entry("mimetype"),
            "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr(
            _entry("content.xml"),
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0"/>',
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry("readme.txt"), "geen Office-bestand")
    return buffer.getvalue()


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)
EXE = b"MZ\x90\x00\x03" + b"\x00" * 59 + b"PE\x00\x00" + b"\x00" * 200

ACCEPTED = {
    "plan.pdf": (pdf_bytes, "application/pdf"),
    "foto.png": (png_bytes, "image/png"),
    "brief.docx": (
        docx_bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "brief.odt": (odt_bytes, "application/vnd.oasis.opendocument.text"),
}
REFUSED = {
    "html-as-pdf": ("factuur.pdf", lambda: HTML),
    "svg-as-pdf": ("plan.pdf", lambda: SVG),
    "svg-as-png": ("kaart.png", lambda: SVG),
    "exe": ("setup.exe", lambda: EXE),
    "png-named-pdf": ("foto.pdf", png_bytes),
    "pdf-named-docx": ("brief.docx", pdf_bytes),
    "zip-named-docx": ("brief.docx", plain_zip_bytes),
    "no-extension": ("plan", pdf_bytes),
}


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def files_under(path) -> list:
    return [p for p in path.rglob("*") if p.is_file()]


CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/\S*/meldingen/bevestigen/[^/\s]+/)")
