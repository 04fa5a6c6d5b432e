"""In Chromium: the policies block nothing the site or the admin needs (no CSP violation)."""

from urllib.parse import urlsplit

from django.core import mail

import pytest

from tests import factories
from tests.factories import TEST_PASSWORD
from tests.support import build_public_site, public_page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def violations(page):
    """Every Content-Security-Policy violation Chromium reports on the page's console."""
    found = []

    def record(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            found.append((page.url, message.text[:300]))

    page.on("console", record)
    return found


@pytest.fixture
def site(transactional_db, live_server):
    site = build_public_site(factories.HomePageFactory())
    site.base_url = live_server.url
    return site


def sign_in_to_admin(page, base_url, email):
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", TEST_PASSWORD)
    with page.expect_navigation():
        page.click("form.login-form button[type=submit]")
    # Nothing may still be loading when the test ends and the live server stops.
    page.wait_for_load_state("networkidle")


def test_public_pages_run_under_the_strict_policy(page, site, violations):
    """Menus, search and pages work with no inline code: Chromium reports no violation."""
    for path in public_page_urls(site).values():
        response = page.goto(site.base_url + path)
        assert response.status == 200, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(site.base_url + "/")
    page.get_by_role("button", name="Menu").click()
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_admin_works_under_its_relaxed_policy(page, site, violations):
    """Dashboard, page editor, preview and uploads load without a blocked script or style."""
    factories.UserFactory(email="admin@example.org", superuser=True)
    sign_in_to_admin(page, site.base_url, "admin@example.org")
    for path in (
        "/admin/",
        f"/admin/pages/{site.home.pk}/",
        f"/admin/pages/{site.charter_news.pk}/edit/",
        f"/admin/pages/{site.standard.pk}/edit/",
        "/admin/images/add/",
        "/admin/documents/multiple/add/",
    ):
        response = page.goto(site.base_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    # The editor's user bar on a public page runs under the strict policy.
    page.goto(site.base_url + site.charter_news.url)
    page.wait_for_load_state("networkidle")
    assert page.locator("wagtail-userbar").count() == 1
    assert violations == []


def test_two_factor_enrolment_page_shows_its_qr_code(page, site, violations, settings):
    settings.ADMIN_2FA_REQUIRED = True
    factories.UserFactory(email="admin@example.org", superuser=True)
    sign_in_to_admin(page, site.base_url, "admin@example.org")
    assert "/admin/double-authentification/configurer/" in page.url
    # The key is shown only after the link e-mailed to the account is followed.
    link = next(
        line.strip()
        for line in mail.outbox[-1].body.splitlines()
        if "/double-authentification/activer/" in line
    )
    page.goto(site.base_url + urlsplit(link).path)
    qr = page.locator(".two-factor-qr svg")
    assert qr.is_visible()
    assert qr.bounding_box()["width"] > 100
    assert violations == []
