from django.core.management.base import BaseCommand

from uitdaagrecht.assessment.services import advice_overdue_escalate
from uitdaagrecht.challenges.services import stalled_escalate
from uitdaagrecht.notifications.services import alerts_send_due


class Command(BaseCommand):
    help = (
        "Send what is due: e-mail alerts about tasks that can be challenged soon and new tasks, "
        "and escalate challenges past the term of their phase (stalled) to their contact person "
        "and the coordinators, once. "
        "Idempotent and safe to run at the same time twice; meant for cron every few minutes "
        "(*/5 * * * * uitdaagrecht check_terms). Prints counts only, never an address."
    )

    def handle(self, *args, **options) -> None:
        stalled = stalled_escalate()
        overdue = advice_overdue_escalate()
        self.stdout.write(
            f"Challenges: {len(stalled)} newly stalled and {len(overdue)} overdue advice "
            "requests escalated."
        )
        report = alerts_send_due()
        self.stdout.write(
            f"Alerts: {report.subscriptions} subscriptions checked, {report.emails - report.failed} e-mails "
            f"sent about {report.events} events, {report.expired} unconfirmed requests expired."
        )
        if report.failed:
            self.stderr.write(
                self.style.WARNING(
                    f"{report.failed} e-mails could not be delivered to the mail server; "
                    "their events are recorded as sent and will not be retried."
                )
            )
