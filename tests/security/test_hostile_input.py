"""Hostile input in every form and in search: escaped everywhere, never a 500."""

import datetime

from django.core import mail
from django.urls import reverse

import pytest

from members.models import MembershipApplication, StrategyFeedback
from tests import factories

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
IMG = '"><img src=x onerror=alert(1)>'
PAYLOADS = [
    SCRIPT,
    IMG,
    "'; DROP TABLE members_user; --",
    "1' OR '1'='1",
    "Ru\u202eeb.exe",
    "zéro\u200blargeur\u200d\ufeff",
    "A" * 10_000,
    "nul\x00octet",
    "{{ settings.SECRET_KEY }} {% debug %}",
    "%s%n%x ${7*7}",
    "javascript:alert(1)",
    "Acme\r\nBcc: victime@example.org",
    '" AND OR NEAR( * ^',
]
RAW_MARKUP = (SCRIPT, "<img src=x onerror")


def assert_safe(response, *, allowed=(200, 302, 400, 403, 404)):
    """No 500, and none of the payloads' markup is sent back as markup."""
    assert response.status_code in allowed, response.status_code
    body = response.content.decode(errors="replace")
    for marker in RAW_MARKUP:
        assert marker not in body, marker
    # Template syntax typed by a visitor is shown, never evaluated.
    assert "test-only-insecure-key" not in body
    assert "sys.path" not in body


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_public_and_member_search(client, home_page, payload):
    factories.NewsPageFactory(title="Limoges attire les talents")
    assert_safe(client.get("/recherche/", {"q": payload}))
    assert_safe(client.get("/recherche/", {"q": payload, "page": payload}))


def test_member_search_with_every_payload(client_for, member_area):
    client = client_for("council")
    for payload in PAYLOADS:
        assert_safe(client.get("/espace-membres/recherche/", {"q": payload}))


def test_sign_in_and_password_reset_with_every_payload(client, home_page):
    for payload in PAYLOADS:
        assert_safe(client.post("/connexion/", {"username": payload, "password": payload}))
        assert_safe(client.post("/connexion/mot-de-passe-oublie/", {"email": payload}))
        assert_safe(client.post("/admin/login/", {"username": payload, "password": payload}))
        assert_safe(client.get("/connexion/", {"next": payload}))
    assert mail.outbox == []


def test_join_form_with_every_payload_in_every_field(client, join_page, join_data):
    """Text fields take the payloads; the form escapes them on error and stores them as text."""
    for number, payload in enumerate(PAYLOADS):
        text_fields = {
            "organisation_name": payload,
            "contact_first_name": payload,
            "contact_last_name": payload,
            "contact_role": payload,
            "motivation": payload,
            "email": f"candidat{number}@example.org",
        }
        assert_safe(
            client.post(join_page.url, join_data(**text_fields), REMOTE_ADDR=f"192.0.2.{number}")
        )
        other_fields = {"email": payload, "phone": payload, "siret": payload, "sector": payload}
        response = client.post(join_page.url, join_data(**other_fields))
        assert_safe(response, allowed=(200,))
    assert "\x00" not in "".join(
        MembershipApplication.objects.values_list("organisation_name", flat=True)
    )


def test_stored_applications_are_escaped_in_the_admin_and_plain_in_e_mails(
    client, admin_client, join_page, join_data
):
    client.post(
        join_page.url,
        join_data(organisation_name=SCRIPT, contact_first_name=IMG, motivation=SCRIPT),
    )
    application = MembershipApplication.objects.get()
    assert application.organisation_name == SCRIPT
    for url in (
        "/admin/membership_applications/",
        f"/admin/membership_applications/?q={SCRIPT}",
        reverse("membership_application_review", args=[application.pk]),
        "/admin/",
    ):
        assert_safe(admin_client.get(url))
    [message] = mail.outbox
    # Plain text only: a mail client shows the markup as the characters typed.
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", None)
    assert "\n" not in message.subject


def test_feedback_with_every_payload_is_escaped_for_members_and_editors(
    client_for, member_area, admin_client
):
    client = client_for("council")
    draft = member_area["draft"]
    for payload in PAYLOADS:
        response = client.post(draft.url, {"section": payload[:255], "text": payload})
        assert_safe(response)
    assert StrategyFeedback.objects.exists()
    assert_safe(client.get(draft.url))
    assert_safe(admin_client.get("/admin/strategy_feedback/"))
    for feedback in StrategyFeedback.objects.all():
        assert "\x00" not in feedback.text
        assert_safe(admin_client.get(f"/admin/strategy_feedback/inspect/{feedback.pk}/"))


def test_account_forms_with_every_payload(client_for, member_area):
    client = client_for("partner")
    for payload in PAYLOADS:
        response = client.post(
            "/espace-membres/mon-compte/",
            {
                "action": "password",
                "old_password": payload,
                "new_password1": payload,
                "new_password2": payload,
            },
        )
        assert_safe(response)
        response = client.post(
            "/espace-membres/mon-compte/",
            {"action": "preferences", "notification_frequency": payload},
        )
        assert_safe(response)


def test_editor_content_is_escaped_on_every_page_that_shows_it(admin_client, client, home_page):
    """A hostile title and summary from an editor's account: escaped on the site, in the
    JSON-LD, in feeds, in the sitemap, and in the admin."""
    news = factories.NewsPageFactory(
        title=SCRIPT,
        summary=IMG,
        published_on=datetime.date(2024, 6, 1),
        tags=["<b>étiquette</b>"],
    )
    index = news.get_parent()
    for url in (
        news.url,
        index.url,
        "/",
        f"/recherche/?q={SCRIPT}",
        f"{index.url}flux/rss/",
        f"{index.url}flux/atom/",
        "/sitemap.xml",
        "/sitemap-actualites-2024.xml",
        "/sitemap-pages.xml",
    ):
        assert_safe(client.get(url), allowed=(200,))
    for url in (
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{news.pk}/edit/",
        f"/admin/pages/{news.pk}/history/",
        "/admin/pages/search/?q=script",
    ):
        assert_safe(admin_client.get(url))


def test_admin_forms_take_payloads_without_crashing(admin_client, home_page):
    """Editors' own forms: a snippet and a collection named with the payloads."""
    for payload in PAYLOADS:
        name = payload[:200]
        assert_safe(admin_client.post("/admin/collections/add/", {"name": name, "parent": 1}))
        assert_safe(admin_client.get("/admin/collections/"))
        assert_safe(admin_client.get("/admin/pages/search/", {"q": payload}))


# Every query parameter of every public page, with every payload (and odd numbers for pages).
QUERY_PARAMETERS = ("page", "tag", "categorie", "secteur", "q", "avis", "next")
ODD_NUMBERS = ["0", "-1", "99999999999999999999", "1e3", "١٢", "²", "0x10"]


@pytest.mark.parametrize("parameter", QUERY_PARAMETERS)
def test_every_query_parameter_of_every_public_page(client, public_site, parameter):
    from tests.support import public_page_urls

    urls = [*public_page_urls(public_site).values(), "/recherche/", "/connexion/"]
    for url in urls:
        for value in [*PAYLOADS, *ODD_NUMBERS]:
            assert_safe(client.get(url, {parameter: value}))


@pytest.mark.parametrize(
    "path", ["/actualites/{}/", "/actualites/etiquette/{}/", "/actualites/categorie/{}/"]
)
def test_every_payload_in_an_address(client, public_site, path):
    for value in [*PAYLOADS[:6], "0000", "9999", "..%2f..%2fetc%2fpasswd"]:
        assert_safe(client.get(path.format(value)))
