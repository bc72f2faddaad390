"""Documents and hostile input on challenges, through the real views: uploads checked on their
content (libmagic), the size limit, file names, downloads, who may get a document, publishing
with consent; every text field with HTML, very long text and control characters; CSRF on every
challenger and staff form."""

import re
import unicodedata
from types import SimpleNamespace

import pytest
from django.core.files.storage import FileSystemStorage, storages
from django.test import Client
from django.urls import reverse

from tests.challenge_world import (
    ACCEPTED,
    REFUSED,
    files_under,
    fresh,
    in_state,
    make_world,
    pdf_bytes,
    snapshot,
    upload,
)
from uitdaagrecht.challenges import services
from uitdaagrecht.challenges.documents import safe_name
from uitdaagrecht.challenges.forms import TEXT_LIMIT
from uitdaagrecht.challenges.models import Challenge, Document, Event, EventKind
from uitdaagrecht.challenges.workflow import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage_dir(documents_storage, monkeypatch):
    """The documents storage in a directory of this test only."""
    location = documents_storage
    storage = storages["documents"]
    assert isinstance(storage, FileSystemStorage) and storage.location == str(location)
    # The model field took its storage when the model was loaded: give it this one too.
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storage)
    return location


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): …` runs what the block left for after the commit (e-mails, clearing
    the cache of public pages), as the real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def w(settings, storage_dir):
    settings.STAFF_2FA_REQUIRED = False
    world = make_world()
    return SimpleNamespace(
        world=world,
        place=world.place,
        submitted=in_state(world, State.SUBMITTED),
        draft=in_state(world, State.DRAFT),
        storage=storage_dir,
    )


def dossier(challenge: Challenge, name: str = "", **kwargs) -> str:
    return reverse(
        f"challenges:dossier{'_' + name if name else ''}",
        kwargs={
            "municipality": challenge.municipality.slug,
            "reference": challenge.reference,
            **kwargs,
        },
    )


def staff(name: str, challenge: Challenge, **kwargs) -> str:
    return reverse(
        f"workspace:challenge{'_' + name if name else ''}",
        kwargs={
            "municipality": challenge.municipality.slug,
            "reference": challenge.reference,
            **kwargs,
        },
    )


def step(challenge: Challenge, number: int) -> str:
    return reverse(
        "challenges:draft_step",
        kwargs={"municipality": challenge.municipality.slug, "pk": challenge.pk, "step": number},
    )


def public(challenge: Challenge) -> str:
    return reverse(
        "challenges:detail",
        kwargs={"municipality": challenge.municipality.slug, "reference": challenge.reference},
    )


def download(document: Document) -> str:
    return reverse(
        "challenges:document",
        kwargs={"municipality": document.challenge.municipality.slug, "pk": document.pk},
    )


def fetch(client, address: str):
    """GET a download and read it to the end, as a browser does (which also closes the file)."""
    response = client.get(address)
    response.body = b"".join(response.streaming_content) if response.streaming else b""
    return response


def api(client, place) -> list[dict]:
    response = client.get("/api/v1/challenges/", {"municipality": place.cbs_code})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()["results"]


# The three ways challengers upload: the dossier's documents form, attachments to a message,
# and step 5 of the draft. (target, url, extra form data, the form's key in the context)
ROUTES = {
    "dossier": lambda w: (w.submitted, dossier(w.submitted, "documents"), {"description": ""}),
    "message": lambda w: (w.submitted, dossier(w.submitted, "message"), {"text": "Zie bijlage"}),
    "draft": lambda w: (w.draft, step(w.draft, 5), {"description": ""}),
}


def post_files(client, w, route: str, files: list):
    challenge, address, data = ROUTES[route](w)
    client.force_login(w.world.resident)
    return challenge, client.post(address, {**data, "files": files})


def form_errors(response, route: str) -> str:
    form = response.context["form"] if route == "draft" else None
    if form is None:
        form = response.context["forms"]["message" if route == "message" else "documents"]
    return " ".join(form.errors.get("files", []))


# ---------------------------------------------------------------- what is accepted


@pytest.mark.parametrize("route", ROUTES)
def test_real_pdf_png_docx_and_odt_files_are_accepted(client, w, route):
    files = [upload(name, make()) for name, (make, _type) in ACCEPTED.items()]
    challenge, response = post_files(client, w, route, files)
    assert response.status_code == 302, form_errors(response, route)
    documents = {d.name: d for d in Document.objects.filter(challenge=challenge)}
    assert set(documents) == set(ACCEPTED)
    stored = files_under(w.storage)
    assert len(stored) == len(ACCEPTED)
    for name, (make, content_type) in ACCEPTED.items():
        document = documents[name]
        assert document.content_type == content_type
        assert document.size == len(make())
        assert document.uploaded_by == w.world.resident
        # Stored under a random name in the documents storage, not under its own name.
        assert re.fullmatch(rf"{w.place.pk}/{challenge.pk}/[0-9a-f]{{32}}", document.file.name)
        assert (w.storage / document.file.name).read_bytes() == make()
    event = Event.objects.filter(challenge=challenge).latest("pk")
    assert event.kind == (EventKind.MESSAGE if route == "message" else EventKind.DOCUMENT)
    assert {d.event_id for d in documents.values()} == {event.pk}


# ---------------------------------------------------------------- what is refused


@pytest.mark.parametrize("route", ROUTES)
def test_dangerous_or_mislabelled_files_are_refused_and_nothing_is_stored(client, w, route):
    challenge = ROUTES[route](w)[0]
    before = snapshot(challenge)
    for case, (name, make) in REFUSED.items():
        _challenge, response = post_files(client, w, route, [upload(name, make())])
        assert response.status_code == 400, case
        assert safe_name(name) in form_errors(response, route), case  # says which file
        assert snapshot(challenge) == before, case
        assert files_under(w.storage) == [], case
    # One bad file among good ones: none of them is stored.
    files = [upload("plan.pdf", pdf_bytes()), upload("factuur.pdf", REFUSED["html-as-pdf"][1]())]
    _challenge, response = post_files(client, w, route, files)
    assert response.status_code == 400
    assert snapshot(challenge) == before
    assert files_under(w.storage) == []
    assert not Document.objects.exists()


@pytest.mark.parametrize("route", ROUTES)
def test_a_too_large_upload_is_refused_and_leaves_nothing_behind(client, w, route, settings):
    settings.DOCUMENT_MAX_BYTES = 100
    content = pdf_bytes() + b"%" + b"x" * 200 + b"\n"
    assert len(content) > settings.DOCUMENT_MAX_BYTES
    challenge = ROUTES[route](w)[0]
    before = snapshot(challenge)
    _challenge, response = post_files(client, w, route, [upload("groot.pdf", content)])
    assert response.status_code == 400
    assert "groot.pdf" in form_errors(response, route)
    assert snapshot(challenge) == before
    assert not Document.objects.exists()
    assert files_under(w.storage) == []
    # A file of exactly the limit is fine.
    settings.DOCUMENT_MAX_BYTES = len(content)
    _challenge, response = post_files(client, w, route, [upload("groot.pdf", content)])
    assert response.status_code == 302
    assert len(files_under(w.storage)) == 1


def test_a_failure_while_storing_removes_the_files_stored_already(w, monkeypatch):
    saved = []
    original = Document.save

    def second_save_fails(self, *args, **kwargs):
        saved.append(self.name)
        if len(saved) == 2:
            raise RuntimeError("forced: the database went away")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Document, "save", second_save_fails)
    before = snapshot(w.submitted)
    with pytest.raises(RuntimeError):
        services.documents_add(
            challenge=w.submitted,
            actor=w.world.resident,
            files=[upload("a.pdf", pdf_bytes()), upload("b.pdf", pdf_bytes())],
        )
    assert saved == ["a.pdf", "b.pdf"]
    assert snapshot(w.submitted) == before
    assert files_under(w.storage) == []


# ---------------------------------------------------------------- file names


def test_safe_name_strips_paths_control_characters_and_keeps_the_extension():
    assert safe_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_name("..\\..\\Windows\\win.ini.pdf") == "win.ini.pdf"
    assert safe_name("rap\x00port\x07\x1b[31m\n\u202e.pdf") == "rapport[31m.pdf"
    assert safe_name("...") == safe_name("") == "document"
    long = safe_name("a" * 300 + ".pdf")
    assert len(long) == 200 and long.endswith(".pdf")


def multipart(fields: dict, files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    """A request body as a browser (or an attacker) sends it: file names exactly as given."""
    boundary = "----ou-hostile-names"
    body = b""
    for key, value in fields.items():
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
        ).encode()
    for name, content in files:
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                "Content-Type: application/pdf\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


HOSTILE_NAMES = {
    "../../etc/passwd.pdf": "passwd.pdf",
    "..\\..\\Windows\\win.ini.pdf": "win.ini.pdf",
    "<img src=x onerror=alert(1)>.pdf": "<img src=x onerror=alert(1)>.pdf",
    "&lt;script&gt;alert(2)&lt;script&gt;.pdf": "<script>alert(2)<script>.pdf",
    "rap\x07port\x1b\u202e.pdf": "rapport.pdf",
}


def test_hostile_file_names_are_stored_safely_and_shown_escaped(client, w):
    client.force_login(w.world.resident)
    body, content_type = multipart(
        {"description": ""}, [(name, pdf_bytes()) for name in HOSTILE_NAMES]
    )
    response = client.post(dossier(w.submitted, "documents"), data=body, content_type=content_type)
    assert response.status_code == 302
    names = sorted(Document.objects.values_list("name", flat=True))
    assert names == sorted(HOSTILE_NAMES.values())
    for name in names:
        assert "/" not in name and "\\" not in name
        assert not any(unicodedata.category(c)[0] == "C" for c in name)
    # Nothing was written outside the storage, under any of these names.
    assert len(files_under(w.storage)) == len(HOSTILE_NAMES)
    assert all(re.fullmatch(r"[0-9a-f]{32}", p.name) for p in files_under(w.storage))
    assert not (w.storage.parent / "etc").exists()
    # Shown escaped to the challengers and to staff.
    pages = [client.get(dossier(w.submitted)).content.decode()]
    client.force_login(w.world.coordinator)
    pages.append(client.get(staff("", w.submitted)).content.decode())
    for page in pages:
        assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(2)&lt;script&gt;.pdf" in page
        assert "<script>alert(2)" not in page
    # And the name in the download header is harmless too.
    for document in Document.objects.all():
        response = fetch(client, download(document))
        header = response["Content-Disposition"]
        assert header.startswith("attachment;")
        assert "\n" not in header and "\r" not in header and "/" not in header


# ---------------------------------------------------------------- downloads and access


def _one(client, w, *, consent=False) -> Document:
    client.force_login(w.world.resident)
    data = {"description": "Plan", "files": [upload("plan.pdf", pdf_bytes())]}
    if consent:
        data["consent_to_publish"] = "on"
    assert client.post(dossier(w.submitted, "documents"), data).status_code == 302
    return Document.objects.get(name="plan.pdf")


def test_downloads_are_attachments_with_the_checked_type_and_nosniff(client, w):
    document = _one(client, w)
    response = fetch(client, download(document))
    assert response.status_code == 200
    assert response.body == pdf_bytes()
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_a_non_public_document_is_only_for_the_challengers_and_the_municipality(
    client, w, settings
):
    document = _one(client, w)
    world = w.world

    def status(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = fetch(client, download(document))
        return response.status_code

    assert status(None) == 404
    assert status(world.outsider) == 404  # another organisation
    assert status(world.foreign_coordinator) == 404  # staff of another municipality
    assert status(world.resident) == status(world.teammate) == 200
    assert status(world.coordinator) == status(world.advisor) == 200
    # The municipality's staff need their second factor first.
    settings.STAFF_2FA_REQUIRED = True
    client.force_login(world.coordinator)
    response = fetch(client, download(document))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    settings.STAFF_2FA_REQUIRED = False
    # A guessed id of another municipality's document: 404 under this municipality's address.
    other = reverse(
        "challenges:document", kwargs={"municipality": world.other_place.slug, "pk": document.pk}
    )
    assert client.get(other).status_code == 404


def test_internal_and_draft_documents_stay_internal_and_private(client, w):
    world = w.world
    client.force_login(world.coordinator)
    response = client.post(
        staff("note", w.submitted),
        {"text": "Intern advies", "files": [upload("advies.pdf", pdf_bytes())]},
    )
    assert response.status_code == 302
    note_document = Document.objects.get(name="advies.pdf")
    assert note_document.staff_only
    client.force_login(world.resident)
    assert (
        client.post(step(w.draft, 5), {"files": [upload("concept.pdf", pdf_bytes())]}).status_code
        == 302
    )
    draft_document = Document.objects.get(name="concept.pdf")

    def status(user, document):
        client.force_login(user)
        response = fetch(client, download(document))
        return response.status_code

    assert status(world.resident, note_document) == 404
    assert status(world.contact, note_document) == 200
    assert status(world.resident, draft_document) == 200
    assert status(world.coordinator, draft_document) == 404  # nobody else sees a draft
    client.force_login(world.resident)
    page = client.get(dossier(w.submitted)).content.decode()
    assert "Intern advies" not in page and "advies.pdf" not in page
    # Challengers cannot give consent to publish an internal document.
    response = client.post(dossier(w.submitted, "consent", pk=note_document.pk), {"consent": "1"})
    note_document.refresh_from_db()
    assert not note_document.consent_to_publish


def test_publishing_needs_the_consent_of_the_challengers(client, w, committed):
    world = w.world
    document = _one(client, w)
    publish = staff("publish", w.submitted, pk=document.pk)
    # Not public yet: not on the public page, not in the API, not for anonymous visitors.
    client.logout()
    assert "plan.pdf" not in client.get(public(w.submitted)).content.decode()
    assert api(client, w.place)[0]["documents"] == []
    # Staff cannot publish without consent.
    client.force_login(world.coordinator)
    assert client.post(publish).status_code == 302
    document.refresh_from_db()
    assert document.published_at is None
    assert not Event.objects.filter(kind=EventKind.DOCUMENT_PUBLISHED).exists()
    # Challengers give consent (and nobody else can give it for them).
    client.force_login(world.outsider)
    consent = dossier(w.submitted, "consent", pk=document.pk)
    assert client.post(consent, {"consent": "1"}).status_code == 404
    client.force_login(world.teammate)
    assert client.post(consent, {"consent": "1"}).status_code == 302
    document.refresh_from_db()
    assert document.consent_to_publish
    # A challenger cannot publish it themselves; an advisor cannot either.
    client.force_login(world.resident)
    assert client.post(publish).status_code == 403
    client.force_login(world.advisor)
    assert client.post(publish).status_code == 403
    document.refresh_from_db()
    assert document.published_at is None
    # The contact person publishes.
    client.force_login(world.contact)
    with committed():
        assert client.post(publish).status_code == 302
    document.refresh_from_db()
    assert document.published_at is not None
    event = Event.objects.get(kind=EventKind.DOCUMENT_PUBLISHED)
    assert (event.visibility, event.text) == ("public", "plan.pdf")
    # Now it is public: on the page, in the API, for anyone.
    client.logout()
    page = client.get(public(w.submitted)).content.decode()
    assert "plan.pdf" in page and download(document) in page
    [row] = api(client, w.place)
    assert [(d["name"], d["content_type"]) for d in row["documents"]] == [
        ("plan.pdf", "application/pdf")
    ]
    assert row["documents"][0]["url"].endswith(download(document))
    response = fetch(client, download(document))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_consent_can_be_given_with_a_message_and_withdrawn_before_publication(client, w):
    world = w.world
    client.force_login(world.resident)
    response = client.post(
        dossier(w.submitted, "message"),
        {
            "text": "Steunbrief",
            "files": [upload("steun.pdf", pdf_bytes())],
            "consent_to_publish": "on",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.consent_to_publish
    assert (
        client.post(dossier(w.submitted, "consent", pk=document.pk), {"consent": "0"}).status_code
        == 302
    )
    client.force_login(world.coordinator)
    client.post(staff("publish", w.submitted, pk=document.pk))
    document.refresh_from_db()
    assert document.published_at is None


# ---------------------------------------------------------------- hostile text


PAYLOAD = (
    '<script>alert("xss")</script><img src=x onerror=alert(1)> & "quotes" '
    "bel\x07 escape\x1b[31m rood \u202eomgekeerd einde"
)
ESCAPED = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
RAW = ('<script>alert("xss")', "<img src=x onerror")

TEXT_FIELDS = {
    1: ["title", "other_task", "part"],
    2: ["summary", "why_better", "plan_what", "plan_how", "for_whom", "area"],
    3: ["capacity", "partners"],
    4: ["value_economic", "value_social", "value_democratic", "risks", "cooperation_wanted"],
}
STEP_EXTRA = {1: {"mode": "co_produce"}, 2: {}, 3: {}, 4: {}}


def assert_escaped(page: str) -> None:
    for raw in RAW:
        assert raw not in page
    assert ESCAPED in page


def test_hostile_text_in_every_field_is_stored_as_typed_and_shown_escaped(client, w):
    world, draft = w.world, w.draft
    client.force_login(world.resident)
    for number, names in TEXT_FIELDS.items():
        data = {name: PAYLOAD for name in names} | STEP_EXTRA[number]
        response = client.post(step(draft, number), data)
        assert response.status_code == 302, response.context["form"].errors
    draft.refresh_from_db()
    for names in TEXT_FIELDS.values():
        for name in names:
            assert getattr(draft, name) == PAYLOAD, name
    # The check step shows it escaped; then submit.
    assert_escaped(client.get(step(draft, 6)).content.decode())
    assert client.post(step(draft, 6), {"version": draft.version}).status_code == 302
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    # Conversation, notes, contact moments, a pause, a term extension and a public reason.
    submitted = w.submitted
    assert client.post(dossier(submitted, "message"), {"text": PAYLOAD}).status_code == 302
    client.force_login(world.contact)
    for name, data in [
        ("message", {"text": PAYLOAD}),
        ("note", {"text": PAYLOAD}),
        ("contact", {"channel": "visit", "on": "2026-03-01", "summary": PAYLOAD}),
    ]:
        assert client.post(staff(name, submitted), data).status_code == 302, name
    submitted.refresh_from_db()
    response = client.post(
        staff("pause", submitted), {"version": submitted.version, "question": PAYLOAD}
    )
    assert response.status_code == 302
    client.force_login(world.coordinator)
    submitted.refresh_from_db()
    response = client.post(
        staff("extend", submitted),
        {"version": submitted.version, "days": 5, "reason": PAYLOAD},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    response = client.post(
        staff("transition", submitted, action="start_intake"),
        {"start_intake-version": submitted.version, "start_intake-reason": PAYLOAD},
    )
    assert response.status_code == 302
    texts = list(
        Event.objects.filter(challenge=submitted)
        .exclude(text="")
        .exclude(kind=EventKind.ASSIGNMENT)  # its text is the contact person's name
        .values_list("kind", "text")
    )
    assert sorted(kind for kind, _t in texts) == sorted(
        ["message", "message", "note", "contact", "pause", "term", "transition"]
    )
    assert all(text == PAYLOAD for _kind, text in texts)

    # Everywhere it is shown: escaped in HTML, exact in JSON.
    staff_page = client.get(staff("", submitted)).content.decode()
    assert_escaped(staff_page)
    assert staff_page.count(ESCAPED) >= 7
    client.force_login(world.resident)
    for page in (
        client.get(dossier(submitted)).content.decode(),
        client.get(dossier(draft)).content.decode(),
        client.get(reverse("portal:account")).content.decode(),
    ):
        assert_escaped(page)
    client.logout()
    for challenge in (draft, submitted):
        assert_escaped(client.get(public(challenge)).content.decode())
    listing = client.get(reverse("challenges:list", kwargs={"municipality": w.place.slug}))
    assert_escaped(listing.content.decode())
    rows = {row["reference"]: row for row in api(client, w.place)}
    row = rows[draft.reference]
    for name in ("title", "summary", "other_task", "part"):
        assert row[name] == PAYLOAD, name
    assert [e["text"] for e in rows[submitted.reference]["events"] if e["text"]] == [PAYLOAD]


def test_too_long_text_is_refused_per_field_and_what_was_typed_stays(client, w):
    world, draft = w.world, w.draft
    client.force_login(world.resident)
    before = snapshot(draft)
    values = Challenge.objects.values().get(pk=draft.pk)
    long = "x" * (TEXT_LIMIT * 2)
    for number, names in TEXT_FIELDS.items():
        data = {name: long for name in names} | STEP_EXTRA[number]
        response = client.post(step(draft, number), data)
        assert response.status_code == 400
        assert set(response.context["form"].errors) == set(names)
        assert long in response.content.decode()  # nothing typed is lost
    assert snapshot(draft) == before
    assert Challenge.objects.values().get(pk=draft.pk) == values
    # Exactly at the limit is fine.
    response = client.post(step(draft, 2), {"summary": "y" * TEXT_LIMIT})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert len(draft.summary) == TEXT_LIMIT

    submitted = w.submitted
    cases = [
        (world.resident, dossier(submitted, "message"), {"text": long}),
        (
            world.resident,
            dossier(submitted, "transition", action="withdraw"),
            {"withdraw-version": submitted.version, "withdraw-reason": long},
        ),
        (world.contact, staff("message", submitted), {"text": long}),
        (world.contact, staff("note", submitted), {"text": long}),
        (
            world.contact,
            staff("contact", submitted),
            {"channel": "call", "on": "2026-03-01", "summary": long},
        ),
        (
            world.contact,
            staff("pause", submitted),
            {"version": submitted.version, "question": long},
        ),
        (
            world.coordinator,
            staff("extend", submitted),
            {"version": submitted.version, "days": 3, "reason": long},
        ),
        (
            world.coordinator,
            staff("transition", submitted, action="start_intake"),
            {"start_intake-version": submitted.version, "start_intake-reason": long},
        ),
    ]
    before = snapshot(submitted)
    for user, address, data in cases:
        client.force_login(user)
        response = client.post(address, data)
        assert response.status_code == 400, address
        assert snapshot(submitted) == before, address


def test_null_characters_are_refused_not_stored(client, w):
    world = w.world
    client.force_login(world.resident)
    before = snapshot(w.draft)
    summary = w.draft.summary
    response = client.post(step(w.draft, 2), {"summary": "nul\x00byte"})
    assert response.status_code == 400
    assert "summary" in response.context["form"].errors
    assert snapshot(w.draft) == before
    assert Challenge.objects.get(pk=w.draft.pk).summary == summary
    before = snapshot(w.submitted)
    response = client.post(dossier(w.submitted, "message"), {"text": "nul\x00byte"})
    assert response.status_code == 400
    assert snapshot(w.submitted) == before


# ---------------------------------------------------------------- CSRF


def test_every_challenger_and_staff_form_needs_the_csrf_token(w):
    world, submitted, draft = w.world, w.submitted, w.draft
    document = Document.objects.create(
        challenge=submitted,
        file="x",
        name="x.pdf",
        content_type="application/pdf",
        size=1,
        uploaded_by=world.resident,
        consent_to_publish=True,
    )
    version = submitted.version
    challenger_forms = [
        (
            reverse("challenges:draft_start", kwargs={"municipality": w.place.slug}),
            {"organisation": world.organisation.pk, "title": "Nieuw"},
        ),
        *[
            (
                step(draft, n),
                {
                    "title": "Anders",
                    "summary": "Anders",
                    "capacity": "x",
                    "value_social": "x",
                    "version": draft.version,
                },
            )
            for n in range(1, 7)
        ],
        (
            dossier(submitted, "transition", action="withdraw"),
            {"withdraw-version": version, "withdraw-reason": "Stop"},
        ),
        (dossier(submitted, "message"), {"text": "Hallo"}),
        (dossier(submitted, "documents"), {"files": [upload("a.pdf", pdf_bytes())]}),
        (dossier(submitted, "consent", pk=document.pk), {"consent": "0"}),
    ]
    staff_forms = [
        (staff("transition", submitted, action="start_intake"), {"start_intake-version": version}),
        (staff("message", submitted), {"text": "Hallo"}),
        (staff("documents", submitted), {"files": [upload("a.pdf", pdf_bytes())]}),
        (staff("note", submitted), {"text": "Intern"}),
        (staff("contact", submitted), {"channel": "call", "on": "2026-03-01", "summary": "x"}),
        (staff("assign", submitted), {"version": version, "person": world.contact2.pk}),
        (staff("pause", submitted), {"version": version, "question": "?"}),
        (staff("resume", submitted), {"version": version}),
        (staff("extend", submitted), {"version": version, "days": 3, "reason": "x"}),
        (staff("publish", submitted, pk=document.pk), {}),
        (
            reverse("workspace:challenge_terms", kwargs={"municipality": w.place.slug}),
            {"submitted": 1, "intake": 1, "assessment": 1, "agreements": 1, "evaluation": 1},
        ),
    ]
    checked = Client(enforce_csrf_checks=True)
    state = lambda: (  # noqa: E731
        snapshot(submitted),
        snapshot(draft),
        Challenge.objects.count(),
        Document.objects.get(pk=document.pk).consent_to_publish,
        Document.objects.get(pk=document.pk).published_at,
        services.terms_of(w.place),
    )
    before = state()
    for user, forms in ((world.resident, challenger_forms), (world.coordinator, staff_forms)):
        checked.force_login(fresh(user))
        for address, data in forms:
            assert checked.post(address, data).status_code == 403, address
    assert state() == before
    # With the token the same client gets through (the 403 above was the CSRF check).
    checked.force_login(world.resident)
    checked.get(dossier(submitted))
    token = checked.cookies["csrftoken"].value
    response = checked.post(
        dossier(submitted, "message"), {"text": "Hallo", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_a_password_only_staff_session_of_another_municipality_is_sent_to_the_second_factor(
    client, settings, w
):
    """Its answer must not differ from that of the municipality's own staff (issue 12, item 9)."""
    from tests.challenge_world import pdf_bytes, upload

    services.documents_add(
        challenge=w.submitted, actor=w.world.resident, files=[upload("plan.pdf", pdf_bytes())]
    )
    document = w.submitted.documents.get()
    settings.STAFF_2FA_REQUIRED = True
    path = reverse("challenges:document", kwargs={"municipality": w.place.slug, "pk": document.pk})
    answers = []
    for user in (w.world.coordinator, w.world.foreign_coordinator):
        client.force_login(user)
        response = client.get(path)
        answers.append((response.status_code, response.get("Location", "").split("?")[0]))
    assert answers[0] == answers[1] == (302, reverse("accounts:two_factor"))
