"""Editors' journeys through the Wagtail admin in Chromium: sign in with the second factor,
write, preview in the side panel, submit, approve, schedule, publish; manage partners; and
every escalation an editor or a writer might try, refused."""

import datetime
import re
import time
from types import SimpleNamespace
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Revision

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from cms.roles import ensure_staff_groups
from core.roles import WRITERS
from members.models import MembershipApplication, User
from members.roles import CLUB
from news.models import NewsPage
from tests.factories import (
    TEST_PASSWORD,
    SectorFactory,
    UserFactory,
)
from tests.members import member_factories as mf
from tests.members.conftest import accounts, member_area  # noqa: F401 - fixtures
from tests.members.test_applications import application_data
from tests.support import build_public_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1400, "height": 900}


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.ADMIN_2FA_REQUIRED = True


@pytest.fixture
def newsroom(home_page, member_area, accounts):  # noqa: F811
    """Every public page type, the member area, the « Relecture » workflow and staff accounts."""
    public = build_public_site(home_page)
    # Grants and the « Relecture » workflow follow the pages that exist now.
    ensure_staff_groups()
    writer = mf.member("redacteur@example.org", WRITERS)
    superuser = UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)
    for user in (writer, accounts["editor"], superuser):
        TOTPDevice.objects.create(user=user, name="Téléphone", confirmed=True)
    return SimpleNamespace(
        public=public,
        **member_area,
        writer=writer,
        manager=accounts["editor"],
        superuser=superuser,
        partner=accounts["partner"],
    )


def current_code(user):
    """The code the account's authenticator app shows now, never one already used."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if device.last_t >= totp.t():
        # Codes are single-use: wait for the next one rather than reuse it.
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.5)
        totp.time = time.time()
    return f"{totp.token():06d}"


def admin_sign_in(page, base_url, user):
    """Password, then the six-digit code, as an editor signs in every morning."""
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.get_by_label("Code à six chiffres").fill(current_code(user))
    page.get_by_role("button", name=re.compile("Vérifier|Valider|Continuer")).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def new_context(browser, viewport=DESKTOP):
    return browser.new_context(locale="fr-FR", viewport=viewport)


def failing_responses(page):
    """Every response of 400 or more the page receives from now on."""
    failures = []
    page.on(
        "response",
        lambda response: (
            failures.append((response.status, response.url)) if response.status >= 400 else None
        ),
    )
    return failures


def choose_in_modal(page, button_name):
    page.get_by_role("button", name=button_name).first.click()
    modal = page.locator(".modal-content")
    expect(modal).to_be_visible()
    modal.locator("a.choose-item, a.image-choice, [data-chooser-modal-choice]").first.click()
    expect(modal).to_be_hidden()


def add_text_block(page, text):
    page.locator("[data-contentpath=body]").get_by_role(
        "button", name="Insérer un bloc"
    ).first.click()
    page.get_by_role("option", name="Texte").first.click()
    page.locator("[data-contentpath=body] [contenteditable=true]").first.click()
    page.keyboard.type(text)
    # Draftail writes its hidden value when it loses focus, as a person moving on does.
    page.get_by_placeholder("Titre de la page*").click()
    expect(page.locator("input[name=body-0-value]")).to_have_value(re.compile(re.escape(text)))


def nudge_title(page):
    """Type and erase a space in the title: the panel previews the form's latest state."""
    title = page.get_by_placeholder("Titre de la page*")
    title.press("End")
    title.press("Space")
    title.press("Backspace")
    title.press("Tab")


def expect_preview(page, heading, *, contains=()):
    """The side panel's iframe shows the page, on desktop and on a phone's width."""
    iframe = page.locator("#w-preview-iframe")
    if not iframe.is_visible():
        # The admin remembers the open panel from one page to the next.
        page.locator("[data-side-panel-toggle=preview]").click()
    frame = page.frame_locator("#w-preview-iframe")
    expected = re.compile(rf"^\s*{re.escape(heading)}")
    for _ in range(3):
        # While a new page is autosaved, the panel may still show an earlier, invalid state.
        if expected.match(frame.locator("h1").first.inner_text(timeout=15000)):
            break
        nudge_title(page)
        page.wait_for_timeout(2000)
    for size in ("desktop", "mobile"):
        page.locator(f"label.w-preview__size-button:has(input[value={size}])").click()
        expect(page.locator(f"input[name=preview-size][value={size}]")).to_be_checked()
        expect(frame.locator("h1").first).to_have_text(expected, timeout=15000)
        for text in contains:
            expect(frame.locator("main")).to_contain_text(text, timeout=15000)


