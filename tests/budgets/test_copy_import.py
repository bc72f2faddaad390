"""`import_iv3_file`: on PostgreSQL the file goes straight into COPY and is checked in SQL
(budgets/copy_import.py). The same file gives the same lines, deliveries, populations, reference
figures and report as the row importer, and a bad row the same error (line, column, value,
message), with nothing changed."""

import csv
import gzip

import pytest
from django.db import connection
from django.utils import translation

from tests.iv3 import load_reference, rows_of
from uitdaagrecht.budgets import copy_import, importer
from uitdaagrecht.budgets.importer import ImportError_, import_iv3, import_iv3_file
from uitdaagrecht.budgets.models import BudgetDelivery, BudgetLine, ReferenceFigure
from uitdaagrecht.tenants.models import Municipality

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"
AMSTERDAM, VOORNE, BEEK, ZWOLLE = "GM0363", "GM1992", "GM0888", "GM0193"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def fast_path(monkeypatch):
    """What the COPY path did with each file: a report, or None when it refused."""
    outcomes = []
    original = copy_import.import_or_refuse

    def recording(handle, progress=None):
        outcomes.append(original(handle, progress))
        return outcomes[-1]

    monkeypatch.setattr(copy_import, "import_or_refuse", recording)
    return outcomes


def write(path, rows, *, gz=False):
    opener = gzip.open if gz else open
    with opener(path, "wt", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def state() -> dict:
    return {
        "lines": sorted(
            BudgetLine.objects.values_list(
                "municipality__cbs_code",
                "year",
                "document",
                "taakveld_id",
                "expenditure_k_eur",
                "income_k_eur",
                "salaries_k_eur",
            )
        ),
        "deliveries": sorted(
            BudgetDelivery.objects.values_list(
                "municipality__cbs_code", "year", "document", "population", "delivered"
            )
        ),
        "populations": sorted(Municipality.objects.values_list("cbs_code", "population")),
        "figures": sorted(
            ReferenceFigure.objects.values_list(
                "year",
                "document",
                "group",
                "taakveld_id",
                "hoofdtaakveld_id",
                "expenditure_k_eur",
                "income_k_eur",
                "population",
                "municipalities",
            ),
            key=repr,
        ),
    }


def forget_budgets() -> None:
    BudgetLine.objects.all().delete()
    BudgetDelivery.objects.all().delete()
    ReferenceFigure.objects.all().delete()
    Municipality.objects.update(population=None)


def sample() -> list[list[str]]:
    """A few municipalities with the file's traps: an undelivered year, empty amounts, a
    municipality with a suffix, the national total."""
    header, *rows = rows_of(ZWOLLE, VOORNE, BEEK, AMSTERDAM, "NL01")
    return [header, *rows]


def test_a_file_gives_the_same_everything_as_the_row_importer(tmp_path, fast_path):
    load_reference()
    rows = sample()
    by_file = import_iv3_file(write(tmp_path / "iv3.csv", rows))
    after_file = state()
    forget_budgets()
    by_rows = import_iv3(rows=rows)
    assert state() == after_file
    assert by_file == by_rows
    assert by_file.added == len(rows) - 1 - by_file.national_rows_skipped > 0
    assert by_file.national_rows_skipped > 0 and by_file.not_delivered
    assert fast_path == ([by_file] if POSTGRESQL else [])


def test_again_unchanged_then_one_changed_amount_and_a_gzipped_file(tmp_path, fast_path):
    load_reference()
    rows = sample()
    first = import_iv3_file(write(tmp_path / "iv3.csv.gz", rows, gz=True))
    before = state()
    again = import_iv3_file(write(tmp_path / "iv3.csv", rows))
    assert (again.added, again.changed, again.unchanged) == (0, 0, first.added)
    assert state() == before
    lasten = rows[0].index("lasten_x1000_eur")
    rows[1][lasten] = "123456789"
    rows[2][lasten] = ""
    changed = import_iv3_file(write(tmp_path / "changed.csv", rows))
    assert (changed.added, changed.changed) == (0, 2)
    assert BudgetLine.objects.filter(expenditure_k_eur=123456789).count() == 1
    if POSTGRESQL:
        assert None not in fast_path and len(fast_path) == 3


def bad_rows(change) -> list[list[str]]:
    rows = rows_of(ZWOLLE, AMSTERDAM)
    rows[1][rows[0].index("lasten_x1000_eur")] = "42"  # an earlier change: rolled back too
    change(rows)
    return rows


def set_cell(column, value, line=None):
    def change(rows):
        rows[(line or len(rows) - 3) - 1][rows[0].index(column)] = value

    return change


def duplicate(rows):
    rows.insert(len(rows) - 3, list(rows[5]))


def one_field_too_many(rows):
    rows[-4].append("x")


def national_total_with_a_space(rows):
    rows[-4][rows[0].index("gm_code")] = " GM0363 "
    rows[-5][rows[0].index("gm_code")] = " NL01"


BAD = {
    "an amount with a comma": set_cell("lasten_x1000_eur", "12,5"),
    "an amount in e-notation": set_cell("baten_x1000_eur", "1e3"),
    "an amount with a plus": set_cell("salarislasten_L1_1_x1000_eur", "+7"),
    "an amount that is a minus": set_cell("lasten_x1000_eur", "-"),
    "an unknown municipality": set_cell("gm_code", "GM9999"),
    "an empty municipality": set_cell("gm_code", ""),
    "an unknown taakveld": set_cell("taakveld_code", "0.12"),
    "a taakveld outside the scheme of its year": set_cell("taakveld_code", "6.2"),
    "a word for a year": set_cell("jaar", "twintig"),
    "a year too early": set_cell("jaar", "1989"),
    "a year with five digits": set_cell("jaar", "02025"),
    "another document": set_cell("document", "kadernota"),
    "a negative population": set_cell("inwonertal", "-5"),
    "a duplicate": duplicate,
    "a field too many": one_field_too_many,
}


@pytest.mark.parametrize("change", BAD.values(), ids=BAD.keys())
def test_a_bad_row_gives_the_row_importers_error_and_changes_nothing(tmp_path, fast_path, change):
    load_reference(ZWOLLE)
    before = state()
    rows = bad_rows(change)
    with pytest.raises(ImportError_) as by_rows:
        import_iv3(rows=rows)
    with pytest.raises(ImportError_) as by_file:
        import_iv3_file(write(tmp_path / "bad.csv", rows))
    assert (by_file.value.line, by_file.value.column, by_file.value.value) == (
        by_rows.value.line,
        by_rows.value.column,
        by_rows.value.value,
    )
    assert str(by_file.value) == str(by_rows.value)
    assert state() == before
    assert fast_path == ([None] if POSTGRESQL else [])


ODD_BUT_GOOD = {
    "an amount with leading zeros": set_cell("lasten_x1000_eur", "007"),
    "an amount with spaces": set_cell("baten_x1000_eur", " 12 "),
    "codes with spaces": national_total_with_a_space,
    "a blank line": lambda rows: rows.insert(10, []),
    "a backslash-dot (a line of it ends COPY's input)": set_cell("gemeente", "\\."),
}


@pytest.mark.parametrize("change", ODD_BUT_GOOD.values(), ids=ODD_BUT_GOOD.keys())
def test_what_the_copy_path_is_not_sure_of_the_row_importer_imports(tmp_path, fast_path, change):
    load_reference()
    rows = bad_rows(change)
    by_file = import_iv3_file(write(tmp_path / "odd.csv", rows))
    after_file = state()
    forget_budgets()
    assert import_iv3(rows=rows) == by_file
    assert state() == after_file
    assert fast_path == ([None] if POSTGRESQL else [])


def test_a_missing_column_and_an_empty_file(tmp_path):
    load_reference()
    with pytest.raises(ImportError_, match="line 1: missing column"):
        import_iv3_file(write(tmp_path / "narrow.csv", [["jaar", "document"], ["2025", "x"]]))
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(ImportError_, match="missing column"):
        import_iv3_file(tmp_path / "empty.csv")
    assert not BudgetLine.objects.exists()


def test_not_utf8_is_a_unicode_error(tmp_path):
    load_reference()
    rows = rows_of(ZWOLLE)
    path = write(tmp_path / "latin1.csv", rows)
    path.write_bytes(path.read_bytes().replace(b"Zwolle", "Zw\u00f6lle".encode("latin-1")))
    with pytest.raises(UnicodeDecodeError):
        import_iv3_file(path)
    assert not BudgetLine.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not POSTGRESQL, reason="the bulk path is PostgreSQL's")
def test_a_large_first_file_sets_the_unique_constraint_aside_too_and_puts_it_back(
    tmp_path, fast_path, monkeypatch
):
    from tests.budgets.test_bulk_import import definitions

    monkeypatch.setattr(importer, "BULK_LINES", 100)
    load_reference()
    before = definitions()
    report = import_iv3_file(write(tmp_path / "iv3.csv", sample()))
    assert fast_path == [report] and report.added > 100
    assert definitions() == before
    rows = sample()
    rows.append(list(rows[1]))  # a duplicate of a new line: the unique constraint refuses it
    forget_budgets()
    with pytest.raises(ImportError_, match="appears twice"):
        import_iv3_file(write(tmp_path / "twice.csv", rows))
    assert fast_path[-1] is None
    assert definitions() == before and not BudgetLine.objects.exists()
