"""Writes for the catalogue. Every change is logged with who and when, refreshes the derived
binding date of its task, and drops the municipality's cached public pages after commit."""

import datetime

from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from uitdaagrecht.core import caching
from uitdaagrecht.tenants.models import Municipality

from .models import ChangeLog, Contract, Task


def task_refresh_binding(*, task: Task) -> None:
    """bound_until = the last day a current contract or a temporary blocker binds the task."""
    ends = Contract.objects.filter(task=task).aggregate(last=Max("end_date"))["last"]
    candidates = [d for d in (ends, task.blocked_until) if d is not None]
    bound_until = max(candidates) if candidates else None
    if task.bound_until != bound_until:
        task.bound_until = bound_until
        Task.objects.filter(pk=task.pk).update(bound_until=bound_until)


def _unique_slug(task: Task) -> str:
    base = slugify(task.title)[:180] or "taak"
    slug, number = base, 1
    while (
        Task.objects.filter(municipality=task.municipality, slug=slug).exclude(pk=task.pk).exists()
    ):
        number += 1
        slug = f"{base}-{number}"
    return slug


def _log(*, municipality: Municipality, task: Task | None, actor, summary: str) -> None:
    ChangeLog.objects.create(
        municipality=municipality, task=task, actor=actor, summary=summary[:300]
    )
    if task is not None:
        Task.objects.filter(pk=task.pk).update(updated_at=timezone.now(), updated_by=actor)
    caching.invalidate_municipality(municipality)


@transaction.atomic
def task_save(*, task: Task, actor) -> Task:
    created = task.pk is None
    if created or not task.slug:
        task.slug = _unique_slug(task)
    task.updated_by = actor
    task.save()
    task_refresh_binding(task=task)
    _log(
        municipality=task.municipality,
        task=task,
        actor=actor,
        summary=(_("Task created: {title}") if created else _("Task changed: {title}")).format(
            title=task.title
        ),
    )
    return task


@transaction.atomic
def task_delete(*, task: Task, actor) -> None:
    _log(
        municipality=task.municipality,
        task=None,
        actor=actor,
        summary=_("Task removed: {title}").format(title=task.title),
    )
    task.delete()


@transaction.atomic
def part_save(*, obj: Model, task: Task | None, municipality: Municipality, actor) -> Model:
    """Save a contract, budget year, indicator or provider that belongs to a task or municipality."""
    created = obj.pk is None
    obj.save()
    if task is not None:
        task_refresh_binding(task=task)
    message = _("{kind} added: {name}") if created else _("{kind} changed: {name}")
    _log(
        municipality=municipality,
        task=task,
        actor=actor,
        summary=message.format(kind=capfirst(obj._meta.verbose_name), name=obj),
    )
    return obj


@transaction.atomic
def part_delete(*, obj: Model, task: Task | None, municipality: Municipality, actor) -> None:
    summary = _("{kind} removed: {name}").format(kind=capfirst(obj._meta.verbose_name), name=obj)
    obj.delete()
    if task is not None:
        task_refresh_binding(task=task)
    _log(municipality=municipality, task=task, actor=actor, summary=summary)


def today() -> datetime.date:
    return timezone.localdate()
