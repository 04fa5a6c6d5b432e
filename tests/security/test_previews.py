"""Admin previews: every page type previews, new or saved; a preview is framed by the admin
only, never cached nor stored, closed to those who may not edit the page, and a truncated
request is a 400, not a 500."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from core.roles import COMMS_MANAGERS, WRITERS
from home.models import HomePage, OpenDataPage, StandardPage
from members.models import (
    ActionPlanPage,
    AgendaIndexPage,
    CommissionIndexPage,
    CommissionMinutesPage,
    CommissionPage,
    EventPage,
    JoinClubPage,
    MemberAgendaPage,
    MemberAreaPage,
    MemberEventPage,
    PartnerDirectoryPage,
    StrategyDraftIndexPage,
    StrategyDraftPage,
)
from news.models import NewsIndexPage, NewsPage, StoryIndexPage, StoryPage
from tests.members import member_factories as mf
from tests.members.test_applications import JoinClubPageFactory
from tests.support import build_public_site

pytestmark = pytest.mark.django_db

# A word no fixture uses: found in a preview, it can only come from the form just posted.
MARKER = "ornithorynque"


@pytest.fixture
def site(home_page, member_area):
    public = build_public_site(home_page)
    agenda = mf.AgendaIndexPageFactory(parent=home_page)
    member_agenda = mf.MemberAgendaPageFactory(parent=member_area["area"])
    return {
        "public": public,
        "join": JoinClubPageFactory(parent=home_page),
        "agenda": agenda,
        "event": mf.EventPageFactory(parent=agenda, registration="open", capacity=10),
        "member_agenda": member_agenda,
        "member_event": mf.MemberEventPageFactory(parent=member_agenda),
        "action_plan": mf.ActionPlanPageFactory(parent=member_area["area"]),
        "open_data": open_data_page(home_page),
        **member_area,
    }


def open_data_page(home_page):
    page = OpenDataPage(title="Données ouvertes", slug="donnees-ouvertes")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def event_fields(site):
    return {
        "start_date": "04/02/2027",
        "start_time": "14:00",
        "end_time": "16:30",
        "kind": "atelier",
        "place_name": "Hôtel de ville",
        "city": "Limoges",
        "organiser": site["public"].founder.pk,
        "summary": f"Un atelier {MARKER}.",
        "body": body(),
        "registration": "open",
        "capacity": "20",
    }


@pytest.fixture
def editor_client(client, site):
    client.force_login(mf.member("redaction@example.org", COMMS_MANAGERS))
    return client


@pytest.fixture
def writer_client(client, site):
    client.force_login(mf.member("plume@example.org", WRITERS))
    return client


def body():
    return streamfield([("paragraph", rich_text(f"<p>Le mot {MARKER} est nouveau.</p>"))])


def page_fields(model, site):
    """What an editor types for a page of `model` (title and slug apart), as the form posts it."""
    public = site["public"]
    intro = {"introduction": f"Un chapeau : {MARKER}."}
    return {
        HomePage: {
            "hero_title": f"Une accroche {MARKER}",
            "hero_text": "Un texte d'introduction.",
            "body": rich_text("<p>Le réseau.</p>"),
            "featured_stories_title": "Ils font le territoire",
            "featured_stories": [public.story.pk],
            "join_title": "Rejoignez le club",
        },
        StandardPage: {**intro, "body": body()},
        NewsIndexPage: intro,
        NewsPage: {
            "published_on": "04/12/2026",
            "category": public.network.pk,
            # One tag of the archive, one typed for the first time (not in the database).
            "tags": f"charte, {MARKER}-inedit",
            "summary": "Un résumé.",
            "listing_image": public.image.pk,
            "body": body(),
        },
        StoryIndexPage: intro,
        StoryPage: {
            "person_name": "Léa Martin",
            "person_role": "Céramiste",
            "organisation": public.partner.pk,
            "portrait_image": public.image.pk,
            "published_on": "04/12/2026",
            "pull_quote": "Limoges attire.",
            "summary": "Un portrait.",
            "body": body(),
        },
        PartnerDirectoryPage: intro,
        MemberAreaPage: intro,
        CommissionIndexPage: intro,
        CommissionPage: {
            "theme": f"Thème {MARKER}",
            "member_organisations": [public.founder.pk, public.partner.pk],
        },
        CommissionMinutesPage: {
            "meeting_date": "03/12/2026",
            "attending_organisations": [public.founder.pk],
            "decisions": rich_text(f"<p>Le mot {MARKER} est décidé.</p>"),
            "action_items": inline_formset(
                [{"description": "Écrire la suite", "owner": "Léa", "status": "todo"}]
            ),
        },
        StrategyDraftIndexPage: intro,
        StrategyDraftPage: {"version_number": "4", "status": "working", "body": body()},
        JoinClubPage: {
            "introduction": rich_text(f"<p>Rejoignez-nous, {MARKER}.</p>"),
            "thanks_text": "Merci !",
        },
        AgendaIndexPage: intro,
        EventPage: event_fields(site),
        MemberAgendaPage: intro,
        MemberEventPage: {
            **event_fields(site),
            "audience": "commission",
            "commission": site["commission"].pk,
        },
        ActionPlanPage: intro,
        OpenDataPage: intro,
    }[model]


def post_data(model, title, slug, fields):
    """The edit form's POST: the fields, and every inline formset the form expects (empty)."""
    form_class = model.get_edit_handler().get_form_class()
    data = {"title": title, "slug": slug, **fields}
    for name in form_class.formsets:
        data.setdefault(name, inline_formset([]))
    # A multiple choice is one key repeated, which nested_form_data would number instead.
    choices = {name: value for name, value in data.items() if isinstance(value, list)}
    nested = nested_form_data({k: v for k, v in data.items() if k not in choices})
    return {**nested, **choices}


