from django.core.management.base import BaseCommand
from django.utils import translation

from uitdaagrecht.opendata.export import NATIONAL, export_open_data


class Command(BaseCommand):
    help = (
        "Write the open-data files (CSV and JSON Lines per dataset, a datapackage.json and a "
        "manifest) for the country and for every municipality into the `opendata` storage. "
        "Rows are streamed, files are replaced atomically and only when their bytes change. "
        "Meant for cron, e.g. nightly: 15 3 * * * flock -n /tmp/opendata.lock uitdaagrecht "
        "export_open_data."
    )

    def handle(self, *args, **options) -> None:
        with translation.override("nl"):
            manifests = export_open_data()
        national = manifests[NATIONAL]["files"]
        rows = sum(f["rows"] for f in national if f["format"] == "csv")
        self.stdout.write(
            f"Open data: {len(manifests)} scopes, {rows} rows nationally in "
            f"{sum(1 for f in national if f['format'] == 'csv')} datasets."
        )
