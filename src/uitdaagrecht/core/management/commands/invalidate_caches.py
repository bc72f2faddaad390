from django.core.management.base import BaseCommand

from uitdaagrecht.core import caching


class Command(BaseCommand):
    help = (
        "Empty every cached page, fragment and API row (a new generation of everything): after "
        "data was changed outside the application's services, e.g. by hand in the database."
    )
    requires_system_checks = []

    def handle(self, *args, **options) -> None:
        caching.invalidate_all()
        self.stdout.write("Every cached page, fragment and API row will be rendered again.")