def wait_until(condition, seconds=15):
    """Poll the database while the browser's request completes on the live server."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the admin did not record the action in time"
        time.sleep(0.2)


def open_more_actions(page):
    page.get_by_role("button", name="Plus d'actions").click()


def test_writer_drafts_previews_submits_and_manager_approves_and_schedules_news(
    browser, live_server, newsroom
):
    """A writer's article with an image and tags is previewed, reviewed, scheduled, published."""
    base = live_server.url
    writer_context = new_context(browser)
    page = writer_context.new_page()
    failures = failing_responses(page)
    admin_sign_in(page, base, newsroom.writer)

    page.goto(f"{base}/admin/pages/add/news/newspage/{newsroom.public.news_index.pk}/")
    # Started from the summary, title still empty: no autosave answers 400 meanwhile.
    page.locator("#id_summary").fill("Un atelier ouvre ses portes aux visiteurs.")
    page.wait_for_timeout(1500)
    page.get_by_placeholder("Titre de la page*").fill("Les arts du feu à Limoges")
    choose_in_modal(page, "Choisir catégorie d'actualité")
    tags = page.locator("ul.tagit input").first
    for tag in ("porcelaine", "savoir-faire"):
        tags.fill(tag)
        tags.press("Enter")
    choose_in_modal(page, "Choisir une image")
    add_text_block(page, "Les fours chauffent toute la nuit.")
    expect_preview(
        page,
        "Les arts du feu à Limoges",
        contains=("Les fours chauffent toute la nuit.", "porcelaine"),
    )

    go_live = timezone.localtime() + datetime.timedelta(days=2)
    page.locator("[data-side-panel-toggle=status]").click()
    page.locator("[data-side-panel=status]").get_by_role("button", name="Programmer").click()
    dialog = page.locator("#schedule-publishing-dialog")
    dialog.locator("input[name=go_live_at]").fill(go_live.strftime("%d/%m/%Y %H:%M"))
    # The date picker may still cover the dialog's button: submit with the keyboard.
    dialog.get_by_role("button", name="Enregistrer la programmation").press("Enter")

    open_more_actions(page)
    page.get_by_role("button", name="Soumettre à Relecture").click()
    wait_until(lambda: NewsPage.objects.filter(title="Les arts du feu à Limoges").exists())
    news = NewsPage.objects.get(title="Les arts du feu à Limoges")
    wait_until(lambda: NewsPage.objects.get(pk=news.pk).workflow_in_progress)
    assert news.workflow_in_progress
    assert not news.live
    writer_context.close()

    manager_context = new_context(browser)
    page = manager_context.new_page()
    failures += failing_responses(page)
    admin_sign_in(page, base, newsroom.manager)
    page.goto(f"{base}/admin/pages/{news.pk}/edit/")
    expect_preview(page, "Les arts du feu à Limoges")
    open_more_actions(page)
    page.get_by_role("button", name="Approuver et Publier", exact=True).click()
    dialog = page.get_by_role("dialog")
    if dialog.count():
        dialog.get_by_role("button", name=re.compile("Approuver")).click()
    wait_until(lambda: not NewsPage.objects.get(pk=news.pk).workflow_in_progress)
    news.refresh_from_db()
    assert not news.live
    scheduled = Revision.page_revisions.filter(
        object_id=str(news.pk), approved_go_live_at__isnull=False
    )
    assert scheduled.count() == 1
    assert scheduled.get().approved_go_live_at > timezone.now() + datetime.timedelta(days=1)
    assert page.request.get(base + "/actualites/les-arts-du-feu-a-limoges/").status == 404

    # The go-live time comes: the scheduled job publishes it, with its tags.
    three_days_later = timezone.now() + datetime.timedelta(days=3)
    with mock.patch.object(timezone, "now", return_value=three_days_later):
        call_command("publish_scheduled", verbosity=0)
    news.refresh_from_db()
    assert news.live
    assert sorted(news.tags.names()) == ["porcelaine", "savoir-faire"]
    page.goto(base + news.url)
    expect(page.locator("h1")).to_have_text("Les arts du feu à Limoges")
    manager_context.close()
    assert not [f for f in failures if f[0] >= 500], failures
    assert not [f for f in failures if f[0] == 400], failures


def test_manager_previews_every_page_type_in_the_panel(browser, live_server, newsroom):
    """Each type of page, public or member-only, previews in the side panel as readers see it."""
    base = live_server.url
    context = new_context(browser)
    page = context.new_page()
    failures = failing_responses(page)
    admin_sign_in(page, base, newsroom.manager)
    public = newsroom.public
    pages = [
        public.home,
        public.news_index,
        public.charter_news,
        public.story_index,
        public.story,
        public.directory,
        public.standard,
        newsroom.area,
        newsroom.commission_index,
        newsroom.commission,
        newsroom.minutes,
        newsroom.strategy_index,
        newsroom.draft,
    ]
    for target in pages:
        page.goto(f"{base}/admin/pages/{target.pk}/edit/")
        heading = public.home.hero_title if target.pk == public.home.pk else target.title
        expect_preview(page, heading)
    assert not [f for f in failures if f[0] >= 400], failures
    context.close()


