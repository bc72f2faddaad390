from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from uitdaagrecht.demo.loader import demo_load


class Command(BaseCommand):
    help = (
        "Prepare the demo: migrate, load the reference data (municipalities, taakvelden, the "
        "national Iv3 budgets) and the demo municipality with one account per staff role; print "
        "the accounts; optionally serve. Safe to run again. Refuses to run with DEBUG off."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--serve", metavar="ADDRESS:PORT", help="then run the server here")

    def handle(self, *args, serve: str | None = None, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "The demo creates accounts with known passwords: only with DEBUG=1, never in production."
            )
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_reference", skip_if_loaded=True, stdout=self.stdout)
        municipality, accounts = demo_load()
        address = serve or "127.0.0.1:8000"
        self.stdout.write(self.style.SUCCESS(f"\nOpen Uitdaagrecht demo: http://{address}/"))
        self.stdout.write(f"Demo municipality: http://{address}{municipality.get_absolute_url()}")
        self.stdout.write(f"Staff workspace:   http://{address}/{municipality.slug}/beheer/\n")
        self.stdout.write("Demo accounts (one per staff role, then the challengers):")
        width = max(len(email) for _role, email, _password in accounts)
        for role, email, password in accounts:
            self.stdout.write(f"  {role:<26} {email:<{width}}  {password}")
        if settings.STAFF_2FA_REQUIRED:
            self.stdout.write(
                "\nStaff use two-factor authentication: at the first login you scan a QR code with "
                "an authenticator app. Start with STAFF_2FA_REQUIRED=0 to skip this in the demo."
            )
        self.stdout.write("E-mail (invitations, password reset) is printed on this console.\n")
        if serve:
            call_command("runserver", serve, use_reloader=False)
