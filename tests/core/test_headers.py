"""Security headers on every answer: a strict CSP on the site, a relaxed one in the admin only."""

import importlib

from django.test import override_settings

import pytest
from bs4 import BeautifulSoup

from tests.factories import TEST_PASSWORD, UserFactory
from tests.support import public_page_urls, soup

pytestmark = pytest.mark.django_db

UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "'nonce-", "'strict-dynamic'", "data:")


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def inline_code(html):
    """Every inline script, style element, style attribute, event handler or javascript: URL."""
    document = BeautifulSoup(html, "html.parser")
    found = []
    for script in document.find_all("script"):
        if script.get("src"):
            continue
        if script.get("type") in {"application/ld+json", "application/json"}:
            continue
        found.append(str(script)[:120])
    found += [str(style)[:120] for style in document.find_all("style")]
    for tag in document.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute == "style" or attribute.startswith("on"):
                found.append(f"<{tag.name} {attribute}=…>")
            if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                found.append(f"<{tag.name} {attribute}=javascript:…>")
    return found


def assert_strict_headers(response):
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    header = response["Content-Security-Policy"]
    assert not any(unsafe in header for unsafe in UNSAFE_SOURCES), header
    assert_common_headers(response)


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@pytest.fixture(scope="module")
def public_urls(public_site):
    return public_page_urls(public_site)


def test_every_public_page_has_the_strict_policy_and_no_inline_code(client, public_urls):
    """Each public page type: strict CSP, DENY framing, and not one inline script or style."""
    for label, url in public_urls.items():
        response = client.get(url)
        assert response.status_code == 200, label
        assert_strict_headers(response)
        assert response["X-Frame-Options"] == "DENY", label
        assert inline_code(response.content.decode()) == [], label


def test_the_policy_has_no_nonce_so_a_cached_page_stays_valid(client, public_urls):
    """Two visits get the very same header: a stored page and its policy can be shared."""
    first = client.get(public_urls["accueil"])["Content-Security-Policy"]
    second = client.get(public_urls["accueil"])["Content-Security-Policy"]
    assert first == second


def test_news_json_ld_is_a_data_block_that_cannot_close_its_element(client, public_site):
    """The only inline <script> is JSON-LD, with `<` escaped so a title cannot break out."""
    response = client.get(public_site.charter_news.url)
    scripts = soup(response).find_all("script", src=False)
    assert [script["type"] for script in scripts] == ["application/ld+json"]
    assert "<" not in scripts[0].string


@pytest.mark.parametrize(
    "url",
    ["/connexion/", "/connexion/mot-de-passe-oublie/", "/page-qui-n-existe-pas/"],
)
def test_sign_in_reset_and_404_pages_are_strict_too(client, home_page, url):
    response = client.get(url)
    assert response.status_code in {200, 404}
    assert_strict_headers(response)
    assert inline_code(response.content.decode()) == []


def test_member_area_pages_are_strict(client_for, member_area):
    """The member area (dashboard, draft with its feedback form, search) has the same policy."""
    client = client_for("council")
    for url in (
        member_area["area"].url,
        member_area["draft"].url,
        member_area["minutes"].url,
        "/espace-membres/recherche/?q=strat%C3%A9gie",
        "/espace-membres/mon-compte/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_headers(response)
        assert inline_code(response.content.decode()) == [], url


def test_admin_gets_the_relaxed_policy_and_only_the_admin(admin_client, public_site):
    """Wagtail's admin may run inline code; the public page an editor views may not."""
    admin = admin_client.get("/admin/")
    assert admin.status_code == 200
    csp = policy(admin)
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in admin["Content-Security-Policy"]
    assert_common_headers(admin)

    public = admin_client.get(public_site.home.url)
    assert_strict_headers(public)


def test_page_preview_may_be_framed_by_the_admin_only(admin_client, public_site):
    """The preview panel frames the preview: same origin allowed, nobody else."""
    page = public_site.standard
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/?mode=")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response)["frame-ancestors"] == ["'self'"]


@override_settings(SECURE_HSTS_SECONDS=31536000)
def test_hsts_over_https(client, home_page):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_base_settings_are_strict_on_their_own():
    """base.py, which production uses unchanged, sends HSTS and secure, HttpOnly cookies."""
    base = importlib.import_module("cms.settings.base")
    assert base.DEBUG is False
    assert base.SECURE_HSTS_SECONDS >= 31536000
    assert base.SECURE_SSL_REDIRECT is True
    assert base.SESSION_COOKIE_SECURE and base.CSRF_COOKIE_SECURE
    assert base.SESSION_COOKIE_HTTPONLY and base.CSRF_COOKIE_HTTPONLY
    assert base.SESSION_COOKIE_SAMESITE == base.CSRF_COOKIE_SAMESITE == "Lax"
    assert base.X_FRAME_OPTIONS == "DENY"
    assert base.ADMIN_2FA_REQUIRED is True


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_sign_in_cookies_are_secure_httponly_and_samesite(client, home_page):
    """After signing in, the session and CSRF cookies carry Secure, HttpOnly and SameSite."""
    UserFactory(email="partenaire@example.org")
    client.get("/connexion/")
    response = client.post(
        "/connexion/", {"username": "partenaire@example.org", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name]
        assert cookie["secure"], name
        assert cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name


def test_unknown_host_gets_a_plain_400_with_the_headers(client, home_page):
    """A Host outside ALLOWED_HOSTS is refused with 400, and no debug page."""
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    body = response.content.decode()
    assert "evil.example" not in body
    assert "Traceback" not in body and "DisallowedHost" not in body
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
    assert "Permissions-Policy" in response
