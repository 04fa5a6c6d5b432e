"""The access matrix: every member page and document, for every visitor, on every channel."""

from urllib.parse import urlparse

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from members.roles import CLUB, COUNCIL
from tests.members import member_factories as mf
from tests.support import sitemap_bodies

pytestmark = pytest.mark.django_db

PAGES = ["area", "commission_index", "commission", "minutes", "strategy_index", "draft"]
DOCUMENTS = ["minutes_pdf", "draft_pdf"]

# What each visitor gets: "login" (redirect to sign-in), 200, or 403.
EXPECTED = {
    "anonymous": dict.fromkeys(PAGES + DOCUMENTS, "login"),
    "partner": {
        "area": 200,
        "commission_index": 200,
        "commission": 200,
        "minutes": 200,
        "strategy_index": 403,
        "draft": 403,
        "minutes_pdf": 200,
        "draft_pdf": 403,
    },
    "cotech": dict.fromkeys(PAGES + DOCUMENTS, 200),
    "council": dict.fromkeys(PAGES + DOCUMENTS, 200),
    "editor": dict.fromkeys(PAGES + DOCUMENTS, 200),
}


def url_of(member_area, target):
    obj = member_area[target]
    return obj.url


def assert_outcome(response, outcome, url):
    if outcome == "login":
        assert response.status_code == 302
        location = urlparse(response["Location"])
        assert location.path == "/connexion/"
        assert url in response["Location"] or location.query.startswith("next=")
    else:
        assert response.status_code == outcome


@pytest.mark.parametrize("fragments", [False, True], ids=["sans-fragments", "avec-fragments"])
@pytest.mark.parametrize("visitor", list(EXPECTED))
def test_access_matrix_by_url(client_for, member_area, visitor, fragments, settings):
    """Each visitor gets exactly the expected answer for each member page and document.

    With fragments on, addresses and restrictions come from the per-generation route map
    (core.cache.routing): each address is asked twice so the second answer uses the warm map.
    """
    settings.FRAGMENT_CACHE_ENABLED = fragments
    client = client_for(visitor)
    for target, outcome in EXPECTED[visitor].items():
        url = url_of(member_area, target)
        if fragments:
            # Read, never closed: closing a test response closes PostgreSQL's connection.
            warm_up = client.get(url)
            if warm_up.streaming:
                b"".join(warm_up.streaming_content)
        response = client.get(url)
        assert_outcome(response, outcome, url)
        if outcome == 403:
            body = response.content.decode()
            assert member_area[target].title not in body, target
            assert "Accès refusé" in body
        if outcome == 200 and target in DOCUMENTS:
            assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "no-store" in response["Cache-Control"], target
        assert "private" in response["Cache-Control"], target


@pytest.mark.parametrize("visitor", list(EXPECTED))
def test_public_search_never_returns_member_content(client_for, member_area, visitor):
    """Public search finds no member content, whoever is signed in."""
    client = client_for(visitor)
    for word in ("zythogale", "quokkarde", "confidentielle"):
        response = client.get(reverse("search"), {"q": word})
        assert response.status_code == 200
        assert member_area["minutes"].url not in response.content.decode()
        assert member_area["draft"].url not in response.content.decode()


@pytest.mark.parametrize(
    ("visitor", "finds_minutes", "finds_draft"),
    [
        ("partner", True, False),
        ("cotech", True, True),
        ("council", True, True),
        ("editor", True, True),
    ],
)
def test_member_search_covers_exactly_what_the_member_may_read(
    client_for, member_area, visitor, finds_minutes, finds_draft
):
    """Member search returns minutes to every member and drafts only to their audience."""
    client = client_for(visitor)
    minutes = client.get(reverse("member_search"), {"q": "zythogale"}).content.decode()
    draft = client.get(reverse("member_search"), {"q": "quokkarde"}).content.decode()
    assert (member_area["minutes"].url in minutes) is finds_minutes
    assert (member_area["draft"].url in draft) is finds_draft


def test_member_search_requires_sign_in(client_for, member_area):
    """Anonymous visitors are sent to sign in from member search."""
    response = client_for("anonymous").get(reverse("member_search"), {"q": "zythogale"})
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/?next=")


@pytest.mark.parametrize("visitor", list(EXPECTED))
def test_feeds_and_sitemap_never_list_member_pages(client_for, member_area, visitor):
    """Feeds and the sitemap stay public-only, whoever asks."""
    client = client_for(visitor)
    news_index = member_area["area"].get_parent().get_children().get(slug="actualites")
    bodies = [
        client.get(news_index.url + "flux/rss/").content.decode(),
        client.get(news_index.url + "flux/atom/").content.decode(),
        *sitemap_bodies(client).values(),
    ]
    for body in bodies:
        assert "espace-membres" not in body


