"""What an import would change, field by field: the preview, and what apply writes."""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from uitdaagrecht.budgets.models import Taakveld
from uitdaagrecht.tenants.models import Department, Municipality

from ..models import Contract, Finance, Indicator, IndicatorValue, Provider, Task, add_months
from ..units import value_problem
from .catalogue import Catalogue
from .columns import WORD_OF_KIND
from .files import Table
from .rows import (
    CONTRACT_COLUMNS,
    CONTRACT_DEFAULTS,
    CONTRACT_REQUIRED,
    INDICATOR_VALUE_COLUMNS,
    Cells,
    Errors,
    Row,
    RowError,
    columns_of,
    match_tasks,
    outside_columns,
    read_row,
    required,
)

# Model field → the column it comes from.
TASK_FIELD_COLUMNS = {
    "title": "taak",
    "description": "omschrijving",
    "target_group": "voor_wie",
    "area": "gebied",
    "department": "afdeling",
    "taakveld": "taakveld",
}
CONTRACT_FIELD_COLUMNS = {name: column for column, (name, _parse) in CONTRACT_COLUMNS.items()}
FINANCE_FIELD_COLUMNS = {"budget_eur": "begroting_eur", "overhead_eur": "overhead_eur"}
VALUE_FIELD_COLUMNS = {name: column for column, name in INDICATOR_VALUE_COLUMNS.items()}


@dataclass(frozen=True)
class Change:
    field: str  # the column in the file
    label: str
    old: str
    new: str
    raw: tuple  # the values compared, for the plan's fingerprint


@dataclass
class TaskPlan:
    row: int
    task: Task
    created: bool
    changes: list[Change] = field(default_factory=list)
    task_fields: list[str] = field(default_factory=list)
    contract: Contract | None = None
    contract_created: bool = False
    contract_fields: list[str] = field(default_factory=list)
    finance: Finance | None = None
    finance_created: bool = False
    finance_fields: list[str] = field(default_factory=list)
    indicator: Indicator | None = None
    indicator_created: bool = False
    indicator_fields: list[str] = field(default_factory=list)
    value: IndicatorValue | None = None
    value_created: bool = False
    value_fields: list[str] = field(default_factory=list)

    @property
    def action(self) -> str:
        if self.created:
            return "add"
        return "change" if self.changes else "unchanged"

    @property
    def details(self) -> list[Change]:
        """What the preview lists for a new task: everything but its title."""
        return [change for change in self.changes if change.field != "taak"]

    @property
    def identity(self) -> list:
        """What this row writes, and to which rows of the database."""
        parts = [
            self.contract and self.contract.pk,
            self.finance and self.finance.pk,
            self.indicator and self.indicator.pk,
            self.value and self.value.pk,
        ]
        return [
            self.row,
            self.task.pk,
            self.action,
            *parts,
            [[c.field, *c.raw] for c in self.changes],
        ]

    @property
    def contract_touched(self) -> bool:
        return self.contract is not None and (self.contract_created or bool(self.contract_fields))


@dataclass
class ProviderPlan:
    row: int
    provider: Provider
    created: bool
    old_kind: str = ""

    @property
    def kind_label(self) -> str:
        return str(Provider.Kind(self.provider.kind).label)


