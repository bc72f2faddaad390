"""What an open-data file is: a dataset with typed columns (a Frictionless Table Schema), the
rows it reads, and how one value is written in CSV and in JSON Lines.

The same data gives the same bytes: rows come in a fixed order, and nothing that changes with the
moment of the export (its time) is written into a file — that is kept in the manifest.
"""

import datetime
import decimal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.functional import Promise

from uitdaagrecht.budgets.models import LICENCE_URL, SOURCE_ATTRIBUTION, SOURCE_URL
from uitdaagrecht.catalog.bulk.safe import spreadsheet_safe

CC0 = {
    "name": "CC0-1.0",
    "title": "Creative Commons Zero v1.0 Universal",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
}
CC_BY = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": LICENCE_URL,
}
CBS_SOURCE = {"title": SOURCE_ATTRIBUTION, "path": SOURCE_URL}
PLATFORM_SOURCE = {"title": "Open Uitdaagrecht"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, date, datetime
    description: str
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Dataset:
    """One file per scope. `rows()` yields the rows ordered by municipality (then a stable key);
    `municipality_of(row)` is the id of the row's municipality; None for national-only data."""

    name: str
    title: Promise | str
    description: Promise | str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[Any]]
    municipality_of: Callable[[Any], int] | None
    licence: dict = field(default_factory=lambda: CC0)
    source: dict = field(default_factory=lambda: PLATFORM_SOURCE)
    # The columns whose earliest and latest value give the period the data covers (DCAT
    # dct:temporal): dates, times or years.
    temporal: tuple[str, ...] = ()

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    def schema(self) -> dict:
        return {
            "fields": [
                {"name": c.name, "type": c.type, "description": c.description} for c in self.columns
            ]
        }


class Period:
    """The first and the last day of a dataset's temporal columns, gathered while it is written."""

    def __init__(self, dataset: Dataset) -> None:
        wanted = set(dataset.temporal)
        self.indexes = [i for i, c in enumerate(dataset.columns) if c.name in wanted]
        self.start: datetime.date | None = None
        self.end: datetime.date | None = None

    def add(self, values: list) -> None:
        for index in self.indexes:
            first = last = _day(values[index])
            if first is None:
                continue
            if isinstance(values[index], int):  # a year: all of it
                first, last = datetime.date(first.year, 1, 1), datetime.date(first.year, 12, 31)
            if self.start is None or first < self.start:
                self.start = first
            if self.end is None or last > self.end:
                self.end = last

    def as_dict(self) -> dict | None:
        if self.start is None:
            return None
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def _day(value: Any) -> datetime.date | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int) and 1 <= value <= 9999:
        return datetime.date(value, 1, 1)
    return None


def site_url(path: str) -> str:
    """An absolute URL for a page: the export runs outside a request."""
    return settings.SITE_URL.rstrip("/") + path


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: ISO dates, plain numbers, true/false, empty for none, and text a
    spreadsheet could read as a formula made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return _utc(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, int | float):
        return value
    return spreadsheet_safe(str(value))


def json_value(value: Any) -> Any:
    """A value for JSON Lines: the same as the CSV without the formula guard (JSON is read by
    programs, not spreadsheets); numbers stay numbers."""
    if isinstance(value, datetime.datetime):
        return _utc(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value) if value % 1 else int(value)
    if isinstance(value, Promise):
        return str(value)
    return value
