"""Member and applicant journeys in Chromium, with axe-core on every member page."""

import re

from django.core import mail

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from core.cache import page_cache
from home.models import HomePage
from members.models import StrategyFeedback
from tests.factories import TEST_PASSWORD, SectorFactory, StandardPageFactory
from tests.members.conftest import accounts, member_area  # noqa: F401 - fixtures
from tests.members.test_applications import JoinClubPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
AXE_CONTEXT = {"exclude": [["wagtail-userbar"]]}


def assert_accessible(page):
    """No serious or critical WCAG 2.1 AA violation on the current page."""
    results = Axe().run(page, context=AXE_CONTEXT, options=AXE_OPTIONS)
    blocking = [
        (violation["id"], violation["impact"], violation["nodes"][0]["target"])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert not blocking, (page.url, blocking)


def share_renderings(settings, shared):
    """Member pages rendered once per audience, as with Redis in production (core.cache)."""
    settings.FRAGMENT_CACHE_ENABLED = shared
    page_cache().clear()


def sign_in(page, base_url, email, password=TEST_PASSWORD):
    page.goto(base_url + "/connexion/")
    assert_accessible(page)
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


# Rendered for the reader alone, then as with Redis in production: rendered once per audience
# with the reader's personal parts filled in (core.cache.shared).
@pytest.mark.parametrize("shared", [False, True], ids=["rendered", "shared"])
def test_member_reads_minutes_leaves_feedback_and_manages_account(
    page,
    live_server,
    member_area,  # noqa: F811
    settings,
    shared,
):
    """A council member signs in, reads minutes, downloads the PDF, gives feedback, signs out."""
    share_renderings(settings, shared)
    base = live_server.url
    sign_in(page, base, "conseil@example.org")
    expect(page).to_have_url(base + "/espace-membres/")
    expect(page.locator("h1")).to_have_text("Espace membres")
    assert_accessible(page)

    page.get_by_role("link", name="Réunion confidentielle").first.click()
    expect(page.locator("h1")).to_have_text("Réunion confidentielle")
    expect(page.get_by_text("Le mot zythogale est confidentiel.")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Compte rendu")).click()
    with open(download_info.value.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"

    page.get_by_role("navigation", name="Espace membres").get_by_role(
        "link", name="Commissions"
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Commission marque territoriale").click()
    assert_accessible(page)

    page.goto(base + member_area["draft"].url)
    assert_accessible(page)
    page.get_by_label("Partie concernée (facultatif)").fill("Axe 2")
    page.get_by_label("Votre avis").fill("Associer les étudiants à l'accueil des talents.")
    page.get_by_role("button", name="Envoyer mon avis").click()
    expect(page.get_by_text("votre avis a bien été reçu")).to_be_visible()
    expect(page.locator("#mes-avis")).to_contain_text("Associer les étudiants")
    # Read again (from the audience's rendering when shared): the feedback is still theirs.
    page.goto(base + member_area["draft"].url)
    expect(page.locator("#mes-avis")).to_contain_text("Associer les étudiants")
    expect(page.get_by_role("button", name="Envoyer mon avis")).to_be_visible()
    assert StrategyFeedback.objects.filter(author__email="conseil@example.org").count() == 1
    assert_accessible(page)

    page.goto(base + "/espace-membres/recherche/?q=zythogale")
    expect(page.get_by_role("link", name="Réunion confidentielle")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Mon compte").click()
    assert_accessible(page)
    new_password = "Porcelaine-et-email-2026"
    page.get_by_label("Ancien mot de passe").fill(TEST_PASSWORD)
    page.get_by_label(re.compile(r"^Nouveau mot de passe")).fill(new_password)
    page.get_by_label("Confirmation du nouveau mot de passe").fill(new_password)
    page.get_by_role("button", name="Changer le mot de passe").click()
    expect(page.get_by_text("Votre mot de passe a été modifié.")).to_be_visible()

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_text("Déconnexion effectuée")).to_be_visible()
    page.goto(base + "/espace-membres/")
    expect(page).to_have_url(re.compile(r"/connexion/\?next="))
    sign_in(page, base, "conseil@example.org", new_password)
    expect(page).to_have_url(base + "/espace-membres/")


def test_club_partner_is_refused_council_drafts(page, live_server, member_area):  # noqa: F811
    """A club partner sees a 403 page without the draft's title."""
    sign_in(page, live_server.url, "partenaire@example.org")
    response = page.goto(live_server.url + member_area["draft"].url)
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Accès refusé")
    assert "Stratégie version 3" not in page.content()
    assert_accessible(page)


def test_visitor_applies_editor_approves_partner_signs_in(
    page,
    live_server,
    accounts,  # noqa: F811
):
    """A visitor applies; an editor approves in the admin; the partner sets a password."""
    base = live_server.url
    home = HomePage.objects.get()
    charter = StandardPageFactory(parent=home, title="La charte de partenariat")
    join = JoinClubPageFactory(parent=home, charter_page=charter)
    SectorFactory(name="Industrie")
    mail.outbox.clear()

    page.goto(base + join.url)
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page.locator("#form-errors")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nom de votre organisation").fill("Émaux de la Vienne")
    page.get_by_label("Numéro SIRET").fill("732 829 320 00074")
    page.get_by_label("Secteur d'activité").select_option(label="Industrie")
    page.locator("#id_contact_first_name").fill("Jeanne")
    page.locator("#id_contact_last_name").fill("Vienne")
    page.get_by_label("Adresse électronique").fill("jeanne@emaux.example")
    page.get_by_label("Téléphone").fill("05 55 12 34 56")
    page.get_by_label("Pourquoi souhaitez-vous rejoindre le club ?").fill("Pour le territoire.")
    page.get_by_label(re.compile("la charte de partenariat")).check()
    page.get_by_label(re.compile("traite ces données")).check()
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page.get_by_text("Votre candidature est bien reçue")).to_be_visible()
    assert_accessible(page)

    editor = page.context.browser.new_context(locale="fr-FR").new_page()
    editor.goto(base + "/admin/login/")
    editor.locator("#id_username").fill("editeur@example.org")
    editor.locator("#id_password").fill(TEST_PASSWORD)
    editor.locator("button[type=submit]").first.click()
    editor.goto(base + "/admin/membership_applications/?status=new")
    editor.get_by_role("link", name=re.compile("Examiner")).first.click()
    expect(editor.get_by_text("Émaux de la Vienne").first).to_be_visible()
    editor.get_by_role("button", name="Approuver et envoyer l'invitation").click()
    expect(editor.get_by_text("Candidature approuvée")).to_be_visible()

    invitation = next(m for m in mail.outbox if "Bienvenue" in m.subject)
    link = re.search(r"https?://\S+/connexion/invitation/\S+", invitation.body).group(0)
    page.goto(link)
    assert_accessible(page)
    password = "Vienne-Emaux-2026-ok"
    page.get_by_label(re.compile(r"^Nouveau mot de passe")).fill(password)
    page.get_by_label("Confirmation du nouveau mot de passe").fill(password)
    page.get_by_role("button", name="Enregistrer mon mot de passe").click()
    expect(page.get_by_text("Votre mot de passe est enregistré")).to_be_visible()
    sign_in(page, base, "jeanne@emaux.example", password)
    expect(page).to_have_url(base + "/espace-membres/")
