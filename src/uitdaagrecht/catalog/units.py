"""What an indicator's unit allows its values to be: a percentage is 0–100, a report mark 1–10,
a count a whole number. The unit is free text (as municipalities write it: "% goedgekeurd",
"rapportcijfer", "aantal per jaar"); its kind is read from the words."""

from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _


class UnitKind(StrEnum):
    PERCENTAGE = "percentage"
    MARK = "mark"
    MONEY = "money"
    COUNT = "count"
    NUMBER = "number"


def unit_kind(unit: str) -> UnitKind:
    words = unit.strip().lower()
    first = words.split()[0] if words.split() else ""
    if words.startswith("%") or first in ("procent", "percent", "percentage"):
        return UnitKind.PERCENTAGE
    if "rapportcijfer" in words or first in ("cijfer", "mark"):
        return UnitKind.MARK
    if words.startswith("€") or first in ("euro", "euros", "eur"):
        return UnitKind.MONEY
    if first in ("aantal", "aantallen", "count", "personen", "mensen", "deelnemers"):
        return UnitKind.COUNT
    return UnitKind.NUMBER


def value_problem(unit: str, value: Decimal | int | float | None) -> str | None:
    """Why `value` cannot be a value in `unit` (in the active language), or None if it can."""
    if value is None:
        return None
    value = Decimal(str(value))
    kind = unit_kind(unit)
    if value < 0:
        return _("A value in {unit} is not negative.").format(unit=unit)
    if kind == UnitKind.PERCENTAGE and value > 100:
        return _("The unit is a percentage ({unit}): a value from 0 to 100.").format(unit=unit)
    if kind == UnitKind.MARK and not 1 <= value <= 10:
        return _("The unit is a report mark ({unit}): a value from 1 to 10.").format(unit=unit)
    if kind == UnitKind.COUNT and value != value.to_integral_value():
        return _("The unit is a count ({unit}): a whole number.").format(unit=unit)
    return None
