"""Legal duties seen from outside: the consent-free audience measure, open data files against
their published schema, legal statements from the settings, the footer's conformance line,
the dashboard's warnings, and videos that wait for a click."""

import csv
import datetime
import io
import json

from django.urls import reverse
from django.utils import timezone

import pytest

from core import audience
from core.models import AudienceDay, ReferrerDay
from home.models import SiteSettings
from members.models import Organisation
from tests import factories
from tests.members import member_factories as mf

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


@pytest.fixture
def counted(settings):
    """Counts written at once, as a minute's flush would."""
    settings.AUDIENCE_FLUSH_SECONDS = 0
    audience.tally.take()
    yield
    audience.tally.take()


def views_of(path):
    return sum(AudienceDay.objects.filter(path=path).values_list("views", flat=True))


def test_page_views_are_counted_without_cookie_or_address(client, home_page, counted):
    response = client.get("/", HTTP_USER_AGENT=BROWSER, HTTP_REFERER="https://www.example.net/a?b")
    assert response.status_code == 200
    assert not response.cookies  # nothing set, nothing to consent to
    client.get("/", HTTP_USER_AGENT=BROWSER)
    assert views_of("/") == 2
    assert ReferrerDay.objects.get().host == "example.net"
    # Only counts exist: no column could hold an address or an identifier.
    assert {f.name for f in AudienceDay._meta.fields} == {"id", "day", "path", "views"}


def test_robots_opt_outs_and_private_pages_are_not_counted(client, member_area, counted):
    client.get("/", HTTP_USER_AGENT="Googlebot/2.1")
    client.get("/", HTTP_USER_AGENT=BROWSER, HTTP_DNT="1")
    client.get("/", HTTP_USER_AGENT=BROWSER, HTTP_SEC_GPC="1")
    client.get("/", HTTP_USER_AGENT=BROWSER, HTTP_REFERER="http://testserver/agenda/")
    client.force_login(member_area["area"].owner or mf.member("x@example.org", "COTECH"))
    client.get("/espace-membres/", HTTP_USER_AGENT=BROWSER)
    assert views_of("/") == 1
    assert not ReferrerDay.objects.exists()
    assert not AudienceDay.objects.filter(path__startswith="/espace-membres/").exists()


def test_a_page_served_from_the_cache_is_counted_too(client, home_page, counted, page_cache):
    first = client.get("/", HTTP_USER_AGENT=BROWSER)
    second = client.get("/", HTTP_USER_AGENT=BROWSER)
    assert second["X-Cache"] == "HIT", first["X-Cache"]
    assert views_of("/") == 2


def test_counts_older_than_25_months_are_deleted(db):
    today = datetime.date(2026, 12, 4)
    assert audience.oldest_kept_day(today) == datetime.date(2024, 11, 1)
    AudienceDay.objects.create(day=datetime.date(2024, 10, 31), path="/", views=1)
    AudienceDay.objects.create(day=datetime.date(2024, 11, 1), path="/", views=1)
    audience.purge_old_counts(timezone.make_aware(datetime.datetime(2026, 12, 4, 3)))
    assert list(AudienceDay.objects.values_list("day", flat=True)) == [datetime.date(2024, 11, 1)]


def test_editors_read_the_audience(client, accounts, home_page):
    AudienceDay.objects.create(day=timezone.localdate(), path="/agenda/", views=42)
    client.force_login(accounts["editor"])
    page = client.get(reverse("audience")).content.decode()
    assert "/agenda/" in page and "42" in page
    assert "/agenda/" in client.get(reverse("wagtailadmin_home")).content.decode()


# Open data


@pytest.fixture
def open_data(home_page, member_area):
    factories.OrganisationFactory(
        name="=SOMME(A1) Porcelaine",
        charter_signed_on=datetime.date(2023, 6, 1),
        charter_signatory_name="Jeanne Signataire",
    )
    agenda = mf.AgendaIndexPageFactory(parent=home_page)
    public = mf.EventPageFactory(parent=agenda, title="Salon public")
    mf.EventPageFactory(parent=agenda, title="Salon d'une journée", start_time=None, end_time=None)
    hidden = mf.MemberEventPageFactory(
        parent=mf.MemberAgendaPageFactory(parent=member_area["area"]), title="Réunion privée"
    )
    return {"public": public, "hidden": hidden}


def check_value(value, kind):
    if kind == "boolean":
        assert isinstance(value, bool), value
    elif kind == "date":
        assert value == "" or datetime.date.fromisoformat(value), value
    else:
        assert isinstance(value, str), value


