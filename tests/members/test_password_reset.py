"""« Mot de passe oublié » serves approved applicants, and cannot be used to flood a mailbox."""

from django.core import mail

import pytest

from members.roles import CLUB
from tests.members import member_factories as mf

pytestmark = pytest.mark.django_db

RESET = "/connexion/mot-de-passe-oublie/"


def ask(client, email, address="203.0.113.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_approved_applicant_without_password_gets_a_reset_link(client, home_page):
    """An account whose password is not chosen yet (the invitation's) receives the link."""
    partner = mf.member("nouvelle@porcelaine.example", CLUB)
    partner.set_unusable_password()
    partner.save()
    assert ask(client, "Nouvelle@Porcelaine.example").status_code == 302
    assert [message.to for message in mail.outbox] == [["nouvelle@porcelaine.example"]]
    assert "/connexion/nouveau-mot-de-passe/" in mail.outbox[0].body


def test_password_reset_is_throttled_per_address(client, home_page):
    """Eight requests for one address send three e-mails, with the same neutral answer."""
    mf.member("partenaire@example.org", CLUB)
    answers = {
        ask(client, "partenaire@example.org", address=f"203.0.113.{n}")["Location"]
        for n in range(8)
    }
    assert len(answers) == 1
    assert len(mail.outbox) == 3


def test_password_reset_is_throttled_per_client(client, home_page):
    """One client asking for many addresses is stopped after ten requests an hour."""
    for n in range(15):
        mf.member(f"partenaire{n}@example.org", CLUB)
    for n in range(15):
        assert ask(client, f"partenaire{n}@example.org").status_code == 302
    assert len(mail.outbox) == 10
