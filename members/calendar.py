"""iCalendar (RFC 5545) files of events: one event's download, the public feed and each
member's private feed, all built the same way with the `icalendar` library."""

import datetime
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.utils import timezone

import icalendar

PRODUCT_ID = "-//Limoges attractivité//Agenda du réseau//FR"
# Calendar programs poll subscribed feeds; asking for every six hours is the convention.
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def event_uid(event, address):
    """Stable across edits, moves and renames, so a calendar updates the event it has."""
    host = urlsplit(address).hostname or "limoges-attractivite.fr"
    return f"evenement-{event.pk}@{host}"


def event_component(event):
    """The VEVENT of one event. Times are written in UTC (each converted with its own
    offset, summer or winter); all-day events are dates, the end being exclusive."""
    address = event.full_url or ""
    component = icalendar.Event()
    component.add("uid", event_uid(event, address))
    component.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(datetime.UTC))
    if event.all_day:
        component.add("dtstart", event.start_date)
        component.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        component.add("dtstart", event.starts_at.astimezone(datetime.UTC))
        if event.ends_at > event.starts_at:
            component.add("dtend", event.ends_at.astimezone(datetime.UTC))
    component.add("summary", event.title)
    description = event.meta_description
    if event.organiser_id:
        # ORGANIZER must be an address (RFC 5545, 3.8.4.3): the name goes in the text.
        description = f"{description}\n\nOrganisé par {event.organiser.name}".strip()
    if event.online_url:
        description = f"{description}\n\nEn ligne : {event.online_url}".strip()
    if description:
        component.add("description", description)
    if event.location_text:
        component.add("location", event.location_text)
    elif event.online_url:
        component.add("location", event.online_url)
    if address:
        component.add("url", address)
    component.add("categories", [event.get_kind_display()])
    # From the page's type: rows of a mixed listing are loaded as plain events.
    component.add("class", "PRIVATE" if event.specific_class.member_only else "PUBLIC")
    return component


def calendar_of(events, name, method="PUBLISH"):
    """A VCALENDAR holding these events."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_INTERVAL)
    for event in events:
        calendar.add_component(event_component(event))
    return calendar


def ics_bytes(events, name):
    return calendar_of(events, name).to_ical()


def ics_response(events, name, filename=None):
    """An `.ics` answer: a download when `filename` is given, a feed otherwise."""
    response = HttpResponse(ics_bytes(events, name), content_type="text/calendar")
    response["Content-Type"] = "text/calendar; charset=utf-8"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