@dataclass
class ImportPlan:
    rows: int
    tasks: list[TaskPlan] = field(default_factory=list)
    providers: list[ProviderPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    more_errors: int = 0
    slugs: set[str] = field(default_factory=set)  # the slugs taken, for new tasks

    @property
    def added(self) -> list[TaskPlan]:
        return [plan for plan in self.tasks if plan.action == "add"]

    @property
    def changed(self) -> list[TaskPlan]:
        return [plan for plan in self.tasks if plan.action == "change"]

    @property
    def unchanged(self) -> list[TaskPlan]:
        return [plan for plan in self.tasks if plan.action == "unchanged"]

    @property
    def has_changes(self) -> bool:
        return bool(self.providers) or any(plan.action != "unchanged" for plan in self.tasks)

    @property
    def can_apply(self) -> bool:
        return not self.errors and self.has_changes

    @property
    def fingerprint(self) -> str:
        """Equal for two plans that would write the same: apply compares it with the preview's."""
        payload = [
            [p.identity for p in self.tasks],
            [[p.row, p.provider.pk, p.provider.name, p.provider.kind] for p in self.providers],
        ]
        text = json.dumps(payload, default=str, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def plan_import(*, municipality: Municipality, table: Table) -> ImportPlan:
    """What importing `table` would change in the catalogue of `municipality`; writes nothing."""
    errors = Errors()
    plan = ImportPlan(rows=len(table.rows))
    columns = columns_of(table, errors)
    if not errors.items:  # with a bad header every row would be misread
        catalogue = Catalogue(municipality, indicators="resultaat" in columns)
        rows = []
        for number, cells in table.rows:
            if not outside_columns(cells, table.header, number, errors):
                rows.append(
                    read_row(Cells(number, cells, columns, table.header, errors), catalogue)
                )
        match_tasks(rows, catalogue)
        Planner(catalogue, plan).add([row for row in rows if row.cells.ok])
        plan.slugs = catalogue.slugs
    plan.errors = sorted(errors.items, key=lambda error: error.row)  # stable: columns in order
    plan.more_errors = errors.more
    return plan


def _shown(value: Any) -> str:
    """A value as the preview shows it; long texts are cut short (the page lists every row)."""
    text = _as_text(value)
    return text if len(text) <= 300 else text[:299] + "…"


def _as_text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Department):
        return value.name
    if isinstance(value, Taakveld):
        return f"{value.code} {value.name}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return formats.number_format(value, force_grouping=True)
    return str(value)


def _compared(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


class Planner:
    def __init__(self, catalogue: Catalogue, result: ImportPlan) -> None:
        self.catalogue, self.result = catalogue, result
        self.year = timezone.localdate().year
        self.new_providers: dict[str, ProviderPlan] = {}
        self.kinds: dict[str, tuple[str, int]] = {}  # provider → (kind, first row giving it)
        self.labels: dict[tuple, str] = {}
        self.contract_prefix = f"{Contract._meta.verbose_name}: "
        self.provider_label = f"{self.contract_prefix}{Provider._meta.verbose_name}"
        self.year_label = str(Finance._meta.get_field("year").verbose_name)

    def add(self, rows: list[Row]) -> None:
        for row in rows:  # first all kinds, so a later row may give the kind of a new provider
            if row.provider and row.kind:
                key = row.provider.casefold()
                kind, first = self.kinds.setdefault(key, (row.kind, row.number))
                if kind != row.kind:
                    row.cells.fail(
                        "soort_uitvoerder",
                        _("Row {row} gives another kind for this provider.").format(row=first),
                    )
        for row in rows:
            if row.cells.ok:
                task_plan = self._task(row)
                if row.cells.ok:
                    self.result.tasks.append(task_plan)
        self.result.providers.sort(key=lambda p: p.row)

    def _task(self, row: Row) -> TaskPlan:
        task = row.existing
        created = task is None
        if task is None:
            for column, name in (
                ("omschrijving", "description"),
                ("afdeling", "department"),
                ("taakveld", "taakveld"),
            ):
                if name not in row.task_values:
                    row.cells.fail(column, required())
            task = Task(municipality=self.catalogue.municipality)
        plan = TaskPlan(row=row.number, task=task, created=created)
        taakveld = row.task_values.get("taakveld")
        if (
            taakveld is not None
            and taakveld.last_year is not None
            and taakveld.last_year < self.year
            and taakveld.pk != task.taakveld_id
        ):
            row.cells.fail(
                "taakveld",
                _("This taakveld no longer exists in the Iv3 scheme of {year}.").format(
                    year=self.year
                ),
            )
        for name, value in {"title": row.title, **row.task_values}.items():
            old = self._old(task, name)
            if created or _compared(old) != _compared(value):
                if not (created and value == ""):
                    plan.changes.append(
                        self._change(TASK_FIELD_COLUMNS[name], task, name, old, value)
                    )
                setattr(task, name, value)
                plan.task_fields.append(name)
        if row.provider:
            self._contract(row, plan)
        if row.year is not None:
            self._finance(row, plan)
        if row.indicator:
            self._indicator(row, plan)
        return plan

    def _old(self, obj: models.Model, name: str) -> Any:
        if obj.pk is None:
            return None
        if name == "department":
            return self.catalogue.department_by_id.get(obj.department_id)
        if name == "taakveld":
            return self.catalogue.taakvelden.get(obj.taakveld_id.lower())
        return getattr(obj, name)

    def _change(
        self, column: str, obj: models.Model, name: str, old: Any, new: Any, prefix: str = ""
    ) -> Change:
        key = (type(obj), name, prefix)
        if key not in self.labels:  # translated once per field, not once per row
            self.labels[key] = f"{prefix}{obj._meta.get_field(name).verbose_name}"
        return Change(
            field=column,
            label=self.labels[key],
            old=_shown(old),
            new=_shown(new),
            raw=(_compared(old), _compared(new)),
        )

    def _provider(self, row: Row) -> Provider | None:
        key = row.provider.casefold()
        kind = self.kinds.get(key, ("", 0))[0]
        existing = self.catalogue.providers.get(key)
        if existing is not None:
            if kind and kind != existing.kind:  # once: then existing.kind is the new kind
                self.result.providers.append(
                    ProviderPlan(
                        row.number, existing, False, str(Provider.Kind(existing.kind).label)
                    )
                )
                existing.kind = kind
            return existing
        if key not in self.new_providers:
            if not kind:
                row.cells.fail(
                    "soort_uitvoerder",
                    _("“{name}” is a new provider: give its kind ({kinds}).").format(
                        name=row.provider, kinds=", ".join(WORD_OF_KIND.values())
                    ),
                )
                return None
            provider = Provider(
                municipality=self.catalogue.municipality, name=row.provider, kind=kind
            )
            self.new_providers[key] = ProviderPlan(row.number, provider, True)
            self.result.providers.append(self.new_providers[key])
        return self.new_providers[key].provider

    def _contract(self, row: Row, plan: TaskPlan) -> None:
        provider = self._provider(row)
        if provider is None:
            return
        values = row.contract_values
        same = [
            contract
            for contract in self.catalogue.contracts.get(plan.task.pk, [])
            if provider.pk is not None and contract.provider_id == provider.pk
        ]
        contract = next((c for c in same if c.start_date == values.get("start_date")), None)
        if contract is None and len(same) == 1:
            contract = same[0]
        if contract is None:
            plan.contract_created = True
            contract = Contract(task=plan.task, provider=provider, **CONTRACT_DEFAULTS)
            for name in CONTRACT_REQUIRED:
                if name not in values:
                    row.cells.fail(CONTRACT_FIELD_COLUMNS[name], required())
        plan.contract = contract
        start = values.get("start_date", contract.start_date)
        end = values.get("end_date", contract.end_date)
        notice = values.get("notice_months", contract.notice_months)
        # The rules of ContractForm.clean, with its messages.
        if start and end and end < start:
            row.cells.fail("contract_einde", _("The contract ends before it starts."))
        elif start and end and notice and add_months(end, -notice) < start:
            row.cells.fail(
                "opzegtermijn_maanden", _("The notice period is longer than the contract itself.")
            )
        prefix = self.contract_prefix
        if plan.contract_created:
            plan.changes.append(
                Change(
                    "uitvoerder",
                    self.provider_label,
                    "",
                    provider.name,
                    ("", provider.name.casefold()),
                )
            )
        for name, value in values.items():
            old = None if plan.contract_created else getattr(contract, name)
            if plan.contract_created or old != value:
                if not (plan.contract_created and value in ("", 0) and name in CONTRACT_DEFAULTS):
                    plan.changes.append(
                        self._change(
                            CONTRACT_FIELD_COLUMNS[name], contract, name, old, value, prefix
                        )
                    )
                setattr(contract, name, value)
                plan.contract_fields.append(name)

    def _finance(self, row: Row, plan: TaskPlan) -> None:
        finance = None if plan.created else self.catalogue.finances.get((plan.task.pk, row.year))
        plan.finance_created = finance is None
        if finance is None:
            finance = Finance(task=plan.task, year=row.year, overhead_eur=0)
        plan.finance = finance
        prefix = f"{self.year_label} {row.year}: "
        for name, value in row.finance_values.items():
            old = None if plan.finance_created else getattr(finance, name)
            if plan.finance_created or old != value:
                plan.changes.append(
                    self._change(FINANCE_FIELD_COLUMNS[name], finance, name, old, value, prefix)
                )
                setattr(finance, name, value)
                plan.finance_fields.append(name)

    def _indicator(self, row: Row, plan: TaskPlan) -> None:
        """A result and its values in one year; the unit decides what a value may be, also for
        the values already recorded when a row changes the unit."""
        key = (plan.task.pk, row.indicator.strip().casefold())
        indicator = None if plan.created else self.catalogue.indicators.get(key)
        plan.indicator_created = indicator is None
        if indicator is None:
            if row.unit is None:
                row.cells.fail("eenheid", required())
                return
            # A task is on one row only, so no other row adds this result.
            indicator = Indicator(task=plan.task, name=row.indicator, unit="", source="")
        plan.indicator = indicator
        recorded = {} if indicator.pk is None else self.catalogue.indicator_values[indicator.pk]
        prefix = f"{row.indicator}: "
        if plan.indicator_created:
            plan.changes.append(
                Change(
                    "resultaat",
                    str(Indicator._meta.verbose_name),
                    "",
                    row.indicator,
                    ("", row.indicator.casefold()),
                )
            )
        unit = indicator.unit if row.unit is None else row.unit
        if row.unit is not None and row.unit != indicator.unit:
            for value in recorded.values():
                for number in (value.target, value.realised):
                    if problem := value_problem(unit, number):
                        row.cells.fail(
                            "eenheid",
                            _("{problem} The value of {year} is {value}.").format(
                                problem=problem, year=value.year, value=number
                            ),
                        )
                        return
            plan.changes.append(
                self._change("eenheid", indicator, "unit", indicator.unit or None, unit, prefix)
            )
            indicator.unit = unit
            plan.indicator_fields.append("unit")
        if row.indicator_year is None:
            return
        value = recorded.get(row.indicator_year)
        plan.value_created = value is None
        if value is None:
            value = IndicatorValue(indicator=indicator, year=row.indicator_year)
        plan.value = value
        prefix = f"{row.indicator} {row.indicator_year}: "
        for name, number in row.indicator_values.items():
            if problem := value_problem(unit, number):
                row.cells.fail(VALUE_FIELD_COLUMNS[name], problem)
                continue
            old = None if plan.value_created else getattr(value, name)
            if plan.value_created or old != number:
                plan.changes.append(
                    self._change(VALUE_FIELD_COLUMNS[name], value, name, old, number, prefix)
                )
                setattr(value, name, number)
                plan.value_fields.append(name)
