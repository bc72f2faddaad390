"""Observability: one JSON log line per request with a request id and no personal data; the id in
the response and on error pages; Prometheus metrics only for the operations team (issue 12)."""

import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.factories import MunicipalityFactory, UserFactory
from uitdaagrecht.core.observability import JsonFormatter

pytestmark = pytest.mark.django_db


class Lines(logging.Handler):
    """The request log as the operations team reads it: each record through the JSON formatter."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def request_log():
    handler = Lines()
    logger = logging.getLogger("uitdaagrecht.requests")
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)


def test_one_json_line_per_request_with_its_id_and_no_personal_data(client, request_log):
    place = MunicipalityFactory()
    user = UserFactory(email="geheim.adres@example.org", full_name="Fatima de Vries")
    client.force_login(user)
    token = "s3cr3t-t0ken-1234567890"
    subscribe = reverse("notifications:subscribe", kwargs={"municipality": place.slug})
    responses = [
        client.get(f"{subscribe}?email=geheim.adres@example.org"),
        client.get(reverse("accounts:invitation", kwargs={"token": token})),
        client.get("/bestaat/niet/geheim.adres@example.org/"),
    ]
    assert len(request_log) == 3
    for line, response in zip(request_log, responses, strict=True):
        record = json.loads(line)  # one line, valid JSON
        assert "\n" not in line
        assert record["request_id"] == response["X-Request-ID"]
        assert record["status"] == response.status_code
        assert record["method"] == "GET" and record["duration_ms"] >= 0
        for secret in ("geheim.adres", "example.org", "Fatima", token):
            assert secret not in line
    assert json.loads(request_log[0])["route"].endswith("meldingen/")
    assert json.loads(request_log[1])["route"].endswith("<str:token>/")


def test_the_proxys_request_id_is_kept_and_a_strange_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abc123-proxy.7")["X-Request-ID"] == (
        "abc123-proxy.7"
    )
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID="<script>\n")["X-Request-ID"]
    assert replaced != "<script>\n" and len(replaced) == 32


def test_the_request_id_is_on_the_error_pages():
    client = Client(raise_request_exception=False)
    error = OperationalError("refused")
    with mock.patch.object(connection, "cursor", side_effect=error):
        response = client.get("/api/v1/municipalities/")
        page = client.get(f"/{MunicipalityFactory.build().slug}/")
    assert response.status_code == 503 and response["X-Request-ID"]
    assert page.status_code == 503
    assert f"Kenmerk voor de helpdesk: {page['X-Request-ID']}" in page.content.decode()
    bug = RuntimeError("a bug")
    with mock.patch("django.urls.resolvers.URLPattern.resolve", side_effect=bug):
        crashed = client.get("/")
    assert crashed.status_code == 500
    assert crashed["X-Request-ID"] in crashed.content.decode()


def test_metrics_need_the_token_or_an_allowed_address(client, settings):
    settings.METRICS_TOKEN = "operations-token-123"
    settings.METRICS_ALLOWED_IPS = ["10.0.0.7"]
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer operations-token-123")
    assert response.status_code == 200
    assert "django_http_requests_latency_seconds_by_view_method" in response.content.decode()
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.7").status_code == 200
    settings.METRICS_TOKEN = ""  # no token configured: an empty bearer opens nothing
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_metrics_are_reachable_over_plain_http_with_the_ssl_redirect_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.METRICS_TOKEN = "operations-token-123"
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer operations-token-123")
    assert response.status_code == 200
