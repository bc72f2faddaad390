"""The production shape, scaled out: two gunicorn app servers and two queue workers on one
PostgreSQL and one Redis (issue 12). Marked slow: it starts six processes.

- a session made on one server works on the other;
- the login lockout counts the failures made on both;
- two workers at once send every queued e-mail exactly once;
- a change made through one server shows on the other at once (page-cache generations in Redis);
- two check_terms at once escalate a stalled challenge once.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tests.factories import UserFactory
from tests.ops.test_mail_queue import Inbox, free_port
from uitdaagrecht.core import outbox
from uitdaagrecht.core.models import MailStatus, OutgoingMail

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
BIN = Path(sys.executable).parent
PASSWORD = "een lang wachtwoord"


def redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture
def cluster(settings):
    if connection.vendor != "postgresql" or not redis_running():
        pytest.skip("needs PostgreSQL and Redis")
    import redis

    # The servers' cache: empty at the start, so a page cached by an earlier run (Redis keeps
    # its data between runs, the test database does not) is never served.
    redis.Redis(host="127.0.0.1", port=6379, db=13).flushdb()
    params = connection.settings_dict
    smtp_port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "uitdaagrecht.conf.testing",
        "DATABASE_URL": (
            f"postgres://{params['USER'] or 'postgres'}@{params['HOST'] or '127.0.0.1'}:"
            f"{params['PORT'] or 5432}/{params['NAME']}"
        ),
        "CACHE_URL": "redis://127.0.0.1:6379/13",
        "TASKS_BACKEND": "database",
        "UITDAAGRECHT_TEST_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "ALLOWED_HOSTS": "127.0.0.1",
        "REQUEST_LOG": "0",
        "STAFF_2FA_REQUIRED": "0",
        # Plain http between the test and the servers: cookies without the Secure flag.
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
    }
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [str(BIN / "gunicorn"), "-b", f"127.0.0.1:{port}", "-w", "2", "uitdaagrecht.conf.wsgi"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    try:
        for port in ports:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                    break
                except OSError:
                    time.sleep(0.1)
        yield ports, env, inbox
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
        smtp.stop()


class Browser:
    """Cookies shared between the two servers, as a browser behind a load balancer has them."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, port: int, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self._request(port, path), timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def log_in(self, port: int, email: str, password: str) -> int:
        status, page = self.get(port, "/account/inloggen/")
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if found is None:  # the lockout page instead of the form
            return status
        token = found.group(1)
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": email, "password": password}
        ).encode()
        request = self._request(port, "/account/inloggen/", data)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    @staticmethod
    def _request(port: int, path: str, data: bytes | None = None) -> urllib.request.Request:
        # Cookies ignore the port: both servers get them, as behind one load balancer.
        return urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data)


def test_a_session_made_on_one_server_works_on_the_other(cluster):
    (a, b), _env, _inbox = cluster
    UserFactory(email="anna@example.org", password=PASSWORD)
    browser = Browser()
    assert browser.log_in(a, "anna@example.org", PASSWORD) == 200  # followed to the account page
    status, page = browser.get(b, "/account/")
    assert status == 200 and 'name="password"' not in page  # the account page, not the login
    assert 'name="password"' in Browser().get(b, "/account/")[1]  # without the cookie: login


def test_the_lockout_counts_failures_on_both_servers(cluster, settings):
    (a, b), _env, _inbox = cluster
    UserFactory(email="bram@example.org", password=PASSWORD)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        Browser().log_in(a if attempt % 2 else b, "bram@example.org", "fout wachtwoord")
    # Locked on both, also with the right password.
    for port in (a, b):
        status = Browser().log_in(port, "bram@example.org", PASSWORD)
        assert status in (403, 429), status


def test_two_workers_at_once_send_every_mail_exactly_once(cluster, settings):
    _ports, env, inbox = cluster
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    mails = [
        outbox.mail_queue(to=f"p{n}@example.org", subject=f"Bericht {n}", body="Hallo", purpose="t")
        for n in range(60)
    ]
    outbox._enqueue([m.pk for m in mails])  # every mail in two tasks: the workers race for it
    workers = [
        subprocess.Popen(
            [str(BIN / "uitdaagrecht"), "db_worker", "--batch", "--no-startup-delay"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    for worker in workers:
        assert worker.wait(timeout=120) == 0
    assert OutgoingMail.objects.filter(status=MailStatus.SENT).count() == len(mails)
    received = sorted(subject for _to, subject in inbox.received)
    assert received == sorted(f"Bericht {n}" for n in range(60))  # each once, none twice


def test_a_change_through_one_server_shows_on_the_other_at_once(cluster):
    from tests.factories import MunicipalityFactory, StaffRoleFactory

    (a, b), _env, _inbox = cluster
    place = MunicipalityFactory(name="Schaalstad", slug="schaalstad")
    admin = StaffRoleFactory(municipality=place, admin=True).user
    admin.set_password(PASSWORD)
    admin.save()
    anonymous = Browser()
    status, before = anonymous.get(b, "/schaalstad/")  # now in the shared page cache
    assert status == 200 and "Waarom wij uitdagen: de buurt weet het" not in before
    staff = Browser()
    assert staff.log_in(a, admin.email, PASSWORD) == 200
    _status, form = staff.get(a, "/schaalstad/beheer/pagina/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    fields = dict(re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', form))
    fields.update(
        csrfmiddlewaretoken=token,
        definition="",
        why="Waarom wij uitdagen: de buurt weet het",
        accessibility_statement="",
    )
    request = staff._request(
        a, "/schaalstad/beheer/pagina/", urllib.parse.urlencode(fields).encode()
    )
    with staff.opener.open(request, timeout=20) as response:
        assert response.status == 200
    status, after = anonymous.get(b, "/schaalstad/")
    assert status == 200 and "Waarom wij uitdagen: de buurt weet het" in after


def test_two_check_terms_at_once_escalate_once(cluster):
    import datetime

    from django.utils import timezone

    from tests.challenge_world import in_state, make_world
    from uitdaagrecht.challenges.models import Challenge, Event, EventKind
    from uitdaagrecht.challenges.workflow import State

    _ports, env, _inbox = cluster
    world = make_world()
    challenge = in_state(world, State.INTAKE)
    Challenge.objects.filter(pk=challenge.pk).update(
        deadline=timezone.now() - datetime.timedelta(days=3)
    )
    runs = [
        subprocess.Popen(
            [str(BIN / "uitdaagrecht"), "check_terms"],
            env={**env, "TASKS_BACKEND": "immediate"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    escalations = Event.objects.filter(challenge=challenge, kind=EventKind.ESCALATION)
    assert escalations.count() == 1
