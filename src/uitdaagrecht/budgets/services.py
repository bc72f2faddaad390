"""Writes for budgets: reference data (taakvelden) and the budget cycle of a municipality."""

import csv
from pathlib import Path

from django.db import transaction

from uitdaagrecht.core import caching
from uitdaagrecht.tenants.models import Municipality

from .models import BudgetCycleMoment, Hoofdtaakveld, Taakveld

DATA_DIR = Path(__file__).parent / "data"
TAAKVELDEN_FILE = DATA_DIR / "iv3_taakvelden.csv"
IV3_FILE = DATA_DIR / "iv3_gemeenten_taakveld_lasten_baten_2023_2025.csv.gz"
SCHEME_CHANGE_YEAR = 2025


@transaction.atomic
def taakvelden_load(*, path: Path = TAAKVELDEN_FILE) -> int:
    """Create or update the hoofdtaakvelden and taakvelden; returns how many taakvelden."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        Hoofdtaakveld.objects.update_or_create(
            code=row["hoofdtaakveld"], defaults={"name": row["hoofdtaakveld_naam"]}
        )
    for row in rows:
        scheme = row["schema"]
        Taakveld.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["naam"],
                "cbs_label": row["cbs_label"],
                "hoofdtaakveld_id": row["hoofdtaakveld"],
                "first_year": SCHEME_CHANGE_YEAR if scheme == "vanaf 2025" else None,
                "last_year": SCHEME_CHANGE_YEAR - 1 if scheme == "t/m 2024" else None,
            },
        )
    caching.invalidate_all()
    return len(rows)


@transaction.atomic
def budget_cycle_moment_save(
    *, municipality: Municipality, moment: BudgetCycleMoment
) -> BudgetCycleMoment:
    moment.municipality = municipality
    moment.save()
    caching.invalidate_municipality(municipality)
    return moment


@transaction.atomic
def budget_cycle_moment_delete(*, moment: BudgetCycleMoment) -> None:
    municipality = moment.municipality
    moment.delete()
    caching.invalidate_municipality(municipality)
