"""The Iv3 file straight into PostgreSQL: the file's bytes go into `COPY ... FROM STDIN` and the
checks, the conversion and the writes are set-based SQL (`import_file`).

This path only ever succeeds on a file that `importer.import_iv3` would import the same way; on
anything it is not sure of (a bad row, a field count, an encoding, a value that Python would
read after stripping spaces, a duplicate) it raises `Refused`, leaving the database exactly as
it was, and the caller runs the row-by-row importer on the same file, which imports it or
reports the first bad row with its line, column and value, exactly as it always has. Its checks
are therefore at least as strict as `importer._parse`, never looser:
- the CBS code, document and taakveld code must match as written (Python strips spaces first);
- a year is four ASCII digits from 1990 to 2100, in the scheme of its taakveld;
- an amount is empty or ASCII digits with at most a leading minus (a '+' or a space: refused);
- inwonertal is empty or ASCII digits;
- a key (municipality, year, document, taakveld) appears once: a new line's by the unique
  constraint of the budget lines, a line that exists already by an explicit check.
"""

import contextlib
import csv

import psycopg
from django.db import DataError, IntegrityError, connection, transaction

from uitdaagrecht.core import caching
from uitdaagrecht.tenants.models import Municipality

from . import importer
from .models import BudgetDelivery, BudgetLine, Document, Taakveld
from .reference import reference_figures_rebuild

CHUNK = 1 << 20
END_OF_DATA = b"\\."  # COPY FROM STDIN stops at a line `\.`; the csv module reads it as a row


class Refused(Exception):
    """Not imported by this path (and nothing changed): the row-by-row importer decides."""


REFUSED = (Refused, DataError, IntegrityError, psycopg.DataError, psycopg.IntegrityError)


def import_file(handle, progress=None) -> importer.ImportReport:
    """Import the open binary file `handle` (header first); raises Refused on any doubt.

    Call it inside `transaction.atomic()` so that a refusal rolls everything back.
    """
    header = _header(handle.readline())
    at = {column: f"c{header.index(column)}" for column in importer.REQUIRED_COLUMNS}
    raw_columns = ", ".join(f"c{i}" for i in range(len(header)))
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE iv3_raw (line bigint GENERATED ALWAYS AS IDENTITY (START 2), "
            + ", ".join(f"c{i} text" for i in range(len(header)))
            + ") ON COMMIT DROP"
        )
        with cursor.cursor.copy(f"COPY iv3_raw ({raw_columns}) FROM STDIN (FORMAT csv)") as copy:
            _stream(handle, copy, progress)
        report = importer.ImportReport()
        _stage(cursor, at)
        cursor.execute("SELECT count(*) FILTER (WHERE NOT good), count(*) FROM iv3_rows")
        bad, rows = cursor.fetchone()
        if bad:
            raise Refused
        cursor.execute(
            f"SELECT count(*) FROM iv3_raw WHERE {at['gm_code']} = %s",  # noqa: S608
            [importer.NATIONAL_TOTAL_CODE],
        )
        report.national_rows_skipped = cursor.fetchone()[0]
        _write_lines(cursor, report, rows)
        deliveries_changed, periods = _write_deliveries(cursor, report)
        cursor.execute("DROP TABLE iv3_rows, iv3_raw")
    if report.added or report.changed or deliveries_changed:
        reference_figures_rebuild(periods=periods)
        caching.invalidate_all()
    return report


def _header(line: bytes) -> list[str]:
    if not line.endswith(b"\n") or b'"' in line:
        raise Refused
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Refused from error
    header = [column.strip().lstrip("\ufeff") for column in next(csv.reader([text]))]
    if any(column not in header for column in importer.REQUIRED_COLUMNS):
        raise Refused
    return header


def _stream(handle, copy, progress) -> None:
    tail, lines, reported = b"", 1, 0
    while chunk := handle.read(CHUNK):
        if END_OF_DATA in tail + chunk[:1] or END_OF_DATA in chunk:
            raise Refused
        tail = chunk[-1:]
        copy.write(chunk)
        if progress:
            lines += chunk.count(b"\n")
            if lines // 10000 > reported:
                reported = lines // 10000
                progress(lines)


