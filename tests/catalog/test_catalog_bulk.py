"""Bulk import of the task catalogue from CSV and Excel: preview, all-or-nothing apply, errors per
row and column, refused files, hostile cells, other municipalities, templates and query counts."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext, override

from tests.factories import CatalogFactory, DepartmentFactory, MunicipalityFactory, StaffRoleFactory
from tests.test_permissions import catalog_state
from uitdaagrecht.budgets.services import taakvelden_load
from uitdaagrecht.catalog import bulk
from uitdaagrecht.catalog.models import ChangeLog, Contract, Finance, Provider, Task

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def admin(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    taakvelden_load()
    role = StaffRoleFactory(admin=True, municipality__slug="hier", municipality__name="Hier")
    DepartmentFactory(municipality=role.municipality, name="Groen")
    DepartmentFactory(municipality=role.municipality, name="Sociaal Domein")
    client.force_login(role.user)
    return role


def url(name: str, admin) -> str:
    return reverse(f"workspace:{name}", kwargs={"municipality": admin.municipality.slug})


def row(**values) -> dict:
    """A complete row: a new task with a contract of a new provider and a budget year."""
    return {
        "taak": "Onderhoud speeltuinen",
        "omschrijving": "Inspectie en onderhoud van 40 speeltuinen.",
        "voor_wie": "Kinderen",
        "gebied": "Noord",
        "afdeling": "Groen",
        "taakveld": "5.7",
        "uitvoerder": "Speelgoed BV",
        "soort_uitvoerder": "bedrijf",
        "contract_waarde_per_jaar": "80000",
        "contract_start": "2024-01-01",
        "contract_einde": "31-12-2027",
        "opzegtermijn_maanden": "6",
        "verlengingsopties": "twee keer een jaar",
        "begroting_jaar": "2026",
        "begroting_eur": "95.000",
        "overhead_eur": "15000",
        **values,
    }


def bare(title: str, **values) -> dict:
    """A row with only the task's own fields."""
    return {
        "taak": title,
        "omschrijving": f"Omschrijving van {title}",
        "afdeling": "Sociaal Domein",
        "taakveld": "6.1",
        **values,
    }


def csv_file(rows: list[dict], *, delimiter=";", bom=True, encoding="utf-8") -> bytes:
    columns = list(dict.fromkeys(column for r in rows for column in r))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(columns)
    for r in rows:
        writer.writerow([r.get(column, "") for column in columns])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode(encoding)


