import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from uitdaagrecht.budgets.importer import ImportError_, import_iv3_file


def report_import(command: BaseCommand, path: Path) -> None:
    """Run one import and print what it did; shared by import_iv3 and load_reference."""
    show_progress = command.stdout.isatty()

    def progress(rows: int) -> None:
        command.stdout.write(f"\r{rows:>9,} rows read", ending="")
        command.stdout.flush()

    try:
        report = import_iv3_file(path, progress=progress if show_progress else None)
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 text ({error.reason})") from error
    except ImportError_ as error:
        raise CommandError(f"{path}: {error}. Nothing was imported.") from error
    if show_progress:
        command.stdout.write("")
    command.stdout.write(
        command.style.SUCCESS(
            f"{path.name}: {report.added:,} added, {report.changed:,} changed, "
            f"{report.unchanged:,} unchanged ({report.national_rows_skipped:,} national total "
            "rows NL01 skipped)"
        )
    )
    for name, year, document in report.not_delivered:
        command.stdout.write(f"  not delivered to CBS: {name} {document} {year}")


class Command(BaseCommand):
    help = (
        "Import Iv3 budgets from a CSV file (.csv or .csv.gz) in the long format of "
        "iv3_gemeenten_taakveld_lasten_baten: one row per municipality, year, document and "
        "taakveld, amounts in thousands of euros. All-or-nothing and idempotent."
    )
    # A data command: the project's own checks (which load every URL and view, about 0.6 s,
    # more than the import of the national file itself) are run by `check --deploy`, the server
    # and CI, not by each import.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        if file == Path("-"):
            raise CommandError("Give a file name; reading from standard input is not supported.")
        report_import(self, file)
        sys.stdout.flush()
