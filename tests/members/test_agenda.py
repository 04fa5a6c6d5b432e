"""The agenda: who sees which event, on every channel (pages, listings, search, iCal, sitemap),
dates across daylight-saving changes, and the public listing's filters."""

import datetime
import json
import re
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import icalendar
import pytest

from core.roles import user_group_names
from members.access import can_read_page
from members.calendar import ics_bytes
from members.models import EventPage, MemberEventPage
from members.models.events import PARIS
from tests.factories import SectorFactory
from tests.members import member_factories as mf
from tests.support import sitemap_bodies

pytestmark = pytest.mark.django_db

EVENTS = ["public", "partners", "council", "commission"]
EXPECTED = {
    "anonymous": {"public": 200, "partners": "login", "council": "login", "commission": "login"},
    "partner": {"public": 200, "partners": 200, "council": 403, "commission": 403},
    "council": {"public": 200, "partners": 200, "council": 200, "commission": 403},
    "cotech": {"public": 200, "partners": 200, "council": 403, "commission": 200},
    "editor": {"public": 200, "partners": 200, "council": 200, "commission": 200},
}


@pytest.fixture
def agenda(member_area, accounts, home_page):
    """A public event and a member event for each audience; the COTECH account's organisation
    is a member of the commission, the council account's is not."""
    commission = member_area["commission"]
    commission.member_organisations.add(accounts["cotech"].organisation)
    commission.save_revision().publish()
    public_index = mf.AgendaIndexPageFactory(parent=home_page)
    member_index = mf.MemberAgendaPageFactory(parent=member_area["area"])
    events = {
        "public": mf.EventPageFactory(
            parent=public_index, title="Rencontre publique ornithorynque"
        ),
        "partners": mf.MemberEventPageFactory(
            parent=member_index, title="Petit-déjeuner pangolin des partenaires"
        ),
        "council": mf.MemberEventPageFactory(
            parent=member_index,
            title="Séance du conseil axolotl",
            audience=MemberEventPage.Audience.COUNCIL,
        ),
        "commission": mf.MemberEventPageFactory(
            parent=member_index,
            title="Réunion de commission okapi",
            audience=MemberEventPage.Audience.COMMISSION,
            commission=commission,
        ),
    }
    return {"index": public_index, "member_index": member_index, **events}


def assert_outcome(response, outcome):
    if outcome == "login":
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == "/connexion/"
    else:
        assert response.status_code == outcome


@pytest.mark.parametrize("visitor", list(EXPECTED))
def test_event_pages_and_files_answer_exactly_their_audience(client_for, agenda, visitor):
    """Each event page and its `.ics` file: the same answer, for each kind of visitor."""
    client = client_for(visitor)
    for name, outcome in EXPECTED[visitor].items():
        event = agenda[name]
        page = client.get(event.url)
        assert_outcome(page, outcome)
        ics = client.get(event.url + "ical/")
        assert_outcome(ics, outcome)
        if outcome == 403:
            assert event.title not in page.content.decode()
        if outcome == 200:
            calendar = icalendar.Calendar.from_ical(ics.content)
            assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [event.title]
            assert "attachment" in ics["Content-Disposition"]
        if name != "public":
            assert "private" in page["Cache-Control"]


@pytest.mark.parametrize("visitor", [v for v in EXPECTED if v != "anonymous"])
def test_member_agenda_lists_what_the_pages_let_through(client_for, agenda, accounts, visitor):
    """The member agenda shows exactly the events whose page this person may open."""
    body = client_for(visitor).get(agenda["member_index"].url).content.decode()
    for name in EVENTS:
        readable = EXPECTED[visitor][name] == 200
        assert (agenda[name].title in body) is readable, name
        assert can_read_page(agenda[name], accounts[visitor]) is readable


