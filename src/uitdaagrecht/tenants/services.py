"""Writes for municipalities: loading the CBS municipal division and editing a municipality."""

import csv
import gzip
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from uitdaagrecht.core import caching

from .models import Municipality

DIVISION_FILE = Path(__file__).parent / "data" / "gemeenten_cbs_2017_2025.csv.gz"


def municipality_slug(name: str) -> str:
    """`Beek (L.)` → `beek-l`, `'s-Hertogenbosch` → `s-hertogenbosch`."""
    return slugify(name.replace("'", ""))


@transaction.atomic
def municipalities_load(*, path: Path = DIVISION_FILE) -> tuple[int, int]:
    """Create or update every municipality of the CBS division; returns (created, updated).

    The newest year in the file is the current division; municipalities that no longer exist are
    kept (their budgets stay readable) but marked inactive.
    """
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    newest = max(int(row["jaar"]) for row in rows)
    latest: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: int(r["jaar"])):
        if int(row["jaar"]) >= 2023:  # the years the budgets cover
            latest[row["gm_code"]] = row
    existing = {m.cbs_code: m for m in Municipality.objects.all()}
    created = updated = 0
    for code, row in latest.items():
        values = {
            "name": row["naam"],
            "province": row["provincie_naam"],
            "is_active": int(row["jaar"]) == newest,
        }
        municipality = existing.get(code)
        if municipality is None:
            Municipality.objects.create(
                cbs_code=code, slug=municipality_slug(row["naam"]), **values
            )
            created += 1
        elif any(getattr(municipality, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(municipality, field, value)
            municipality.save(update_fields=[*values, "updated_at"])
            updated += 1
    if created or updated:
        caching.invalidate_all()
    return created, updated


@transaction.atomic
def municipality_update(*, municipality: Municipality, fields: dict) -> Municipality:
    """Save edited settings of a municipality and drop its cached public pages after commit."""
    for field, value in fields.items():
        setattr(municipality, field, value)
    municipality.save(update_fields=[*fields, "updated_at"])
    caching.invalidate_municipality(municipality)
    return municipality
