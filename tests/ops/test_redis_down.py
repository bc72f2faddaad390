"""Redis down: the site works without its cache and sessions survive (issue 12).

The cache is the real Redis backend of production (core.cache.RedisCache) pointed at a port of
127.0.0.1 where nothing listens, or at the real Redis on 6379 that then "goes away".
"""

import socket

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_at(settings, port: int) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "uitdaagrecht.core.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/15",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        },
    }


def redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def test_pages_work_and_people_log_in_with_redis_down(settings):
    redis_at(settings, closed_port())
    place = MunicipalityFactory()
    user = UserFactory(email="anna@example.org", password="een lang wachtwoord")
    client = Client()
    for path in ["/", place.get_absolute_url(), reverse("catalog:catalogue", args=[place.slug])]:
        assert client.get(path).status_code == 200, path
        assert client.get(path).status_code == 200, path  # the page cache misses, again
    assert client.get("/api/v1/municipalities/").status_code == 200
    response = client.post(
        reverse("accounts:login"),
        {"username": "anna@example.org", "password": "een lang wachtwoord"},
    )
    assert response.status_code == 302
    assert client.get(reverse("portal:account")).status_code == 200
    assert int(client.session["_auth_user_id"]) == user.pk
    # The cache's counters fail open: registration still answers.
    assert cache.add("probe", 1) is True and cache.get("probe") is None
    assert cache.incr("probe") == 1


@pytest.mark.skipif(not redis_running(), reason="needs the Redis server on 127.0.0.1:6379")
def test_a_session_made_with_redis_survives_when_redis_goes_away(settings):
    redis_at(settings, 6379)
    cache.clear()
    UserFactory(email="bram@example.org", password="een lang wachtwoord")
    client = Client()
    response = client.post(
        reverse("accounts:login"),
        {"username": "bram@example.org", "password": "een lang wachtwoord"},
    )
    assert response.status_code == 302
    assert client.get(reverse("portal:account")).status_code == 200
    cache.clear()
    redis_at(settings, closed_port())  # Redis is gone; the session is in the database too
    assert client.get(reverse("portal:account")).status_code == 200
