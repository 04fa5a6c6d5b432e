"""A document attached to a member page is closed when the page is saved, worker or not."""

from wagtail.models import ReferenceIndex

import pytest

from tests.members import member_factories as mf

pytestmark = pytest.mark.django_db


def status(client, url):
    """The status of a document request; a served file is read to its end (and so closed)."""
    response = client.get(url)
    if response.status_code == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    return response.status_code


NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_public_pdf_attached_to_council_draft_is_closed_before_the_worker_runs(
    settings, client_for, member_area, django_capture_on_commit_callbacks
):
    """With the task worker stopped, the PDF is refused to visitors and club partners."""
    settings.TASKS = NO_WORKER
    pdf = mf.SiteDocumentFactory(title="Note du conseil")  # public root collection
    ReferenceIndex.objects.all().delete()
    assert status(client_for("anonymous"), pdf.url) == 200  # not attached yet
    draft = member_area["draft"]
    draft.document = pdf
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert status(client_for("anonymous"), pdf.url) == 302
    assert status(client_for("partner"), pdf.url) == 403
    assert status(client_for("council"), pdf.url) == 200


def test_pdf_attached_to_new_minutes_is_closed_at_creation(
    settings, client_for, member_area, django_capture_on_commit_callbacks
):
    """Minutes created with an attachment close it in the same request."""
    settings.TASKS = NO_WORKER
    pdf = mf.SiteDocumentFactory(title="Annexe")
    with django_capture_on_commit_callbacks(execute=True):
        minutes = mf.CommissionMinutesPageFactory(
            parent=member_area["commission"], title="Réunion de janvier"
        )
        mf.attach(minutes, pdf, "Annexe")
    assert status(client_for("anonymous"), pdf.url) == 302