@pytest.mark.parametrize("name", ["annuaire", "agenda"])
def test_open_data_files_follow_their_published_schema(client, open_data, name):
    schema = client.get(f"/donnees-ouvertes/{name}.schema.json").json()
    fields = {field["name"]: field["type"] for field in schema["fields"]}
    assert schema["licenses"][0]["name"].startswith("Licence Ouverte")
    document = client.get(f"/donnees-ouvertes/{name}.json").json()
    assert document["licence"]["path"] == schema["licenses"][0]["path"]
    assert document["data"]
    for row in document["data"]:
        assert set(row) == set(fields)
        for field, kind in fields.items():
            check_value(row[field], kind)
    response = client.get(f"/donnees-ouvertes/{name}.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "license" in response["Link"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == list(fields)
    assert len(rows) - 1 == len(document["data"])
    everything = json.dumps(document, ensure_ascii=False) + response.content.decode()
    # Public fields only: no person, no member event, no formula.
    assert "Jeanne Signataire" not in everything
    assert "Réunion privée" not in everything
    if name == "annuaire":
        assert "'=SOMME(A1) Porcelaine" in response.content.decode()


def test_open_data_files_follow_the_site_and_unknown_ones_are_404(client, open_data, page_cache):
    assert client.get("/donnees-ouvertes/inconnu.csv").status_code == 404
    assert client.get("/donnees-ouvertes/annuaire.xml").status_code == 404
    before = client.get("/donnees-ouvertes/annuaire.json").json()["data"]
    factories.OrganisationFactory(name="Nouvelle venue")
    after = client.get("/donnees-ouvertes/annuaire.json").json()["data"]
    assert len(after) == len(before) + 1


def test_the_open_data_page_declares_each_dataset(client, open_data, home_page):
    from home.models import OpenDataPage

    page = OpenDataPage(title="Données ouvertes", slug="donnees-ouvertes")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    body = client.get(page.url).content.decode()
    for url in ("/donnees-ouvertes/annuaire.csv", "/donnees-ouvertes/agenda.json"):
        assert url in body
    assert "Licence Ouverte" in body
    assert f"{Organisation.objects.filter(show_in_directory=True).count()} lignes" in body


# Statements from the settings


@pytest.fixture
def legal_settings(home_page):
    site_settings = SiteSettings.for_site(home_page.get_site())
    return site_settings


def test_every_page_says_its_conformance_in_the_footer(client, member_area, legal_settings):
    legal_settings.accessibility_conformance = "partiellement"
    legal_settings.save()
    client.force_login(mf.member("lecteur@example.org", "Conseil stratégique"))
    news_index = factories.NewsIndexPageFactory(parent=member_area["area"].get_parent())
    for url in ("/", news_index.url, member_area["area"].url, reverse("member_account")):
        body = client.get(url).content.decode()
        assert "Accessibilité : partiellement conforme" in body, url


def test_the_legal_notice_and_the_statement_come_from_the_settings(client, legal_settings):
    legal_settings.publisher_name = "Limoges Métropole"
    legal_settings.publication_director = "Le président de Limoges Métropole"
    legal_settings.host_name = "Hébergeur exemple"
    legal_settings.accessibility_conformance = "totalement"
    legal_settings.accessibility_rate = 100
    legal_settings.accessibility_audit_date = datetime.date(2026, 11, 3)
    legal_settings.save()
    page = factories.StandardPageFactory(
        parent=legal_settings.site.root_page,
        body=[
            {"type": "legal_notice", "value": None},
            {"type": "accessibility_statement", "value": None},
            {"type": "eco_design", "value": None},
        ],
    )
    body = client.get(page.url).content.decode()
    for text in (
        "Limoges Métropole",
        "Le président de Limoges Métropole",
        "Hébergeur exemple",
        "totalement conforme",
        "3 novembre 2026",
        "Défenseur des droits",
        "moins de 500 Ko",
    ):
        assert text in body, text


def test_the_dashboard_warns_of_each_missing_legal_item(client, accounts, legal_settings):
    client.force_login(accounts["editor"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mentions obligatoires à compléter" in dashboard
    assert "directeur ou la directrice de la publication" in dashboard
    for name, _label in SiteSettings.LEGAL_ITEMS:
        field = SiteSettings._meta.get_field(name)
        value = legal_settings.site.root_page if field.is_relation else "Renseigné"
        setattr(legal_settings, name, value)
    legal_settings.save()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mentions obligatoires à compléter" not in dashboard


def test_videos_load_nothing_from_their_provider_before_a_click(home_page):
    from django.template.loader import render_to_string

    class Video:
        html = '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>'
        url = "https://www.youtube.com/watch?v=x"

    html = render_to_string(
        "components/streamfield/video_block.html",
        {"value": {"video": Video(), "title": "Le réseau en vidéo", "transcript": ""}},
    )
    outside_template = html.split("<template")[0] + html.split("</template>")[1]
    assert "<iframe" not in outside_template
    assert "Lire la vidéo" in html
    assert "autoplay" not in html
