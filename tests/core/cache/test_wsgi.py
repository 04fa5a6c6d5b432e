"""Stored pages answered in front of Django (core.cache.wsgi), by two servers sharing Redis.

Server A renders and stores through Django's middleware (the test client); server B is the
WSGI application gunicorn runs, with its own connection to the same Redis database and
prefix. Its inner application stands for Django: it records the requests that reach it.
"""

from unittest import mock

from django.test import RequestFactory

import pytest

from core import audience
from core.cache import GENERATION_KEY, LOOKED_UP, read_current, request_key
from core.cache.wsgi import PageCacheApplication
from tests import factories
from tests.core.cache.test_shared_cache import redis_or_skip, through, two_servers  # noqa: F401
from tests.support import build_public_site

pytestmark = pytest.mark.django_db


class Django:
    """The inner application: what reaches Django, answered with a plain 200."""

    def __init__(self):
        self.environs = []

    def __call__(self, environ, start_response):
        self.environs.append(environ)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"rendu par Django"]


def call(application, path, method="get", **environ):
    request = getattr(RequestFactory(), method)(path, **environ)
    answer = {}

    def start_response(status, headers):
        answer.update(status=status, headers=dict(headers))

    body = b"".join(application(request.environ, start_response))
    return answer["status"], answer["headers"], body, request.environ


@pytest.fixture
def server_b(two_servers):  # noqa: F811
    """Server B's application; the page cache goes through B's connection when it runs."""
    django = Django()
    application = PageCacheApplication(django)

    def serve(path, method="get", **environ):
        through(two_servers, "server-b")
        return call(application, path, method, **environ)

    serve.django = django
    return serve


@pytest.fixture
def stored(client, two_servers, home_page):  # noqa: F811
    """The news index, rendered and stored by server A."""
    site = build_public_site(home_page)
    through(two_servers, "server-a")
    response = client.get(site.news_index.url)
    assert response["X-Cache"] == "MISS"
    return site, response


def redis_commands(cache):
    """Counts what the cache asks of Redis through its client."""
    client = cache.client.get_client()
    return mock.patch.object(client, "execute_command", wraps=client.execute_command)


def test_a_stored_page_is_answered_without_django(stored, server_b):
    site, rendered = stored
    status, headers, body, _ = server_b(site.news_index.url)
    assert status == "200 OK"
    assert headers["X-Cache"] == "HIT"
    assert headers["Content-Security-Policy"] == rendered["Content-Security-Policy"]
    assert body == rendered.content
    assert server_b.django.environs == []


def test_a_kept_page_costs_no_round_trip_to_redis(stored, server_b, two_servers):  # noqa: F811
    from django.core.cache import caches

    url = stored[0].news_index.url
    # The first answer fetches the page, the second starts watching the generation.
    server_b(url)
    server_b(url)
    with redis_commands(caches["server-b"]) as commands:
        for _ in range(3):
            assert server_b(url)[1]["X-Cache"] == "HIT"
    assert commands.call_count == 0


def test_a_publication_on_the_other_server_is_seen_at_the_next_request(
    stored,
    server_b,
    two_servers,  # noqa: F811
):
    site, _ = stored
    url = site.news_index.url
    server_b(url)
    assert server_b(url)[1]["X-Cache"] == "HIT"
    through(two_servers, "server-a")
    factories.NewsPageFactory(parent=site.news_index, title="Publié sur A")

    status, _, body, environ = server_b(url)
    assert body == b"rendu par Django"
    # Django's middleware stores what it renders under the generation just read.
    from django.core.cache import caches

    generation = caches["server-b"].get(GENERATION_KEY)
    assert environ[LOOKED_UP][1] == generation


def test_a_lost_watch_connection_means_the_generation_is_read_again(stored, server_b):
    site, _ = stored
    url = site.news_index.url
    server_b(url)
    assert server_b(url)[1]["X-Cache"] == "HIT"
    redis = redis_or_skip()
    database = str(redis.connection_pool.connection_kwargs.get("db", 0))
    tracking = [c["id"] for c in redis.client_list() if "t" in c["flags"] and c["db"] == database]
    assert tracking, "server B watches the generation"
    for client_id in tracking:
        redis.client_kill_filter(_id=client_id)
    # Changed while nobody was told: only reading it again can notice.
    from django.core.cache import caches

    caches["server-b"].incr(GENERATION_KEY)

    assert server_b(url)[2] == b"rendu par Django"


def test_hits_in_front_of_django_are_counted_in_the_audience(stored, server_b, settings):
    settings.AUDIENCE_ENABLED = True
    url = stored[0].news_index.url
    audience.tally.take()
    server_b(url, HTTP_USER_AGENT="Mozilla/5.0")
    server_b(url, HTTP_USER_AGENT="Mozilla/5.0", HTTP_DNT="1")
    pages, _ = audience.tally.take()
    assert sum(views for (_, path), views in pages.items() if path == url) == 1


@pytest.mark.parametrize(
    "environ",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "messages=abc"},
        {"HTTP_AUTHORIZATION": "Basic YTpi"},
        {"QUERY_STRING": "utm_source=lettre"},
        {"HTTP_HOST": "evil.example"},
    ],
    ids=["session", "messages", "authorization", "unknown parameter", "unknown host"],
)
def test_what_may_not_use_the_cache_goes_to_django(stored, server_b, environ):
    assert server_b(stored[0].news_index.url, **environ)[2] == b"rendu par Django"


def test_posts_and_admin_pages_go_to_django(stored, server_b):
    assert server_b("/admin/")[2] == b"rendu par Django"
    assert server_b(stored[0].news_index.url, method="post")[2] == b"rendu par Django"


def test_the_middleware_stores_under_the_generation_read_in_front(client, stored, settings):
    site, _ = stored
    url = site.news_index.url
    factories.NewsPageFactory(parent=site.news_index, title="Nouvelle")
    from django.core.cache import caches

    cache = caches[settings.PAGE_CACHE_ALIAS]
    key = request_key(RequestFactory().get(url, secure=False))
    generation = cache.get(GENERATION_KEY)
    assert client.get(url, **{LOOKED_UP: (key, generation)})["X-Cache"] == "MISS"
    assert read_current(cache, key) == (generation, mock.ANY)
    assert read_current(cache, key)[1] is not None
    # A key that is not this request's is ignored.
    cache.incr(GENERATION_KEY)
    assert client.get(url, **{LOOKED_UP: ("autre", 1)})["X-Cache"] == "MISS"
    assert read_current(cache, key)[1] is not None


def test_hostile_requests_are_left_for_django_to_refuse(stored, server_b, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    many = "&".join(f"page={n}" for n in range(50))
    assert server_b(stored[0].news_index.url, QUERY_STRING=many)[2] == b"rendu par Django"
    assert server_b("/%ff%fe/")[2] == b"rendu par Django"
