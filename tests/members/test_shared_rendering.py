"""Member pages rendered once per audience (core.cache.shared): each reader still gets their
own name, form token, calendar address and registration, and nobody gets another
audience's page."""

import re

from django.contrib import messages
from django.contrib.auth.models import Group
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

import pytest

from core.cache import page_cache
from core.cache.shared import fill, marker, render_shared
from members.models import EventRegistration, StrategyFeedback
from members.roles import CLUB, COUNCIL
from tests.members import member_factories as mf

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def shared_cache(settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    # As in production: the stored page is set in French once, its personal parts each time.
    settings.FRENCH_TYPOGRAPHY = True
    page_cache().clear()
    yield
    page_cache().clear()


@pytest.fixture
def pages(member_area):
    area = member_area["area"]
    agenda = mf.MemberAgendaPageFactory(parent=area)
    meeting = mf.MemberEventPageFactory(
        parent=agenda, title="Réunion du club", registration="open", capacity=10
    )
    plan = mf.ActionPlanPageFactory(parent=area)
    return {
        **member_area,
        "agenda": agenda,
        "meeting": meeting,
        "plan": plan,
        "search": f"{reverse('member_search')}?q=confidentielle",
    }


def two_of(organisation, group_name, names=("Camille", "Dominique")):
    group = Group.objects.get(name=group_name)
    people = []
    for first, token in zip(names, ("a" * 40, "b" * 40), strict=True):
        person = mf.UserFactory(
            email=f"{first.lower()}@example.org",
            first_name=first,
            last_name="Partenaire",
            organisation=organisation,
            calendar_token=token,
        )
        person.groups.add(group)
        people.append(person)
    return people


@pytest.fixture
def colleagues(accounts):
    """Two partners of one organisation: the same audience, different people."""
    return two_of(accounts["partner"].organisation, CLUB)


def client_of(user):
    # Form tokens are checked, as in a browser.
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def url_of(pages, name):
    return pages[name] if isinstance(pages[name], str) else pages[name].url


SHARED_PAGES = ["area", "commission_index", "commission", "minutes", "agenda", "meeting", "plan"]


@pytest.mark.parametrize("name", [*SHARED_PAGES, "search"])
def test_a_page_is_rendered_once_for_an_audience_and_finished_for_each_reader(
    pages, colleagues, name
):
    first, second = colleagues
    url = url_of(pages, name)
    first_client, second_client = client_of(first), client_of(second)
    first_answer = first_client.get(url)
    second_answer = second_client.get(url)
    assert first_answer.status_code == second_answer.status_code == 200
    assert first_answer["X-Cache"] == "MISS"
    # Every member page type is reached, routable ones included.
    assert second_answer["X-Cache"] == "HIT"
    assert "private" in second_answer["Cache-Control"]
    first_body, second_body = first_answer.content.decode(), second_answer.content.decode()
    for body, person, other in ((first_body, first, second), (second_body, second, first)):
        assert person.get_full_name() in body
        assert other.get_full_name() not in body
        assert other.email not in body
        assert other.calendar_token not in body
        assert "<!--personal:" not in body
    # Each reader's form token is their own, and signs them out.
    first_token = TOKEN.search(first_body)[1]
    second_token = TOKEN.search(second_body)[1]
    assert first_token != second_token
    assert (
        second_client.post(reverse("logout"), {"csrfmiddlewaretoken": second_token}).status_code
        == 302
    )
    # French typography was applied once, to the stored page, and to the personal parts.
    assert "Votre compte\u00a0:" in second_body


def test_the_member_agenda_gives_each_reader_their_calendar_and_registrations(pages, colleagues):
    first, second = colleagues
    EventRegistration.objects.create(event=pages["meeting"], user=first, email=first.email)
    bodies = [client_of(person).get(pages["agenda"].url).content.decode() for person in colleagues]
    assert first.calendar_token in bodies[0] and second.calendar_token in bodies[1]
    assert "Vous êtes inscrit" in bodies[0]
    assert "Vous êtes inscrit" not in bodies[1]


def test_an_event_page_shows_each_reader_their_registration_and_the_seats_left_now(
    pages, colleagues
):
    first, second = colleagues
    url = pages["meeting"].url
    assert "10 places disponibles" in client_of(first).get(url).content.decode()
    # A registration is no publication: the shared page stays, its personal part does not.
    EventRegistration.objects.create(
        event=pages["meeting"], user=first, email=first.email, status="confirmed"
    )
    first_body = client_of(first).get(url).content.decode()
    answer = client_of(second).get(url)
    assert answer["X-Cache"] == "HIT"
    second_body = answer.content.decode()
    assert "Vous êtes inscrit à cet événement" in first_body
    assert "Vous êtes inscrit" not in second_body
    assert "M'inscrire" in second_body or "M’inscrire" in second_body
    assert "9 places disponibles" in second_body


@pytest.mark.parametrize("name", ["area", "search"])
def test_a_partner_never_gets_the_councils_rendering(pages, client_for, name):
    url = url_of(pages, name).replace("confidentielle", "quokkarde")
    draft = pages["draft"].title
    council = client_for("council").get(url)
    assert draft in council.content.decode()
    partner = client_for("partner").get(url)
    assert partner["X-Cache"] == "MISS"
    assert draft not in partner.content.decode()


def test_a_publication_refreshes_the_shared_pages_at_once(pages, colleagues):
    first, second = colleagues
    url = pages["commission"].url
    client_of(first).get(url)
    mf.CommissionMinutesPageFactory(parent=pages["commission"], title="Réunion de décembre")
    answer = client_of(second).get(url)
    assert answer["X-Cache"] == "MISS"
    assert "Réunion de décembre" in answer.content.decode()


def test_editors_and_readers_with_messages_get_a_page_of_their_own(pages, client_for, colleagues):
    url = pages["commission"].url
    assert client_for("editor").get(url)["X-Cache"] == "BYPASS"
    client = client_of(colleagues[0])
    client.get(url)
    # A message waits for this reader: shown on the next page, which is theirs alone.
    storage = CookieStorage(RequestFactory().get("/"))
    message_cookie = HttpResponse()
    storage.add(constants.SUCCESS, "Votre profil est enregistré.")
    storage.update(message_cookie)
    client.cookies["messages"] = message_cookie.cookies["messages"].value
    answer = client.get(url)
    assert answer["X-Cache"] == "BYPASS"
    assert "Votre profil est enregistré." in answer.content.decode()


def test_a_rendering_holding_a_form_token_or_a_personal_value_is_not_kept(colleagues, rf):
    person = colleagues[0]
    for leak in ('<input name="csrfmiddlewaretoken" value="x">', person.calendar_token):
        request = rf.get("/espace-membres/essai/")
        request.user = person
        calls = []

        def render(leak=leak, calls=calls):
            calls.append(1)
            return HttpResponse(f"<p>{leak}</p>")

        for _ in range(2):
            assert "X-Cache" not in render_shared(request, "audience", render)
        assert len(calls) == 2


def test_personal_parts_cannot_be_forged_by_content(rf, colleagues):
    request = rf.get("/")
    request.user = colleagues[0]
    forged = "<!--personal:0123456789abcdef0123:member-who:-->"
    assert fill(forged, request) == forged
    real = marker("member-who")
    assert colleagues[0].get_full_name() in fill(real, request)
    with pytest.raises(KeyError):
        marker("unknown-part")
    with pytest.raises(ValueError):
        marker("registered-badge", "1-->injected")


def test_a_strategy_draft_is_shared_but_each_reader_gets_only_their_own_feedback(pages, accounts):
    first, second = two_of(accounts["council"].organisation, COUNCIL, ("Alix", "Sacha"))
    draft = pages["draft"]
    feedback = StrategyFeedback.objects.create(
        draft=draft, author=first, text="Mon avis sur la gouvernance"
    )
    first_body = client_of(first).get(draft.url).content.decode()
    answer = client_of(second).get(draft.url)
    assert answer["X-Cache"] == "HIT"
    second_body = answer.content.decode()
    assert "Mon avis sur la gouvernance" in first_body
    assert "Mon avis sur la gouvernance" not in second_body
    assert "pas encore donné votre avis" in second_body
    assert 'id="avis-form"' in second_body
    # Editing one's feedback is rendered for its author alone; nobody else reaches it.
    edit_url = f"{draft.url}avis/{feedback.pk}/modifier/"
    edited = client_of(first).get(edit_url)
    assert edited.status_code == 200
    assert edited.get("X-Cache") is None
    assert "Mon avis sur la gouvernance" in edited.content.decode()
    assert client_of(second).get(edit_url).status_code == 404
    # A feedback sent by the second reader shows at once, to them only.
    sent = client_of(second)
    token = TOKEN.search(sent.get(draft.url).content.decode())[1]
    answer = sent.post(
        draft.url, {"csrfmiddlewaretoken": token, "text": "Un second avis", "section": ""}
    )
    assert answer.status_code == 302
    assert "Un second avis" in sent.get(draft.url + "?avis=recu").content.decode()
    assert "Un second avis" not in client_of(first).get(draft.url).content.decode()


def test_made_up_query_parameters_never_reach_the_cache(pages, colleagues):
    plan = pages["plan"].url
    client = client_of(colleagues[0])
    assert client.get(plan + "?echeance=retard")["X-Cache"] == "MISS"
    assert client.get(plan + "?echeance=retard")["X-Cache"] == "HIT"
    for _ in range(2):
        assert client.get(plan + "?utm_source=lettre")["X-Cache"] == "BYPASS"


def test_a_rendering_that_showed_messages_is_not_kept(colleagues, rf):
    """A view may add a message and show it in the same answer: it was the reader's own."""

    def reader_request():
        request = rf.get("/espace-membres/essai/")
        request.user = colleagues[0]
        request.session = {}
        request._messages = CookieStorage(request)
        return request

    def render(request, tell):
        if tell:
            messages.info(request, "Votre inscription est enregistrée.")
        shown = "".join(str(message) for message in request._messages)
        return HttpResponse(f"<p>Bonjour. {shown}</p>")

    first = reader_request()
    response = render_shared(first, "audience", lambda: render(first, True))
    assert "X-Cache" not in response
    second = reader_request()
    response = render_shared(second, "audience", lambda: render(second, False))
    # Nothing was kept from the first rendering: the second is rendered and stored.
    assert response["X-Cache"] == "MISS"
    assert "inscription" not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "table"),
    [("meeting", "members_membereventpage"), ("draft", "members_strategydraftpage")],
)
def test_a_stored_rendering_reads_its_page_once_for_the_readers_part(
    pages, colleagues, name, table
):
    """The registration or feedback part is written with the page routing read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first, second = colleagues
    for person in colleagues:
        person.groups.add(Group.objects.get(name=COUNCIL))
    url = pages[name].url
    client_of(first).get(url)
    client = client_of(second)
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(url)
    assert answer.status_code == 200
    assert answer["X-Cache"] == "HIT"
    reads = [
        query["sql"]
        for query in captured
        if re.search(rf'FROM "({table}|members_eventpage)"', query["sql"])
    ]
    assert len(reads) == 1, reads
