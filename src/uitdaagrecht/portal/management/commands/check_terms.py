from django.core.management.base import BaseCommand
from django.utils import timezone

from uitdaagrecht.accounts.privacy import accounts_forget
from uitdaagrecht.challenges.api import registry
from uitdaagrecht.core.outbox import SENT_MAIL_DAYS, mail_forget_sent, mail_requeue_due
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
            f"{report.emails} e-mails queued about {report.events} events, "
            f"{report.expired} unconfirmed requests expired."
        )
        requeued = mail_requeue_due(now=now)
        forgotten = mail_forget_sent(now=now, days=SENT_MAIL_DAYS)
        self.stdout.write(
            f"E-mail queue: {requeued} due e-mails handed to the worker again, "
            f"{forgotten} sent e-mails older than {SENT_MAIL_DAYS} days removed."
        )
        removed = accounts_forget(now=now)
        self.stdout.write(
            f"Retention: {removed['accounts']} unconfirmed accounts and "
            f"{removed['invitations']} expired invitations removed."
        )
