"""Import of Iv3 budgets in the long CSV format of CBS data (one row per municipality, year,
document and taakveld). All-or-nothing and idempotent; see `import_iv3`.

The traps of the real file are handled here:
- all-zero municipality-years were not delivered to CBS: the delivery is marked `delivered=False`
  and pages say "not delivered", never € 0;
- `NL01` is the national total (the sum of all municipalities): skipped, the national figures are
  derived from the municipalities (ReferenceFigure) and a test checks they equal the file's NL01;
- empty amounts stay empty (`None`), they are not zero;
- taakveld codes are read as text (`0.10` is not `0.1`) and must exist in the scheme of the year
  (the social domain changed in 2025);
- municipality names as CBS writes them in Iv3 ("Beek" for "Beek (L.)") are not used as keys: the
  CBS code is.
"""

import contextlib
import csv
import gzip
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext as _

from uitdaagrecht.core import caching
from uitdaagrecht.tenants.models import Municipality

from .models import BudgetDelivery, BudgetLine, Document, Taakveld
from .reference import reference_figures_rebuild

NATIONAL_TOTAL_CODE = "NL01"
REQUIRED_COLUMNS = (
    "jaar",
    "document",
    "gm_code",
    "taakveld_code",
    "lasten_x1000_eur",
    "baten_x1000_eur",
    "salarislasten_L1_1_x1000_eur",
    "inwonertal",
)
AMOUNT_COLUMNS = ("lasten_x1000_eur", "baten_x1000_eur", "salarislasten_L1_1_x1000_eur")
LINE_FIELDS = ("expenditure_k_eur", "income_k_eur", "salaries_k_eur")
INTEGER = re.compile(r"-?\d+")
YEAR = re.compile(r"\d{4}")
YEARS = (1990, 2100)  # a year outside these is "not a year"
BATCH = 2000


class ImportError_(Exception):
    """A bad row: the whole import is refused and the database is left exactly as it was."""

    def __init__(self, message: str, *, line: int, column: str = "", value: str = "") -> None:
        self.line, self.column, self.value = line, column, value
        where = _("line {line}").format(line=line)
        if column:
            where += ", " + _("column {column}").format(column=column)
            where += ", " + _("value {value!r}").format(value=value)
        super().__init__(f"{where}: {message}")


@dataclass
class ImportReport:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    national_rows_skipped: int = 0
    not_delivered: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.added + self.changed + self.unchanged


Key = tuple[int, int, str, str]  # municipality id, year, document, taakveld code
Amounts = tuple[int | None, int | None, int | None]


@dataclass
class _Parsed:
    lines: dict[Key, Amounts] = field(default_factory=dict)
    populations: dict[tuple[int, int, str], int | None] = field(default_factory=dict)
    national_rows: int = 0


def _parse(
    rows: Iterable[list[str]], header: list[str], progress: Callable[[int], None] | None
) -> _Parsed:
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportError_(
            _("missing column(s): {columns}").format(columns=", ".join(missing)), line=1
        )
    at = {column: header.index(column) for column in REQUIRED_COLUMNS}
    gm, jaar, doc, code, inwoners = (
        at[c] for c in ("gm_code", "jaar", "document", "taakveld_code", "inwonertal")
    )
    amount_positions = [(column, at[column]) for column in AMOUNT_COLUMNS]
    municipalities = dict(Municipality.objects.values_list("cbs_code", "pk"))
    taakvelden = {t.code: t for t in Taakveld.objects.all()}
    # Valid (taakveld, year) pairs, worked out once per pair rather than once per row.
    in_scheme: dict[tuple[str, str], bool] = {}
    documents = set(Document.values)
    width = len(header)
    parsed = _Parsed()
    lines, populations = parsed.lines, parsed.populations

    for number, row in enumerate(rows, start=2):
        if progress and number % 10000 == 0:
            progress(number - 1)
        if len(row) != width:
            if not row or row == [""]:
                continue
            raise ImportError_(
                _("expected {expected} fields, found {found}").format(
                    expected=width, found=len(row)
                ),
                line=number,
            )
        gm_code = row[gm].strip()
        if gm_code == NATIONAL_TOTAL_CODE:
            parsed.national_rows += 1
            continue

        def fail(column: str, message: str, row=row, number=number) -> ImportError_:
            return ImportError_(message, line=number, column=column, value=row[at[column]])

        municipality_id = municipalities.get(gm_code)
        if municipality_id is None:
            raise fail("gm_code", _("unknown CBS municipality code"))
        year_text, document, taakveld_code = row[jaar].strip(), row[doc].strip(), row[code].strip()
        valid = in_scheme.get((taakveld_code, year_text))
        if valid is None:
            if not YEAR.fullmatch(year_text) or not YEARS[0] <= int(year_text) <= YEARS[1]:
                raise fail("jaar", _("not a year"))
            taakveld = taakvelden.get(taakveld_code)
            if taakveld is None:
                raise fail("taakveld_code", _("unknown Iv3 taakveld code"))
            valid = in_scheme[(taakveld_code, year_text)] = taakveld.exists_in(int(year_text))
        if not valid:
            raise fail(
                "taakveld_code",
                _("this taakveld does not exist in the Iv3 scheme of {year}").format(
                    year=year_text
                ),
            )
        if document not in documents:
            raise fail("document", _("must be 'begroting' or 'jaarrekening'"))
        amounts = []
        for column, position in amount_positions:
            text = row[position].strip()
            if not text:
                amounts.append(None)
            elif INTEGER.fullmatch(text):
                amounts.append(int(text))
            else:
                raise fail(column, _("not a whole number of thousands of euros"))
        population_text = row[inwoners].strip()
        if population_text and not population_text.isdigit():
            raise fail("inwonertal", _("not a number of inhabitants"))

        key = (municipality_id, int(year_text), document, taakveld_code)
        if key in lines:
            raise fail("taakveld_code", _("this taakveld appears twice for the same year"))
        lines[key] = tuple(amounts)
        populations[key[:3]] = int(population_text) if population_text else None
    return parsed


