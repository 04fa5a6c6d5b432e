"""Joining the club: the public form, its defences, and the editors' decision."""

import re

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from members.models import JoinClubPage, MembershipApplication, Organisation, User
from members.roles import CLUB
from members.validators import validate_siret
from tests.factories import PublishedPageFactory, SectorFactory

pytestmark = pytest.mark.django_db

VALID_SIRET = "732 829 320 00074"  # a well-formed SIRET (Luhn-valid)


class JoinClubPageFactory(PublishedPageFactory):
    class Meta:
        model = JoinClubPage
        django_get_or_create = ("parent", "slug")

    title = "Rejoindre le club des partenaires"
    slug = "rejoindre-le-club"
    parent = None


@pytest.fixture
def join_page(home_page):
    return JoinClubPageFactory(parent=home_page)


@pytest.fixture
def sector(db):
    return SectorFactory(name="Industrie")


def application_data(sector, **overrides):
    data = {
        "organisation_name": "Porcelaines du Limousin",
        "siret": VALID_SIRET,
        "sector": sector.pk,
        "contact_first_name": "Louise",
        "contact_last_name": "Bernardaud",
        "contact_role": "Directrice",
        "email": "louise@porcelaines.example",
        "phone": "05 55 00 00 00",
        "motivation": "Nous voulons faire rayonner Limoges.",
        "charter_accepted": "on",
        "data_consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("73282932000074", True),
        ("732 829 320 00074", True),
        ("73282932000075", False),
        ("1234", False),
        ("abcdefghijklmn", False),
        ("35600000000048", True),  # La Poste's head office
    ],
)
def test_siret_validation(value, valid):
    """SIRET numbers are checked for length and checksum."""
    if valid:
        validate_siret(value)
    else:
        with pytest.raises(Exception, match="SIRET"):
            validate_siret(value)


def test_valid_application_is_stored_and_confirmed(client, join_page, sector):
    """A valid application is stored once, confirmed by e-mail, and thanks the visitor."""
    response = client.post(join_page.url, application_data(sector))
    assert response.status_code == 302
    assert response["Location"].endswith("/merci/")
    application = MembershipApplication.objects.get()
    assert application.siret == "73282932000074"
    assert application.status == MembershipApplication.Status.NEW
    assert len(mail.outbox) == 1
    assert "bien reçu votre candidature" in mail.outbox[0].subject
    # Sent to an address nobody verified: nothing the applicant typed is repeated (no relay).
    body = mail.outbox[0].body
    typed = ["Porcelaines du Limousin", "Louise", "Bernardaud", "Directrice", "rayonner"]
    assert not [value for value in typed if value in body]
    thanks = client.get(response["Location"])
    assert "Votre candidature est bien reçue" in thanks.content.decode()


