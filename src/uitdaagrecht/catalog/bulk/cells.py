"""One cell of the file to a value. Each parser raises `Invalid` with a message for the user.

Where Django has a message for the same problem, it is used word for word: it is translated
already (Django's messages use %-placeholders, so those are formatted with %).
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_EUROS = 10**12
MAX_NOTICE_MONTHS = 1200

Cell = str | int | float | datetime.date | datetime.time | bool | None


class Invalid(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


# Control characters but tab and line feed (PostgreSQL refuses NUL in text).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029]")
AMOUNT = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+")  # 125000 or, as Dutch write it, 125.000
CENTS = re.compile(r"[.,](?:00|-)$")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def plain_text(text: str, *, multiline: bool = True) -> str:
    """Text without control characters. Every line break becomes "\\n" — a bare carriage return
    too, which calendar apps read as the end of a line — or, in one-line text, a space."""
    text = CONTROL.sub("", LINE_BREAK.sub("\n", text))
    return text if multiline else re.sub(r"[\t\n]", " ", text)


def cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat() if cell.time() == datetime.time() else cell.isoformat(" ")
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return plain_text(str(cell)).strip()


def is_number(cell: Cell) -> bool:
    return isinstance(cell, int | float) and not isinstance(cell, bool)


def _no_formula(text: str) -> None:
    if text.startswith("="):
        raise Invalid(_("Formulas are not calculated by the import: enter the value itself."))


def whole_euros(cell: Cell) -> int:
    if is_number(cell):
        if not float(cell).is_integer():
            raise Invalid(_("Enter whole euros, without cents."))
        value = int(cell)
    else:
        text = cell_text(cell).replace("€", "").replace(" ", "").replace("\u00a0", "")
        _no_formula(text)
        text = CENTS.sub("", text)  # "125.000,00" and "125.000,-" are whole euros
        if not AMOUNT.fullmatch(text):
            raise Invalid(_("Enter a whole number of euros, e.g. 125000."))
        value = int(text.replace(".", ""))
    return _within(value, 0, MAX_EUROS)


def _integer(cell: Cell) -> int:
    if is_number(cell) and float(cell).is_integer():
        return int(cell)
    text = cell_text(cell)
    _no_formula(text)
    if not text.isdigit():
        raise Invalid(_("Enter a whole number."))  # Django's message, translated already
    return int(text)


def _within(value: int, low: int, high: int) -> int:
    # Django's messages, so that they are in Dutch already.
    if value < low:
        raise Invalid(
            _("Ensure this value is greater than or equal to %(limit_value)s.")
            % {"limit_value": low}
        )
    if value > high:
        raise Invalid(
            _("Ensure this value is less than or equal to %(limit_value)s.") % {"limit_value": high}
        )
    return value


DUTCH_THOUSANDS = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.500 or 1.500,5
PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")  # 7,5 or 7.5 or 1500


def decimal_value(cell: Cell) -> Decimal:
    """A target or realised value: a number cell, or text as Dutch write it (7,5; 1.500)."""
    if is_number(cell):
        value = Decimal(str(cell))
    else:
        text = cell_text(cell).replace(" ", "").replace("\u00a0", "")
        _no_formula(text)
        if DUTCH_THOUSANDS.fullmatch(text):
            text = text.replace(".", "").replace(",", ".")
        elif PLAIN_NUMBER.fullmatch(text):
            text = text.replace(",", ".")
        else:
            raise Invalid(_("Enter a number, e.g. 7,5 or 1500."))
        try:
            value = Decimal(text)
        except InvalidOperation as error:
            raise Invalid(_("Enter a number, e.g. 7,5 or 1500.")) from error
    if abs(value) >= MAX_EUROS:
        raise Invalid(_("That number is too large."))
    if value != value.quantize(Decimal("0.01")):
        raise Invalid(_("Enter at most two decimals."))
    return value.quantize(Decimal("0.01"))


def dutch_number(value: Decimal | int) -> str:
    """A value the way `decimal_value` reads it back: 7,5 · 1.500 · 1.250,5 (whatever the
    language: the parser reads a comma as the decimal separator)."""
    whole, _dot, decimals = f"{Decimal(value):,.2f}".partition(".")
    whole, decimals = whole.replace(",", "."), decimals.rstrip("0")
    return f"{whole},{decimals}" if decimals else whole


def notice_months(cell: Cell) -> int:
    return _within(_integer(cell), 0, MAX_NOTICE_MONTHS)


def budget_year(cell: Cell) -> int:
    year = _integer(cell)
    if not 2000 <= year <= 2100:
        raise Invalid(_("Enter a year between 2000 and 2100."))
    return year


def parse_date(cell: Cell) -> datetime.date:
    """A date cell of Excel, an Excel day number, YYYY-MM-DD or DD-MM-YYYY (also D-M-YYYY)."""
    if isinstance(cell, datetime.datetime):
        day = cell.date()
    elif isinstance(cell, datetime.date):
        day = cell
    elif is_number(cell) and float(cell).is_integer() and 0 < cell < 80_000:
        day = EXCEL_EPOCH + datetime.timedelta(days=int(cell))
    else:
        text = cell_text(cell)
        _no_formula(text)
        text = text.split(" ")[0].split("T")[0]  # "2026-01-01 00:00:00" from other software
        iso, dutch = ISO_DATE.fullmatch(text), DUTCH_DATE.fullmatch(text)
        try:
            if iso:
                day = datetime.date(*(int(part) for part in iso.groups()))
            elif dutch:
                day_number, month, year = (int(part) for part in dutch.groups())
                day = datetime.date(year, month, day_number)
            else:
                raise Invalid(_("Enter a date as YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-12-31."))
        except ValueError as error:
            raise Invalid(_("Enter a valid date.")) from error
    if not 1950 <= day.year <= 2100:
        raise Invalid(_("Enter a date between 1950 and 2100."))
    return day


def limited(text: str, limit: int) -> str:
    if len(text) > limit:
        # Django's message, so that it is in Dutch already.
        raise Invalid(
            ngettext(
                "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
                "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
                limit,
            )
            % {"limit_value": limit, "show_value": len(text)}
        )
    return text


def extension_options(cell: Cell) -> str:
    return limited(cell_text(cell), 300)


def title_key(title: str) -> str:
    """What identifies a task in the file: the slug of its title, as services._unique_slug."""
    return slugify(title)[:180] or "=" + title.casefold()
