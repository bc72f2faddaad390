"""Bulk import of a municipality's task catalogue from a spreadsheet: CSV or Excel (.xlsx).

One row per task. `read_table` reads an upload (refusing files that are too big, of the wrong type
or not UTF-8), `plan_import` checks every row against the catalogue and works out what would be
added and changed, field by field, and `import_apply` writes that plan in one transaction. A preview
writes nothing. Apply plans again from the stored file inside its transaction and only writes when
the new plan is the one that was shown, so a stale preview is never applied.

Rules that shape the code:
- a row is matched to a task by the slug of its title ("Groen onderhoud" and "groen-onderhoud" are
  one task), so importing the same file twice changes nothing the second time;
- the import adds and changes; it never removes tasks, contracts or budget years that are not in
  the file; a column that is not in the file leaves its field alone, an empty cell in a column
  that is there empties an optional field;
- taakveld codes are text (`0.10` is not `0.1`); a code that Excel turned into a number is only
  accepted when it can mean one code;
- cells are data, never formulas: `=1+1` is stored as the text "=1+1" and shown escaped;
- the rules of the staff forms apply (catalog/forms.py), with the same messages;
- everything the rows refer to is fetched up front (catalogue.py): a fixed number of queries for
  any number of rows.

Modules: columns (what the file holds, the template's example), files (CSV and .xlsx to rows),
cells (one cell to a value), catalogue (what the rows refer to), rows (a row to values, matched to
a task), plan (the diff), apply (the write).
"""

from .apply import ImportResult, import_apply
from .columns import (
    COLUMN_NAMES,
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    column_explanations,
    template_example,
)
from .files import FileRefused, Table, read_table
from .plan import Change, ImportPlan, ProviderPlan, TaskPlan, plan_import
from .rows import RowError

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "MAX_BYTES",
    "MAX_ROWS",
    "Change",
    "FileRefused",
    "ImportPlan",
    "ImportResult",
    "ProviderPlan",
    "RowError",
    "Table",
    "TaskPlan",
    "column_explanations",
    "import_apply",
    "plan_import",
    "read_table",
    "template_example",
]
