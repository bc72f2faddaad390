import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from uitdaagrecht.core import caching
from uitdaagrecht.core.restore import differences, fingerprint


class Command(BaseCommand):
    help = (
        "Check a restore: compare this installation's public API and stored files with the "
        "fingerprint the source gave (`restore_fingerprint`). Exits with 1 and lists every "
        "difference if they are not identical."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--source", required=True, type=Path, help="the fingerprint of the source (JSON)"
        )

    def handle(self, *args, source: Path, **options) -> None:
        try:
            expected = json.loads(source.read_text())
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read the fingerprint {source}: {error}") from error
        # The shared cache may hold pages, fragments and API rows of the data before the restore
        # (their generations did not change): emptied, so the restored data is what is served.
        caching.invalidate_all()
        found = differences(expected, fingerprint())
        if found:
            for line in found:
                self.stderr.write(line)
            raise CommandError(f"The restore differs from the source in {len(found)} places.")
        api = sum(r["items"] for r in expected["api"].values())
        files = sum(len(f) for f in expected["files"].values())
        self.stdout.write(
            f"Restore identical: {len(expected['api'])} API resources ({api} items), {files} files."
        )
