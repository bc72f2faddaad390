"""Every staff form with bad and hostile input: a clear message, what was typed is kept, nothing is
saved, never a 500; and what is saved is shown escaped on the public pages."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import DepartmentFactory, StaffRoleFactory
from uitdaagrecht.accounts.models import StaffInvitation
from uitdaagrecht.budgets.models import BudgetCycleMoment
from uitdaagrecht.tenants.models import Department, Municipality

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def admin(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    role = StaffRoleFactory(admin=True, municipality__slug="hier", municipality__name="Hier")
    client.force_login(role.user)
    return role


def url(name: str, admin, **kwargs) -> str:
    return reverse(f"workspace:{name}", kwargs={"municipality": admin.municipality.slug, **kwargs})


def snapshot(municipality: Municipality) -> dict:
    municipality.refresh_from_db()
    return {f.name: getattr(municipality, f.name) for f in municipality._meta.fields}


def test_texts_with_hostile_input_are_saved_and_shown_escaped(client, admin):
    data = {
        "definition": HOSTILE,
        "why": HOSTILE,
        "contact_name": HOSTILE,
        "contact_email": "team@example.org",
        "contact_phone": "030 286 00 00",
        "contact_hours": HOSTILE,
    }
    assert client.post(url("texts", admin), data).status_code == 302
    client.logout()
    html = client.get("/hier/").content.decode()
    assert "<script>" not in html and "onerror=alert" not in html.replace(
        "onerror=alert(1)&gt;", ""
    )
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("field", "value"),
    [("contact_email", "not-an-address"), ("contact_phone", "bel me"), ("contact_name", "x" * 151)],
)
def test_texts_refuse_bad_input_and_keep_what_was_typed(client, admin, field, value):
    before = snapshot(admin.municipality)
    data = {"definition": "Onze definitie", "why": "", "contact_name": "Team", field: value}
    response = client.post(url("texts", admin), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and "utrecht-form-field-error-message" in html
    assert "Onze definitie" in html and (value[:50] in html)
    assert snapshot(admin.municipality) == before


def png(size=(120, 40), kind="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, kind)
    return buffer.getvalue()


def test_theme_with_a_logo_and_readable_colours(client, admin, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    logo = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    response = client.post(
        url("theme", admin),
        {"logo": logo, "brand_colour": "#1d4f91", "brand_text_colour": "#ffffff"},
    )
    assert response.status_code == 302
    assert snapshot(admin.municipality)["brand_colour"] == "#1d4f91"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"brand_colour": "blue"}, "#"),
        ({"brand_colour": "#777777", "brand_text_colour": "#888888"}, "4.5:1"),
        ({"brand_colour": "#ffff00"}, "4.5:1"),  # white text on yellow
        ({"logo": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png")}, "logo"),
        ({"logo": SimpleUploadedFile("logo.gif", png(kind="GIF"), "image/gif")}, "PNG"),
    ],
)
def test_theme_refuses_unreadable_colours_and_non_images(
    client, admin, data, message, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    before = snapshot(admin.municipality)
    response = client.post(
        url("theme", admin), {"brand_colour": "", "brand_text_colour": "", **data}
    )
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert snapshot(admin.municipality) == before
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("name", ["", "   ", "x" * 151, "Groen", "GROEN"])
def test_departments_refuse_empty_long_and_duplicate_names(client, admin, name):
    DepartmentFactory(municipality=admin.municipality, name="Groen")
    response = client.post(url("departments", admin), {"name": name})
    assert response.status_code == 400
    assert Department.objects.filter(municipality=admin.municipality).count() == 1


def test_departments_add_rename_and_remove(client, admin):
    client.post(url("departments", admin), {"name": HOSTILE})
    department = Department.objects.get(municipality=admin.municipality)
    html = client.get(url("departments", admin)).content.decode()
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    client.post(url("department_edit", admin, pk=department.pk), {"name": "Sociaal Domein"})
    department.refresh_from_db()
    assert department.name == "Sociaal Domein"
    client.post(url("department_delete", admin, pk=department.pk))
    assert not Department.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "begroting", "date": "31-02-2026"},
        {"kind": "begroting", "date": "1899-01-01"},
        {"kind": "begroting", "date": ""},
        {"kind": "verkiezingen", "date": "2030-01-01"},
        {"kind": "begroting", "date": "2030-01-01", "url": "javascript:alert(1)"},
        {"kind": "begroting", "date": "2030-01-01", "description": "x" * 301},
    ],
)
def test_budget_cycle_refuses_bad_dates_kinds_and_links(client, admin, data):
    response = client.post(url("budget_cycle", admin), data)
    assert response.status_code == 400
    assert not BudgetCycleMoment.objects.exists()
    if data["date"]:
        assert data["date"] in response.content.decode()


def test_budget_cycle_add_change_and_remove(client, admin):
    client.post(
        url("budget_cycle", admin),
        {"kind": "begroting", "date": "2030-11-10", "description": HOSTILE},
    )
    moment = BudgetCycleMoment.objects.get()
    client.post(
        url("budget_cycle_edit", admin, pk=moment.pk), {"kind": "kadernota", "date": "2030-06-30"}
    )
    moment.refresh_from_db()
    assert moment.kind == "kadernota" and str(moment.date) == "2030-06-30"
    client.post(url("budget_cycle_delete", admin, pk=moment.pk))
    assert not BudgetCycleMoment.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"email": "geen adres", "roles": ["assessor"]},
        {"email": "a@example.org", "roles": []},
        {"email": "a@example.org", "roles": ["emperor"]},
        {"email": "a@example.org", "roles": ["assessor"], "department": "999999"},
    ],
)
def test_invitations_refuse_bad_input(client, admin, data):
    response = client.post(url("staff", admin), data)
    assert response.status_code == 400
    assert not StaffInvitation.objects.exists()
    assert data["email"] in response.content.decode()


def test_a_department_of_another_municipality_cannot_be_chosen(client, admin):
    elsewhere = DepartmentFactory()
    response = client.post(
        url("staff", admin),
        {"email": "a@example.org", "roles": ["advisor"], "department": elsewhere.pk},
    )
    assert response.status_code == 400
    assert not StaffInvitation.objects.exists()
