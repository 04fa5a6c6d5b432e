"""Backup and restore round trip: an emptied site comes back whole from backup_site's folder."""

import json
import shutil
import tarfile

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page, Revision

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import SiteDocument, SiteImage
from members.models import StrategyFeedback, User
from tests import factories
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media_root(settings, tmp_path):
    """A media folder of the test's own, which it may empty without harming other tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def snapshot():
    """What must survive: pages, revisions, documents' bytes, accounts, feedback."""
    documents = {}
    for document in SiteDocument.objects.all():
        with document.file.open("rb") as stored:
            documents[document.title] = stored.read()
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "url_path", "live")),
        "revisions": Revision.objects.count(),
        "documents": documents,
        "images": sorted(SiteImage.objects.values_list("title", "file")),
        "accounts": sorted(User.objects.values_list("email", "password", "is_superuser")),
        "groups": sorted(User.objects.values_list("email", "groups__name")),
        "feedback": sorted(StrategyFeedback.objects.values_list("author__email", "text")),
        "devices": sorted(TOTPDevice.objects.values_list("user__email", "key")),
    }


def test_backup_then_restore_into_an_empty_site_gives_everything_back(
    client, media_root, tmp_path, accounts, member_area
):
    news = factories.NewsPageFactory(title="Le club des partenaires se lance")
    news.title = "Le club des partenaires est lancé"
    factories.publish(news)
    StrategyFeedback.objects.create(
        draft=member_area["draft"],
        author=accounts["council"],
        section="Axe 2",
        text="Attirer les talents : d'accord avec « la marque ».",
    )
    TOTPDevice.objects.create(user=accounts["editor"], name="Téléphone", confirmed=True)
    before = snapshot()
    assert before["revisions"] >= 2 and before["documents"] and before["feedback"]

    backup = tmp_path / "sauvegarde"
    call_command("backup_site", str(backup), verbosity=0)
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["counts"]["members.user"] == User.objects.count()
    assert manifest["media"]["files"] >= 3
    with tarfile.open(backup / "media.tar.gz") as archive:
        assert any(name.startswith("documents/") for name in archive.getnames())

    # A site that holds data is never overwritten by mistake.
    with pytest.raises(CommandError, match="contient déjà"):
        call_command("restore_site", str(backup), verbosity=0)

    # Disaster: the database and the media folder are gone.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)
    media_root.mkdir()
    assert not User.objects.exists() and not Page.objects.exists()

    call_command("restore_site", str(backup), verbosity=0)

    assert snapshot() == before
    # The restored site serves, searches and signs people in.
    assert client.get("/").status_code == 200
    assert client.get(news.url).status_code == 200
    found = client.get("/recherche/", {"q": "partenaires"})
    assert "Le club des partenaires est lancé" in found.content.decode()
    response = client.post(
        "/connexion/", {"username": "conseil@example.org", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    draft = client.get(member_area["draft"].url)
    assert "Attirer les talents" in draft.content.decode()
    document = SiteDocument.objects.get(title="Stratégie PDF")
    served = client.get(document.url)
    assert served.status_code == 200
    served.close()


def test_a_tampered_backup_is_refused(media_root, tmp_path, home_page):
    backup = tmp_path / "sauvegarde"
    call_command("backup_site", str(backup), verbosity=0)
    with open(backup / "data.json", "a") as data:
        data.write(" ")
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="altéré"):
        call_command("restore_site", str(backup), verbosity=0)


def test_backup_refuses_a_folder_that_is_not_empty(media_root, tmp_path, home_page):
    (tmp_path / "occupe").mkdir()
    (tmp_path / "occupe" / "autre.txt").write_text("x")
    with pytest.raises(CommandError, match="pas vide"):
        call_command("backup_site", str(tmp_path / "occupe"), verbosity=0)


@pytest.mark.parametrize("command", ["backup_site", "restore_site"])
def test_media_on_object_storage_are_not_silently_left_out(command, settings, tmp_path):
    """With the bucket as media storage, MEDIA_ROOT is empty: both commands say so and stop."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "medias", "access_key": "a", "secret_key": "b"},
        },
    }
    with pytest.raises(CommandError, match="stockage objet"):
        call_command(command, str(tmp_path / "sauvegarde"))
    assert not (tmp_path / "sauvegarde").exists()
