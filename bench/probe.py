"""Find the addresses `make bench` loads, and count the SQL queries of each.

Run by bench/run.py with the site's production settings and the page cache off, against the
benchmark database: nothing here runs in the site itself. Prints one JSON object.
"""

import json
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from members.access import readable_member_pages  # noqa: E402
from members.models import (  # noqa: E402
    ActionPlanPage,
    AgendaIndexPage,
    CommissionMinutesPage,
    CommissionPage,
    EventPage,
    MemberAgendaPage,
    MemberAreaPage,
    MemberEventPage,
    MinutesAttachment,
    PartnerDirectoryPage,
    StrategyDraftPage,
    User,
)
from news.models import NewsIndexPage, NewsPage, StoryPage  # noqa: E402

# The two kinds of member the targets name: a council member reads everything, a club
# partner reads less (no strategy drafts, no council-only minutes or meetings).
MEMBERS = {
    "conseil": os.environ.get("BENCH_COUNCIL_EMAIL", "conseil@example.org"),
    "partenaire": os.environ.get("BENCH_PARTNER_EMAIL", "partenaire@example.org"),
}


def middle(queryset):
    """An item from the middle of the archive: neither the freshest nor the oldest."""
    count = queryset.count()
    return queryset.order_by("pk")[count // 2]


def member_addresses(user):
    """The member pages one person may read, chosen among what the access rule opens to them."""

    def readable(model):
        return readable_member_pages(model.objects.live(), user)

    minutes = middle(readable(CommissionMinutesPage))
    attachment = MinutesAttachment.objects.filter(page=minutes).select_related("document").first()
    urls = {
        "Tableau de bord": MemberAreaPage.objects.get().url,
        "Commission": middle(readable(CommissionPage)).url,
        "Compte rendu": minutes.url,
        "Document": attachment.document.url,
        "Agenda des membres": MemberAgendaPage.objects.get().url,
        "Événement des membres": middle(
            readable(MemberEventPage).filter(audience=MemberEventPage.Audience.PARTNERS)
        ).url,
        "Plan d'actions": ActionPlanPage.objects.get().url,
        "Plan d'actions en retard": ActionPlanPage.objects.get().url + "?echeance=retard",
        "Recherche des membres": "/espace-membres/recherche/?q=strat%C3%A9gie",
    }
    # The latest version, shown with what changed since the one before.
    draft = readable(StrategyDraftPage).order_by("-version_number").first()
    if draft is not None:
        urls["Stratégie (écarts)"] = draft.url
    return urls


def addresses():
    index = NewsIndexPage.objects.get()
    news = middle(NewsPage.objects.live())
    tag = news.tags.order_by("slug").first()
    return {
        "public": {
            "Accueil": "/",
            "Actualités, page 1": index.url,
            "Actualités, page 400": index.url + "?page=400",
            "Étiquette": f"{index.url}etiquette/{tag.slug}/",
            "Actualité": news.url,
            "Portrait": middle(StoryPage.objects.live()).url,
            "Annuaire": PartnerDirectoryPage.objects.get().url,
            "Recherche": "/recherche/?q=hydrog%C3%A8ne",
            "Agenda": AgendaIndexPage.objects.get().url,
            "Événement": middle(EventPage.objects.live().exact_type(EventPage)).url,
        },
        "members": {
            kind: member_addresses(User.objects.get(email=email)) for kind, email in MEMBERS.items()
        },
        "static": {"Fichier statique": staticfiles_storage.url("css/site.css")},
    }


def count(client, url):
    """Queries of one warm request: renditions and Wagtail's caches exist already."""
    for _ in range(2):
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{url} : {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(queries.captured_queries)


def main():
    urls = addresses()
    anonymous = Client(HTTP_HOST="127.0.0.1")
    queries = {"public": {name: count(anonymous, url) for name, url in urls["public"].items()}}
    for kind, email in MEMBERS.items():
        member = Client(HTTP_HOST="127.0.0.1")
        member.force_login(User.objects.get(email=email), backend="members.backends.MemberBackend")
        queries[kind] = {name: count(member, url) for name, url in urls["members"][kind].items()}
    print(json.dumps({"urls": urls, "queries": queries, "members": MEMBERS}))


if __name__ == "__main__":
    main()
