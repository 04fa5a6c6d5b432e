"""Two-factor authentication (TOTP) for admin accounts; partners never see it."""

import io
import time
from urllib.parse import parse_qs, urlsplit

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import COMMS_MANAGERS
from members.roles import CLUB
from tests.factories import TEST_PASSWORD, UserFactory
from tests.members import member_factories as mf
from tests.support import soup

pytestmark = pytest.mark.django_db

SETUP = "/admin/double-authentification/configurer/"
VERIFY = "/admin/double-authentification/"


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.ADMIN_2FA_REQUIRED = True


def code_for(device, steps_ahead=0):
    """The code the authenticator app shows now (or a step later, since codes are single-use)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="Téléphone", confirmed=True)
    return device


def password_sign_in(client, user):
    response = client.post(
        "/admin/login/", {"username": user.email, "password": TEST_PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    return response


@pytest.fixture
def editor(home_page):
    return mf.member("editeur@example.org", COMMS_MANAGERS)


def test_a_new_admin_must_enrol_before_any_admin_page(client, superuser):
    """Signed in with a password only, an admin without a device is sent to enrol."""
    client.force_login(superuser)
    for url in ("/admin/", "/admin/pages/", "/admin/documents/", "/django-admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SETUP + "?next="), url


def open_enrolment_link(client, user):
    """Follow the e-mailed enrolment link, as the mailbox's owner does."""
    link = next(
        line
        for message in mail.outbox
        if message.to == [user.email]
        for line in message.body.splitlines()
        if "/double-authentification/activer/" in line
    )
    mail.outbox.clear()
    response = client.get(urlsplit(link.strip()).path)
    assert response.status_code == 302
    assert response["Location"] == SETUP
    return response


def test_enrolment_page_refuses_whoever_only_knows_the_password(client, superuser):
    """With the password alone, no key is shown: the owner's mailbox gets a link instead."""
    client.force_login(superuser)
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "two-factor-secret" not in html and "<svg" not in html
    assert "admin@example.org" in html
    assert not TOTPDevice.objects.filter(user=superuser).exists()
    assert client.post(SETUP, {"code": "123456"}).status_code == 200
    assert not TOTPDevice.objects.filter(user=superuser, confirmed=True).exists()
    assert [message.to for message in mail.outbox] == [[superuser.email]]
    # Asking again within five minutes sends no second link.
    client.get(SETUP)
    assert len(mail.outbox) == 1


