"""Admin previews: every page type previews, new or saved; a preview is framed by the admin
only, never cached, and a truncated request is a 400, not a 500."""

from django.urls import reverse
from django.utils.html import escape

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from home.models import HomePage
from members.roles import COMMS_MANAGERS
from tests.members import member_factories as mf
from tests.support import build_public_site, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page, member_area):
    return {"public": build_public_site(home_page), **member_area}


@pytest.fixture
def editor_client(client, site):
    client.force_login(mf.member("redaction@example.org", COMMS_MANAGERS))
    return client


def preview(client, url, data):
    """POST the form as the preview panel does, then GET what the panel's iframe shows."""
    posted = client.post(url, data)
    assert posted.status_code == 200, posted.content[:300]
    assert posted.json() == {"is_valid": True, "is_available": True}
    return client.get(url + "?in_preview_panel=true")


def assert_framed_by_the_admin_only(response):
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "frame-ancestors 'none'" not in policy
    assert response["X-Frame-Options"] in {"SAMEORIGIN", "sameorigin"}


def new_page_cases(site):
    public = site["public"]
    body = streamfield([("paragraph", rich_text("<p>Le mot ornithorynque est nouveau.</p>"))])
    return {
        "standard page": (
            "home.standardpage",
            public.home,
            {"title": "Nos engagements", "slug": "nos-engagements", "body": body},
        ),
        "news with new tags": (
            "news.newspage",
            public.news_index,
            {
                "title": "Un atelier ouvre",
                "slug": "un-atelier-ouvre",
                "published_on": "04/12/2026",
                "category": public.network.pk,
                "tags": "porcelaine, tout-nouveau-mot",
                "summary": "Un résumé.",
                "listing_image": public.image.pk,
                "body": body,
            },
        ),
        "story": (
            "news.storypage",
            public.story_index,
            {
                "title": "Léa, céramiste",
                "slug": "lea-ceramiste",
                "person_name": "Léa Martin",
                "person_role": "Céramiste",
                "published_on": "04/12/2026",
                "summary": "Un portrait.",
                "body": body,
            },
        ),
        "minutes": (
            "members.commissionminutespage",
            site["commission"],
            {
                "title": "Réunion de décembre",
                "slug": "reunion-de-decembre",
                "meeting_date": "03/12/2026",
                "decisions": rich_text("<p>Le mot ornithorynque est nouveau.</p>"),
                "action_items": inline_formset([]),
                "attachments": inline_formset([]),
            },
        ),
        "strategy draft": (
            "members.strategydraftpage",
            site["strategy_index"],
            {
                "title": "Stratégie version 4",
                "slug": "strategie-version-4",
                "version_number": "4",
                "status": "working",
                "body": body,
            },
        ),
    }


@pytest.mark.parametrize(
    "case", ["standard page", "news with new tags", "story", "minutes", "strategy draft"]
)
def test_a_page_never_saved_previews_in_the_admin_frame(editor_client, site, case):
    """A brand-new page of each type previews with what was typed, framed by the admin."""
    model_label, parent, fields = new_page_cases(site)[case]
    app, name = model_label.split(".")
    url = reverse("wagtailadmin_pages:preview_on_add", args=[app, name, parent.pk])
    data = nested_form_data({**fields, "comments": inline_formset([])})
    response = preview(editor_client, url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert fields["title"] in html
    assert_framed_by_the_admin_only(response)
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def edit_form_data(client, page):
    """The edit form as rendered (fields without StreamField), as the browser would send it."""
    form = soup(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))).select_one(
        "form#page-edit-form"
    )
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        kind = field.get("type", "")
        if kind in {"checkbox", "radio"} and not field.has_attr("checked"):
            continue
        if field.name == "select":
            values = [option.get("value", "") for option in field.select("option[selected]")]
        elif field.name == "textarea":
            values = [field.text]
        else:
            values = [field.get("value", "")]
        data.setdefault(field["name"], []).extend(values)
    return data


def test_every_saved_page_type_previews_in_the_admin_frame(editor_client, site):
    """Saved pages preview their edit form as rendered, framed by the admin (the types with
    a StreamField are previewed new above and in the browser tests)."""
    public = site["public"]
    pages = [
        public.home,
        public.news_index,
        public.story_index,
        public.directory,
        site["area"],
        site["commission_index"],
        site["commission"],
        site["minutes"],
        site["strategy_index"],
    ]
    for page in pages:
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        response = preview(editor_client, url, edit_form_data(editor_client, page))
        assert response.status_code == 200, page
        heading = page.specific.hero_title if isinstance(page, HomePage) else page.title
        assert escape(heading) in response.content.decode(), page
        assert_framed_by_the_admin_only(response)


def test_home_page_preview_shows_the_draft_and_leaves_cached_fragments_alone(
    editor_client, site, settings, client
):
    """With fragments cached, a preview shows the edited text and the public page does not."""
    settings.FRAGMENT_CACHE_ENABLED = True
    home = site["public"].home
    public_client = type(client)()
    assert home.featured_stories_title in public_client.get("/").content.decode()
    data = edit_form_data(editor_client, home)
    data["featured_stories_title"] = ["Titre jamais publié"]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[home.pk])
    response = preview(editor_client, url, data)
    assert "Titre jamais publié" in response.content.decode()
    assert "Titre jamais publié" not in public_client.get("/").content.decode()


@pytest.mark.parametrize("saved", [True, False])
def test_empty_or_truncated_preview_post_is_never_a_500(editor_client, site, saved):
    """A preview POST without a body, or cut before its StreamField counters, is refused."""
    if saved:
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[site["public"].charter_news.pk])
    else:
        url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=["news", "newspage", site["public"].news_index.pk],
        )
    for data in ({}, {"title": "Coupé", "slug": "coupe"}):
        response = editor_client.post(url, data)
        assert response.status_code in {200, 400}
        assert response.json()["is_valid"] is False


def test_truncated_edit_post_is_a_french_400(editor_client, site):
    """A page edit POST that lacks its StreamField counters is refused in French, unsaved."""
    news = site["public"].charter_news
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[news.pk]), {"title": "Coupé"}
    )
    assert response.status_code == 400
    assert "Formulaire incomplet" in response.content.decode()
    news.refresh_from_db()
    assert news.title != "Coupé"
