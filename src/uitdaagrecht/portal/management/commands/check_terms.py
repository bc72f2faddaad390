from django.core.management.base import BaseCommand
from django.utils import timezone

from uitdaagrecht.challenges.api import registry
from uitdaagrecht.notifications.services import alerts_send_due


class Command(BaseCommand):
    help = (
        "Send what is due: e-mail alerts about tasks that can be challenged soon and new tasks, "
        "and escalate challenges past the term of their phase (stalled) and overdue advice to "
        "their contact person and the coordinators, once; and whatever else a phase of the "
        "process registered to run periodically. "
        "Idempotent and safe to run at the same time twice; meant for cron every few minutes "
        "(*/5 * * * * uitdaagrecht check_terms). Prints counts only, never an address."
    )

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        done = [f"{len(job(now=now))} {name}" for name, job in registry.periodic.items()]
        self.stdout.write(f"Challenges: {', '.join(done)}.")
        report = alerts_send_due()
        self.stdout.write(
            f"Alerts: {report.subscriptions} subscriptions checked, "
            f"{report.emails - report.failed} e-mails sent about {report.events} events, "
            f"{report.expired} unconfirmed requests expired."
        )
        if report.failed:
            self.stderr.write(
                self.style.WARNING(
                    f"{report.failed} e-mails could not be delivered to the mail server; "
                    "their events are recorded as sent and will not be retried."
                )
            )
