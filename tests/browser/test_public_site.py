"""A visitor's tour of the public site in Chromium: navigation, accessibility, small screens."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support import public_page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# The user bar belongs to Wagtail, not to this site.
AXE_CONTEXT = {"exclude": [["wagtail-userbar"]]}
BLOCKING_IMPACTS = {"serious", "critical"}


def page_types(site):
    """The address of one page of each public type, and of a missing page."""
    urls = public_page_urls(site)
    return {
        "accueil": urls["accueil"],
        "index des actualités": urls["index des actualités"],
        "actualité": urls["actualité"],
        "étiquette": urls["étiquette"],
        "index des portraits": urls["index des portraits"],
        "portrait": urls["portrait"],
        "annuaire": urls["annuaire"],
        "page standard": urls["page standard"],
        "résultats de recherche": "/recherche/?q=charte",
        "page introuvable": "/cette-page-n-existe-pas/",
    }


def visit(page, site, path):
    response = page.goto(site.base_url + path)
    expected = 404 if path.startswith("/cette-page") else 200
    assert response is not None, path
    assert response.status == expected, (path, response.status)
    return response


def test_visitor_tours_the_site(page, live_site):
    """From the home page, a visitor reads a news item, filters, searches and meets partners."""
    visit(page, live_site, "/")
    expect(page.locator("h1")).to_have_text(live_site.home.hero_title)

    page.get_by_role("link", name=live_site.charter_news.title).first.click()
    expect(page).to_have_url(live_site.base_url + live_site.charter_news.url)
    expect(page.locator("h1")).to_have_text(live_site.charter_news.title)
    expect(page.locator(".article__meta time")).to_have_text("1er juin 2023")

    page.locator(".article__footer .tag-list").get_by_role("link", name="charte").click()
    expect(page).to_have_url(f"{live_site.base_url}{live_site.news_index.url}etiquette/charte/")
    expect(page.locator("main .card--news")).to_have_count(2)

    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name=live_site.news_index.title
    ).click()
    expect(page.locator("main .card--news")).to_have_count(3)
    page.locator("#filter-tag").select_option("industrie")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"/actualites/\?(.*&)?tag=industrie(&|$)"))
    expect(page.locator("main .card--news")).to_have_count(1)
    expect(page.locator("main .card--news h2")).to_have_text(live_site.industry_news.title)

    page.locator("#header-search-input").fill("ingénieure")
    page.locator("#header-search-input").press("Enter")
    expect(page.locator("h1")).to_have_text("Résultats de la recherche")
    expect(page.locator(".search-result__title")).to_contain_text([live_site.story.title])

    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name=live_site.story_index.title
    ).click()
    page.get_by_role("link", name=live_site.story.title).click()
    expect(page.locator("h1")).to_have_text(live_site.story.title)
    expect(page.locator(".pull-quote")).to_contain_text(live_site.story.pull_quote)

    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name=live_site.directory.title
    ).click()
    expect(page.locator("h1")).to_have_text(live_site.directory.title)
    expect(page.locator("main")).to_contain_text(live_site.founder.name)
    expect(page.locator("main")).to_contain_text(live_site.partner.name)


def test_no_serious_accessibility_violation(page, live_site):
    """axe-core finds no serious or critical WCAG 2.1 A/AA violation on any page type."""
    axe = Axe()
    blocking, minor = {}, {}
    for name, path in page_types(live_site).items():
        visit(page, live_site, path)
        results = axe.run(page, context=AXE_CONTEXT, options=AXE_OPTIONS)
        for violation in results.response["violations"]:
            found = blocking if violation["impact"] in BLOCKING_IMPACTS else minor
            targets = [node["target"] for node in violation["nodes"]][:5]
            found.setdefault(name, []).append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} {targets}"
            )
    if minor:
        print("Violations axe mineures :", minor)  # noqa: T201 - reported, not blocking
    assert blocking == {}

    # The check itself must be able to fail: an image without alt text is caught.
    page.evaluate(
        "() => document.querySelector('main')"
        ".insertAdjacentHTML('beforeend', '<img src=\"x.png\">')"
    )
    results = axe.run(page, context=AXE_CONTEXT, options=AXE_OPTIONS)
    assert "image-alt" in {violation["id"] for violation in results.response["violations"]}


def test_no_horizontal_scroll_at_320_pixels(page, live_site):
    """At 320 CSS pixels wide, no page type scrolls sideways (WCAG 1.4.10 reflow)."""
    page.set_viewport_size({"width": 320, "height": 720})
    overflowing = {}
    for name, path in page_types(live_site).items():
        visit(page, live_site, path)
        widths = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
        )
        if widths["scroll"] > widths["inner"]:
            overflowing[name] = widths
    assert overflowing == {}


def test_first_tab_reaches_the_skip_link(page, live_site):
    """On every page type, the first Tab focuses the skip link, which leads to the content."""
    wrong = {}
    for name, path in page_types(live_site).items():
        visit(page, live_site, path)
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => ({tag: document.activeElement.tagName,"
            " href: document.activeElement.getAttribute('href'),"
            " text: document.activeElement.textContent.trim()})"
        )
        if focused["tag"] != "A" or focused["href"] != "#main-content":
            wrong[name] = focused
            continue
        page.keyboard.press("Enter")
        if page.evaluate("() => document.activeElement.id") != "main-content":
            wrong[name] = "Entrée sur le lien d'évitement ne place pas le focus dans le contenu"
    assert wrong == {}