def xlsx_file(rows: list[dict]) -> bytes:
    columns = list(dict.fromkeys(column for r in rows for column in r))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for r in rows:
        sheet.append([r.get(column) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, admin, content: bytes, name: str = "taken.csv"):
    return client.post(url("catalog_import", admin), {"file": SimpleUploadedFile(name, content)})


def apply(client, admin, preview):
    html = preview.content.decode()
    assert 'name="token"' in html, "the preview offers no apply button"
    context = preview.context
    return client.post(
        url("catalog_import_apply", admin),
        {
            "token": context["token"],
            "digest": context["digest"],
            "fingerprint": context["plan"].fingerprint,
        },
    )


def errors_of(response) -> list[tuple[int, str, str, str]]:
    return [(e.row, e.column, e.value, e.message) for e in response.context["plan"].errors]


def summary(response) -> tuple[int, int, int]:
    plan = response.context["plan"]
    return len(plan.added), len(plan.changed), len(plan.unchanged)


FILES = {
    "csv with semicolons and a BOM": lambda rows: (csv_file(rows), "taken.csv"),
    "csv with commas, no BOM": lambda rows: (csv_file(rows, delimiter=",", bom=False), "t.csv"),
    "xlsx": lambda rows: (xlsx_file(rows), "taken.xlsx"),
}


@pytest.mark.parametrize("kind", FILES)
def test_preview_then_apply_then_the_same_file_changes_nothing(client, admin, kind):
    existing = CatalogFactory(municipality=admin.municipality)
    task = existing["task"]
    provider = existing["provider"].name
    content, name = FILES[kind](
        [
            row(),
            bare("Schuldhulpverlening"),
            # The existing task, written differently: same slug, so the same task.
            bare(
                task.title.upper(),
                omschrijving="Maaien en snoeien",
                afdeling=task.department.name,
                taakveld="5.7",
                uitvoerder=provider,
                contract_waarde_per_jaar="110000",
                contract_start="2024-01-01",
                contract_einde="2027-12-31",
                opzegtermijn_maanden="6",
                begroting_jaar="2026",
                begroting_eur="120000",
                overhead_eur="20000",
            ),
        ]
    )
    before = catalog_state()

    preview = upload(client, admin, content, name)

    assert preview.status_code == 200, errors_of(preview)
    assert catalog_state() == before  # a preview writes nothing
    assert summary(preview) == (2, 1, 0)
    changed = preview.context["plan"].changed[0]
    assert {(c.field, c.old, c.new) for c in changed.changes} == {
        ("taak", task.title, task.title.upper()),
        ("omschrijving", "Onderhoud", "Maaien en snoeien"),
        ("contract_waarde_per_jaar", "100.000", "110.000"),
    }
    html = preview.content.decode()
    assert "Onderhoud speeltuinen" in html and "Speelgoed BV" in html and "110.000" in html

    response = apply(client, admin, preview)

    assert response.status_code == 302
    assert response["Location"] == url("catalog", admin)
    new = Task.objects.get(municipality=admin.municipality, slug="onderhoud-speeltuinen")
    assert (new.description, new.target_group, new.area) == (
        "Inspectie en onderhoud van 40 speeltuinen.",
        "Kinderen",
        "Noord",
    )
    assert new.department.name == "Groen" and new.taakveld_id == "5.7"
    assert new.bound_until == datetime.date(2027, 12, 31)
    assert new.updated_by == admin.user
    contract = new.contracts.get()
    assert contract.provider.name == "Speelgoed BV" and contract.provider.kind == "company"
    assert (contract.value_per_year_eur, contract.start_date, contract.notice_months) == (
        80_000,
        datetime.date(2024, 1, 1),
        6,
    )
    assert contract.extension_options == "twee keer een jaar"
    finance = new.finances.get()
    assert (finance.year, finance.budget_eur, finance.overhead_eur) == (2026, 95_000, 15_000)
    other = Task.objects.get(municipality=admin.municipality, slug="schuldhulpverlening")
    assert not other.contracts.exists() and not other.finances.exists()
    task.refresh_from_db()
    assert task.title == task.title.upper() and task.description == "Maaien en snoeien"
    assert Contract.objects.get(pk=existing["contract"].pk).value_per_year_eur == 110_000
    assert Finance.objects.get(pk=existing["finance"].pk).budget_eur == 120_000
    assert Contract.objects.filter(task=task).count() == 1  # changed, not added
    logged = set(ChangeLog.objects.values_list("task__title", flat=True))
    assert logged >= {"Onderhoud speeltuinen", "Schuldhulpverlening", task.title}

    after = catalog_state()
    again = upload(client, admin, content, name)
    assert again.status_code == 200
    assert summary(again) == (0, 0, 3)
    assert not again.context["plan"].providers
    assert 'name="token"' not in again.content.decode()
    assert catalog_state() == after


def test_an_existing_provider_is_reused_and_its_kind_can_change(client, admin):
    Provider.objects.create(municipality=admin.municipality, name="Speelgoed BV", kind="other")
    preview = upload(client, admin, csv_file([row(uitvoerder="speelgoed bv")]))
    plan = preview.context["plan"]
    assert [(p.created, p.old_kind) for p in plan.providers] == [(False, "anders")]
    apply(client, admin, preview)
    assert Provider.objects.get().kind == "company"


def test_a_bad_row_among_good_ones_lists_every_error_and_writes_nothing(client, admin):
    rows = [
        row(),
        row(taak="Tweede", contract_einde="2023-12-31"),  # ends before it starts
        bare("Derde", omschrijving="", afdeling="Bestaat niet", taakveld="9.99"),
        row(taak="Vierde", contract_waarde_per_jaar="12,50", begroting_jaar="1999"),
        bare("Onderhoud speeltuinen"),  # the title of row 2 again
    ]
    before = catalog_state()

    response = upload(client, admin, csv_file(rows))

    assert response.status_code == 400
    errors = errors_of(response)
    with override("nl"):
        required = gettext("This field is required.")
    assert required.startswith("Dit veld is ")  # Dutch, from the catalogues of Django and DRF
    assert (4, "omschrijving", "", required) in errors
    by_cell = {(e[0], e[1]): e for e in errors}
    assert set(by_cell) == {
        (3, "contract_einde"),
        (4, "omschrijving"),
        (4, "afdeling"),
        (4, "taakveld"),
        (5, "contract_waarde_per_jaar"),
        (5, "begroting_jaar"),
        (6, "taak"),
    }
    assert by_cell[3, "contract_einde"][2:] == (
        "2023-12-31",
        "Het contract eindigt voordat het begint.",
    )
    assert by_cell[4, "afdeling"][2] == "Bestaat niet"
    assert "Groen, Sociaal Domein" in by_cell[4, "afdeling"][3]
    assert by_cell[5, "contract_waarde_per_jaar"][2] == "12,50"
    assert "rij 2" in by_cell[6, "taak"][3]
    html = response.content.decode()
    assert 'name="token"' not in html
    assert '<th scope="row" class="utrecht-table__header-cell ou-num">4</th>' in html
    assert catalog_state() == before

    forged = client.post(url("catalog_import_apply", admin), {"token": "x" * 32, "digest": "0"})
    assert forged.status_code == 302
    assert catalog_state() == before


NO_CONTRACT = dict.fromkeys(
    [
        "uitvoerder",
        "soort_uitvoerder",
        *(c for c in bulk.COLUMN_NAMES if c.startswith("contract_")),
    ],
    "",
) | {"opzegtermijn_maanden": "0", "verlengingsopties": ""}


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        ({"opzegtermijn_maanden": "60"}, "opzegtermijn_maanden", "langer dan het contract"),
        ({"contract_start": "31-02-2024"}, "contract_start", "geldige datum"),  # Django's, in Dutch
        ({"contract_start": "1949-12-31"}, "contract_start", "1950"),
        ({"contract_start": "=TODAY()"}, "contract_start", "formules"),
        ({"contract_start": ""}, "contract_start", "Dit veld"),
        ({"soort_uitvoerder": ""}, "soort_uitvoerder", "nieuwe uitvoerder"),
        ({"soort_uitvoerder": "koning"}, "soort_uitvoerder", "bedrijf"),
        (
            {**NO_CONTRACT, "contract_waarde_per_jaar": "1"},
            "contract_waarde_per_jaar",
            "uitvoerder",
        ),
        ({"begroting_eur": "-5"}, "begroting_eur", "hele euro"),
        ({"begroting_jaar": "", "overhead_eur": ""}, "begroting_eur", "jaar van de begroting"),
        ({"taakveld": "6.81"}, "taakveld", "bestaat niet meer"),
        ({"taak": "x" * 201}, "taak", "niet meer dan 200"),
        ({"gebied": "x" * 201}, "gebied", "niet meer dan 200"),
    ],
)
def test_the_rules_of_the_forms_apply(client, admin, values, column, message):
    response = upload(client, admin, csv_file([row(**values)]))
    assert response.status_code == 400
    [(number, found_column, _value, found_message)] = errors_of(response)
    assert (number, found_column) == (2, column)
    assert message in found_message


