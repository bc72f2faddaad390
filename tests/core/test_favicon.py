"""A plain /favicon.ico for the platform: browsers and crawlers ask for it on every site."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_favicon_is_served_and_linked(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content.startswith(b"\x00\x00\x01\x00")  # an ICO file
    assert "public" in response["Cache-Control"]
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in client.get("/").content.decode()
    assert client.post("/favicon.ico").status_code == 405