def _stage(cursor, at: dict[str, str]) -> None:
    """The municipal rows, converted, with `good`: whether every check passed.

    A year and taakveld must be one of the valid pairs of the scheme as text (four digits); an
    amount or population must read back as written ('007', '+7' and ' 7' do not: refused). A
    value that cannot be converted at all makes the statement fail: refused as well."""
    amounts = [f"r.{at[column]}" for column in importer.AMOUNT_COLUMNS]
    population = f"r.{at['inwonertal']}"
    documents = ", ".join(f"'{value}'" for value in Document.values)
    converted = [f"NULLIF({text}, '')::bigint" for text in amounts]
    as_written = [
        f"COALESCE({value}::text, '') = COALESCE({text}, '')"
        for value, text in zip(
            [*converted, f"NULLIF({population}, '')::integer"], [*amounts, population], strict=True
        )
    ]
    values = ", ".join(
        f"{value} AS {field}" for value, field in zip(converted, importer.LINE_FIELDS, strict=True)
    )
    good = (
        f"m.id IS NOT NULL AND v.year IS NOT NULL AND r.{at['document']} IN ({documents}) "
        f"AND {' AND '.join(as_written)} AND COALESCE(NULLIF({population}, '')::integer, 0) >= 0"
    )
    valid_pairs = (  # (year as text, taakveld) of the scheme
        "SELECT y::text AS jaar, y::smallint AS year, t.code "  # noqa: S608 - names from code
        f"FROM generate_series(%s, %s) y, {Taakveld._meta.db_table} t "
        "WHERE (t.first_year IS NULL OR y >= t.first_year) "
        "AND (t.last_year IS NULL OR y <= t.last_year)"
    )
    cursor.execute(
        f"""CREATE TEMPORARY TABLE iv3_rows ON COMMIT DROP AS
        SELECT r.line, m.id AS municipality_id, v.year, r.{at["document"]} AS document,
            r.{at["taakveld_code"]} AS taakveld_id, {values},
            NULLIF({population}, '')::integer AS population, COALESCE({good}, false) AS good
        FROM iv3_raw r
        LEFT JOIN {Municipality._meta.db_table} m ON m.cbs_code = r.{at["gm_code"]}
        LEFT JOIN ({valid_pairs}) v ON v.jaar = r.{at["jaar"]} AND v.code = r.{at["taakveld_code"]}
        WHERE r.{at["gm_code"]} IS DISTINCT FROM %s""",  # noqa: S608 - names from code
        [*importer.YEARS, importer.NATIONAL_TOTAL_CODE],
    )


KEY = ("municipality_id", "year", "document", "taakveld_id")


def _write_lines(cursor, report: importer.ImportReport, rows: int) -> None:
    """Update the lines whose amounts differ, insert the new ones; only those rows are written.

    Into a table without lines of the file's years, a plain insert (the unique constraint
    refuses a duplicate); otherwise an explicit duplicate check first, and one join with the
    lines to find what differs. A large import that is mostly new sets the foreign keys and the
    indexes, the unique one too, aside while it writes."""
    table = BudgetLine._meta.db_table
    columns = ", ".join((*KEY, *importer.LINE_FIELDS))
    cursor.execute(
        f"SELECT count(*) FROM {table} WHERE year IN (SELECT DISTINCT year FROM iv3_rows)"  # noqa: S608
    )
    existing = cursor.fetchone()[0]
    source = "iv3_rows"
    if existing:
        cursor.execute(
            f"SELECT EXISTS (SELECT FROM iv3_rows GROUP BY {', '.join(KEY)} HAVING count(*) > 1)"  # noqa: S608
        )
        if cursor.fetchone()[0]:
            raise Refused
        old = ", ".join(f"l.{field}" for field in importer.LINE_FIELDS)
        new = ", ".join(f"s.{field}" for field in importer.LINE_FIELDS)
        cursor.execute(
            "CREATE TEMPORARY TABLE iv3_differ ON COMMIT DROP AS "  # noqa: S608 - names from code
            f"SELECT l.id, s.* FROM iv3_rows s LEFT JOIN {table} l ON "
            + " AND ".join(f"l.{column} = s.{column}" for column in KEY)
            + f" WHERE l.id IS NULL OR ({old}) IS DISTINCT FROM ({new})"
        )
        source = "iv3_differ s WHERE s.id IS NULL"
    bulk = rows >= importer.BULK_LINES and existing < rows // 2
    aside = importer._constraints_set_aside(cursor, table, unique=True)
    with aside if bulk else contextlib.nullcontext():
        if existing:
            cursor.execute(
                f"UPDATE {table} l SET "  # noqa: S608 - names from code
                + ", ".join(f"{field} = s.{field}" for field in importer.LINE_FIELDS)
                + " FROM iv3_differ s WHERE l.id = s.id"
            )
            report.changed = cursor.rowcount
        cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {source}")  # noqa: S608
        report.added = cursor.rowcount
    if existing:
        cursor.execute("DROP TABLE iv3_differ")
    report.unchanged = rows - report.added - report.changed


