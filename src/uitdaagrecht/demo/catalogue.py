"""Example tasks for the demo municipality (catalogue.yaml), with contracts, finances and
indicators drawn from a seeded random generator: the same demo on every machine."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from uitdaagrecht.catalog.models import (
    Contract,
    Finance,
    Indicator,
    IndicatorValue,
    Provider,
    Task,
    add_months,
)
from uitdaagrecht.catalog.services import task_refresh_binding
from uitdaagrecht.catalog.units import UnitKind, unit_kind
from uitdaagrecht.tenants.models import Department, Municipality

from .files import read


@transaction.atomic
def catalog_demo_load(*, municipality: Municipality, today: datetime.date) -> int:
    """Create the example tasks once; running again leaves existing ones alone."""
    if Task.objects.filter(municipality=municipality, is_example=True).exists():
        return 0
    catalogue = read("catalogue.yaml")
    rng = random.Random(municipality.cbs_code)
    departments = {d.name: d for d in Department.objects.filter(municipality=municipality)}
    providers: dict[str, Provider] = {}
    for index, spec in enumerate(catalogue["tasks"]):
        months = spec.get("blocked_months")
        task = Task.objects.create(
            municipality=municipality,
            title=spec["title"],
            slug=slugify(spec["title"]),
            description=catalogue["description"].format(title=spec["title"]),
            target_group="Inwoners van Zwolle" + (f" in {spec['area']}" if spec["area"] else ""),
            area=spec["area"],
            department=departments[spec["department"]],
            taakveld_id=spec["taakveld"],
            blocker=spec.get("blocker", ""),
            blocker_explanation=spec.get("blocker_explanation", ""),
            blocked_until=add_months(today, months) if months else None,
            is_example=True,
        )
        if spec["provider"] not in providers:
            providers[spec["provider"]] = Provider.objects.create(
                municipality=municipality, name=spec["provider"], kind=spec["provider_kind"]
            )
        _contract_and_figures(task, providers[spec["provider"]], index, spec, today, rng)
        task_refresh_binding(task=task)
    return len(catalogue["tasks"])


def _contract_and_figures(
    task: Task, provider: Provider, index: int, spec: dict, today: datetime.date, rng
) -> None:
    budget = spec["budget_eur"]
    # Contract ends spread over the next three years; a few have already ended.
    end = add_months(today, (index * 37) % 40 - 3)
    Contract.objects.create(
        task=task,
        provider=provider,
        reference=f"ZW-{2020 + index % 6}-{100 + index}",
        value_per_year_eur=round(budget * 0.85, -3),
        start_date=add_months(end, -rng.choice([24, 36, 48])),
        end_date=end,
        notice_months=rng.choice([3, 6, 6, 12]),
        extension_options=rng.choice(["", "2 × 1 jaar", "1 × 2 jaar"]),
    )
    for year in (today.year - 1, today.year):
        Finance.objects.create(
            task=task,
            year=year,
            budget_eur=round(budget * (0.97 if year < today.year else 1), -3),
            actuals_eur=round(budget * rng.uniform(0.92, 1.06), -3) if year < today.year else None,
            overhead_eur=round(budget * 0.18, -3),
        )
    indicator = Indicator.objects.create(
        task=task, name=spec["indicator"], unit=spec["unit"], source="Jaarverslag uitvoerder"
    )
    target = Decimal(str(spec["target"]))
    for year in (today.year - 2, today.year - 1):
        value = IndicatorValue(
            indicator=indicator,
            year=year,
            target=target,
            realised=_realised(spec["unit"], target, rng.uniform(0.8, 1.1)),
        )
        value.full_clean()  # the demo keeps the rules a municipality's staff keep
        value.save()


def _realised(unit: str, target: Decimal, factor: float) -> Decimal:
    """Near the target, within what the unit allows (no 104 % nor a mark of 11)."""
    realised = target * Decimal(str(round(factor, 3)))
    kind = unit_kind(unit)
    if kind == UnitKind.PERCENTAGE:
        realised = min(realised, Decimal(100))
    elif kind == UnitKind.MARK:
        realised = min(max(realised, Decimal(1)), Decimal(10))
    if kind == UnitKind.COUNT:
        return realised.quantize(Decimal(1))
    return realised.quantize(Decimal("0.1"))