def test_a_missing_optional_column_leaves_the_field_alone(client, admin):
    existing = CatalogFactory(municipality=admin.municipality)["task"]
    Task.objects.filter(pk=existing.pk).update(area="Centrum")
    content = csv_file([{"taak": existing.title, "omschrijving": "Nieuw"}])
    preview = upload(client, admin, content)
    assert summary(preview) == (0, 1, 0)
    apply(client, admin, preview)
    existing.refresh_from_db()
    assert (existing.description, existing.area) == ("Nieuw", "Centrum")
    # A new task still needs its department and taakveld.
    response = upload(client, admin, csv_file([{"taak": "Nieuw", "omschrijving": "x"}]))
    assert {(e[0], e[1]) for e in errors_of(response)} == {(2, "afdeling"), (2, "taakveld")}


def test_row_numbers_are_those_of_the_spreadsheet(client, admin):
    """A cell with line breaks is one row in Excel, however many lines it takes in the CSV."""
    rows = [
        bare("Eerste", omschrijving="regel 1\nregel 2\nregel 3"),
        {},
        bare("Tweede", afdeling="?"),
    ]
    response = upload(client, admin, csv_file(rows))
    assert [e[:2] for e in errors_of(response)] == [(4, "afdeling")]
    sheet = xlsx_file([bare("Eerste"), {}, {}, bare("Tweede", taakveld="0.99")])
    response = upload(client, admin, sheet, "t.xlsx")
    assert [e[:2] for e in errors_of(response)] == [(5, "taakveld")]


