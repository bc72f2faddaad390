import datetime

from django import template

register = template.Library()


@register.filter
def challengeable_from(task, today: datetime.date):
    return task.challengeable_from(today)
