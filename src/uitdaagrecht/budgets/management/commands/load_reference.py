from django.core.management.base import BaseCommand

from uitdaagrecht.budgets.models import BudgetLine
from uitdaagrecht.budgets.services import IV3_FILE, taakvelden_load
from uitdaagrecht.tenants.services import municipalities_load

from .import_iv3 import report_import


class Command(BaseCommand):
    help = (
        "Load the reference data shipped with the product: the municipalities (CBS), the Iv3 "
        "taakvelden and the national Iv3 budgets 2023-2025. Safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--skip-if-loaded",
            action="store_true",
            help="Do not re-read the Iv3 file when budget lines already exist.",
        )

    def handle(self, *args, skip_if_loaded: bool = False, **options) -> None:
        created, updated = municipalities_load()
        self.stdout.write(f"municipalities: {created} created, {updated} updated")
        self.stdout.write(f"taakvelden: {taakvelden_load()}")
        if skip_if_loaded and BudgetLine.objects.exists():
            self.stdout.write("Iv3 budgets already loaded.")
            return
        report_import(self, IV3_FILE)
