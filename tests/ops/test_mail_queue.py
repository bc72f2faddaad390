"""The durable e-mail queue with a real SMTP server that is down for a while (issue 12).

The mail server is a real SMTP server (aiosmtpd) on a port of 127.0.0.1: first nothing listens
there (connection refused), later it does. The worker is the real `db_worker` of django-tasks'
database backend, run in batch mode. The requests commit for real (transactional tests).
"""

import datetime
import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.challenge_world import make_world
from tests.factories import ChallengeFactory, StaffRoleFactory
from uitdaagrecht.accounts.models import Membership, Role
from uitdaagrecht.core import outbox
from uitdaagrecht.core.models import MailStatus, OutgoingMail

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """The SMTP server's handler: every message it accepted, as (recipients, subject)."""

    def __init__(self) -> None:
        self.received: list[tuple[tuple[str, ...], str]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        subject = next(
            (
                line.split(":", 1)[1].strip()
                for line in envelope.content.decode("utf-8", "replace").splitlines()
                if line.lower().startswith("subject:")
            ),
            "",
        )
        self.received.append((tuple(envelope.rcpt_tos), subject))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """The settings of a production site whose mail server is down; .up() starts it."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 5
    settings.MAIL_RETRY_DELAYS = [0.2, 0.2, 0.2, 0.2]
    settings.STAFF_2FA_REQUIRED = False

    class Server:
        inbox = Inbox()
        controller: Controller | None = None

        def up(self) -> None:
            self.controller = Controller(self.inbox, hostname="127.0.0.1", port=settings.EMAIL_PORT)
            self.controller.start()

    server = Server()
    yield server
    if server.controller is not None:
        server.controller.stop()


def work() -> None:
    """One run of the real worker: every task that is due, then it stops."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


def submitted_challenge(world):
    """A submitted challenge; the e-mails its submission queued are not this test's business."""
    challenge = ChallengeFactory(
        municipality=world.place, organisation=world.organisation, task=world.task
    )
    OutgoingMail.objects.all().delete()
    return challenge


def post_message(client: Client, world, challenge, text: str):
    base = reverse(
        "workspace:challenge",
        kwargs={"municipality": world.place.slug, "reference": challenge.reference},
    )
    return client.post(f"{base}bericht/", {"text": text})


def test_mail_server_down_a_while_every_mail_delivered_once_and_no_500(smtp):
    world = make_world()
    challenge = submitted_challenge(world)
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)
    # The mail server is down: posting still works, the mails wait in the queue.
    assert post_message(client, world, challenge, "Zullen we bellen?").status_code == 302
    members = set(
        Membership.objects.filter(organisation=world.organisation).values_list(
            "user__email", flat=True
        )
    )
    # The challengers and the other coordinator are told; none of it is sent yet.
    per_message = OutgoingMail.objects.count()
    assert members <= set(OutgoingMail.objects.values_list("to", flat=True))
    work()
    assert set(OutgoingMail.objects.values_list("status", "attempts", "last_error")) == {
        (MailStatus.QUEUED, 1, "ConnectionRefusedError")
    }
    # Posting again while it is still down: the same.
    assert post_message(client, world, challenge, "Nog een vraag").status_code == 302
    time.sleep(0.3)
    work()
    assert OutgoingMail.objects.filter(status=MailStatus.SENT).count() == 0
    assert smtp.inbox.received == []
    # The server is back: the next attempts deliver everything, each once.
    smtp.up()
    time.sleep(0.3)
    work()
    mails = list(OutgoingMail.objects.order_by("pk"))
    assert [m.status for m in mails] == [MailStatus.SENT] * 2 * per_message
    expected = sorted(((m.to,), m.subject) for m in mails)
    assert sorted(smtp.inbox.received) == expected
    # Nothing goes twice: another worker run, a lost-task sweep, a task enqueued twice.
    outbox._enqueue([m.pk for m in mails])
    outbox.mail_requeue_due(now=timezone.now() + datetime.timedelta(days=1))
    time.sleep(0.3)
    work()
    assert len(smtp.inbox.received) == 2 * per_message


def test_a_mail_that_keeps_failing_shows_on_the_admins_page_and_can_be_sent_again(smtp):
    world = make_world()
    challenge = submitted_challenge(world)
    client = Client()
    client.force_login(world.coordinator)
    assert post_message(client, world, challenge, "Welkom").status_code == 302
    for _attempt in range(5):  # four retries, then it has failed for good
        work()
        time.sleep(0.25)
    assert set(OutgoingMail.objects.values_list("status", "attempts")) == {(MailStatus.FAILED, 5)}
    page = reverse("workspace:email_queue", kwargs={"municipality": world.place.slug})
    # Only the municipal admin sees the page; other staff get 403.
    assert client.get(page).status_code == 403
    admin = make_admin(world)
    client.force_login(admin)
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ConnectionRefusedError" in html
    assert world.resident.email not in html  # masked: enough to recognise, not to harvest
    assert outbox.masked(world.resident.email) in html
    # Another municipality's admin sees none of it.
    foreign = make_admin(world, municipality=world.other_place)
    other = Client()
    other.force_login(foreign)
    foreign_page = reverse("workspace:email_queue", kwargs={"municipality": world.other_place.slug})
    assert "ConnectionRefusedError" not in other.get(foreign_page).content.decode()
    # The server is back; the admin sends them again.
    smtp.up()
    assert client.post(page).status_code == 302
    work()
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}
    assert len(smtp.inbox.received) == OutgoingMail.objects.count()


def make_admin(world, municipality=None):
    return StaffRoleFactory(
        municipality=municipality or world.place, role=Role.MUNICIPAL_ADMIN
    ).user


def test_two_claims_on_one_mail_send_it_once(smtp):
    """Two workers (or a task queued twice) that reach one mail at once: one claims it."""
    smtp.up()
    mail = outbox.mail_queue(to="a@example.org", subject="Test", body="Hallo", purpose="test")
    now = timezone.now()
    OutgoingMail.objects.filter(pk=mail.pk).update(claimed_until=now + outbox.CLAIM)
    assert outbox.mail_deliver(pk=mail.pk, now=now) == "skipped"  # someone else has it
    OutgoingMail.objects.filter(pk=mail.pk).update(claimed_until=None)
    work()
    assert outbox.mail_deliver(pk=mail.pk) == "skipped"  # sent already
    assert len(smtp.inbox.received) == 1


def test_the_email_page_takes_as_many_queries_with_many_failed_mails(
    smtp, django_assert_num_queries
):
    """The page: session, user, municipality, roles, the counts per status (1) and the failed
    and retried e-mails (1): the same for 3 or 30 failed e-mails."""
    world = make_world()
    admin = make_admin(world)
    client = Client()
    client.force_login(admin)
    page = reverse("workspace:email_queue", kwargs={"municipality": world.place.slug})

    def measure(count: int) -> int:
        OutgoingMail.objects.all().delete()
        OutgoingMail.objects.bulk_create(
            OutgoingMail(
                to=f"p{n}@example.org",
                subject=f"Onderwerp {n}",
                body="",
                purpose="test",
                municipality_id=world.place.pk,
                status=MailStatus.FAILED,
                attempts=9,
                last_error="ConnectionRefusedError",
            )
            for n in range(count)
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        return len(queries)

    assert measure(30) == measure(3)