def test_a_task_renamed_in_the_workspace_is_found_by_its_slug(client, admin):
    existing = CatalogFactory(municipality=admin.municipality)["task"]
    old_title = existing.title
    Task.objects.filter(pk=existing.pk).update(title="Nieuwe naam")
    preview = upload(client, admin, csv_file([bare(old_title, afdeling=existing.department.name)]))
    [plan] = preview.context["plan"].tasks
    assert plan.task.pk == existing.pk
    # With a row for its new title as well, the old title is a new task.
    rows = [bare(old_title), bare("Nieuwe naam", afdeling=existing.department.name)]
    plan = upload(client, admin, csv_file(rows)).context["plan"]
    assert [(p.row, p.created) for p in plan.tasks] == [(2, True), (3, False)]


def test_header_errors(client, admin):
    response = upload(client, admin, csv_file([{**row(), "omschrijvng": "typo"}]))
    assert response.status_code == 400
    assert errors_of(response)[0][:2] == (1, "omschrijvng")
    response = upload(client, admin, b"omschrijving;afdeling\nx;Groen\n")
    assert errors_of(response)[0][:2] == (1, "taak")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("0.10", "0.10"),
        ("0.1", "0.1"),
        ("'0.10", "0.10"),
        ("7.1 Volksgezondheid", "7.1"),
        (5.7, "5.7"),  # Excel made a number of it, but only one code can be meant
        ("5,7", "5.7"),  # the same in a Dutch CSV
        (0.1, "0.1 of 0.10"),  # could be either: refused
        ("0,1", "0.1 of 0.10"),
        (0.11, "0.11"),
    ],
)
def test_taakveld_codes_are_text_and_numbers_are_only_accepted_when_unambiguous(
    client, admin, cell, expected
):
    content = xlsx_file([bare("Taak", taakveld=cell)])
    response = upload(client, admin, content, "t.xlsx")
    if " of " in expected:
        [error] = errors_of(response)
        assert error[1] == "taakveld" and expected in error[3]
    else:
        assert response.status_code == 200, errors_of(response)
        assert response.context["plan"].added[0].task.taakveld_id == expected


def test_excel_dates_numbers_and_text_cells(client, admin):
    content = xlsx_file(
        [
            row(
                contract_start=datetime.datetime(2024, 1, 1),
                contract_einde=46752,  # an Excel day number: 2027-12-31
                contract_waarde_per_jaar=80000.0,
                opzegtermijn_maanden=6,
                begroting_jaar=2026,
                begroting_eur="€ 95.000,-",
                overhead_eur=15000,
                gebied=2026,
            )
        ]
    )
    preview = upload(client, admin, content, "t.xlsx")
    assert preview.status_code == 200, errors_of(preview)
    apply(client, admin, preview)
    contract = Contract.objects.get()
    assert (contract.start_date, contract.end_date) == (
        datetime.date(2024, 1, 1),
        datetime.date(2027, 12, 31),
    )
    assert Finance.objects.get().budget_eur == 95_000
    assert Task.objects.get().area == "2026"