def test_a_mail_server_down_gets_a_french_message_and_a_retry(client, superuser, monkeypatch):
    """An unreachable mail server is no 500: the page says so, and the next visit retries."""
    import core.two_factor

    def refused(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    client.force_login(superuser)
    with monkeypatch.context() as patch:
        patch.setattr(core.two_factor, "send_mail_from_template", refused)
        page = client.get(SETUP)
    assert page.status_code == 503
    assert "n'a pas pu être envoyé" in page.content.decode()
    assert mail.outbox == []
    page = client.get(SETUP)
    assert page.status_code == 200
    assert [message.to for message in mail.outbox] == [[superuser.email]]


def test_enrolment_link_is_refused_to_another_account_or_a_forged_token(client, superuser, editor):
    """The link opens enrolment only in the session of the account it was sent to."""
    client.force_login(superuser)
    client.get(SETUP)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/activer/" in line).strip()
    path = urlsplit(link).path
    client.force_login(editor)
    assert client.get(path).status_code == 400
    client.force_login(superuser)
    assert client.get(path[:-3] + "xx/").status_code == 400


def test_enrolment_shows_the_key_once_and_a_valid_code_confirms_it(client, superuser, settings):
    # Without the growing wait after a wrong code, which the next test checks.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client.force_login(superuser)
    client.get(SETUP)
    open_enrolment_link(client, superuser)
    page = client.get(SETUP + "?next=/admin/pages/")
    assert page.status_code == 200
    document = soup(page)
    assert document.find("svg") is not None, "QR code"
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    shown_key = document.select_one(".two-factor-secret").get_text().replace(" ", "")
    assert device.config_url.startswith("otpauth://totp/")
    assert parse_qs(urlsplit(device.config_url).query)["secret"] == [shown_key]
    assert "Limoges" in device.config_url

    wrong = client.post(SETUP, {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "Ce code est incorrect" in wrong.content.decode()
    assert mail.outbox == []

    right = client.post(SETUP, {"code": code_for(device), "next": "/admin/pages/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    # The mailbox's owner hears of the enrolment, so one made by someone else is noticed.
    assert [message.to for message in mail.outbox] == [[superuser.email]]
    assert "application d'authentification" in mail.outbox[0].subject
    assert "prévenez tout de suite un administrateur" in mail.outbox[0].body

    # Once confirmed, the key is never shown again.
    again = client.get(SETUP)
    assert again.status_code == 302
    assert shown_key not in again.content.decode()


def test_every_sign_in_asks_for_a_code(client, superuser):
    """Password, then code: only then does the admin open; a wrong code keeps it closed."""
    device = enrolled(superuser)
    password_sign_in(client, superuser)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY + "?next=")

    page = client.get(VERIFY + "?next=/admin/")
    assert page.status_code == 200
    assert "code à six chiffres" in page.content.decode()

    wrong = client.post(VERIFY, {"code": "12345", "next": "/admin/"})
    assert "Le code comporte six chiffres" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    right = client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_cannot_be_used_twice(client, superuser):
    device = enrolled(superuser)
    code = code_for(device)
    client.force_login(superuser)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.logout()
    client.force_login(superuser)
    reused = client.post(VERIFY, {"code": code})
    assert reused.status_code == 200
    assert "incorrect" in reused.content.decode()


def test_wrong_codes_are_throttled(client, superuser):
    """After wrong codes, the next tries must wait (1, 2, 4, 8… s), even with the right code."""
    device = enrolled(superuser)
    client.force_login(superuser)
    assert "incorrect" in client.post(VERIFY, {"code": "000000"}).content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Five wrong codes in a row impose a 16-second wait.
    device.throttling_failure_count = 5
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    response = client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 200
    assert "patientez quelques secondes" in response.content.decode()


def test_next_never_leaves_the_site(client, superuser):
    device = enrolled(superuser)
    client.force_login(superuser)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_editors_need_the_second_factor_too(client, editor):
    """Anyone with admin access, not only superusers."""
    client.force_login(editor)
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_partners_are_not_concerned(client, home_page):
    """A partner reads the member area with a password only, and never meets the code."""
    partner = mf.member("partenaire@example.org", CLUB)
    area = mf.MemberAreaPageFactory(parent=home_page)
    client.force_login(partner)
    assert client.get(area.url).status_code == 200
    assert client.get("/espace-membres/mon-compte/").status_code == 200
    admin = client.get("/admin/")
    assert not admin.get("Location", "").startswith((SETUP, VERIFY))


def test_editor_password_alone_does_not_open_strategy_drafts_from_member_sign_in(
    client, editor, member_area
):
    """Signed in at /connexion/ with a password only, an editor reads nothing a partner cannot."""
    device = enrolled(editor)
    response = client.post(
        "/connexion/", {"username": editor.email, "password": TEST_PASSWORD}, follow=False
    )
    assert response.status_code == 302
    for url in (
        member_area["draft"].url,
        member_area["area"].url,
        "/espace-membres/mon-compte/",
        "/espace-membres/recherche/?q=quokkarde",
        member_area["draft_pdf"].url,
    ):
        blocked = client.get(url)
        assert blocked.status_code == 302, url
        assert blocked["Location"].startswith(VERIFY + "?next="), url
    assert client.post("/espace-membres/mon-compte/", {"old_password": TEST_PASSWORD})[
        "Location"
    ].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(device), "next": member_area["draft"].url})
    assert "quokkarde" in client.get(member_area["draft"].url).content.decode()


def test_sign_in_and_sign_out_stay_open(client, superuser):
    enrolled(superuser)
    client.force_login(superuser)
    assert client.post("/admin/logout/").status_code == 302
    assert client.get("/admin/login/").status_code == 200


def test_reset_command_sends_the_account_back_to_enrolment(client, superuser):
    """A lost phone: an administrator resets the account, which enrols a new app."""
    enrolled(superuser)
    output = io.StringIO()
    call_command("reset_two_factor", "ADMIN@example.org", stdout=output)
    assert "1 appareil" in output.getvalue()
    assert not TOTPDevice.objects.filter(user=superuser).exists()
    client.force_login(superuser)
    assert client.get("/admin/")["Location"].startswith(SETUP)
    client.get(SETUP)
    open_enrolment_link(client, superuser)
    assert "two-factor-secret" in client.get(SETUP).content.decode()


def test_second_factor_can_be_switched_off_for_development(client, superuser, settings):
    settings.ADMIN_2FA_REQUIRED = False
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200


def test_a_partner_created_by_factories_has_no_admin_access():
    """Guard for the test above: partners really lack Wagtail's admin permission."""
    user = UserFactory(email="simple@example.org")
    assert not user.has_perm("wagtailadmin.access_admin")
