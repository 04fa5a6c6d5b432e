"""Two application servers sharing PostgreSQL and Redis behave as one site.

Each "server" here is its own connection to the local Redis (same database, same key prefix),
as two gunicorn instances on two machines would have. Skipped when Redis is not running
locally; CI starts it, and fails rather than skips.
"""

import os
import uuid

import pytest

from tests import factories
from tests.support import build_public_site

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

pytestmark = pytest.mark.django_db


def redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        reason = f"Redis injoignable sur {REDIS_URL} : redis-server --daemonize yes"
        if IN_CI:
            pytest.fail(f"CI needs Redis. {reason}", pytrace=False)
        pytest.skip(reason)
    return client


@pytest.fixture
def two_servers(settings):
    """Two cache aliases, each a separate connection to one Redis database and prefix."""
    client = redis_or_skip()
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    shared = {
        "BACKEND": "django_redis.cache.RedisCache",  # production's backend
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    settings.CACHES = {"default": dict(shared), "server-a": dict(shared), "server-b": dict(shared)}
    settings.PAGE_CACHE_ENABLED = True
    yield settings
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def through(settings, server):
    """Route the page cache through one server's own connection."""
    settings.PAGE_CACHE_ALIAS = server


def test_a_publication_through_one_server_is_seen_at_once_through_the_other(
    client, two_servers, home_page
):
    """Server B serves what server A stored, and stops the moment A publishes."""
    site = build_public_site(home_page)
    url = site.news_index.url

    through(two_servers, "server-a")
    assert client.get(url)["X-Cache"] == "MISS"
    through(two_servers, "server-b")
    assert client.get(url)["X-Cache"] == "HIT"
    # And again: a second request finds the same stored copy.
    assert client.get(url)["X-Cache"] == "HIT"

    through(two_servers, "server-a")
    fresh = factories.NewsPageFactory(
        parent=site.news_index, title="Publié par le serveur A", listing_image=site.image
    )

    through(two_servers, "server-b")
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert fresh.title in response.content.decode()
    assert client.get(fresh.url)["X-Cache"] == "MISS"