def import_iv3(
    *, rows: Iterable[list[str]], progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Import Iv3 rows (the first row is the header). Raises ImportError_ on the first bad row.

    Importing the same data twice changes nothing; a changed amount updates its line. Lines of
    other municipalities, years and documents than those in the file are left alone.
    """
    iterator = iter(rows)
    header = [column.strip().lstrip("\ufeff") for column in next(iterator, [])]
    parsed = _parse(iterator, header, progress)
    report = ImportReport(national_rows_skipped=parsed.national_rows)
    with transaction.atomic():
        _write_lines(parsed, report)
        deliveries_changed = _write_deliveries(parsed, report)
        if report.added or report.changed or deliveries_changed:
            reference_figures_rebuild(periods={key[1:3] for key in parsed.populations})
            caching.invalidate_all()
    return report


def _write_lines(parsed: _Parsed, report: ImportReport) -> None:
    if connection.vendor == "postgresql":
        _write_lines_postgresql(parsed, report)
    else:
        _write_lines_orm(parsed, report)


def _write_lines_postgresql(parsed: _Parsed, report: ImportReport) -> None:
    """COPY into a temporary table, then one upsert that only touches lines that differ.

    The same result as `_write_lines_orm`, at the speed of COPY: the national file in seconds
    instead of half a minute; a large first import sets the foreign keys and secondary indexes
    aside while it writes (`_constraints_set_aside`, bench/README.md).
    """
    table = BudgetLine._meta.db_table
    columns = "municipality_id, year, document, taakveld_id, " + ", ".join(LINE_FIELDS)
    changed = ", ".join(f"{field} = EXCLUDED.{field}" for field in LINE_FIELDS)
    old = ", ".join(f"{table}.{field}" for field in LINE_FIELDS)
    new = ", ".join(f"EXCLUDED.{field}" for field in LINE_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE iv3_stage (municipality_id bigint, year smallint, "
            "document varchar(12), taakveld_id varchar(10), expenditure_k_eur bigint, "
            "income_k_eur bigint, salaries_k_eur bigint) ON COMMIT DROP"
        )
        with cursor.cursor.copy(f"COPY iv3_stage ({columns}) FROM STDIN") as copy:
            for key, amounts in parsed.lines.items():
                copy.write_row((*key, *amounts))
        bulk = _mostly_new(cursor, table, parsed)
        with _constraints_set_aside(cursor, table) if bulk else contextlib.nullcontext():
            cursor.execute(
                f"WITH upsert AS (INSERT INTO {table} ({columns}) "  # noqa: S608 - names from code
                f"SELECT {columns} FROM iv3_stage "
                "ON CONFLICT (municipality_id, year, document, taakveld_id) "
                f"DO UPDATE SET {changed} WHERE ({old}) IS DISTINCT FROM ({new}) "
                "RETURNING (xmax = 0) AS inserted) "
                "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) "
                "FROM upsert"
            )
            report.added, report.changed = cursor.fetchone()
        cursor.execute("DROP TABLE iv3_stage")
    report.unchanged = len(parsed.lines) - report.added - report.changed


# From this many lines, mostly new, an import writes the lines with the table's foreign keys and
# secondary indexes set aside, and checks and builds them once afterwards (PostgreSQL's advice
# for populating a database): the national file's first import in about half the time.
BULK_LINES = 20_000


def _mostly_new(cursor, table: str, parsed: _Parsed) -> bool:
    if len(parsed.lines) < BULK_LINES:
        return False
    years = sorted({key[1] for key in parsed.populations})
    cursor.execute(f"SELECT count(*) FROM {table} WHERE year = ANY(%s)", [years])  # noqa: S608
    return cursor.fetchone()[0] < len(parsed.lines) // 2


@contextlib.contextmanager
def _constraints_set_aside(cursor, table: str, *, unique: bool = False):
    """Drop the table's foreign keys and its indexes other than the primary key and unique
    constraints (with `unique`, the unique constraints too), and create them again, identical
    (as PostgreSQL describes them), when the block ends: one check of every foreign key and one
    build of every index instead of one per row.

    Within the import's transaction: a failed import rolls the drops back too. The table is
    locked for the duration (readers of budget lines wait the few seconds it takes)."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = ANY(%s) ORDER BY contype DESC, conname",
        [table, ["f", "u"] if unique else ["f"]],
    )
    constraints = cursor.fetchall()  # the unique ones (if asked) first, then the foreign keys
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) ORDER BY indexname",
        [table, table],
    )
    indexes = cursor.fetchall()
    # Checks that this transaction deferred are done now: PostgreSQL alters no table (nor the
    # tables it refers to) with checks pending (Django's own way, as in its test loading).
    connection.check_constraints()
    for name, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    yield
    for _name, definition in indexes:
        cursor.execute(definition)
    for name, definition in constraints:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def _write_lines_orm(parsed: _Parsed, report: ImportReport) -> None:
    periods = {key[1:3] for key in parsed.populations}
    municipality_ids = {key[0] for key in parsed.populations}
    existing: dict[Key, tuple[int, Amounts]] = {}
    for year, document in periods:
        for pk, m_id, taakveld_id, *amounts in BudgetLine.objects.filter(
            year=year, document=document, municipality_id__in=municipality_ids
        ).values_list("pk", "municipality_id", "taakveld_id", *LINE_FIELDS):
            existing[(m_id, year, document, taakveld_id)] = (pk, tuple(amounts))

    new, changed = [], []
    for key, amounts in parsed.lines.items():
        found = existing.get(key)
        if found is None:
            new.append(
                BudgetLine(
                    municipality_id=key[0],
                    year=key[1],
                    document=key[2],
                    taakveld_id=key[3],
                    **dict(zip(LINE_FIELDS, amounts, strict=True)),
                )
            )
        elif found[1] != amounts:
            changed.append(BudgetLine(pk=found[0], **dict(zip(LINE_FIELDS, amounts, strict=True))))
    BudgetLine.objects.bulk_create(new, batch_size=BATCH)
    BudgetLine.objects.bulk_update(changed, LINE_FIELDS, batch_size=BATCH)
    report.added, report.changed = len(new), len(changed)
    report.unchanged = len(parsed.lines) - len(new) - len(changed)


