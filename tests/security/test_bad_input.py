"""Bad input and odd addresses get a clear answer, never a 500, and give nothing away."""

import re

from django.core import mail
from django.core.cache import cache
from django.test import Client

import pytest

from members.models import MembershipApplication

pytestmark = pytest.mark.django_db

NUL = "\x00"


def test_a_siret_with_a_superscript_digit_is_an_error_not_a_500(client, join_page, join_data):
    response = client.post(join_page.url, join_data(siret="1234567890123²"))
    assert response.status_code == 200
    assert "14 chiffres" in response.content.decode()
    assert not MembershipApplication.objects.exists()


@pytest.mark.parametrize("year", ["0000", "0001", "0999"])
def test_impossible_years_are_not_found(client, public_site, year):
    assert client.get(f"{public_site.news_index.url}{year}/").status_code == 404


@pytest.mark.parametrize(
    ("where", "parameter"),
    [("news_index", "categorie"), ("news_index", "tag"), ("directory", "secteur")],
)
@pytest.mark.parametrize("value", ["inexistante", f"a{NUL}b", "a b", "x" * 101])
def test_one_rule_for_filter_values_that_name_nothing(client, public_site, where, parameter, value):
    url = getattr(public_site, where).url
    assert client.get(url, {parameter: value}).status_code == 404


def test_a_known_sector_still_filters(client, public_site):
    response = client.get(public_site.directory.url, {"secteur": "industrie"})
    assert response.status_code == 200


def test_visitors_cannot_tell_which_member_pages_exist(client, member_area):
    real = client.get(member_area["draft"].url)
    invented = client.get("/espace-membres/nexiste-pas/")
    assert real.status_code == invented.status_code == 302
    assert real["Location"].startswith("/connexion/?next=")
    assert invented["Location"] == "/connexion/?next=/espace-membres/nexiste-pas/"


class TestBehindTheProxy:
    """The join form's limit counts each client, as the proxy reports it, and not spam."""

    @pytest.fixture(autouse=True)
    def proxied(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        cache.clear()

    def post(self, client, page, data, address):
        return client.post(
            page.url, data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {address}"
        )

    def test_each_client_has_its_own_limit(self, client, join_page, join_data):
        for number in range(5):
            data = join_data(email=f"a{number}@example.org")
            assert self.post(client, join_page, data, "203.0.113.1").status_code == 302
        refused = self.post(client, join_page, join_data(email="a9@example.org"), "203.0.113.1")
        assert refused.status_code == 200
        other = self.post(client, join_page, join_data(email="b@example.org"), "203.0.113.2")
        assert other.status_code == 302

    def test_spam_does_not_use_up_the_limit(self, client, join_page, join_data):
        for number in range(10):
            spam = join_data(email=f"bot{number}@example.org", website="http://spam.example")
            self.post(client, join_page, spam, "203.0.113.1")
        real = self.post(client, join_page, join_data(), "203.0.113.1")
        assert real.status_code == 302
        assert MembershipApplication.objects.count() == 1


class TestExpiredSession:
    """A form sent without a valid token comes back in French, with what was typed."""

    @pytest.fixture
    def strict(self):
        return Client(enforce_csrf_checks=True)

    def test_the_join_form_comes_back_filled_in(self, strict, join_page, join_data):
        response = strict.post(join_page.url, join_data(motivation="Faire rayonner Limoges"))
        body = response.content.decode()
        assert response.status_code == 403
        assert "Votre session a expiré" in body
        assert "Faire rayonner Limoges" in body
        assert 'value="Porcelaines du Limousin"' in body
        assert re.search(r'name="csrfmiddlewaretoken" value="\w+"', body)
        assert "DEBUG" not in body and "Forbidden" not in body
        assert not MembershipApplication.objects.exists()
        assert not mail.outbox

    def test_sent_again_with_the_fresh_token_it_is_received(self, strict, join_page, join_data):
        refused = strict.post(join_page.url, join_data())
        token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', refused.content.decode())
        response = strict.post(join_page.url, {**join_data(), "csrfmiddlewaretoken": token[1]})
        assert response.status_code == 302
        assert MembershipApplication.objects.count() == 1

    def test_the_feedback_form_comes_back_filled_in(self, member_area, accounts):
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(accounts["council"])
        draft = member_area["draft"]
        response = strict.post(draft.url, {"section": "Axe 2", "text": "Associer les étudiants."})
        body = response.content.decode()
        assert response.status_code == 403
        assert "Votre session a expiré" in body and "Associer les étudiants." in body
        assert not draft.feedback.exists()

    def test_sign_in_gives_back_the_address_never_the_password(self, strict, accounts):
        response = strict.post("/connexion/", {"username": "x@example.org", "password": "secret"})
        body = response.content.decode()
        assert response.status_code == 403
        assert "Votre session a expiré" in body
        assert "x@example.org" in body and "secret" not in body

    def test_a_form_whose_page_cannot_come_back_lists_the_answers(self, strict):
        # Signing out is POST only: there is no page to show again.
        response = strict.post("/deconnexion/", {"next": "/actualites/"})
        body = response.content.decode()
        assert response.status_code == 403
        assert "Renvoyer le formulaire" in body
        assert 'name="next" value="/actualites/"' in body
