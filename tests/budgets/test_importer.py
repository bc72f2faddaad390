"""The Iv3 importer on the real CBS file and its traps (../shared/data/README.md)."""

import csv
import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tests.iv3 import load_reference, national_rows, rows_of
from uitdaagrecht.budgets.importer import ImportError_, import_iv3
from uitdaagrecht.budgets.models import (
    NATIONAL,
    BudgetDelivery,
    BudgetLine,
    ReferenceFigure,
)
from uitdaagrecht.tenants.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English; the command speaks the site's language (Dutch)."""
    with translation.override("en"):
        yield


AMSTERDAM, VOORNE, BEEK, ZWOLLE = "GM0363", "GM1992", "GM0888", "GM0193"


def snapshot() -> list[tuple]:
    return sorted(
        BudgetLine.objects.values_list(
            "municipality__cbs_code", "year", "document", "taakveld_id", "expenditure_k_eur"
        )
    )


def test_amsterdam_sanity_figure():
    report = load_reference(AMSTERDAM)
    assert report.added == len(rows_of(AMSTERDAM)) - 1
    total = sum(
        BudgetLine.objects.filter(
            municipality__cbs_code=AMSTERDAM, year=2025, document="begroting"
        ).values_list("expenditure_k_eur", flat=True)
    )
    assert total == 8_109_528


def test_importing_twice_changes_nothing_and_a_changed_amount_is_one_change():
    load_reference(ZWOLLE)
    before = snapshot()
    again = import_iv3(rows=rows_of(ZWOLLE))
    assert (again.added, again.changed, again.unchanged) == (0, 0, len(before))
    assert snapshot() == before

    rows = rows_of(ZWOLLE)
    rows[1][rows[0].index("lasten_x1000_eur")] = "123456789"
    changed = import_iv3(rows=rows)
    assert (changed.added, changed.changed) == (0, 1)
    assert BudgetLine.objects.filter(expenditure_k_eur=123456789).count() == 1


def test_all_zero_year_is_not_delivered_not_zero():
    load_reference(VOORNE)
    delivery = BudgetDelivery.objects.get(
        municipality__cbs_code=VOORNE, year=2023, document="begroting"
    )
    assert delivery.delivered is False
    assert BudgetDelivery.objects.get(
        municipality__cbs_code=VOORNE, year=2024, document="begroting"
    ).delivered
    # A missing delivery does not count in the national average per inhabitant.
    figure = ReferenceFigure.objects.filter(year=2023, document="begroting", group=NATIONAL).first()
    assert figure is None or figure.municipalities == 0


def test_empty_cells_stay_unknown_and_codes_stay_text():
    load_reference(AMSTERDAM)
    header, rows = national_rows()
    salaries = header.index("salarislasten_L1_1_x1000_eur")
    empty = [r for r in rows if r[header.index("gm_code")] == AMSTERDAM and r[salaries] == ""]
    assert empty, "the real file has empty salary cells"
    assert BudgetLine.objects.filter(
        municipality__cbs_code=AMSTERDAM, salaries_k_eur__isnull=True
    ).count() == len(empty)
    codes = set(BudgetLine.objects.values_list("taakveld_id", flat=True))
    assert {"0.1", "0.10", "6.71a", "6.711"} <= codes


def test_names_with_a_suffix_are_matched_by_cbs_code():
    load_reference(BEEK)
    beek = Municipality.objects.get(cbs_code=BEEK)
    assert (beek.name, beek.slug) == ("Beek (L.)", "beek-l")
    assert beek.budget_lines.exists()
    assert beek.population and beek.population > 10_000


