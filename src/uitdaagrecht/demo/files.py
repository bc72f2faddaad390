"""Reading the demo's data files (YAML, under data/).

Three tags give dates relative to the day the demo is loaded, so the stories stay recent:
`!month [days_ago, months]` is the first of the month `months` after the day `days_ago` days
back, `!year [days_ago, months, plus]` that date's year (plus `plus`), and `!day days_ago` the
day itself (negative: days ahead), for dates that others are counted from, such as the start of
an agreement whose reporting moments the story follows.
"""

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class MonthAfter:
    days_ago: int
    months: int
    plus_years: int = 0

    def date(self, today: datetime.date) -> datetime.date:
        day = today - datetime.timedelta(days=self.days_ago)
        month = day.month - 1 + self.months
        return datetime.date(day.year + month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class YearOf(MonthAfter):
    pass


@dataclass(frozen=True)
class DaysAgo:
    days: int

    def date(self, today: datetime.date) -> datetime.date:
        return today - datetime.timedelta(days=self.days)


class _Loader(yaml.SafeLoader):
    pass


def _month(loader: yaml.SafeLoader, node: yaml.Node) -> MonthAfter:
    return MonthAfter(*loader.construct_sequence(node))


def _year(loader: yaml.SafeLoader, node: yaml.Node) -> YearOf:
    return YearOf(*loader.construct_sequence(node))


def _day(loader: yaml.SafeLoader, node: yaml.Node) -> DaysAgo:
    return DaysAgo(int(loader.construct_scalar(node)))


_Loader.add_constructor("!month", _month)
_Loader.add_constructor("!day", _day)
_Loader.add_constructor("!year", _year)


@functools.cache
def read(name: str) -> Any:
    """One data file, parsed once per process. Callers must not change what it returns."""
    with (DATA / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - a SafeLoader with three tags


def story_files() -> list[dict]:
    """The challenge stories, in the order of their file names."""
    return [read(path.name) for path in sorted(DATA.glob("story-*.yaml"))]


def dated(value: Any, today: datetime.date) -> Any:
    """A copy of `value` with the relative dates resolved against `today`."""
    if isinstance(value, YearOf):
        return value.date(today).year + value.plus_years
    if isinstance(value, MonthAfter | DaysAgo):
        return value.date(today)
    if isinstance(value, dict):
        return {key: dated(item, today) for key, item in value.items()}
    if isinstance(value, list):
        return [dated(item, today) for item in value]
    return value
