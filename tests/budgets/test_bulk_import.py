"""A large first import on PostgreSQL sets the budget lines' foreign keys and secondary indexes
aside while it writes, and puts them back identical; a failure leaves everything as it was."""

import pytest
from django.db import connection

from tests.iv3 import load_reference, rows_of
from uitdaagrecht.budgets import importer
from uitdaagrecht.budgets.models import BudgetLine

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the bulk path is PostgreSQL's"),
]

ZWOLLE, DEVENTER = "GM0193", "GM0150"
TABLE = BudgetLine._meta.db_table


def definitions() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass ORDER BY conname",
            [TABLE],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s ORDER BY indexname",
            [TABLE],
        )
        return constraints + cursor.fetchall()


@pytest.fixture
def bulk(monkeypatch):
    """The bulk path from a few hundred lines on (the national file has 96,444)."""
    monkeypatch.setattr(importer, "BULK_LINES", 100)
    used = []
    original = importer._constraints_set_aside

    def recording(cursor, table):
        used.append(table)
        return original(cursor, table)

    monkeypatch.setattr(importer, "_constraints_set_aside", recording)
    return used


def test_a_large_first_import_puts_constraints_and_indexes_back_identical(bulk):
    load_reference()
    before = definitions()
    assert any("FOREIGN KEY" in definition for _name, definition in before)
    report = importer.import_iv3(rows=rows_of(ZWOLLE, DEVENTER))
    assert bulk == [TABLE]
    assert report.added == len(rows_of(ZWOLLE, DEVENTER)) - 1 and report.changed == 0
    assert definitions() == before
    again = importer.import_iv3(rows=rows_of(ZWOLLE, DEVENTER))  # nothing new: the row path
    assert bulk == [TABLE] and (again.added, again.changed) == (0, 0)


def test_a_failed_bulk_import_leaves_everything_as_it_was(bulk, monkeypatch):
    load_reference()
    before = definitions()

    def fail(**kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(importer, "reference_figures_rebuild", fail)
    with pytest.raises(RuntimeError):
        importer.import_iv3(rows=rows_of(ZWOLLE))
    assert bulk == [TABLE]
    assert BudgetLine.objects.count() == 0
    assert definitions() == before