def saved_pages(site):
    """One saved page of each type, with the parent a new page of that type would have."""
    public = site["public"]
    return {
        HomePage: (public.home, Page.get_first_root_node()),
        StandardPage: (public.standard, public.home),
        NewsIndexPage: (public.news_index, public.home),
        NewsPage: (public.charter_news, public.news_index),
        StoryIndexPage: (public.story_index, public.home),
        StoryPage: (public.story, public.story_index),
        PartnerDirectoryPage: (public.directory, public.home),
        MemberAreaPage: (site["area"], public.home),
        CommissionIndexPage: (site["commission_index"], site["area"]),
        CommissionPage: (site["commission"], site["commission_index"]),
        CommissionMinutesPage: (site["minutes"], site["commission"]),
        StrategyDraftIndexPage: (site["strategy_index"], site["area"]),
        StrategyDraftPage: (site["draft"], site["strategy_index"]),
        JoinClubPage: (site["join"], public.home),
        AgendaIndexPage: (site["agenda"], public.home),
        EventPage: (site["event"], site["agenda"]),
        MemberAgendaPage: (site["member_agenda"], site["area"]),
        MemberEventPage: (site["member_event"], site["member_agenda"]),
        ActionPlanPage: (site["action_plan"], site["area"]),
        OpenDataPage: (site["open_data"], public.home),
    }


def preview(client, url, data):
    """POST the form as the preview panel does, then GET what the panel's iframe shows."""
    posted = client.post(url, data)
    assert posted.status_code == 200, posted.content[:300]
    assert posted.json() == {"is_valid": True, "is_available": True}
    return client.get(url + "?in_preview_panel=true")


def assert_previewed(response, title):
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<title>{escape(title)}" in html
    assert MARKER in html.split("</head>", 1)[1]
    assert_framed_by_the_admin_only(response)
    assert "no-store" in response["Cache-Control"]


def assert_framed_by_the_admin_only(response):
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "frame-ancestors 'none'" not in policy
    assert response["X-Frame-Options"].upper() == "SAMEORIGIN"


PAGE_TYPES = [
    HomePage,
    StandardPage,
    NewsIndexPage,
    NewsPage,
    StoryIndexPage,
    StoryPage,
    PartnerDirectoryPage,
    MemberAreaPage,
    CommissionIndexPage,
    CommissionPage,
    CommissionMinutesPage,
    StrategyDraftIndexPage,
    StrategyDraftPage,
    JoinClubPage,
    AgendaIndexPage,
    EventPage,
    MemberAgendaPage,
    MemberEventPage,
    ActionPlanPage,
    OpenDataPage,
]


def test_every_page_type_has_a_preview_case():
    """The cases below cover every page type the site defines."""
    from django.apps import apps

    defined = {
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label != "wagtailcore"
    }
    assert defined == set(PAGE_TYPES)


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_saved_page_previews_the_edit_form_in_the_admin_frame(editor_client, site, model):
    """Each saved page previews what the edit form holds, not what is in the database."""
    page, _parent = saved_pages(site)[model]
    title = f"Aperçu {model._meta.verbose_name} modifié"
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = post_data(model, title, page.slug, page_fields(model, site))
    assert_previewed(preview(editor_client, url, data), title)


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_page_never_saved_previews_in_the_admin_frame(
    editor_client, superuser, site, model, monkeypatch
):
    """A brand-new page of each type (no id, no path in the tree, no saved tags) previews
    with what was typed."""
    _page, parent = saved_pages(site)[model]
    # The admin offers a page type limited to one page only while there is none yet.
    monkeypatch.setattr(model, "max_count", None)
    client = editor_client
    if model is HomePage:
        # Only administrators may add a page under the tree root.
        client = Client()
        client.force_login(superuser)
    title = f"Aperçu {model._meta.verbose_name} nouveau"
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    data = post_data(model, title, f"apercu-{model._meta.model_name}", page_fields(model, site))
    response = preview(client, url, data)
    assert_previewed(response, title)
    assert not model.objects.filter(title=title).exists()