def test_member_pages_are_not_in_menus_or_home(client, member_area):
    """Neither the menu nor the home page lists member pages."""
    member_area["area"].show_in_menus = True
    member_area["area"].save()
    body = client.get("/").content.decode()
    assert "/espace-membres/commissions/" not in body
    assert "Réunion confidentielle" not in body


def test_removing_the_restriction_in_the_admin_keeps_member_pages_closed(
    client, member_area, accounts
):
    """An editor removing the privacy setting does not open member pages to the public."""
    admin = accounts["editor"]
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    area = member_area["area"]
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[area.pk]),
        {"restriction_type": "none", "groups": []},
    )
    assert response.status_code == 200
    assert not PageViewRestriction.objects.filter(page=area).exists()
    client.logout()
    for target in PAGES:
        response = client.get(url_of(member_area, target))
        assert response.status_code == 302, target
        assert response["Location"].startswith("/connexion/")
    # ...and the public channels still leave them out.
    found = client.get(reverse("search"), {"q": "zythogale"}).content.decode()
    assert member_area["minutes"].url not in found
    for body in sitemap_bodies(client).values():
        assert "espace-membres" not in body


def test_editor_restriction_to_council_excludes_partners_everywhere(
    client_for, member_area, accounts
):
    """Editors can restrict a commission to the council: partners lose it in pages and search."""
    from django.contrib.auth.models import Group

    restriction = PageViewRestriction.objects.create(
        page=member_area["commission"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Conseil stratégique")])
    partner = client_for("partner")
    assert partner.get(member_area["minutes"].url).status_code == 403
    assert partner.get(member_area["minutes_pdf"].url).status_code == 403
    found = partner.get(reverse("member_search"), {"q": "zythogale"}).content.decode()
    assert member_area["minutes"].url not in found
    dashboard = partner.get(member_area["area"].url).content.decode()
    assert "Réunion confidentielle" not in dashboard
    council = client_for("council")
    assert council.get(member_area["minutes"].url).status_code == 200


def test_media_documents_folder_is_never_served(client, member_area):
    """Uploaded files are not reachable by their storage path."""
    name = member_area["minutes_pdf"].file.name
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(f"/media/documents/{name.split('/', 1)[1]}").status_code == 404


def test_member_images_have_unguessable_names(image):
    """Original images and renditions are stored under random folders."""
    assert image.file.name.startswith("original_images/")
    token = image.file.name.split("/")[1]
    assert len(token) >= 20
    rendition = image.get_rendition("fill-100x100|format-webp")
    assert rendition.file.name.split("/")[1] != token
    assert len(rendition.file.name.split("/")[1]) >= 20


def test_original_images_are_never_served(client, image):
    """No URL serves an original upload."""
    assert client.get(f"/media/{image.file.name}").status_code == 404


def test_only_editors_get_the_editing_bar(client_for, member_area):
    """Wagtail's editing bar is for the communication team, not for partners."""
    for name, shown in [("partner", False), ("council", False), ("editor", True)]:
        body = client_for(name).get(member_area["area"].url).content.decode()
        assert ("<wagtail-userbar" in body) is shown, name


def test_dashboard_lists_are_shared_within_an_audience_only(client_for, member_area, settings):
    """Rendered once per group set: a partner never gets the council's cached dashboard."""
    settings.FRAGMENT_CACHE_ENABLED = True
    url = member_area["area"].url
    draft = member_area["draft"].title
    for _ in range(2):
        for name, sees_draft in [("council", True), ("partner", False), ("cotech", True)]:
            body = client_for(name).get(url).content.decode()
            assert (draft in body) is sees_draft, name
            assert member_area["minutes"].title in body, name


@pytest.mark.parametrize("fragments", [False, True], ids=["sans-fragments", "avec-fragments"])
def test_a_collection_restriction_applies_to_its_documents_at_once(
    client_for, member_area, settings, fragments
):
    """Restricting, regrouping or lifting a collection's restriction changes who may download
    its documents at the next request, with the restrictions kept per generation or not."""
    settings.FRAGMENT_CACHE_ENABLED = fragments
    parent = Collection.get_first_root_node().add_child(name="Notes du conseil")
    document = mf.SiteDocumentFactory(collection=parent.add_child(name="2026"))
    partner = client_for("partner")

    def status():
        response = partner.get(document.url)
        if response.streaming:
            b"".join(response.streaming_content)
        return response.status_code

    assert status() == 200
    # On the parent collection: the document's own collection inherits it.
    restriction = CollectionViewRestriction.objects.create(
        collection=parent, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=COUNCIL))
    assert status() == 403
    restriction.groups.add(Group.objects.get(name=CLUB))
    assert status() == 200
    restriction.delete()
    assert status() == 200
