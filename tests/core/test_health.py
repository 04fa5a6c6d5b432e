"""The load balancer's health check answers for this server's database and cache, never cached."""

from django.db import OperationalError

import pytest

from core import health

pytestmark = pytest.mark.django_db

PATH = "/_sante/"


def test_a_healthy_server_answers_ok_to_a_probe_by_address_over_plain_http(client, settings):
    """A balancer probes http://10.0.0.5/_sante/: no redirect, no refused Host, no cache."""
    settings.SECURE_SSL_REDIRECT = True
    settings.PAGE_CACHE_ENABLED = True
    response = client.get(PATH, HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in response
    assert not response.cookies


def test_head_is_answered_too(client):
    """Some balancers probe with HEAD."""
    assert client.head(PATH).status_code == 200


def test_a_cache_that_fails_takes_the_server_out(client, monkeypatch):
    """Publications through a server without the shared cache would leave stale pages."""

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(health.cache, "set", down)
    response = client.get(PATH)
    assert response.status_code == 503
    assert response.content.decode() == "indisponible : cache\n"
    assert "no-store" in response["Cache-Control"]


def test_a_database_that_fails_takes_the_server_out(client, monkeypatch):
    """The answer names what failed, in French, and nothing more."""

    class BrokenConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get(PATH)
    assert response.status_code == 503
    assert response.content.decode() == "indisponible : base de données\n"


def test_other_methods_and_addresses_go_to_the_site(client):
    """Only a GET or HEAD of the exact path is the probe."""
    assert client.post(PATH).status_code != 200
    assert client.get("/_sante/autre/").status_code == 404