def test_news_preview_shows_tags_typed_for_the_first_time(editor_client, site, client):
    """Tags come from the form: a new tag shows in the preview, the saved item keeps its own,
    and the tag's public listing and feeds stay closed until an article with it is published."""
    public = site["public"]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[public.charter_news.pk])
    data = post_data(
        NewsPage, "Avec étiquettes", public.charter_news.slug, page_fields(NewsPage, site)
    )
    html = preview(editor_client, url, data).content.decode()
    assert f"{MARKER}-inedit" in html
    assert set(NewsPage.objects.get(pk=public.charter_news.pk).tags.names()) == {
        "charte",
        "attractivité",
    }
    listing = f"{public.news_index.url}etiquette/{MARKER}-inedit/"
    anonymous = type(client)()
    for address in (listing, listing + "flux/rss/", f"{public.news_index.url}?tag={MARKER}-inedit"):
        assert anonymous.get(address).status_code == 404, address


def test_home_page_preview_shows_the_stories_chosen_in_the_form(editor_client, site):
    """The featured stories of a home page preview are the ones picked, saved or not."""
    public = site["public"]
    fields = {**page_fields(HomePage, site), "featured_stories": []}
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[public.home.pk])
    html = preview(editor_client, url, post_data(HomePage, "Accueil", "accueil", fields))
    assert public.story.person_name not in html.content.decode()


def test_home_page_preview_shows_the_draft_and_leaves_cached_fragments_alone(
    editor_client, site, settings, client
):
    """With fragments cached, a preview shows the edited text and the public page does not."""
    settings.FRAGMENT_CACHE_ENABLED = True
    home = site["public"].home
    public_client = type(client)()
    assert home.featured_stories_title in public_client.get("/").content.decode()
    fields = {**page_fields(HomePage, site), "featured_stories_title": "Titre jamais publié"}
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[home.pk])
    response = preview(editor_client, url, post_data(HomePage, "Accueil", "accueil", fields))
    assert "Titre jamais publié" in response.content.decode()
    assert "Titre jamais publié" not in public_client.get("/").content.decode()


def test_preview_is_neither_read_from_nor_stored_in_the_page_cache(
    editor_client, site, settings, client
):
    """A page held by the page cache previews its draft, and the cache keeps the public page."""
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True
    news = site["public"].charter_news
    public_client = type(client)()
    first = public_client.get(news.url)
    assert first["X-Cache"] == "MISS"
    title = f"Brouillon {MARKER}"
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[news.pk])
    data = post_data(NewsPage, title, news.slug, page_fields(NewsPage, site))
    assert title in preview(editor_client, url, data).content.decode()
    again = public_client.get(news.url)
    assert again["X-Cache"] == "HIT"
    assert MARKER not in again.content.decode()


@pytest.mark.parametrize("saved", [True, False], ids=["saved", "new"])
def test_writer_cannot_preview_member_pages(writer_client, site, saved):
    """A « Rédacteur » has no right on the member area: its previews are refused, unrendered."""
    if saved:
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[site["draft"].pk])
    else:
        url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=["members", "strategydraftpage", site["strategy_index"].pk],
        )
    data = post_data(StrategyDraftPage, "Fuite", "fuite", page_fields(StrategyDraftPage, site))
    for response in (writer_client.post(url, data), writer_client.get(url)):
        assert response.status_code in {302, 403}
        assert MARKER not in response.content.decode()
        assert "quokkarde" not in response.content.decode()


def test_writer_previews_the_news_they_write(writer_client, site):
    """The same « Rédacteur » previews a news item in the newsroom."""
    public = site["public"]
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["news", "newspage", public.news_index.pk]
    )
    data = post_data(NewsPage, "Un article", "un-article", page_fields(NewsPage, site))
    assert_previewed(preview(writer_client, url, data), "Un article")


@pytest.mark.parametrize("saved", [True, False], ids=["saved", "new"])
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
    # Nothing valid was ever posted: the panel shows Wagtail's « no preview » page, not a 500.
    response = editor_client.get(url + "?in_preview_panel=true")
    assert response.status_code == 200


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


def test_meeting_dates_are_not_shifted_by_a_preview(editor_client, site):
    """Previewing minutes saves nothing: the page keeps its date and title."""
    minutes = site["minutes"]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[minutes.pk])
    data = post_data(
        CommissionMinutesPage, "Autre titre", minutes.slug, page_fields(CommissionMinutesPage, site)
    )
    preview(editor_client, url, data)
    minutes.refresh_from_db()
    assert minutes.title == "Réunion confidentielle"
    assert minutes.meeting_date != datetime.date(2026, 12, 3)
