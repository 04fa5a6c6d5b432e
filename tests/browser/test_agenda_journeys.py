"""The agenda and the action plan in Chromium: a visitor registers on a phone and confirms by
e-mail, a partner registers in one click and follows the action plan, a facilitator changes
an action's status in the admin and an editor writes an event there; axe-core on each page."""

import re

from django.core import mail

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from members.models import ActionStatusChange, EventPage, EventRegistration, MemberEventPage
from tests.browser.test_admin_journeys import admin_sign_in, failing_responses
from tests.browser.test_member_journeys import assert_accessible, share_renderings, sign_in
from tests.members import member_factories as mf
from tests.members.conftest import accounts, member_area  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def agenda(member_area, accounts, home_page):  # noqa: F811
    """A public workshop with two seats, a partners' breakfast, a council meeting, actions."""
    public_index = mf.AgendaIndexPageFactory(parent=home_page, show_in_menus=True)
    member_index = mf.MemberAgendaPageFactory(parent=member_area["area"])
    plan = mf.ActionPlanPageFactory(parent=member_area["area"])
    late = mf.add_action(
        member_area["minutes"],
        description="Recenser les offres des membres",
        owner_organisation=accounts["partner"].organisation,
        due_on=mf.in_days(-3),
        status="in_progress",
    )
    return {
        "index": public_index,
        "member_index": member_index,
        "plan": plan,
        "late": late,
        "workshop": mf.EventPageFactory(
            parent=public_index,
            title="Atelier marque employeur",
            kind="atelier",
            registration="open",
            capacity=2,
        ),
        "breakfast": mf.MemberEventPageFactory(
            parent=member_index,
            title="Petit-déjeuner des partenaires",
            registration="open",
        ),
        "council": mf.MemberEventPageFactory(
            parent=member_index,
            title="Séance du conseil stratégique",
            audience=MemberEventPage.Audience.COUNCIL,
        ),
    }


def test_a_visitor_registers_on_a_phone_and_confirms_by_e_mail(browser, live_server, agenda):
    mail.outbox.clear()  # the members told of the events the fixture published
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    base = live_server.url
    page.goto(base + "/agenda/")
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    page.get_by_role("link", name="Atelier marque employeur").click()
    expect(page.locator("h1")).to_have_text("Atelier marque employeur")
    assert_accessible(page)
    # A mistake first: the form says what is wrong and keeps what was typed.
    page.get_by_label("Prénom et nom").fill("Louise Martin")
    page.get_by_label("Adresse électronique").fill("louise.martin@")
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.get_by_label("Prénom et nom")).to_have_value("Louise Martin")
    assert_accessible(page)
    page.get_by_label("Adresse électronique").fill("louise.martin@example.com")
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_text("Un courriel vient de vous être envoyé")).to_be_visible()
    (message,) = mail.outbox
    link = re.search(r"http\S+/inscription/\S+/", message.body).group(0)
    page.goto(base + link[link.index("/agenda/") :])
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer mon inscription").click()
    expect(page.get_by_text("Votre inscription est confirmée")).to_be_visible()
    assert EventRegistration.objects.get().status == "confirmed"
    assert mail.outbox[-1].attachments[0][0].endswith(".ics")
    context.close()


