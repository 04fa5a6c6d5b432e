"""Back up the whole site: the database as portable JSON, and the media folder as a tarball.

    manage.py backup_site /var/backups/limoges/2026-11-27

writes into an empty (or new) folder:

- `data.json`: every row that matters (pages and their revisions, documents and images,
  accounts with their password hashes and authenticator devices, organisations, feedback,
  applications, settings, logs, content types and permissions) with its primary key, so
  that it loads into a database migrated by the same code, SQLite or PostgreSQL;
- `media.tar.gz`: the uploaded files (documents, images and their renditions);
- `manifest.json`: when, from what, how many rows of each model, and checksums.

Left out, because they are rebuilt or worthless after a restore: sessions, sign-in
attempts, the search index and the reference index (rebuilt by restore_site), queued
background tasks and editing sessions.

A backup holds password hashes and two-factor secrets: store it encrypted, like the database.
"""

import datetime
import hashlib
import json
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

import wagtail

DATA_FILE = "data.json"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"
FORMAT_VERSION = 1

EXCLUDED = [
    "sessions",
    "axes",
    "wagtailsearch",
    "wagtailcore.referenceindex",
    "wagtailadmin.editingsession",
    "django_tasks_database",
]


def refuse_unless_media_on_disk():
    """Media on object storage are not under MEDIA_ROOT: a backup would silently lack them."""
    if not isinstance(storages["default"], FileSystemStorage):
        raise CommandError(
            "Les fichiers envoyés sont sur un stockage objet, pas dans MEDIA_ROOT : sauvegardez "
            "la base avec pg_dump et le bucket avec les outils de l'hébergeur (README, "
            "« Deployment on several servers »)."
        )


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def excluded_labels():
    """The app labels and model labels to leave out, among those installed here."""
    installed = {config.label for config in apps.get_app_configs()}
    return [label for label in EXCLUDED if label.split(".")[0] in installed]


def backed_up_models():
    skipped = {label.lower() for label in excluded_labels()}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if meta.app_label.lower() in skipped or meta.label_lower in skipped:
            continue
        yield model


def app_labels_in_load_order():
    """Content types and permissions first: loading pages fires signals that look content
    types up, and would create them under other keys if they were not there yet."""
    skipped = {label.lower() for label in excluded_labels() if "." not in label}
    first = ["contenttypes", "auth"]
    others = [
        config.label
        for config in apps.get_app_configs()
        if config.label not in first and config.label.lower() not in skipped
    ]
    return first + others


def unmanaged_labels():
    return [model._meta.label for model in apps.get_models() if not model._meta.managed]


class Command(BaseCommand):
    help = "Sauvegarde la base de données (JSON portable) et les fichiers envoyés (media)."

    def add_arguments(self, parser):
        parser.add_argument("target", help="Dossier de la sauvegarde (nouveau ou vide)")

    def handle(self, *args, target, **options):
        refuse_unless_media_on_disk()
        target = Path(target)
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} n'est pas vide : choisissez un dossier nouveau ou vide.")
        target.mkdir(parents=True, exist_ok=True)

        data_path = target / DATA_FILE
        counts = self.dump_database(data_path)
        media_files, media_bytes = self.archive_media(target / MEDIA_FILE)

        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database_vendor": connection.vendor,
            "wagtail": wagtail.__version__,
            "counts": counts,
            "media": {"files": media_files, "bytes": media_bytes},
            "sha256": {
                DATA_FILE: sha256_of(data_path),
                MEDIA_FILE: sha256_of(target / MEDIA_FILE),
            },
        }
        (target / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True))
        self.stdout.write(
            f"Sauvegarde écrite dans {target} : {sum(counts.values())} enregistrements, "
            f"{media_files} fichiers ({media_bytes} octets)."
        )

    def dump_database(self, data_path):
        """Dump every row from one consistent snapshot, even while the site keeps writing."""
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Must be the transaction's first statement: every query below then reads
                # the database as it was at this instant.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            counts = {
                model._meta.label_lower: model._base_manager.count() for model in backed_up_models()
            }
            call_command(
                "dumpdata",
                *app_labels_in_load_order(),
                exclude=excluded_labels() + unmanaged_labels(),
                # Primary keys throughout, content types included: references by key (log
                # entries may name deleted pages, revisions name any model) stay exact.
                use_base_manager=True,
                output=str(data_path),
                verbosity=0,
            )
        return {label: count for label, count in counts.items() if count}

    def archive_media(self, archive_path):
        media_root = Path(settings.MEDIA_ROOT)
        files = 0
        total = 0
        with tarfile.open(archive_path, "w:gz") as archive:
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        archive.add(path, arcname=str(path.relative_to(media_root)))
                        files += 1
                        total += path.stat().st_size
        return files, total