def test_national_total_rows_are_skipped():
    load_reference()
    header, _rows = national_rows()
    national = [list(r) for r in national_rows()[1] if r[header.index("gm_code")] == "NL01"]
    report = import_iv3(rows=[header, *national])
    assert report.national_rows_skipped == len(national)
    assert report.rows == 0
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("lasten_x1000_eur", "12,5", "not a whole number"),
        ("lasten_x1000_eur", "1e3", "not a whole number"),
        ("gm_code", "GM9999", "unknown CBS municipality code"),
        ("taakveld_code", "0.12", "unknown Iv3 taakveld code"),
        ("jaar", "twintig", "not a year"),
        ("document", "kadernota", "must be 'begroting' or 'jaarrekening'"),
        ("inwonertal", "-5", "not a number of inhabitants"),
    ],
)
def test_a_bad_row_refuses_the_whole_file_with_line_column_and_value(column, value, message):
    load_reference(ZWOLLE)
    before = snapshot()
    rows = rows_of(ZWOLLE, AMSTERDAM)
    # An earlier row changes an amount: it must be rolled back too.
    rows[1][rows[0].index("lasten_x1000_eur")] = "42"
    bad_line = len(rows) - 3
    rows[bad_line - 1][rows[0].index(column)] = value
    with pytest.raises(ImportError_) as error:
        import_iv3(rows=rows)
    assert (error.value.line, error.value.column, error.value.value) == (bad_line, column, value)
    assert message in str(error.value)
    assert f"line {bad_line}" in str(error.value)
    assert snapshot() == before


def test_a_taakveld_outside_its_scheme_is_refused():
    load_reference()
    header = rows_of()[0]
    row = dict.fromkeys(header, "")
    row |= {"jaar": "2025", "document": "begroting", "gm_code": ZWOLLE, "taakveld_code": "6.2"}
    with pytest.raises(ImportError_, match="does not exist in the Iv3 scheme of 2025"):
        import_iv3(rows=[header, [row[c] for c in header]])


def test_duplicate_rows_and_missing_columns_are_refused():
    load_reference()
    rows = rows_of(ZWOLLE)
    with pytest.raises(ImportError_, match="appears twice"):
        import_iv3(rows=[*rows, rows[1]])
    with pytest.raises(ImportError_, match="missing column"):
        import_iv3(rows=[["jaar", "document"], ["2025", "begroting"]])
    assert not BudgetLine.objects.exists()


def test_command_reports_and_fails_with_a_clear_message(tmp_path):
    load_reference()
    good = tmp_path / "zwolle.csv"
    with good.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows_of(ZWOLLE))
    out = io.StringIO()
    call_command("import_iv3", str(good), stdout=out)
    assert f"{len(rows_of(ZWOLLE)) - 1:,} added, 0 changed, 0 unchanged" in out.getvalue()
    out = io.StringIO()
    call_command("import_iv3", str(good), stdout=out)
    assert "0 added, 0 changed" in out.getvalue()

    bad = tmp_path / "bad.csv"
    rows = rows_of(ZWOLLE)
    rows[5][rows[0].index("baten_x1000_eur")] = "veel"
    with bad.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(CommandError, match=r"line 6, column baten_x1000_eur, value 'veel'"):
        call_command("import_iv3", str(bad))
    with pytest.raises(CommandError, match=r"missing\.csv"):
        call_command("import_iv3", str(tmp_path / "missing.csv"))


@pytest.mark.slow
def test_the_whole_national_file_matches_its_own_national_totals():
    """Imports all 96,444 municipal rows; the NL01 rows of the file must equal our sums."""
    load_reference()
    header, rows = national_rows()
    report = import_iv3(rows=[header, *rows])
    assert report.national_rows_skipped > 0
    assert report.added == len(rows) - report.national_rows_skipped
    assert Municipality.objects.filter(is_active=True).count() == 342
    assert {(n, y, d) for n, y, d in report.not_delivered} >= {
        ("Voorne aan Zee", 2023, "begroting"),
        ("Vijfheerenlanden", 2023, "jaarrekening"),
        ("De Bilt", 2025, "begroting"),
    }

    expected: dict[tuple, int] = defaultdict(int)
    index = {c: header.index(c) for c in ("jaar", "document", "gm_code", "lasten_x1000_eur")}
    for row in rows:
        if row[index["gm_code"]] == "NL01":
            key = (int(row[index["jaar"]]), row[index["document"]])
            expected[key] += int(row[index["lasten_x1000_eur"]] or 0)
    for (year, document), total in expected.items():
        ours = sum(
            ReferenceFigure.objects.filter(
                year=year, document=document, group=NATIONAL, taakveld__isnull=False
            ).values_list("expenditure_k_eur", flat=True)
        )
        assert ours == total, (year, document)