def test_manager_creates_a_partner_reviews_applications_and_exports(browser, live_server, newsroom):
    """A manager creates a partner account, approves one application, refuses another after
    reading the e-mail, and exports the applications; every escalation is refused."""
    base = live_server.url
    sector = SectorFactory(name="Céramique")
    applications = []
    for name, email in (
        ("Émaux de Limoges", "emaux@example.org"),
        ("Four solaire", "four@example.org"),
    ):
        answers = application_data(sector)
        answers.pop("website")
        answers.update(organisation_name=name, email=email, sector=sector)
        answers.update(charter_accepted=True, data_consent=True)
        applications.append(MembershipApplication.objects.create(**answers))
    context = new_context(browser)
    page = context.new_page()
    failures = failing_responses(page)
    admin_sign_in(page, base, newsroom.manager)

    page.goto(base + "/admin/users/new/")
    page.locator("#id_email").fill("nina@porcelaine.example")
    page.locator("#id_first_name").fill("Nina")
    page.locator("#id_last_name").fill("Porcher")
    page.locator("#id_notification_frequency").select_option("weekly")
    expect(page.get_by_label("Administrateur")).to_have_count(0)
    page.get_by_label("Club des partenaires").check()
    page.locator("form[method=post] button[type=submit]").last.click()
    wait_until(lambda: User.objects.filter(email="nina@porcelaine.example").exists())
    nina = User.objects.get(email="nina@porcelaine.example")
    assert nina.notification_frequency == "weekly"
    assert list(nina.groups.values_list("name", flat=True)) == [CLUB]

    page.goto(base + "/admin/membership_applications/")
    page.get_by_role("link", name="Émaux de Limoges").click()
    page.get_by_role("button", name="Approuver et envoyer l'invitation").click()
    wait_until(lambda: User.objects.filter(email="emaux@example.org").exists())

    page.goto(base + "/admin/membership_applications/")
    page.get_by_role("link", name="Four solaire").click()
    page.get_by_label("Message personnel joint au courriel (facultatif)").fill(
        "Revenez vers nous l'an prochain."
    )
    page.get_by_role("button", name="Refuser poliment").click()
    expect(page.locator("pre")).to_contain_text("Revenez vers nous l'an prochain.")
    assert MembershipApplication.objects.get(pk=applications[1].pk).status == "new"
    page.get_by_role("button", name="Confirmer le refus et envoyer le courriel").click()
    wait_until(
        lambda: MembershipApplication.objects.get(pk=applications[1].pk).status == "rejected"
    )

    exported = page.request.get(base + "/admin/membership_applications/?export=csv")
    assert exported.ok
    assert "Émaux de Limoges" in exported.body().decode("utf-8-sig")

    # Every escalation the old admin allowed, tried from the same session.
    admin_id = newsroom.superuser.pk
    for url in (
        f"/admin/users/copy/{admin_id}/",
        f"/admin/users/edit/{admin_id}/",
        f"/admin/users/delete/{admin_id}/",
        "/admin/groups/",
    ):
        response = page.request.get(base + url, max_redirects=0)
        assert response.status in {302, 403, 404}, url
    writer = newsroom.writer
    page.goto(
        base + f"/admin/bulk/members/user/set_active_state/?next=/admin/users/&id={writer.pk}"
    )
    if page.get_by_role("button", name=re.compile("Oui|Confirmer|Valider")).count():
        page.get_by_role("button", name=re.compile("Oui|Confirmer|Valider")).first.click()
    assert User.objects.get(pk=writer.pk).is_active
    assert not [f for f in failures if f[0] >= 500], failures
    context.close()


def test_writer_finds_nothing_of_the_member_area_in_the_admin(browser, live_server, newsroom):
    """Signed in as a writer: the page chooser, search and reports show no member content."""
    base = live_server.url
    context = new_context(browser)
    page = context.new_page()
    admin_sign_in(page, base, newsroom.writer)
    for url in (
        "/admin/choose-page/search/?q=Réunion",
        "/admin/choose-page/search/?q=Stratégie",
        "/admin/pages/search/?q=Stratégie",
        "/admin/documents/?q=PDF",
        "/admin/reports/page-types-usage/",
    ):
        page.goto(base + url)
        body = page.content()
        for secret in ("Réunion confidentielle", "Stratégie version 3", "Compte rendu PDF"):
            assert secret not in body, (url, secret)
    response = page.request.get(base + "/admin/users/", max_redirects=0)
    assert response.status in {302, 403}
    context.close()