def test_invalid_application_keeps_the_input_and_explains(client, join_page, sector):
    """Errors are listed in French and everything typed is kept."""
    data = application_data(
        sector, siret="73282932000075", email="pas-une-adresse", charter_accepted=""
    )
    del data["charter_accepted"]
    response = client.post(join_page.url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ce numéro SIRET n&#x27;est pas valide" in body
    assert "Cette adresse électronique n&#x27;est pas valide" in body
    assert "Vous devez accepter la charte de partenariat" in body
    assert 'value="Porcelaines du Limousin"' in body
    assert 'value="73282932000075"' in body
    assert "Nous voulons faire rayonner Limoges." in body
    assert not MembershipApplication.objects.exists()
    assert not mail.outbox


def test_form_links_to_the_charter(client, join_page, standard_page, sector):
    """The charter checkbox links to the charter page."""
    join_page.charter_page = standard_page
    join_page.save_revision().publish()
    body = client.get(join_page.url).content.decode()
    assert f'href="{standard_page.url}"' in body


def test_honeypot_drops_spam_quietly(client, join_page, sector):
    """A bot filling the hidden field is thanked but nothing is stored or sent."""
    response = client.post(join_page.url, application_data(sector, website="http://spam.example"))
    assert response.status_code == 302
    assert not MembershipApplication.objects.exists()
    assert not mail.outbox


def test_rate_limit_keeps_the_input(client, join_page, sector):
    """After five submissions from one address, the sixth is refused with a French message."""
    cache.clear()
    for number in range(5):
        client.post(join_page.url, application_data(sector, email=f"personne{number}@example.org"))
    assert MembershipApplication.objects.count() == 5
    response = client.post(join_page.url, application_data(sector, email="sixieme@example.org"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trop de candidatures" in body
    assert 'value="sixieme@example.org"' in body
    assert MembershipApplication.objects.count() == 5


def test_duplicate_email_gets_the_same_answer_and_an_explanation_by_mail(client, join_page, sector):
    """A pending application or an account is never revealed on the page, only to the mailbox."""
    first = client.post(join_page.url, application_data(sector))
    again = client.post(join_page.url, application_data(sector))
    User.objects.create_user(email="deja@example.org", password=None)
    existing = client.post(join_page.url, application_data(sector, email="Deja@Example.org"))
    new = client.post(join_page.url, application_data(sector, email="nouvelle@example.org"))
    assert first.status_code == again.status_code == existing.status_code == new.status_code == 302
    assert first["Location"] == again["Location"] == existing["Location"] == new["Location"]
    assert MembershipApplication.objects.count() == 2
    subjects = {message.to[0]: message.subject for message in mail.outbox[1:]}
    assert "déjà en cours d'examen" in subjects["louise@porcelaines.example"]
    assert "déjà un compte partenaire" in subjects["deja@example.org"]
    assert "bien reçu" in subjects["nouvelle@example.org"]
    account_notice = next(m for m in mail.outbox if m.to == ["deja@example.org"])
    assert "http://testserver/connexion/" in account_notice.body
    assert "http://testserver/connexion/mot-de-passe-oublie/" in account_notice.body


class BrokenMailBackend:
    """An e-mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def test_application_is_kept_when_the_confirmation_mail_fails(client, join_page, sector, settings):
    """The mail server being down never turns a stored application into an error page."""
    settings.EMAIL_BACKEND = "tests.members.test_applications.BrokenMailBackend"
    response = client.post(join_page.url, application_data(sector))
    assert response.status_code == 302
    assert MembershipApplication.objects.get().email == "louise@porcelaines.example"
    assert client.get(response["Location"]).status_code == 200


@pytest.fixture
def pending(client, join_page, sector):
    client.post(join_page.url, application_data(sector))
    mail.outbox.clear()
    return MembershipApplication.objects.get()


@pytest.fixture
def manager_client(client, accounts):
    client.force_login(accounts["editor"])
    return client


def review_url(application):
    return reverse("membership_application_review", args=[application.pk])


def test_approval_creates_exactly_one_club_account_with_a_working_link(manager_client, pending):
    """Approving creates the organisation and one club account, and e-mails a set-password link."""
    response = manager_client.post(review_url(pending), {"decision": "approve", "message": ""})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == MembershipApplication.Status.APPROVED
    user = User.objects.get(email="louise@porcelaines.example")
    assert list(user.groups.values_list("name", flat=True)) == [CLUB]
    assert user.organisation.name == "Porcelaines du Limousin"
    assert user.organisation.kind == Organisation.Kind.CLUB_PARTNER
    assert user.organisation.charter_signed_on is not None
    assert not user.has_usable_password()
    assert ModelLogEntry.objects.filter(action="members.application.approve").count() == 1
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/connexion/invitation/\S+)", mail.outbox[0].body).group(1)

    # Approving again does nothing more.
    manager_client.post(review_url(pending), {"decision": "approve"})
    assert User.objects.filter(email="louise@porcelaines.example").count() == 1

    manager_client.logout()
    form = manager_client.get(link, follow=True)
    assert "Activer votre compte partenaire" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    password = "Limoges-Porcelaine-2024"
    done = manager_client.post(set_url, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302
    login = manager_client.post(
        reverse("login"), {"username": "louise@porcelaines.example", "password": password}
    )
    assert login["Location"] == "/espace-membres/"
    # The link is single-use.
    manager_client.logout()
    reused = manager_client.get(link, follow=True)
    assert "Ce lien d'invitation n'est plus valable" in reused.content.decode()


def test_expired_invitation_is_refused(manager_client, pending, settings):
    """An invitation link past its validity is refused."""
    manager_client.post(review_url(pending), {"decision": "approve"})
    link = re.search(r"http://testserver(/connexion/invitation/\S+)", mail.outbox[0].body).group(1)
    settings.PASSWORD_RESET_TIMEOUT = -1
    manager_client.logout()
    response = manager_client.get(link, follow=True)
    assert "Ce lien d'invitation n'est plus valable" in response.content.decode()


def test_rejection_asks_for_confirmation_and_shows_the_email(manager_client, pending):
    """« Refuser » first shows the e-mail to be sent; nothing is decided or sent yet."""
    response = manager_client.post(
        review_url(pending), {"decision": "reject", "message": "Revenez vers nous en 2025."}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Confirmer le refus" in html
    assert "Revenez vers nous en 2025." in html
    assert "Merci pour l&#x27;intérêt" in html or "Merci pour l'intérêt" in html
    assert pending.email in html
    pending.refresh_from_db()
    assert pending.status == MembershipApplication.Status.NEW
    assert mail.outbox == []


def test_applications_listing_links_each_name_to_its_review(manager_client, pending):
    """The applicant's name opens the review page; column headers are in French."""
    html = manager_client.get(reverse("membership_applications:index")).content.decode()
    assert f'href="{review_url(pending)}"' in html
    for heading in ("Contact", "Statut"):
        assert heading in html
    assert "Contact name" not in html and "Submitted at" not in html


def test_rejection_sends_a_courteous_email(manager_client, pending):
    """Once confirmed, rejecting records the decision, logs it and e-mails the applicant."""
    manager_client.post(
        review_url(pending),
        {"decision": "reject", "message": "Revenez vers nous en 2025.", "confirmed": "1"},
    )
    pending.refresh_from_db()
    assert pending.status == MembershipApplication.Status.REJECTED
    assert not User.objects.filter(email=pending.email).exists()
    assert "Revenez vers nous en 2025." in mail.outbox[0].body
    assert "Merci pour l'intérêt" in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(action="members.application.reject").count() == 1


def test_approval_refuses_an_email_that_already_has_an_account(manager_client, pending):
    """The same e-mail cannot create two accounts."""
    User.objects.create_user(email=pending.email, password=None)
    response = manager_client.post(review_url(pending), {"decision": "approve"}, follow=True)
    assert "Un compte existe déjà" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == MembershipApplication.Status.NEW
    assert User.objects.filter(email=pending.email).count() == 1


def test_applications_listing_filters_by_status(manager_client, pending):
    """Editors filter applications by status."""
    index = reverse("membership_applications:index")
    assert (
        "Porcelaines du Limousin" in manager_client.get(index, {"status": "new"}).content.decode()
    )
    assert (
        "Porcelaines du Limousin"
        not in manager_client.get(index, {"status": "rejected"}).content.decode()
    )


def test_partners_cannot_review_applications(client, accounts, pending):
    """Only the communication team reviews applications."""
    client.force_login(accounts["partner"])
    response = client.post(review_url(pending), {"decision": "approve"})
    assert response.status_code in (302, 403)
    pending.refresh_from_db()
    assert pending.status == MembershipApplication.Status.NEW


def test_application_edit_form_is_not_a_way_around_the_decision(manager_client, pending):
    """The generic edit address sends to the review page and changes nothing."""
    url = reverse("membership_applications:edit", args=[pending.pk])
    assert manager_client.get(url)["Location"] == review_url(pending)
    response = manager_client.post(url, {"decision_message": "Modifié hors décision"})
    assert response["Location"] == review_url(pending)
    pending.refresh_from_db()
    assert pending.decision_message != "Modifié hors décision"
    assert pending.status == MembershipApplication.Status.NEW
