"""Sign-in, sign-out, password reset and change, and where `next` may lead."""

import re

from django.core import mail
from django.urls import reverse

import pytest

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=TEST_PASSWORD, next_url=None):
    data = {"username": email, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def test_login_page_is_french_and_private(client, accounts):
    """The sign-in page speaks French and is never cached."""
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Adresse électronique" in body
    assert "Mot de passe" in body
    assert "no-store" in response["Cache-Control"]


def test_partner_signs_in_with_email_and_lands_on_the_dashboard(client, member_area):
    """An e-mail address (any case) and password open the member area."""
    response = sign_in(client, "Partenaire@Example.org")
    assert response.status_code == 302
    assert response["Location"] == "/espace-membres/"
    assert client.get("/espace-membres/").status_code == 200


def test_wrong_password_keeps_the_email_and_explains_in_french(client, accounts):
    """A failed sign-in says what went wrong in French and keeps what was typed."""
    response = sign_in(client, "partenaire@example.org", "mauvais-mot-de-passe")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Adresse électronique ou mot de passe incorrect" in body
    assert 'value="partenaire@example.org"' in body


def test_unknown_email_gets_the_same_answer_as_a_wrong_password(client, accounts):
    """The sign-in form does not reveal which addresses have accounts."""
    unknown = sign_in(client, "inconnu@example.org", "mauvais-mot-de-passe").content.decode()
    wrong = sign_in(client, "partenaire@example.org", "mauvais-mot-de-passe").content.decode()
    message = "Adresse électronique ou mot de passe incorrect"
    assert message in unknown
    assert message in wrong


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "http://evil.example/espace-membres/",
        "\\\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_next_never_leaves_the_site(client, member_area, target):
    """Open-redirect attempts through `next` land inside the site."""
    response = sign_in(client, "partenaire@example.org", next_url=target)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/")
    assert not location.startswith("//")
    assert not location.startswith("/\\")
    assert "evil.example" not in location


def test_next_inside_the_site_is_followed(client, member_area):
    """A legitimate `next` brings the member back where they were going."""
    target = member_area["minutes"].url
    response = sign_in(client, "partenaire@example.org", next_url=target)
    assert response["Location"] == target


def test_sign_out_requires_post(client, member_area, accounts):
    """GET does not sign out; POST does and says so."""
    client.force_login(accounts["partner"])
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"), follow=True)
    assert "Déconnexion effectuée" in response.content.decode()
    assert client.get("/espace-membres/").status_code == 302


def test_password_reset_by_email(client, member_area):
    """A forgotten password is reset through a single-use link sent by e-mail, in French."""
    response = client.post(reverse("password_reset"), {"email": "partenaire@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "nouveau mot de passe" in message.subject
    assert "Bonjour" in message.body
    link = re.search(r"http://testserver(/connexion/nouveau-mot-de-passe/\S+)", message.body)
    assert link
    form_page = client.get(link.group(1), follow=True)
    assert "Choisir un nouveau mot de passe" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    new_password = "Porcelaine-de-Limoges-87"
    done = client.post(set_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    assert sign_in(client, "partenaire@example.org", new_password)["Location"] == "/espace-membres/"
    # The link is single-use.
    client.logout()
    reused = client.get(link.group(1), follow=True)
    assert "Ce lien n'est plus valable" in reused.content.decode()


def test_password_reset_does_not_reveal_unknown_addresses(client, accounts):
    """Known and unknown addresses get the same answer; only a known one gets mail."""
    known = client.post(reverse("password_reset"), {"email": "partenaire@example.org"})
    unknown = client.post(reverse("password_reset"), {"email": "personne@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_member_changes_password_under_my_account(client, member_area, accounts):
    """The account page changes the password and keeps the member signed in."""
    client.force_login(accounts["partner"])
    url = reverse("member_account")
    page = client.get(url)
    assert page.status_code == 200
    assert "Changer de mot de passe" in page.content.decode()
    too_short = client.post(
        url,
        {
            "action": "password",
            "old_password": TEST_PASSWORD,
            "new_password1": "court",
            "new_password2": "court",
        },
    )
    assert too_short.status_code == 200
    assert "trop court" in too_short.content.decode()
    new_password = "Émaux-et-porcelaines-2024"
    response = client.post(
        url,
        {
            "action": "password",
            "old_password": TEST_PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
        follow=True,
    )
    assert "Votre mot de passe a été modifié" in response.content.decode()
    assert client.get("/espace-membres/").status_code == 200
    client.logout()
    assert sign_in(client, "partenaire@example.org", new_password).status_code == 302


def test_account_page_requires_a_member(client, accounts, member_area):
    """Anonymous visitors are sent to sign in; accounts outside the network get a 403."""
    assert client.get(reverse("member_account"))["Location"].startswith("/connexion/?next=")
    from tests.factories import UserFactory

    client.force_login(UserFactory(email="hors-reseau@example.org"))
    assert client.get(reverse("member_account")).status_code == 403


def test_partners_never_reach_the_wagtail_admin(client, accounts):
    """A partner signed in is refused by the admin."""
    client.force_login(accounts["partner"])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
