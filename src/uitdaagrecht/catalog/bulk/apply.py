"""Writing an import plan: all or nothing, with a ChangeLog entry per task and provider."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from uitdaagrecht.core import caching
from uitdaagrecht.tenants.models import Municipality

from ..models import ChangeLog, Contract, Finance, Indicator, IndicatorValue, Provider, Task
from ..services import task_refresh_binding
from .files import Table
from .plan import ImportPlan, plan_import


@dataclass
class ImportResult:
    plan: ImportPlan
    applied: bool


def import_apply(*, municipality: Municipality, actor, table: Table, expected: str) -> ImportResult:
    """Plan `table` again and write it, all or nothing, if the plan is still the one expected.

    The plan is made inside the transaction, with the municipality locked, so that two imports
    cannot interleave. A plan with errors or another fingerprint than the preview's writes nothing.
    """
    with transaction.atomic():
        list(Municipality.objects.select_for_update().filter(pk=municipality.pk).values("pk"))
        plan = plan_import(municipality=municipality, table=table)
        if plan.errors or not plan.has_changes or plan.fingerprint != expected:
            return ImportResult(plan=plan, applied=False)
        _write(plan, municipality=municipality, actor=actor)
    return ImportResult(plan=plan, applied=True)


def _write(plan: ImportPlan, *, municipality: Municipality, actor) -> None:
    now = timezone.now()
    Provider.objects.bulk_create([p.provider for p in plan.providers if p.created])
    Provider.objects.bulk_update([p.provider for p in plan.providers if not p.created], ["kind"])

    created = [p.task for p in plan.tasks if p.created]
    for task in created:
        task.slug = _unique_slug(task.title, plan.slugs)
        task.updated_by = actor
    Task.objects.bulk_create(created)
    touched = [p for p in plan.tasks if not p.created and p.changes]
    for p in touched:
        p.task.updated_at, p.task.updated_by = now, actor
    fields = {name for p in touched for name in p.task_fields} | {"updated_at", "updated_by"}
    Task.objects.bulk_update([p.task for p in touched], sorted(fields))

    contracts = [(p.contract, p.contract_created, p.contract_fields) for p in plan.tasks]
    _save_parts(Contract, contracts)
    _save_parts(Finance, [(p.finance, p.finance_created, p.finance_fields) for p in plan.tasks])
    indicators = [(p.indicator, p.indicator_created, p.indicator_fields) for p in plan.tasks]
    _save_parts(Indicator, indicators)
    _save_parts(IndicatorValue, [(p.value, p.value_created, p.value_fields) for p in plan.tasks])
    for p in plan.tasks:
        if p.contract_touched:
            task_refresh_binding(task=p.task)

    provider_kind = capfirst(Provider._meta.verbose_name)
    entries = [
        ChangeLog(
            municipality=municipality,
            task=None,
            actor=actor,
            summary=(
                _("{kind} added: {name}") if p.created else _("{kind} changed: {name}")
            ).format(kind=provider_kind, name=p.provider.name)[:300],
        )
        for p in plan.providers
    ]
    for p in plan.tasks:
        if p.action == "add":
            summary = _("Task created by import: {title}").format(title=p.task.title)
        elif p.action == "change":
            summary = _("Task changed by import: {title} ({fields})").format(
                title=p.task.title, fields=", ".join(dict.fromkeys(c.label for c in p.changes))
            )
        else:
            continue
        entries.append(
            ChangeLog(municipality=municipality, task=p.task, actor=actor, summary=summary[:300])
        )
    ChangeLog.objects.bulk_create(entries)
    caching.invalidate_municipality(municipality)


def _save_parts(model: type[Model], parts: list[tuple[Model | None, bool, list[str]]]) -> None:
    """Insert the new contracts (or budget years) at once, and update the changed ones at once."""
    model.objects.bulk_create([obj for obj, created, _names in parts if obj and created])
    changed = [(obj, names) for obj, created, names in parts if obj and not created and names]
    if changed:
        fields = sorted({name for _obj, names in changed for name in names})
        model.objects.bulk_update([obj for obj, _names in changed], fields)


def _unique_slug(title: str, taken: set[str]) -> str:
    """As services._unique_slug, against the slugs in memory rather than a query per try."""
    base = slugify(title)[:180] or "taak"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug
