"""Restore a backup made by backup_site into an empty, migrated database and media folder.

    manage.py migrate
    manage.py restore_site /var/backups/limoges/2026-11-27

The database must hold nothing but what migrations create (no account, no page beyond
Wagtail's initial ones) and the media folder must be empty, unless --force is given: then
both are emptied first. The database part is all or nothing: if loading fails, the database
is left as it was. The search and reference indexes are rebuilt at the end.
"""

import json
import shutil
import tarfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, transaction

from wagtail.models import Page

from core.personal_data import reapply_erasures

from .backup_site import (
    DATA_FILE,
    FORMAT_VERSION,
    MANIFEST_FILE,
    MEDIA_FILE,
    refuse_unless_media_on_disk,
    sha256_of,
)

# Wagtail's migrations create the tree root and a welcome page: with them alone, the
# database still counts as empty.
MIGRATION_PAGES = 2


def database_is_empty():
    if get_user_model()._base_manager.exists():
        return False
    return Page.objects.count() <= MIGRATION_PAGES


def folder_is_empty(path):
    return not path.exists() or not any(path.iterdir())


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde de backup_site dans une base migrée vide et un dossier media "
        "vide (--force : les vider d'abord)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Dossier écrit par backup_site")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplacer le contenu actuel de la base et du dossier media.",
        )

    def handle(self, *args, source, force, **options):
        refuse_unless_media_on_disk()
        source = Path(source)
        manifest = self.read_manifest(source)
        media_root = Path(settings.MEDIA_ROOT)
        if not force:
            if not database_is_empty():
                raise CommandError(
                    "La base de données contient déjà des comptes ou des pages : "
                    "restaurez dans une base vide, ou ajoutez --force pour la remplacer."
                )
            if not folder_is_empty(media_root):
                raise CommandError(
                    f"Le dossier media {media_root} n'est pas vide : videz-le, "
                    "ou ajoutez --force pour le remplacer."
                )

        self.restore_database(source / DATA_FILE)
        # People who had their data erased after this backup was taken are erased again.
        erased = reapply_erasures(manifest.get("created_at"))
        if erased:
            self.stdout.write(f"Effacements refaits après la sauvegarde : {erased}.")
        self.restore_media(source / MEDIA_FILE, media_root)
        # Derived data, left out of the backup: rebuilt from what was restored.
        call_command("rebuild_references_index", verbosity=0)
        call_command("wagtail_update_index", verbosity=0)
        total = sum(manifest.get("counts", {}).values())
        self.stdout.write(
            f"Sauvegarde du {manifest.get('created_at', '?')} restaurée : {total} "
            f"enregistrements, {manifest.get('media', {}).get('files', 0)} fichiers."
        )

    def read_manifest(self, source):
        try:
            manifest = json.loads((source / MANIFEST_FILE).read_text())
        except (OSError, ValueError) as error:
            raise CommandError(f"{source} n'est pas une sauvegarde lisible : {error}") from None
        if manifest.get("format") != FORMAT_VERSION:
            raise CommandError("Format de sauvegarde inconnu.")
        for name, expected in manifest.get("sha256", {}).items():
            path = source / name
            if not path.is_file() or sha256_of(path) != expected:
                raise CommandError(f"{path} est absent ou altéré : la sauvegarde est inutilisable.")
        return manifest

    def restore_database(self, data_path):
        with transaction.atomic():
            # Empties every table, migrations' rows included: the backup holds their state
            # at backup time, content types and permissions with their original keys.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            ContentType.objects.clear_cache()
            call_command("loaddata", str(data_path), verbosity=0)
        ContentType.objects.clear_cache()
        # Content types and permissions of models added since the backup, if any.
        emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)

    def restore_media(self, archive_path, media_root):
        if media_root.exists():
            for child in media_root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive_path, "r:gz") as archive:
            # The "data" filter refuses absolute paths, `..`, links out of the folder and
            # device files: a tampered archive cannot write outside MEDIA_ROOT.
            archive.extractall(media_root, filter="data")
