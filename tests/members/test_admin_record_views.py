"""Every address Wagtail registers for applications and feedback, tried by an editor: records
that visitors and members write can be read, decided and deleted, never made up or rewritten."""

from django.test import Client

import pytest

from members.models import MembershipApplication, StrategyFeedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client_for, member_area):
    return client_for("editor")


@pytest.fixture
def application(join_page, join_data):
    """An application as visitors make them, through the join form."""
    Client().post(join_page.url, join_data())
    return MembershipApplication.objects.get()


@pytest.fixture
def feedback(member_area, accounts):
    return StrategyFeedback.objects.create(
        draft=member_area["draft"], author=accounts["council"], section="Axe 1", text="Écrit"
    )


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        (
            "/admin/membership_applications/new/",
            {"organisation_name": "Inventée", "decision_message": "x"},
            "formulaire « Rejoindre le club »",
        ),
        ("/admin/strategy_feedback/new/", {"section": "x", "text": "y"}, "déposés par les membres"),
    ],
)
def test_no_record_is_made_up_in_the_admin(editor_client, method, url, data, message):
    before = (MembershipApplication.objects.count(), StrategyFeedback.objects.count())

    response = getattr(editor_client, method)(url, data, follow=True)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert (MembershipApplication.objects.count(), StrategyFeedback.objects.count()) == before


def test_a_feedback_is_read_never_rewritten(editor_client, feedback):
    edit_url = f"/admin/strategy_feedback/edit/{feedback.pk}/"
    inspect_url = f"/admin/strategy_feedback/inspect/{feedback.pk}/"

    assert editor_client.get(edit_url)["Location"] == inspect_url
    response = editor_client.post(edit_url, {"section": "x", "text": "falsifié"})
    assert response["Location"] == inspect_url
    feedback.refresh_from_db()
    assert feedback.text == "Écrit"

    page = editor_client.get(inspect_url)
    assert page.status_code == 200
    assert "Écrit" in page.content.decode()
    assert edit_url not in page.content.decode()


@pytest.mark.parametrize("prefix", ["membership_applications", "strategy_feedback"])
def test_listings_offer_no_add_button_and_no_copy(editor_client, application, feedback, prefix):
    listing = editor_client.get(f"/admin/{prefix}/").content.decode()
    assert f"/admin/{prefix}/new/" not in listing

    pk = application.pk if prefix == "membership_applications" else feedback.pk
    assert editor_client.get(f"/admin/{prefix}/copy/{pk}/").status_code == 404
    assert editor_client.post(f"/admin/{prefix}/copy/{pk}/").status_code == 404


@pytest.mark.parametrize("prefix", ["membership_applications", "strategy_feedback"])
def test_editors_cannot_delete_records(editor_client, application, feedback, prefix):
    record = application if prefix == "membership_applications" else feedback

    assert editor_client.get(f"/admin/{prefix}/delete/{record.pk}/").status_code == 302
    editor_client.post(f"/admin/{prefix}/delete/{record.pk}/")

    assert type(record).objects.filter(pk=record.pk).exists()
