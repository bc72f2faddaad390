import json

from django.core.management.base import BaseCommand

from uitdaagrecht.core.restore import fingerprint


class Command(BaseCommand):
    help = (
        "Print a fingerprint of this installation as JSON: every resource of the public API and "
        "every stored file (documents, media), hashed. Take it when you make a backup; "
        "`verify_restore --source FILE` compares a restored installation with it."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(json.dumps(fingerprint(), indent=1, sort_keys=True))