# Rendered for the reader alone, then as with Redis in production: rendered once per audience
# with the reader's personal parts filled in (core.cache.shared).
@pytest.mark.parametrize("shared", [False, True], ids=["rendered", "shared"])
def test_a_partner_registers_in_one_click_and_follows_the_plan(
    page, live_server, agenda, settings, shared
):
    share_renderings(settings, shared)
    base = live_server.url
    sign_in(page, base, "partenaire@example.org")
    expect(page).to_have_url(base + "/espace-membres/")
    expect(page.get_by_text("Petit-déjeuner des partenaires")).to_be_visible()
    expect(page.get_by_text("Recenser les offres des membres").first).to_be_visible()
    assert_accessible(page)

    page.goto(base + agenda["workshop"].url)
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_text("Vous êtes inscrit").first).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Ajouter à mon agenda")).click()
    with open(download.value.path(), "rb") as ics:
        assert ics.read().startswith(b"BEGIN:VCALENDAR")

    page.goto(base + "/espace-membres/")
    page.get_by_role("navigation", name="Espace membres").get_by_role(
        "link", name="Agenda des membres"
    ).click()
    expect(page.get_by_role("link", name="Petit-déjeuner des partenaires")).to_be_visible()
    expect(page.get_by_text("Séance du conseil stratégique")).to_have_count(0)
    expect(page.get_by_text("Vous êtes inscrit")).to_be_visible()
    assert_accessible(page)
    # Again, from the audience's rendering when shared: still their own registration.
    page.reload()
    expect(page.get_by_text("Vous êtes inscrit")).to_be_visible()

    page.get_by_role("navigation", name="Espace membres").get_by_role(
        "link", name="Plan d'actions"
    ).click()
    assert_accessible(page)
    page.get_by_label("Échéance", exact=True).select_option("retard")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.get_by_text("En retard").first).to_be_visible()
    page.get_by_role("link", name="Version imprimable").click()
    assert_accessible(page)

    page.goto(base + "/espace-membres/mon-compte/")
    page.get_by_role("button", name="Créer mon adresse d'abonnement").click()
    feed = page.get_by_label("Votre adresse d'abonnement").input_value()
    assert "/calendrier-membres/" in feed
    assert_accessible(page)


def test_a_facilitator_changes_a_status_and_an_editor_writes_an_event(
    browser,
    live_server,
    agenda,
    accounts,  # noqa: F811
    member_area,  # noqa: F811
    settings,
):
    settings.ADMIN_2FA_REQUIRED = True
    base = live_server.url
    facilitator = accounts["cotech"]
    commission = member_area["commission"]
    commission.facilitators.add(facilitator)
    commission.save_revision().publish()
    for user in (facilitator, accounts["editor"]):
        TOTPDevice.objects.create(user=user, name="Téléphone", confirmed=True)

    context = browser.new_context(locale="fr-FR", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    failures = failing_responses(page)
    admin_sign_in(page, base, facilitator)
    page.get_by_role("link", name="Plan d'actions").first.click()
    page.get_by_role("link", name="Recenser les offres des membres").click()
    page.locator("#id_status").select_option("done")
    page.locator("#id_note").fill("Page des offres en ligne")
    page.get_by_role("button", name=re.compile("Enregistrer")).click()
    expect(page.get_by_text("enregistré")).to_be_visible()
    change = ActionStatusChange.objects.get()
    assert change.changed_by == facilitator and change.new_status == "done"
    # Nothing else of the admin is theirs.
    assert page.goto(base + "/admin/pages/").status in (302, 403) or "/admin/" in page.url
    expect(page.get_by_role("link", name="Pages")).to_have_count(0)
    context.close()

    context = browser.new_context(locale="fr-FR", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    failures += failing_responses(page)
    admin_sign_in(page, base, accounts["editor"])
    page.goto(base + f"/admin/pages/add/members/eventpage/{agenda['index'].pk}/")
    page.locator("#id_title").fill("Conférence sur la porcelaine")
    page.locator("#id_start_date").fill("12/03/2027")
    page.locator("#id_start_time").fill("18:00")
    page.locator("#id_end_time").fill("20:00")
    page.locator("#id_place_name").fill("Musée national Adrien-Dubouché")
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("link", name="Visualiser la version publiée")).to_be_visible()
    event = EventPage.objects.get(title="Conférence sur la porcelaine")
    assert event.live and event.starts_at.hour == 17  # 18:00 in Limoges is 17:00 UTC in March
    assert not [f for f in failures if f[0] >= 500], failures
    context.close()
