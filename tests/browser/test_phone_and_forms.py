"""On a 390 px phone and a 1280 px desktop: content first, no layout shift, and forms whose
errors and confirmations appear where the person is, take focus and are announced."""

import pytest
from playwright.sync_api import expect

from home.models import HomePage
from tests.factories import SectorFactory, StandardPageFactory
from tests.members.conftest import accounts, member_area  # noqa: F401 - fixtures
from tests.members.test_applications import JoinClubPageFactory
from tests.support import public_page_urls

from .test_member_journeys import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SCREENS = {"téléphone": PHONE, "ordinateur": DESKTOP}

# Sum of the layout shifts since the page started loading (the CLS of the page so far).
LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) total += entry.value;
        }
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


def focused_id(page):
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def in_first_screen(page, selector):
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] < page.viewport_size["height"]


def test_public_pages_show_content_first_without_shifting(page, live_site):
    """On a phone every public page type shows its title, and a listing its first card,
    within the first screen; no page moves once drawn."""
    page.set_viewport_size(PHONE)
    urls = public_page_urls(live_site)
    late, shifting = {}, {}
    for name, path in urls.items():
        page.goto(live_site.base_url + path)
        page.wait_for_load_state("load")
        if not in_first_screen(page, "main h1"):
            late[name] = "titre"
        shift = page.evaluate(LAYOUT_SHIFT)
        if shift > 0.01:
            shifting[name] = round(shift, 3)
    page.goto(live_site.base_url + urls["index des actualités"])
    if not in_first_screen(page, "main .card--news"):
        late["index des actualités"] = "première actualité"
    assert late == {}
    assert shifting == {}


def test_the_phone_menu_is_folded_from_the_first_paint(page, live_site):
    page.set_viewport_size(PHONE)
    page.goto(live_site.base_url + "/")
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_be_visible()
    expect(page.locator("#site-nav-list")).to_be_hidden()
    toggle.click()
    expect(page.locator("#site-nav-list")).to_be_visible()


@pytest.mark.parametrize("screen", SCREENS)
def test_join_form_errors_take_focus_and_keep_the_answers(page, live_server, accounts, screen):  # noqa: F811
    page.set_viewport_size(SCREENS[screen])
    home = HomePage.objects.get()
    charter = StandardPageFactory(parent=home, title="La charte de partenariat")
    join = JoinClubPageFactory(parent=home, charter_page=charter)
    SectorFactory(name="Industrie")

    page.goto(live_server.url + join.url)
    assert page.evaluate(LAYOUT_SHIFT) <= 0.01
    page.get_by_label("Nom de votre organisation").fill("Émaux de la Vienne")
    page.get_by_label("Numéro SIRET").fill("1234567890123²")
    page.get_by_role("button", name="Envoyer ma candidature").click()

    summary = page.locator("#form-errors")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("link", name="Numéro SIRET")).to_be_visible()
    assert in_first_screen(page, "#form-errors") or summary.evaluate(
        "(element) => element.getBoundingClientRect().top >= 0"
    )
    expect(page.get_by_label("Nom de votre organisation")).to_have_value("Émaux de la Vienne")
    # Every field type in error is marked, not only the text areas.
    for selector in ("#id_siret", "#id_sector", "#id_charter_accepted"):
        field = page.locator(selector)
        styles = field.evaluate(
            "(element) => { const s = getComputedStyle(element);"
            " return [s.borderTopColor, s.outlineColor, s.outlineStyle]; }"
        )
        assert "rgb(163, 35, 27)" in styles, (selector, styles)
    assert_accessible(page)


@pytest.mark.parametrize("screen", SCREENS)
def test_feedback_errors_and_thanks_appear_where_the_member_is(
    page,
    live_server,
    member_area,  # noqa: F811
    screen,
):
    page.set_viewport_size(SCREENS[screen])
    sign_in(page, live_server.url, "conseil@example.org")
    page.goto(live_server.url + member_area["draft"].url)
    page.get_by_role("button", name="Envoyer mon avis").click()

    summary = page.locator("#avis-erreurs")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()

    page.get_by_label("Votre avis").fill("Associer les étudiants.")
    page.get_by_role("button", name="Envoyer mon avis").click()
    thanks = page.locator("#avis-merci")
    expect(thanks).to_be_focused()
    expect(thanks).to_be_in_viewport()
    expect(thanks).to_contain_text("votre avis a bien été reçu")
    assert_accessible(page)


@pytest.mark.parametrize("screen", SCREENS)
def test_sign_in_page_is_styled_and_member_content_comes_first(
    page,
    live_server,
    member_area,  # noqa: F811
    screen,
):
    page.set_viewport_size(SCREENS[screen])
    page.goto(live_server.url + "/connexion/")
    field = page.get_by_label("Adresse électronique")
    width = field.evaluate("(element) => element.getBoundingClientRect().width")
    assert width > 250  # the member area's full-width fields, not the browser's default
    page.get_by_label("Adresse électronique").fill("conseil@example.org")
    page.get_by_label("Mot de passe").fill("pas le bon")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)

    sign_in(page, live_server.url, "conseil@example.org")
    for url in (member_area["area"].url, member_area["minutes"].url, member_area["draft"].url):
        page.goto(live_server.url + url)
        assert in_first_screen(page, ".member-content h1"), url
        assert page.evaluate(LAYOUT_SHIFT) <= 0.01, url