def _write_deliveries(parsed: _Parsed, report: ImportReport) -> bool:
    """Create or update deliveries and populations; True when anything changed."""
    delivered: dict[tuple[int, int, str], bool] = dict.fromkeys(parsed.populations, False)
    for key, amounts in parsed.lines.items():
        if any(amounts):
            delivered[key[:3]] = True
    existing = {
        (d.municipality_id, d.year, d.document): d
        for d in BudgetDelivery.objects.filter(
            municipality_id__in={key[0] for key in delivered},
            year__in={key[1] for key in delivered},
        )
    }
    new, changed = [], []
    for key, population in parsed.populations.items():
        values = {"population": population, "delivered": delivered[key]}
        delivery = existing.get(key)
        if delivery is None:
            new.append(
                BudgetDelivery(municipality_id=key[0], year=key[1], document=key[2], **values)
            )
        elif (delivery.population, delivery.delivered) != tuple(values.values()):
            delivery.population, delivery.delivered = values.values()
            changed.append(delivery)
    BudgetDelivery.objects.bulk_create(new, batch_size=BATCH)
    BudgetDelivery.objects.bulk_update(changed, ["population", "delivered"], batch_size=BATCH)
    names = dict(Municipality.objects.values_list("pk", "name"))
    report.not_delivered = sorted(
        (names[key[0]], key[1], key[2]) for key, ok in delivered.items() if not ok
    )
    return bool(new or changed) | _update_populations(parsed)


def _update_populations(parsed: _Parsed) -> bool:
    """A municipality's current population is the one of its newest budget."""
    newest: dict[int, tuple[int, int]] = {}
    for (m_id, year, _document), population in parsed.populations.items():
        if population and (m_id not in newest or year >= newest[m_id][0]):
            newest[m_id] = (year, population)
    changed = [
        m for m in Municipality.objects.filter(pk__in=newest) if m.population != newest[m.pk][1]
    ]
    for municipality in changed:
        municipality.population = newest[municipality.pk][1]
    Municipality.objects.bulk_update(changed, ["population"], batch_size=BATCH)
    return bool(changed)


def read_csv(handle) -> Iterable[list[str]]:
    return csv.reader(handle)


def open_text(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    return opener(path, "rt", encoding="utf-8-sig", newline="")


def import_iv3_file(path: Path, *, progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import an Iv3 file (.csv or .csv.gz): `import_iv3` of its rows, with the same result.

    On PostgreSQL the file's bytes go straight into COPY and the checks are SQL
    (`copy_import`), about three times as fast for the national file; a file that path is not
    sure of (a bad row above all) is read again by `import_iv3`, which reports the first bad
    row as it always has.
    """
    if connection.vendor == "postgresql":
        from .copy_import import import_or_refuse  # it builds on this module

        with (gzip.open if path.suffix == ".gz" else open)(path, "rb") as handle:
            report = import_or_refuse(handle, progress)
        if report is not None:
            return report
    with open_text(path) as handle:
        return import_iv3(rows=read_csv(handle), progress=progress)
