import datetime

from django import template

from uitdaagrecht.catalog.bulk.cells import dutch_number as _dutch_number

register = template.Library()


@register.filter
def challengeable_from(task, today: datetime.date):
    return task.challengeable_from(today)


@register.filter
def dutch_number(value):
    """An indicator's value as the staff form shows it and reads it back: 7,5 · 1.500."""
    return value if value is None else _dutch_number(value)
