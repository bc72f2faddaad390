"""Dates of the reporting schedule."""

import calendar
import datetime

from django.utils import timezone


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def moments_between(start: datetime.date, end: datetime.date, months: int) -> list[datetime.date]:
    """A reporting moment every `months` after the start, and one at the end."""
    due, step = [], 1
    while (day := add_months(start, months * step)) < end:
        due.append(day)
        step += 1
    return [*due, end]


def end_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))