def big_csv() -> bytes:
    line = ";".join(row().values()) + "\n"
    return (";".join(bulk.COLUMN_NAMES) + "\n" + line * 20_000).encode()


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types><Override ContentType='wordprocessing'/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A small .xlsx-looking zip that unpacks to more than 20 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "spreadsheetml.sheet.main+xml")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (21 * 1024 * 1024))
    return buffer.getvalue()


def many_rows() -> bytes:
    return csv_file([bare(f"Taak {n}") for n in range(2001)])


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (lambda: big_csv(), "taken.csv", "2 MB"),
        (lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "taken.csv", "geen tekst"),
        (lambda: xlsx_file([row()]), "taken.csv", "geen tekst"),
        (lambda: csv_file([row()]), "taken.xlsx", "geen Excel-werkmap"),
        (lambda: docx(), "taken.xlsx", "geen Excel-werkmap"),
        (lambda: b"PK\x03\x04garbage", "taken.xlsx", "geen Excel-werkmap"),
        (lambda: zip_bomb(), "taken.xlsx", "te groot"),
        (
            lambda: csv_file([row(gebied="Zuidoost é")], encoding="latin-1", bom=False),
            "t.csv",
            "UTF-8",
        ),
        (lambda: csv_file([row()], encoding="utf-16"), "taken.csv", "UTF-8"),
        (lambda: csv_file([row()]), "taken.xls", ".xlsx"),
        (lambda: csv_file([row()]), "taken.pdf", ".xlsx"),
        (lambda: b"taak;omschrijving\n", "taken.csv", "geen taken"),
        (lambda: many_rows(), "taken.csv", "2000"),
        (lambda: b"", "taken.csv", "leeg"),  # Django's own message, in Dutch
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_message(
    client, admin, content, name, message
):
    before = catalog_state()
    response = upload(client, admin, content(), name)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    assert catalog_state() == before


def test_hostile_cells_are_stored_as_text_and_shown_escaped(client, admin):
    rows = [
        row(taak=HOSTILE, omschrijving='=HYPERLINK("http://evil.example")', gebied="@SUM(A1)"),
        bare("+31 beleid", voor_wie="-1+1", afdeling="groen"),
    ]
    preview = upload(client, admin, xlsx_file(rows), "t.xlsx")
    assert preview.status_code == 200, errors_of(preview)
    html = preview.content.decode()
    assert "<script>" not in html and "&lt;script&gt;" in html
    apply(client, admin, preview)
    task = Task.objects.get(title=HOSTILE)
    assert task.description == '=HYPERLINK("http://evil.example")' and task.area == "@SUM(A1)"
    assert Task.objects.get(title="+31 beleid").target_group == "-1+1"
    client.logout()
    page = client.get(task.get_absolute_url())
    assert page.status_code == 200
    public = page.content.decode()
    assert "<script>alert" not in public and "&lt;script&gt;" in public


def test_a_task_of_another_municipality_is_never_touched(client, admin):
    elsewhere = MunicipalityFactory(slug="daar", name="Daar")
    theirs = CatalogFactory(municipality=elsewhere)
    before = [
        list(model.objects.filter(pk=theirs[k].pk).values())
        for k, model in (("task", Task), ("provider", Provider), ("contract", Contract))
    ]
    content = csv_file([row(taak=theirs["task"].title, uitvoerder=theirs["provider"].name)])
    preview = upload(client, admin, content)
    assert summary(preview) == (1, 0, 0)
    assert preview.context["plan"].providers[0].created
    apply(client, admin, preview)
    after = [
        list(model.objects.filter(pk=theirs[k].pk).values())
        for k, model in (("task", Task), ("provider", Provider), ("contract", Contract))
    ]
    assert after == before
    assert Task.objects.filter(municipality=admin.municipality, title=theirs["task"].title).exists()


