"""Sign-in throttling: five failures lock an (e-mail, address) pair for 15 minutes, in French."""

import datetime

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from axes.models import AccessAttempt
from django_tasks import task_backends

from tests.factories import TEST_PASSWORD, UserFactory
from tests.support import soup

pytestmark = pytest.mark.django_db

MEMBER_LOGIN = "/connexion/"
ADMIN_LOGIN = "/admin/login/"
LOCKED_MESSAGE = "Trop de tentatives de connexion"


@pytest.fixture
def partner(home_page):
    return UserFactory(email="partenaire@example.org")


def sign_in(client, email, password, url=MEMBER_LOGIN, address="127.0.0.1"):
    return client.post(url, {"username": email, "password": password}, REMOTE_ADDR=address)


def fail(client, email, times, url=MEMBER_LOGIN, address="127.0.0.1"):
    return [
        sign_in(client, email, "pas-le-bon-mot-de-passe", url, address).status_code
        for _ in range(times)
    ]


def main_text(response):
    return soup(response).find("main").get_text(" ", strip=True)


def test_five_failures_lock_the_account_with_a_french_429(client, partner):
    """The fifth wrong password locks; then even the right one is refused for now."""
    assert fail(client, partner.email, 4) == [200, 200, 200, 200]
    locked = sign_in(client, partner.email, "pas-le-bon-mot-de-passe")
    assert locked.status_code == 429
    assert LOCKED_MESSAGE in main_text(locked)
    assert "15 minutes" in main_text(locked)
    assert locked["Retry-After"] == "900"
    assert "no-store" in locked["Cache-Control"]

    right_password = sign_in(client, partner.email, TEST_PASSWORD)
    assert right_password.status_code == 429
    assert "_auth_user_id" not in client.session


def test_unknown_email_and_wrong_password_get_the_same_answers(client, partner):
    """Failures and the lock read the same whether the address has an account or not."""
    known = [sign_in(client, partner.email, "mauvais-mot-de-passe") for _ in range(5)]
    unknown = [sign_in(client, "inconnu@example.org", "mauvais-mot-de-passe") for _ in range(5)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    # Only the typed address differs, echoed back in the form for the person to correct.
    assert main_text(known[0]).replace(partner.email, "X") == main_text(unknown[0]).replace(
        "inconnu@example.org", "X"
    )
    assert main_text(known[-1]) == main_text(unknown[-1])
    assert partner.email not in known[-1].content.decode()


def test_the_lock_holds_one_address_and_one_account_only(client, partner):
    """Another account from the same address, or the same account elsewhere, still signs in."""
    fail(client, partner.email, 5)
    other = UserFactory(email="conseil@example.org")
    assert sign_in(client, other.email, TEST_PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, partner.email, TEST_PASSWORD, address="192.0.2.10").status_code == 302


def test_case_and_spaces_do_not_reset_the_count(client, partner):
    """« Partenaire@Example.org » is the same address as far as the lock is concerned."""
    variants = [
        "partenaire@example.org",
        "PARTENAIRE@example.org",
        " Partenaire@Example.org",
        "partenaire@EXAMPLE.ORG ",
    ]
    for email in variants:
        sign_in(client, email, "pas-le-bon-mot-de-passe")
    assert sign_in(client, "Partenaire@example.org", "encore-faux").status_code == 429


def test_the_lock_lifts_after_fifteen_minutes(client, partner):
    fail(client, partner.email, 5)
    assert sign_in(client, partner.email, TEST_PASSWORD).status_code == 429
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=past)
    assert sign_in(client, partner.email, TEST_PASSWORD).status_code == 302


def test_a_successful_sign_in_resets_the_count(client, partner):
    fail(client, partner.email, 4)
    assert sign_in(client, partner.email, TEST_PASSWORD).status_code == 302
    client.logout()
    assert fail(client, partner.email, 4) == [200, 200, 200, 200]


def test_admin_sign_in_is_throttled_too(client, home_page):
    """Wagtail's sign-in page locks the same way, with the same French page."""
    UserFactory(email="admin@example.org", superuser=True)
    assert fail(client, "admin@example.org", 4, url=ADMIN_LOGIN) == [200] * 4
    locked = sign_in(client, "admin@example.org", "toujours-faux", url=ADMIN_LOGIN)
    assert locked.status_code == 429
    assert LOCKED_MESSAGE in locked.content.decode()
    assert sign_in(client, "admin@example.org", TEST_PASSWORD, url=ADMIN_LOGIN).status_code == 429


@pytest.mark.parametrize(
    ("url", "done"),
    [
        ("/connexion/mot-de-passe-oublie/", "/connexion/mot-de-passe-oublie/envoye/"),
        ("/admin/password_reset/", "/admin/password_reset/done/"),
    ],
)
def test_password_reset_never_reveals_whether_an_account_exists(client, partner, url, done):
    """Known and unknown addresses get the same redirect; only the real account gets mail."""
    known = client.post(url, {"email": partner.email})
    unknown = client.post(url, {"email": "inconnu@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == done
    assert main_text(client.get(done)) != ""
    assert [message.to for message in mail.outbox] == [[partner.email]]


RESET_URLS = ["/connexion/mot-de-passe-oublie/", "/admin/password_reset/"]


@pytest.mark.parametrize("url", RESET_URLS)
def test_password_reset_does_the_same_work_for_known_and_unknown_addresses(
    client, partner, url, settings
):
    """The request only queues the e-mail: no account lookup a stopwatch could tell apart."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    task_backends["default"].clear()
    client.get(url)
    answers, queries = [], []
    for email in (partner.email, "inconnu@example.org"):
        with CaptureQueriesContext(connection) as captured:
            answers.append(client.post(url, {"email": email}))
        queries.append([query["sql"] for query in captured.captured_queries])
    assert answers[0]["Location"] == answers[1]["Location"]
    assert queries[0] == queries[1]
    assert not any("members_user" in sql for sql in queries[0])
    assert mail.outbox == []
    assert [result.args[1] for result in task_backends["default"].results] == [
        partner.email,
        "inconnu@example.org",
    ]


@pytest.mark.parametrize("url", RESET_URLS)
def test_password_reset_survives_a_mail_server_outage(client, partner, url, settings):
    """A mail server that is down costs the e-mail, never an error page."""
    settings.EMAIL_BACKEND = "tests.members.test_applications.BrokenMailBackend"
    response = client.post(url, {"email": partner.email})
    assert response.status_code == 302
