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

from members.models import (  # noqa: E402
    ActionPlanPage,
    AgendaIndexPage,
    CommissionMinutesPage,
    EventPage,
    MemberAgendaPage,
    MemberAreaPage,
    MemberEventPage,
    MinutesAttachment,
    PartnerDirectoryPage,
    User,
)
from news.models import NewsIndexPage, NewsPage, StoryPage  # noqa: E402

MEMBER_EMAIL = os.environ.get("BENCH_MEMBER_EMAIL", "conseil@example.org")


def middle(queryset):
    """An item from the middle of the archive: neither the freshest nor the oldest."""
    count = queryset.count()
    return queryset.order_by("pk")[count // 2]


def addresses():
    index = NewsIndexPage.objects.get()
    news = middle(NewsPage.objects.live())
    tag = news.tags.order_by("slug").first()
    minutes = middle(CommissionMinutesPage.objects.live())
    attachment = MinutesAttachment.objects.filter(page=minutes).select_related("document").first()
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
        "member": {
            "Tableau de bord": MemberAreaPage.objects.get().url,
            "Compte rendu": minutes.url,
            "Document": attachment.document.url,
            "Agenda des membres": MemberAgendaPage.objects.get().url,
            "Événement des membres": middle(
                MemberEventPage.objects.live().filter(audience=MemberEventPage.Audience.PARTNERS)
            ).url,
            "Plan d'actions": ActionPlanPage.objects.get().url,
            "Plan d'actions en retard": ActionPlanPage.objects.get().url + "?echeance=retard",
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
    member = Client(HTTP_HOST="127.0.0.1")
    member.force_login(User.objects.get(email=MEMBER_EMAIL))
    queries = {name: count(anonymous, url) for name, url in urls["public"].items()}
    queries.update({name: count(member, url) for name, url in urls["member"].items()})
    print(json.dumps({"urls": urls, "queries": queries, "member_email": MEMBER_EMAIL}))


if __name__ == "__main__":
    main()
