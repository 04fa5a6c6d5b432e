"""`manage.py load_demo`: fill an empty site with demo content, idempotently."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.demo import load_demo_content

PRODUCTION_SETTINGS = "cms.settings.production"


class Command(BaseCommand):
    help = (
        "Charge le contenu de démonstration (membres, pages, actualités, portraits). "
        "Peut être relancée sans risque : rien n'est créé en double ni modifié."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Autorise le chargement avec les paramètres de production.",
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        # Demo content on a production database would publish fictional partners under the
        # network's name, so production settings need an explicit override.
        if settings.SETTINGS_MODULE == PRODUCTION_SETTINGS and not force:
            raise CommandError(
                "Refus de charger le contenu de démonstration avec les paramètres de production "
                f"({PRODUCTION_SETTINGS}) : il publierait des partenaires fictifs. "
                "Relancez avec --force si c'est vraiment voulu."
            )
        started = time.monotonic()
        report = load_demo_content()
        elapsed = time.monotonic() - started
        if verbosity == 0:
            return
        seconds = f"{elapsed:.1f}".replace(".", ",")
        self.stdout.write(
            self.style.SUCCESS(
                f"Contenu de démonstration chargé en {seconds} s : "
                f"{report.total_created} élément(s) créé(s), "
                f"{report.total_present} déjà présent(s)."
            )
        )
        for line in report.summary_lines():
            self.stdout.write(line)
