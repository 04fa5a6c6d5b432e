"""The eco-design budget (RGESN), enforced on every public page type in Chromium: on a first
visit (empty cache), under core.budget's bytes and requests, at most two font files, images
in AVIF/WebP with srcset, nothing playing by itself; and the self-service export and account
deletion of a member."""

import json
import re

import pytest
from playwright.sync_api import expect

from core.budget import PAGE_BUDGET
from home.models import OpenDataPage
from members.models import EventRegistration, User
from tests import factories
from tests.browser.test_member_journeys import assert_accessible, sign_in
from tests.members import member_factories as mf
from tests.members.conftest import accounts, member_area  # noqa: F401 - fixtures
from tests.members.test_applications import JoinClubPageFactory
from tests.support import public_page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def public_pages(site):
    """One page of each public type, the agenda, an event and open data included."""
    home = site.home
    agenda = mf.AgendaIndexPageFactory(parent=home)
    image = factories.SiteImageFactory(alt_text="Porcelaine de Limoges")
    event = mf.EventPageFactory(parent=agenda, image=image, registration="open", capacity=20)
    open_data = OpenDataPage(title="Données ouvertes", slug="donnees-ouvertes")
    home.add_child(instance=open_data)
    open_data.save_revision().publish()
    urls = public_page_urls(site)
    urls.update(
        {
            "agenda": agenda.url,
            "événement": event.url,
            "données ouvertes": open_data.url,
            "candidature": JoinClubPageFactory(parent=home).url,
            "connexion": "/connexion/",
        }
    )
    return urls


def test_every_public_page_type_keeps_within_the_budget(browser, live_site):
    urls = public_pages(live_site)
    report = {}
    for label, path in urls.items():
        # A fresh context for each page: nothing in the browser's cache, as on a first visit.
        context = browser.new_context(locale="fr-FR")
        page = context.new_page()
        responses = []
        page.on("requestfinished", lambda request, seen=responses: seen.append(request))
        page.goto(live_site.base_url + path)
        page.wait_for_load_state("networkidle")
        sizes = [request.sizes() for request in responses]
        transferred = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
        fonts = [r.url for r in responses if r.resource_type == "font"]
        report[label] = (transferred, len(responses), len(fonts))
        assert transferred < PAGE_BUDGET["max_bytes"], (label, transferred)
        assert len(responses) < PAGE_BUDGET["max_requests"], (label, len(responses))
        assert len(fonts) <= PAGE_BUDGET["max_font_files"], (label, fonts)
        assert page.locator("[autoplay]").count() == 0, label
        # Every page says how accessible the site is (RGAA), in its footer.
        expect(page.locator(".site-footer__accessibility")).to_contain_text("Accessibilité :")
        # Every raster image comes with AVIF and WebP sources in its <picture>, and a srcset.
        images = page.evaluate(
            """() => Array.from(document.images).map(img => ({
                src: img.currentSrc || img.src,
                srcset: img.srcset || '',
                sources: img.parentElement && img.parentElement.tagName === 'PICTURE'
                    ? Array.from(img.parentElement.querySelectorAll('source'))
                        .map(s => ({type: s.type, srcset: s.srcset})) : [],
            }))"""
        )
        for image in images:
            if image["src"].endswith(".svg") or image["src"].startswith("data:"):
                continue
            types = {source["type"] for source in image["sources"]}
            assert {"image/avif", "image/webp"} <= types, (label, image)
            assert all(source["srcset"] for source in image["sources"]), (label, image)
        context.close()
    print("Budget par type de page (octets, requêtes, polices) :", report)  # noqa: T201


def test_a_member_downloads_their_data_then_deletes_their_account(
    page,
    live_server,
    member_area,  # noqa: F811
    accounts,  # noqa: F811
):
    base = live_server.url
    person = accounts["cotech"]
    event = mf.EventPageFactory(
        parent=mf.AgendaIndexPageFactory(parent=member_area["area"].get_parent()),
        registration="open",
    )
    EventRegistration.objects.create(
        event=event, user=person, name="Claude", email=person.email, status="confirmed"
    )
    sign_in(page, base, person.email)
    page.goto(base + "/espace-membres/mon-compte/")
    page.get_by_role("link", name="Voir et télécharger mes données").click()
    expect(page.locator("h1")).to_have_text("Mes données")
    expect(page.get_by_text(person.email).first).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mes données (JSON)").click()
    with open(download.value.path(), encoding="utf-8") as exported:
        data = json.load(exported)
    labels = [section["label"] for section in data["sections"]]
    assert "Inscriptions aux événements" in labels

    page.goto(base + "/espace-membres/mon-compte/")
    page.get_by_role("link", name="Supprimer mon compte").click()
    assert_accessible(page)
    # Without the password nothing happens, and the page says why.
    page.get_by_role("button", name="Supprimer mon compte").click()
    expect(page.locator("#form-errors")).to_be_visible()
    assert User.objects.filter(pk=person.pk).exists()
    page.get_by_label("Votre mot de passe").fill(factories.TEST_PASSWORD)
    page.get_by_label(re.compile("Je comprends")).check()
    page.get_by_role("button", name="Supprimer mon compte").click()
    expect(page.locator("h1")).to_have_text("Votre compte est supprimé")
    assert_accessible(page)
    assert not User.objects.filter(pk=person.pk).exists()
    assert not EventRegistration.objects.exists()
    page.goto(base + "/espace-membres/")
    expect(page).to_have_url(re.compile(r"/connexion/"))
