"""Memory and time of `uitdaagrecht export_open_data` at 10,000 and 100,000 tasks (each with a
contract, so also 10k/100k rows of contracts and of the calendar), on PostgreSQL, all 342
municipalities: the peak resident memory of the export process must stay flat (the issue's bar:
100k rows at most 1.5 times the peak of 10k rows).

    .venv/bin/python bench/export_memory.py [--sizes 10000 100000] [--keep-db]

Needs PostgreSQL on 127.0.0.1:5432 (trust, user postgres); uses the database `ou_bench_export`,
which it drops and creates. Prints a table and writes bench/results/export-memory.json.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
DB = "ou_bench_export"
URL = f"postgres://postgres@127.0.0.1:5432/{DB}"

GENERATE = """
import datetime
from uitdaagrecht.budgets.models import Taakveld
from uitdaagrecht.catalog.models import Contract, Provider, Task
from uitdaagrecht.tenants.models import Department, Municipality

total = {total}
places = list(Municipality.objects.order_by("id"))
taakveld = Taakveld.objects.filter(code="5.7").first() or Taakveld.objects.first()
have = Task.objects.count()
per, extra = divmod(total - have, len(places))
for index, place in enumerate(places):
    department, _ = Department.objects.get_or_create(municipality=place, name="Beheer")
    provider, _ = Provider.objects.get_or_create(
        municipality=place, name="Groenbedrijf", defaults={{"kind": "company"}}
    )
    start = Task.objects.filter(municipality=place).count()
    count = per + (1 if index < extra else 0)
    tasks = Task.objects.bulk_create(
        [
            Task(
                municipality=place,
                title=f"Taak {{n}}",
                slug=f"taak-{{n}}",
                description="Onderhoud van het openbaar groen in de wijk.",
                department=department,
                taakveld=taakveld,
            )
            for n in range(start, start + count)
        ],
        batch_size=2000,
    )
    Contract.objects.bulk_create(
        [
            Contract(
                task=task,
                provider=provider,
                value_per_year_eur=100_000 + task.pk,
                start_date=datetime.date(2024, 1, 1),
                end_date=datetime.date(2030, 12, 31),
                notice_months=6,
            )
            for task in tasks
        ],
        batch_size=2000,
    )
print(Task.objects.count())
"""


def run(*args: str, env: dict, capture: bool = False) -> str:
    result = subprocess.run(
        [str(VENV / "uitdaagrecht"), *args], env=env, check=True, capture_output=capture, text=True
    )
    return result.stdout if capture else ""


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", sql],
        check=True,
        capture_output=True,
    )


def peak_of(args: list[str], env: dict) -> tuple[float, float]:
    """(peak RSS in MiB, seconds) of one command, measured in a child of a fresh interpreter so
    that RUSAGE_CHILDREN sees only it."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(VENV / "uitdaagrecht"), *args],
        env=env,
        check=True,
        stdout=subprocess.PIPE,  # errors go to the terminal
        text=True,
    ).stdout.split()
    return int(out[0]) / 1024, float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep-db", action="store_true")
    options = parser.parse_args()
    var = Path(tempfile.mkdtemp(prefix="ou-export-bench-"))
    env = {**os.environ, "DATABASE_URL": URL, "UITDAAGRECHT_VAR_DIR": str(var), "DEBUG": "0"}
    env.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    run("migrate", "-v", "0", env=env)
    run("load_reference", "--skip-if-loaded", env=env)
    baseline, _ = peak_of(["shell", "-c", "pass"], env)
    results = []
    for size in sorted(options.sizes):
        started = time.perf_counter()
        run("shell", "-c", GENERATE.format(total=size), env=env, capture=True)
        generated = time.perf_counter() - started
        peak, seconds = peak_of(["export_open_data"], env)
        again, seconds_again = peak_of(["export_open_data"], env)
        size_on_disk = sum(p.stat().st_size for p in (var / "opendata").rglob("*") if p.is_file())
        results.append(
            {
                "tasks": size,
                "generate_s": round(generated, 1),
                "peak_mib": round(peak, 1),
                "peak_above_startup_mib": round(peak - baseline, 1),
                "export_s": round(seconds, 1),
                "export_unchanged_s": round(seconds_again, 1),
                "peak_unchanged_mib": round(again, 1),
                "files_mib": round(size_on_disk / 2**20, 1),
            }
        )
    ratio = results[-1]["peak_mib"] / results[0]["peak_mib"]
    report = {
        "startup_peak_mib": round(baseline, 1),
        "runs": results,
        "peak_ratio": round(ratio, 2),
    }
    print(json.dumps(report, indent=2))
    out = ROOT / "bench" / "results" / "export-memory.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    if not options.keep_db:
        psql(f"DROP DATABASE IF EXISTS {DB}")
    print(f"peak 100k / 10k: {ratio:.2f} (bar: at most 1.5)", file=sys.stderr)


if __name__ == "__main__":
    main()