@pytest.mark.parametrize("visitor", [v for v in EXPECTED if v != "anonymous"])
def test_private_feed_obeys_the_page_rule(client_for, agenda, accounts, visitor):
    """The private iCal feed holds exactly the events the pages open to its owner."""
    client = client_for(visitor)
    client.post(reverse("member_account"), {"action": "calendar_create"})
    user = accounts[visitor]
    user.refresh_from_db()
    assert user.calendar_token
    client.logout()
    response = client.get(reverse("member_calendar_feed", args=[user.calendar_token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"]
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = {str(event["summary"]) for event in calendar.walk("VEVENT")}
    expected = {agenda[name].title for name in EVENTS if EXPECTED[visitor][name] == 200}
    assert summaries == expected


def test_a_replaced_or_revoked_feed_address_stops_working(client_for, agenda, accounts):
    client = client_for("council")
    client.post(reverse("member_account"), {"action": "calendar_create"})
    user = accounts["council"]
    user.refresh_from_db()
    first = user.calendar_token
    client.post(reverse("member_account"), {"action": "calendar_create"})
    user.refresh_from_db()
    assert user.calendar_token != first
    assert client.get(reverse("member_calendar_feed", args=[first])).status_code == 404
    client.post(reverse("member_account"), {"action": "calendar_revoke"})
    user.refresh_from_db()
    assert user.calendar_token is None


def test_a_feed_address_dies_with_the_membership(client, agenda, accounts):
    """A person who leaves the network (groups removed, or account closed) gets nothing."""
    user = accounts["council"]
    user.calendar_token = "jeton-de-test-0123456789abcdef"
    user.save()
    url = reverse("member_calendar_feed", args=[user.calendar_token])
    assert client.get(url).status_code == 200
    user.groups.clear()
    assert client.get(url).status_code == 404
    assert client.get(url.replace("jeton", "autre")).status_code == 404


@pytest.mark.parametrize("visitor", list(EXPECTED))
def test_public_channels_never_show_member_events(client_for, agenda, visitor):
    """Public agenda, public feed, sitemap and public search: public events only."""
    client = client_for(visitor)
    bodies = [
        client.get(agenda["index"].url).content.decode(),
        client.get(agenda["index"].url + "ical/").content.decode(),
        client.get(reverse("search"), {"q": "okapi axolotl pangolin"}).content.decode(),
    ]
    sitemaps = sitemap_bodies(client)
    for body in [*bodies, *sitemaps.values()]:
        for name in ("partners", "council", "commission"):
            assert agenda[name].title not in body
            assert agenda[name].slug not in body
    assert agenda["public"].title in bodies[0]
    assert agenda["public"].title in bodies[1]
    assert agenda["public"].full_url in sitemaps["/sitemap-agenda.xml"]


@pytest.mark.parametrize(
    ("visitor", "finds"),
    [
        ("partner", {"partners"}),
        ("council", {"partners", "council"}),
        ("cotech", {"partners", "commission"}),
    ],
)
def test_member_search_finds_the_events_the_person_may_read(client_for, agenda, visitor, finds):
    client = client_for(visitor)
    for name, word in (("partners", "pangolin"), ("council", "axolotl"), ("commission", "okapi")):
        body = client.get(reverse("member_search"), {"q": word}).content.decode()
        assert (agenda[name].url in body) is (name in finds), name


def test_public_event_has_event_json_ld(client, agenda):
    body = client.get(agenda["public"].url).content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "Event"
    assert data["name"] == agenda["public"].title
    assert data["location"]["address"]["addressLocality"] == "Limoges"
    assert data["startDate"].endswith(("+01:00", "+02:00"))


def test_a_public_event_links_back_to_its_agenda(client, agenda):
    body = client.get(agenda["public"].url).content.decode()
    assert f'<a class="back-link" href="{agenda["index"].url}">Tout l\'agenda</a>' in body


def test_times_keep_their_offset_across_daylight_saving(agenda):
    """10:00 in Limoges is 09:00 UTC the day before summer time and 08:00 UTC on the day."""
    winter = mf.EventPageFactory(
        parent=agenda["index"], start_date=datetime.date(2027, 3, 27), start_time=datetime.time(10)
    )
    summer = mf.EventPageFactory(
        parent=agenda["index"], start_date=datetime.date(2027, 3, 28), start_time=datetime.time(10)
    )
    assert winter.starts_at.astimezone(datetime.UTC).hour == 9
    assert summer.starts_at.astimezone(datetime.UTC).hour == 8
    calendar = icalendar.Calendar.from_ical(ics_bytes([summer], "Été"))
    start = calendar.walk("VEVENT")[0]["dtstart"].dt
    assert start == datetime.datetime(2027, 3, 28, 8, tzinfo=datetime.UTC)
    assert start.astimezone(PARIS).hour == 10


def test_the_hour_skipped_in_spring_is_refused(agenda):
    event = EventPage(
        title="Nuit du changement d'heure",
        slug="nuit",
        start_date=datetime.date(2027, 3, 28),
        start_time=datetime.time(2, 30),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "heure d'été" in str(error.value)


def test_end_before_start_is_refused(agenda):
    event = EventPage(
        title="À rebours",
        slug="rebours",
        start_date=datetime.date(2027, 5, 4),
        end_date=datetime.date(2027, 5, 3),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "précède" in str(error.value)


def test_all_day_and_multi_day_events_are_whole_dates_in_ical(client, agenda):
    salon = mf.EventPageFactory(
        parent=agenda["index"],
        title="Salon sur trois jours",
        start_date=timezone.localdate() + datetime.timedelta(days=30),
        end_date=timezone.localdate() + datetime.timedelta(days=32),
        start_time=None,
        end_time=None,
    )
    calendar = icalendar.Calendar.from_ical(client.get(salon.url + "ical/").content)
    event = calendar.walk("VEVENT")[0]
    assert event["dtstart"].dt == salon.start_date
    # The end of an all-day event is the day after its last day (RFC 5545).
    assert event["dtend"].dt == salon.end_date + datetime.timedelta(days=1)
    assert "toute la journée" not in salon.when_text
    assert salon.when_text.startswith("du ")


def test_public_agenda_filters_and_archive(client, agenda):
    sector = SectorFactory(name="Céramique")
    workshop = mf.EventPageFactory(
        parent=agenda["index"], title="Atelier émail", kind="atelier", sector=sector
    )
    past = mf.EventPageFactory(
        parent=agenda["index"],
        title="Conférence passée",
        start_date=timezone.localdate() - datetime.timedelta(days=400),
    )
    index = agenda["index"].url
    upcoming = client.get(index).content.decode()
    assert workshop.title in upcoming and agenda["public"].title in upcoming
    assert past.title not in upcoming
    by_kind = client.get(index, {"type": "atelier"}).content.decode()
    assert workshop.title in by_kind and agenda["public"].title not in by_kind
    by_sector = client.get(index, {"secteur": sector.slug}).content.decode()
    assert workshop.title in by_sector and agenda["public"].title not in by_sector
    archive = client.get(f"{index}archives/{past.start_date.year}/")
    assert archive.status_code == 200
    assert past.title in archive.content.decode()
    assert workshop.title not in archive.content.decode()
    for query in ({"type": "inconnu"}, {"secteur": "inconnu"}, {"type": "a b"}):
        assert client.get(index, query).status_code == 404
    assert client.get(f"{index}archives/1999/").status_code == 404
    assert client.get(f"{index}archives/{timezone.localdate().year + 1}/").status_code == 404


def test_the_agenda_offers_only_the_kinds_and_sectors_it_lists(client, agenda):
    ceramics, wood = SectorFactory(name="Céramique"), SectorFactory(name="Bois")
    unused = SectorFactory(name="Aéronautique")
    mf.EventPageFactory(
        parent=agenda["index"], title="Atelier émail", kind="atelier", sector=ceramics
    )
    mf.EventPageFactory(
        parent=agenda["index"],
        title="Salon passé",
        kind="salon",
        sector=wood,
        start_date=timezone.localdate() - datetime.timedelta(days=400),
    )
    response = client.get(agenda["index"].url)
    offered = {sector.name for sector in response.context["sectors"]}
    kinds = {value for value, _ in response.context["kinds"]}
    assert "Céramique" in offered
    # A sector or kind of past events only, or of none, is not offered for what is to come.
    assert "Bois" not in offered and unused.name not in offered
    assert "atelier" in kinds and "salon" not in kinds


def test_editors_cannot_file_member_events_under_the_public_agenda():
    assert EventPage.parent_page_types == ["members.AgendaIndexPage"]
    assert MemberEventPage.parent_page_types == ["members.MemberAgendaPage"]
    assert MemberEventPage.member_only is True and EventPage.member_only is False


def test_commission_meeting_needs_its_commission(agenda):
    event = MemberEventPage(
        title="Réunion sans commission",
        slug="sans",
        start_date=datetime.date(2027, 5, 4),
        audience=MemberEventPage.Audience.COMMISSION,
    )
    with pytest.raises(ValidationError):
        event.full_clean()


def test_dashboard_meetings_come_from_the_agenda(client_for, agenda):
    """« Prochaines réunions »: the events the person may attend, from the agenda."""
    cotech = client_for("cotech").get("/espace-membres/").content.decode()
    assert agenda["commission"].title in cotech
    assert agenda["council"].title not in cotech
    council = client_for("council").get("/espace-membres/").content.decode()
    assert agenda["council"].title in council
    assert agenda["commission"].title not in council


def test_commission_page_shows_its_meetings_to_its_members_only(client_for, agenda):
    url = agenda["commission"].commission.url
    assert agenda["commission"].title in client_for("cotech").get(url).content.decode()
    assert agenda["commission"].title not in client_for("partner").get(url).content.decode()


def test_minutes_link_to_the_meeting_they_record(client_for, member_area, agenda):
    minutes = mf.CommissionMinutesPageFactory(
        parent=member_area["commission"], title="Compte rendu lié", event=agenda["commission"]
    )
    cotech = client_for("cotech")
    assert agenda["commission"].url in cotech.get(minutes.url).content.decode()
    assert minutes.url in cotech.get(agenda["commission"].url).content.decode()
    # A partner reads the minutes but may not open the meeting: no link to it.
    assert agenda["commission"].url not in client_for("partner").get(minutes.url).content.decode()


def test_new_events_are_announced_to_those_who_may_attend_and_want_it(
    member_area, accounts, django_capture_on_commit_callbacks
):
    """A council meeting is announced to the council, not to club partners; a member who
    turned event alerts off hears nothing; the weekly digest lists new events."""
    from django.core import mail

    from members.models import User
    from members.notifications import send_digest

    cotech = User.objects.get(pk=accounts["cotech"].pk)
    cotech.event_alerts = False
    cotech.save()
    member_index = mf.MemberAgendaPageFactory(parent=member_area["area"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = mf.MemberEventPageFactory(
            parent=member_index,
            title="Séance plénière du conseil",
            audience=MemberEventPage.Audience.COUNCIL,
        )
    told = {message.to[0] for message in mail.outbox}
    assert "conseil@example.org" in told
    assert "partenaire@example.org" not in told
    assert "cotech@example.org" not in told
    announcement = next(m for m in mail.outbox if m.to == ["conseil@example.org"])
    assert "nouvel événement" in announcement.subject
    assert event.when_text in announcement.body

    council = User.objects.get(pk=accounts["council"].pk)
    council.notification_frequency = User.NotificationFrequency.WEEKLY
    council.last_digest_sent_at = timezone.now() - datetime.timedelta(days=7)
    council.save()
    mail.outbox.clear()
    assert send_digest(council)
    assert "Nouveaux événements" in mail.outbox[0].body
    assert event.title in mail.outbox[0].body


@pytest.mark.parametrize("viewset", ["action_plan", "event_registrations"])
@pytest.mark.parametrize("view", ["index", "add"])
def test_writers_reach_neither_registrants_nor_the_action_plan(client, member_area, viewset, view):
    """« Rédacteurs » write public content: the member area's records stay closed to them."""
    from core.roles import WRITERS

    client.force_login(mf.member("plume@example.org", WRITERS))
    response = client.get(reverse(f"{viewset}:{view}"))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/")
        assert client.get(response["Location"]).status_code in (200, 302)


@pytest.mark.parametrize("visitor", [v for v in EXPECTED if v != "anonymous"])
def test_an_event_page_and_the_listings_hide_the_same_events(agenda, accounts, visitor):
    """The served page's own check (`is_hidden_from`, read from its fields) and the listings'
    subquery (`hidden_from`) agree for every audience and every kind of member."""
    user = accounts[visitor]
    hidden = set(MemberEventPage.hidden_from(user).values_list("pk", flat=True))
    for name in ("partners", "council", "commission"):
        event = MemberEventPage.objects.get(pk=agenda[name].pk)
        assert event.is_hidden_from(user) is (event.pk in hidden), name
        assert event.is_hidden_from(user) is (EXPECTED[visitor][name] == 403), name


def test_an_event_for_all_partners_is_checked_without_a_query(
    agenda, accounts, django_assert_num_queries
):
    event = MemberEventPage.objects.get(pk=agenda["partners"].pk)
    user = accounts["cotech"]
    # Read once per request with the account (members.backends).
    user_group_names(user)
    with django_assert_num_queries(0):
        assert event.is_hidden_from(user) is False
