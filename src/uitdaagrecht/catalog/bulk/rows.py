"""A row of the file to the values it gives, and the task it is about."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ..models import Task
from .catalogue import Catalogue
from .cells import (
    Cell,
    Invalid,
    budget_year,
    cell_text,
    decimal_value,
    extension_options,
    limited,
    notice_months,
    parse_date,
    title_key,
    whole_euros,
)
from .columns import COLUMN_NAMES, MAX_DESCRIPTION, MAX_ERRORS
from .files import Table


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet shows it: the column names are row 1
    column: str
    value: str
    message: str


class Errors:
    def __init__(self) -> None:
        self.items: list[RowError] = []
        self.more = 0

    def add(self, error: RowError) -> None:
        if len(self.items) < MAX_ERRORS:
            self.items.append(error)
        else:
            self.more += 1


class Cells:
    """One row of the file, read by column name; every problem becomes a RowError."""

    def __init__(
        self,
        number: int,
        cells: list[Cell],
        columns: dict[str, int],
        header: list[str],
        errors: Errors,
    ) -> None:
        self.number, self.cells, self.columns, self.errors = number, cells, columns, errors
        self.header = header
        self.ok = True

    def present(self, column: str) -> bool:
        return column in self.columns

    def raw(self, column: str) -> Cell:
        index = self.columns.get(column)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def text(self, column: str) -> str:
        return cell_text(self.raw(column))

    def filled(self, column: str) -> bool:
        return self.text(column) != ""

    def fail(self, column: str, message: str) -> None:
        self.ok = False
        index = self.columns.get(column)
        label = self.header[index] if index is not None else column  # as written in the file
        self.errors.add(RowError(self.number, label, self.text(column)[:100], message))

    def value(self, column: str, parse: Callable[[Cell], Any]) -> Any:
        """The parsed cell; None when the column is missing, the cell empty or wrong."""
        if not self.filled(column):
            return None
        try:
            return parse(self.raw(column))
        except Invalid as invalid:
            self.fail(column, invalid.message)
            return None


def required() -> str:
    return _("This field is required.")  # Django's message, translated already


@dataclass
class Row:
    cells: Cells
    title: str = ""
    key: str = ""
    task_values: dict[str, Any] = field(default_factory=dict)  # Task field → value
    provider: str = ""  # the provider's name as written; "" means no contract on this row
    kind: str = ""  # a Provider.Kind, "" when not given
    contract_values: dict[str, Any] = field(default_factory=dict)
    year: int | None = None
    finance_values: dict[str, Any] = field(default_factory=dict)
    indicator: str = ""  # the result's name as written; "" means no result on this row
    unit: str | None = None  # None when the row does not give it
    indicator_year: int | None = None
    indicator_values: dict[str, Any] = field(default_factory=dict)  # target / realised
    existing: Task | None = None

    @property
    def number(self) -> int:
        return self.cells.number


TASK_TEXT = (  # column, Task field, maximum length, required
    ("omschrijving", "description", MAX_DESCRIPTION, True),
    ("voor_wie", "target_group", 300, False),
    ("gebied", "area", 200, False),
)


CONTRACT_COLUMNS = {  # column → Contract field, parser
    "contract_waarde_per_jaar": ("value_per_year_eur", whole_euros),
    "contract_start": ("start_date", parse_date),
    "contract_einde": ("end_date", parse_date),
    "opzegtermijn_maanden": ("notice_months", notice_months),
    "verlengingsopties": ("extension_options", extension_options),
}
CONTRACT_REQUIRED = ("value_per_year_eur", "start_date", "end_date")
INDICATOR_VALUE_COLUMNS = {"streefwaarde": "target", "gerealiseerd": "realised"}
INDICATOR_COLUMNS = ("eenheid", "resultaat_jaar", *INDICATOR_VALUE_COLUMNS)
CONTRACT_DEFAULTS = {"notice_months": 0, "extension_options": ""}


def read_row(cells: Cells, catalogue: Catalogue) -> Row:
    row = Row(cells=cells)
    title = cells.text("taak")
    if not title:
        cells.fail("taak", required())
    elif cells.value("taak", lambda cell: limited(cell_text(cell), 200)) is not None:
        row.title, row.key = title, title_key(title)
    for column, name, limit, needed in TASK_TEXT:
        if not cells.present(column):
            continue
        if needed and not cells.filled(column):
            cells.fail(column, required())
            continue
        text = cells.value(column, lambda cell, limit=limit: limited(cell_text(cell), limit))
        if text is not None or not cells.filled(column):
            row.task_values[name] = text or ""
    for column, parse in (("afdeling", catalogue.department), ("taakveld", catalogue.taakveld)):
        if cells.present(column) and not cells.filled(column):
            cells.fail(column, required())
        elif (found := cells.value(column, parse)) is not None:
            row.task_values[column if column == "taakveld" else "department"] = found
    _read_contract(cells, row, catalogue)
    _read_finance(cells, row)
    _read_indicator(cells, row)
    return row


def _read_contract(cells: Cells, row: Row, catalogue: Catalogue) -> None:
    name = cells.text("uitvoerder")
    if not name:
        for column in ("soort_uitvoerder", *CONTRACT_COLUMNS):
            if cells.filled(column) and cells.text(column) != "0":
                cells.fail(
                    column,
                    _(
                        "Fill in the provider (uitvoerder) as well, or leave the contract "
                        "columns empty."
                    ),
                )
        return
    if cells.value("uitvoerder", lambda cell: limited(cell_text(cell), 200)) is None:
        return
    row.provider = name
    row.kind = cells.value("soort_uitvoerder", catalogue.kind) or ""
    for column, (name_of_field, parse) in CONTRACT_COLUMNS.items():
        if not cells.present(column):
            continue
        if cells.filled(column):
            value = cells.value(column, parse)
            if value is not None:
                row.contract_values[name_of_field] = value
        elif name_of_field in CONTRACT_REQUIRED:
            cells.fail(column, required())
        else:
            row.contract_values[name_of_field] = CONTRACT_DEFAULTS[name_of_field]


def _read_finance(cells: Cells, row: Row) -> None:
    if not cells.filled("begroting_jaar"):
        for column in ("begroting_eur", "overhead_eur"):
            if cells.filled(column) and cells.text(column) != "0":
                cells.fail(column, _("Fill in the year of the budget (begroting_jaar) as well."))
        return
    row.year = cells.value("begroting_jaar", budget_year)
    if row.year is None:
        return
    if not cells.filled("begroting_eur"):
        cells.fail("begroting_eur", required())
    elif (budget := cells.value("begroting_eur", whole_euros)) is not None:
        row.finance_values["budget_eur"] = budget
    if cells.present("overhead_eur"):
        overhead = cells.value("overhead_eur", whole_euros) if cells.filled("overhead_eur") else 0
        if overhead is not None:
            row.finance_values["overhead_eur"] = overhead


def _read_indicator(cells: Cells, row: Row) -> None:
    """A result agreement and its values in one year; the unit is checked by the planner, which
    knows the unit of an existing result."""
    name = cells.text("resultaat")
    if not name:
        for column in INDICATOR_COLUMNS:
            if cells.filled(column):
                cells.fail(
                    column,
                    _("Fill in the result (resultaat) as well, or leave the result columns empty."),
                )
        return
    if cells.value("resultaat", lambda cell: limited(cell_text(cell), 200)) is None:
        return
    row.indicator = name
    if cells.filled("eenheid"):
        row.unit = cells.value("eenheid", lambda cell: limited(cell_text(cell), 50))
    values = {
        name_of_field: cells.value(column, decimal_value)
        for column, name_of_field in INDICATOR_VALUE_COLUMNS.items()
        if cells.filled(column)
    }
    if not cells.filled("resultaat_jaar"):
        for column in INDICATOR_VALUE_COLUMNS:
            if cells.filled(column):
                cells.fail(column, _("Fill in the year of the result (resultaat_jaar) as well."))
        return
    row.indicator_year = cells.value("resultaat_jaar", budget_year)
    if row.indicator_year is None:
        return
    if not values:
        cells.fail("streefwaarde", _("Enter a target, a realised value or both."))
    row.indicator_values = {name: value for name, value in values.items() if value is not None}


def columns_of(table: Table, errors: Errors) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, written in enumerate(table.header):
        name = written.lower().replace(" ", "_").replace("-", "_")
        if not name:
            continue
        if name not in COLUMN_NAMES:
            message = _("Unknown column. The columns are: {names}.").format(
                names=", ".join(COLUMN_NAMES)
            )
        elif name in columns:
            message = _("This column appears twice.")
        else:
            columns[name] = index
            continue
        errors.add(RowError(1, written[:100], written[:100], message))
    if "taak" not in columns:
        errors.add(
            RowError(1, "taak", "", _("The column “taak” with the title of each task is missing."))
        )
    return columns


def outside_columns(cells: list[Cell], header: list[str], number: int, errors: Errors) -> bool:
    """A value below no column name would be lost silently: it is an error instead."""
    for index, cell in enumerate(cells):
        if (index >= len(header) or not header[index]) and cell_text(cell):
            errors.add(
                RowError(
                    number,
                    _("column {letter}").format(letter=_letter(index)),
                    cell_text(cell)[:100],
                    _("This cell is in a column without a name in the first row."),
                )
            )
            return True
    return False


def _letter(index: int) -> str:
    letters, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def match_tasks(rows: list[Row], catalogue: Catalogue) -> None:
    """Find each row's task: by the slug of its title, else by the task's own slug."""
    first: dict[str, int] = {}
    keyed = []
    for row in (row for row in rows if row.key):
        if row.key in first:
            row.cells.fail(
                "taak", _("This task is already on row {row}.").format(row=first[row.key])
            )
        else:
            first[row.key] = row.number
            keyed.append(row)
    claimed: set[int] = set()
    for row in keyed:
        candidates = catalogue.tasks_by_key.get(row.key, [])
        if len(candidates) > 1:
            candidates = [task for task in candidates if task.slug == row.key]
            if len(candidates) != 1:
                row.cells.fail(
                    "taak",
                    _(
                        "Several tasks have a title like this one: give them clearly different "
                        "titles in the workspace first."
                    ),
                )
                continue
        if candidates:
            row.existing = candidates[0]
            claimed.add(candidates[0].pk)
    # A task renamed in the workspace keeps its slug: a row with its old title still finds it,
    # unless another row has its new title.
    for row in keyed:
        task = catalogue.tasks_by_slug.get(row.key)
        if row.existing is None and row.cells.ok and task is not None and task.pk not in claimed:
            row.existing = task
            claimed.add(task.pk)