def test_a_stale_preview_is_not_applied_but_shown_again(client, admin):
    existing = CatalogFactory(municipality=admin.municipality)["task"]
    content = csv_file(
        [
            bare(
                existing.title,
                omschrijving="Nieuw",
                afdeling=existing.department.name,
                taakveld="5.7",
            )
        ]
    )
    preview = upload(client, admin, content)
    assert summary(preview) == (0, 1, 0)
    Task.objects.filter(pk=existing.pk).update(description="Intussen gewijzigd")
    before = catalog_state()

    response = apply(client, admin, preview)

    assert response.status_code == 409
    assert catalog_state() == before
    [change] = [c for c in response.context["plan"].changed[0].changes]
    assert (change.old, change.new) == ("Intussen gewijzigd", "Nieuw")
    assert apply(client, admin, response).status_code == 302
    existing.refresh_from_db()
    assert existing.description == "Nieuw"
    # The stored file is gone once applied: applying again is refused.
    assert apply(client, admin, response).status_code == 302
    shown = [str(m) for m in client.get(url("catalog_import", admin)).context["messages"]]
    assert any("verlopen" in message for message in shown)


def test_errors_found_at_apply_time_write_nothing(client, admin):
    preview = upload(client, admin, csv_file([row(), bare("Tweede")]))
    admin.municipality.departments.filter(name="Sociaal Domein").delete()
    before = catalog_state()
    response = apply(client, admin, preview)
    assert response.status_code == 400
    assert [e[:2] for e in errors_of(response)] == [(3, "afdeling")]
    assert catalog_state() == before


def test_another_users_preview_cannot_be_applied(client, admin):
    preview = upload(client, admin, csv_file([row()]))
    colleague = StaffRoleFactory(admin=True, municipality=admin.municipality).user
    client.force_login(colleague)
    before = catalog_state()
    assert apply(client, admin, preview).status_code == 302
    assert catalog_state() == before


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_templates_import_cleanly(client, admin, extension):
    response = client.get(url(f"catalog_import_template_{extension}", admin))
    assert response.status_code == 200
    assert f'filename="taken-hier.{extension}"' in response["Content-Disposition"]
    content = response.content
    if extension == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        header = [cell.value for cell in workbook.worksheets[0][1]]
        assert len(workbook.worksheets) == 2
        explained = [r[0] for r in workbook.worksheets[1].iter_rows(values_only=True)]
        assert set(bulk.COLUMN_NAMES) <= set(explained)
        assert workbook.worksheets[0]["F2"].number_format == "@"
    else:
        assert content.startswith("\ufeff".encode())
        header = content.decode("utf-8-sig").splitlines()[0].split(";")
    assert header == list(bulk.COLUMN_NAMES)

    preview = upload(client, admin, content, f"sjabloon.{extension}")

    assert preview.status_code == 200, errors_of(preview)
    assert summary(preview) == (1, 0, 0)
    assert apply(client, admin, preview).status_code == 302
    assert summary(upload(client, admin, content, f"sjabloon.{extension}")) == (0, 0, 1)


def test_the_preview_costs_the_same_number_of_queries_for_ten_times_the_rows(client, admin):
    for _index in range(5):
        CatalogFactory(municipality=admin.municipality)

    def count(rows: int) -> int:
        lines = [row(taak=f"Taak {n}", uitvoerder=f"Uitvoerder {n % 7}") for n in range(rows)]
        content = csv_file(lines)
        with CaptureQueriesContext(connection) as queries:
            response = upload(client, admin, content)
        assert response.status_code == 200, errors_of(response)[:3]
        assert summary(response) == (rows, 0, 0)
        return len(queries)

    # 10: session, user, municipality, the user's roles there (staff_view); then the catalogue,
    # once for the whole file: departments, taakvelden, providers, tasks, contracts, budget years.
    assert count(20) == count(200) == 10
