"""The database down: a friendly 503 in the site's layout (JSON for the API), /readyz 503 also over
plain http with the SSL redirect on, and recovery without a restart (issue 12).

The real one: gunicorn in a subprocess, connected to PostgreSQL through a TCP relay on 127.0.0.1
that the test cuts and restores, so the database "goes down" for the app as it would on a network
or failover, without stopping the shared server. It needs PostgreSQL; the in-process tests below
run on both databases.
"""

import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Relay:
    """A TCP relay from a local port to PostgreSQL that can be cut (all connections dropped,
    new ones refused) and restored on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread (close does not)
            listener.close()
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass


def get(port: int, path: str, **headers) -> tuple[int, dict, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request("GET", path, headers={"Host": "localhost", **headers})
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, dict(response.getheaders()), body


HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.fixture
def app_behind_relay():
    settings_dict = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the SQLite run has no database server to cut off")
    relay = Relay((settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432)))
    relay.up()
    port = free_port()
    user = settings_dict["USER"] or "postgres"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "uitdaagrecht.conf.testing",
        "DATABASE_URL": f"postgres://{user}@127.0.0.1:{relay.port}/{settings_dict['NAME']}",
        "SECURE_SSL_REDIRECT": "1",
        "ALLOWED_HOSTS": "localhost",
        "CONN_MAX_AGE": "60",
        "DEBUG": "0",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-b", f"127.0.0.1:{port}", "-w", "1", "uitdaagrecht.conf.wsgi"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield port, relay
    finally:
        server.terminate()
        server.wait(timeout=10)
        relay.down()


def test_database_down_gives_503_pages_and_the_site_recovers_without_restart(app_behind_relay):
    port, relay = app_behind_relay
    place = f"/{MunicipalityFactory().slug}/"
    # Up: ready over plain http although pages redirect to https.
    assert get(port, "/readyz")[0] == 200
    status, headers, _body = get(port, "/")
    assert status == 301 and headers["Location"].startswith("https://")
    assert get(port, "/", **HTTPS)[0] == 200

    relay.down()
    status, _headers, body = get(port, "/readyz")
    assert (status, json.loads(body)) == (503, {"database": "unavailable"})
    assert get(port, "/healthz")[0] == 200  # alive: no reason to restart it
    # A public page in the page cache is still served; any other page is a 503 in the layout.
    assert get(port, "/", **HTTPS)[0] == 200
    status, headers, body = get(port, place, **HTTPS)
    assert status == 503 and headers["Retry-After"] == "30"
    assert "Tijdelijk niet beschikbaar" in body and 'class="utrecht-page-header' in body
    status, _headers, body = get(port, f"/en{place}", **HTTPS)
    assert status == 503 and "Temporarily unavailable" in body
    status, headers, body = get(port, "/api/v1/municipalities/", **HTTPS)
    assert status == 503 and headers["Content-Type"] == "application/json"
    assert "detail" in json.loads(body)

    relay.up()  # the database is back: the same processes serve again
    assert get(port, "/readyz")[0] == 200
    assert get(port, place, **HTTPS)[0] == 200
    assert get(port, "/api/v1/municipalities/", **HTTPS)[0] == 200


def broken_database():
    """The connection fails as a refused one does (the in-process check of the pages)."""
    error = OperationalError('connection to server at "127.0.0.1", port 1 failed: refused')
    return mock.patch.object(connection, "cursor", side_effect=error)


@pytest.mark.parametrize(
    ("path", "text"),
    [("/", "Tijdelijk niet beschikbaar"), ("/en/", "Temporarily unavailable")],
)
def test_pages_answer_503_in_the_layout_when_the_database_fails(path, text):
    client = Client(raise_request_exception=False)
    with broken_database():
        response = client.get(path)
    assert response.status_code == 503
    page = response.content.decode()
    assert text in page and 'class="utrecht-page-header' in page
    assert response["Retry-After"] == "30"


def test_the_api_answers_503_in_json_when_the_database_fails():
    client = Client(raise_request_exception=False)
    with broken_database():
        response = client.get("/api/v1/municipalities/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_readyz_is_exempt_from_the_ssl_redirect(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301
