"""The real CBS reference data for tests: ../shared/data/iv3 beside the repository, else the copy
shipped in the package."""

import csv
import functools
import gzip
from pathlib import Path

from uitdaagrecht.budgets.importer import import_iv3
from uitdaagrecht.budgets.services import IV3_FILE, taakvelden_load
from uitdaagrecht.tenants.services import municipalities_load

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "iv3"
IV3_NAME = "iv3_gemeenten_taakveld_lasten_baten_2023_2025.csv"


def national_file() -> Path:
    shared = SHARED / IV3_NAME
    return shared if shared.exists() else IV3_FILE


def open_national():
    path = national_file()
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


@functools.cache
def national_rows() -> tuple[list[str], tuple[tuple[str, ...], ...]]:
    with open_national() as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, tuple(tuple(row) for row in reader)


def rows_of(*gm_codes: str) -> list[list[str]]:
    header, rows = national_rows()
    position = header.index("gm_code")
    wanted = set(gm_codes)
    return [header] + [list(row) for row in rows if row[position] in wanted]


def first_codes(count: int) -> list[str]:
    header, rows = national_rows()
    position = header.index("gm_code")
    codes = []
    for row in rows:
        if row[position] != "NL01" and row[position] not in codes:
            codes.append(row[position])
            if len(codes) == count:
                break
    return codes


def load_reference(*gm_codes: str):
    """Municipalities and taakvelden, and the real budgets of the given municipalities."""
    municipalities_load()
    taakvelden_load()
    if gm_codes:
        return import_iv3(rows=rows_of(*gm_codes))
    return None
