"""An upload to rows of cells: CSV (UTF-8, with or without BOM, ; or ,) or an Excel workbook.

The content decides, not only the name: a .xlsx must be a zip holding a spreadsheet, a .csv must
be text. Anything else is refused with `FileRefused` and a message for the user.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .cells import Cell, cell_text
from .columns import MAX_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES


class FileRefused(Exception):
    """The file as a whole cannot be read; the message says why, for the person who uploaded it."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass
class Table:
    header: list[str]  # the column names as written in the first row
    rows: list[tuple[int, list[Cell]]]  # (row number as the spreadsheet shows it, cells)


ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0"  # old .xls, and password-protected workbooks
BINARY = re.compile(rb"[\x00-\x08\x0e-\x1f]")  # control characters do not occur in text
XLSX_CONTENT_TYPE = b"spreadsheetml.sheet.main+xml"


def read_table(*, name: str, content: bytes) -> Table:
    """The rows of an upload; raises FileRefused with a message for the user."""
    if len(content) > MAX_BYTES:
        raise FileRefused(
            _("The file is larger than {size} MB. Split it into smaller files.").format(
                size=MAX_BYTES // (1024 * 1024)
            )
        )
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension == "xlsx":
        return _read_xlsx(content)
    if extension in ("csv", "txt"):
        return _read_csv(content)
    if extension in ("xls", "xlsm", "ods", "numbers"):
        raise FileRefused(
            _(
                "This spreadsheet format cannot be read. Save the file as Excel workbook (.xlsx) "
                "or as CSV UTF-8."
            )
        )
    raise FileRefused(_("Choose a CSV file (.csv) or an Excel workbook (.xlsx)."))


def _read_csv(content: bytes) -> Table:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(_not_utf8())
    if content.startswith((ZIP, OLE)) or BINARY.search(content):
        raise FileRefused(
            _(
                "This is not a CSV file: its content is not text. Choose a .xlsx file if it is an "
                "Excel workbook."
            )
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(_not_utf8()) from error
    first_line = text.split("\n", 1)[0]
    # Dutch Excel separates with semicolons, most other software with commas.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _table(enumerate(reader, start=1))
    except csv.Error as error:
        raise FileRefused(
            _("The CSV file cannot be read at row {row}: {error}").format(
                row=reader.line_num, error=error
            )
        ) from error


def _not_utf8() -> str:
    return _(
        "The file is not saved as UTF-8, so letters such as ë would be garbled. In Excel choose "
        "Save as › CSV UTF-8, or upload the workbook as .xlsx."
    )


def _read_xlsx(content: bytes) -> Table:
    not_a_workbook = _("This is not an Excel workbook (.xlsx). Save the file as .xlsx or as CSV.")
    if not content.startswith(ZIP):
        raise FileRefused(not_a_workbook)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise FileRefused(_("The workbook is too large. Split it into smaller files."))
            content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as error:
        raise FileRefused(not_a_workbook) from error
    if XLSX_CONTENT_TYPE not in content_types:
        raise FileRefused(not_a_workbook)

    import openpyxl  # only needed here; keeps it out of every other request's import time

    cannot_read = _("The Excel workbook cannot be read. Open it in Excel and save it again.")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds of errors on damaged files
        raise FileRefused(cannot_read) from error
    try:
        if not workbook.worksheets:
            raise FileRefused(cannot_read)
        # values_only yields every row, empty ones too, so the count is the row number.
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        return _table((number, list(cells)) for number, cells in enumerate(rows, start=1))
    except FileRefused:
        raise
    except Exception as error:
        raise FileRefused(cannot_read) from error
    finally:
        workbook.close()


def _table(rows: Iterable[tuple[int, list[Cell]]]) -> Table:
    header: list[str] | None = None
    data: list[tuple[int, list[Cell]]] = []
    for number, cells in rows:
        if header is None:
            header = [cell_text(cell).lstrip("\ufeff").strip() for cell in cells]
            while header and not header[-1]:
                header.pop()
            if not header:
                raise FileRefused(
                    _("The first row must hold the column names: download the template.")
                )
            continue
        if all(cell_text(cell) == "" for cell in cells) or cell_text(cells[0]) == "#":
            continue  # empty rows and the template's explanation rows (# in the first cell)
        data.append((number, list(cells)))
        if len(data) > MAX_ROWS:
            raise FileRefused(
                _("The file has more than {count} tasks. Split it into smaller files.").format(
                    count=MAX_ROWS
                )
            )
    if header is None:
        raise FileRefused(_("The file is empty."))
    if not data:
        raise FileRefused(_("The file has no tasks below the column names."))
    return Table(header=header, rows=data)
