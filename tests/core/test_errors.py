"""Error answers: probes get a plain 404 or 400, crashes a static page, outages a French 503."""

from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.db import OperationalError

import pytest

from home.models import HomePage
from members.models import MembershipApplication

pytestmark = pytest.mark.django_db

DEBUG_MARKERS = (
    "Traceback",
    "DEBUG = True",
    "Django settings",
    "Using the URLconf",
    "SECRET_KEY",
    "site-packages",
    "Request Method",
)

PROBES = [
    "/.env",
    "/.git/HEAD",
    "/.git/config",
    "/wp-login.php",
    "/%ff",
    "/%c0%af",
    "/%00",
    "/..%2f..%2fetc/passwd",
    "/static/..%2f..%2fcms/settings/base.py",
    "/media/images/..%2f..%2f.env",
    "/media/images/../../.env",
    "/media/original_images/anything.jpg",
    "/media/documents/anything.pdf",
    "/documents/999999/secret.pdf",
    "/" + "a" * 5000 + "/",
    "/actualites/" + "%2e%2e/" * 20,
    "/recherche/?q=%ff%fe%00",
]


def assert_no_debug_information(response):
    body = response.content.decode(errors="replace")
    for marker in DEBUG_MARKERS:
        assert marker not in body, marker


@pytest.mark.parametrize("url", PROBES)
def test_probes_and_malformed_urls_get_a_plain_answer(client, home_page, url):
    response = client.get(url)
    assert response.status_code in {200, 400, 404}, (url, response.status_code)
    if "recherche" not in url:
        assert response.status_code in {400, 404}, url
    assert_no_debug_information(response)


def test_a_crash_shows_the_static_french_page(client, home_page, monkeypatch):
    """An unexpected error gives the 500 page, never a traceback or the error's text."""

    def crash(request):
        raise RuntimeError("détail interne secret")

    monkeypatch.setattr("home.views.public_pages", crash)
    client.raise_request_exception = False
    response = client.get("/recherche/?q=limoges")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Le site rencontre un problème" in body
    assert "détail interne secret" not in body
    assert_no_debug_information(response)
    assert "Content-Security-Policy" in response


def test_a_database_outage_gives_a_french_503_asking_to_retry(client, home_page, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(HomePage, "get_context", unreachable)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "Service momentanément indisponible" in body
    assert "réessayez dans quelques instants" in body
    assert "connection refused" not in body
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_search_tells_an_outage_from_a_query_it_cannot_parse(client, home_page, monkeypatch):
    """A refused query answers « no result »; a lost database still answers 503."""

    def refused(request):
        raise OperationalError("fts5: syntax error")

    monkeypatch.setattr("home.views.public_pages", refused)
    assert client.get("/recherche/?q=limoges").status_code == 200
    monkeypatch.setattr("home.views.database_is_reachable", lambda: False)
    client.raise_request_exception = False
    assert client.get("/recherche/?q=limoges").status_code == 503


def test_an_outage_in_a_middleware_gives_the_503_too(client, home_page, superuser, monkeypatch):
    """Even when the session cannot be read, before any view runs."""
    client.force_login(superuser)

    def unreachable(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", unreachable)
    client.raise_request_exception = False
    response = client.get("/espace-membres/mon-compte/")
    assert response.status_code == 503
    assert "réessayez" in response.content.decode()


def test_a_form_sent_during_an_outage_is_refused_clearly_and_stored_when_sent_again(
    client, join_page, join_data, monkeypatch
):
    """Never lost silently, never half-written: nothing stored, no e-mail, a French 503."""
    original_save = MembershipApplication.save

    def unreachable(self, *args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(MembershipApplication, "save", unreachable)
    client.raise_request_exception = False
    response = client.post(join_page.url, join_data())
    assert response.status_code == 503
    assert "il n'a pas été enregistré" in response.content.decode().replace("&#x27;", "'")
    assert not MembershipApplication.objects.exists()
    assert mail.outbox == []

    monkeypatch.setattr(MembershipApplication, "save", original_save)
    again = client.post(join_page.url, join_data())
    assert again.status_code == 302
    assert MembershipApplication.objects.count() == 1
    assert len(mail.outbox) == 1