def _write_deliveries(cursor, report: importer.ImportReport) -> tuple[bool, set]:
    """Deliveries (with the population of a period's last row, as the row importer keeps it),
    the municipalities' current population and the not-delivered report, as `_write_deliveries`
    and `_update_populations` of the row importer do them."""
    deliveries = BudgetDelivery._meta.db_table
    municipalities = Municipality._meta.db_table
    nonzero = " OR ".join(f"COALESCE({field}, 0) <> 0" for field in importer.LINE_FIELDS)
    cursor.execute(
        "CREATE TEMPORARY TABLE iv3_periods ON COMMIT DROP AS "  # noqa: S608 - names from code
        "SELECT g.municipality_id, g.year, g.document, g.first, g.delivered, s.population "
        "FROM (SELECT municipality_id, year, document, min(line) AS first, max(line) AS last, "
        f"bool_or({nonzero}) AS delivered FROM iv3_rows GROUP BY 1, 2, 3) g "
        "JOIN iv3_rows s ON s.line = g.last"
    )
    cursor.execute(
        f"WITH written AS (INSERT INTO {deliveries} AS d "  # noqa: S608 - names from code
        "(municipality_id, year, document, population, delivered) "
        "SELECT municipality_id, year, document, population, delivered FROM iv3_periods "
        "ON CONFLICT (municipality_id, year, document) DO UPDATE SET "
        "population = EXCLUDED.population, delivered = EXCLUDED.delivered "
        "WHERE (d.population, d.delivered) IS DISTINCT FROM "
        "(EXCLUDED.population, EXCLUDED.delivered) RETURNING 1) SELECT count(*) FROM written"
    )
    changed = cursor.fetchone()[0] > 0
    # A municipality's current population is the one of its newest budget; of two documents of
    # the same year, the one whose rows come last in the file (the row importer's dict order).
    cursor.execute(
        f"UPDATE {municipalities} m SET population = n.population FROM ("  # noqa: S608
        "SELECT DISTINCT ON (municipality_id) municipality_id, population FROM iv3_periods "
        "WHERE population <> 0 ORDER BY municipality_id, year DESC, first DESC) n "
        "WHERE m.id = n.municipality_id AND m.population IS DISTINCT FROM n.population"
    )
    changed |= cursor.rowcount > 0
    cursor.execute(
        f"SELECT m.name, p.year, p.document FROM iv3_periods p JOIN {municipalities} m "  # noqa: S608
        "ON m.id = p.municipality_id WHERE NOT p.delivered"
    )
    report.not_delivered = sorted(cursor.fetchall())
    cursor.execute("SELECT DISTINCT year, document FROM iv3_periods")
    periods = set(cursor.fetchall())
    cursor.execute("DROP TABLE iv3_periods")
    return changed, periods


def import_or_refuse(handle, progress=None) -> importer.ImportReport | None:
    """`import_file` in its own transaction (or savepoint); None when it refused."""
    try:
        with transaction.atomic():
            return import_file(handle, progress)
    except REFUSED:
        return None
