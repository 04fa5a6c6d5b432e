"""`manage.py load_demo`: fill an empty site with demo content, idempotently."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

from cms.demo import load_demo_content
from core.summaries import rebuild_summaries

PRODUCTION_SETTINGS = "cms.settings.production"


class Command(BaseCommand):
    help = (
        "Charge le contenu de démonstration (membres, pages, actualités, portraits). "
        "Peut être relancée sans risque : rien n'est créé en double ni modifié."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            metavar="HÔTE:PORT",
            help=(
                "Adresse où le site sera servi (make run : 127.0.0.1:8000), pour que liens "
                "canoniques, plan du site et flux y mènent ; seul le site par défaut de Wagtail "
                "(localhost) est modifié."
            ),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Autorise le chargement avec les paramètres de production.",
        )

    def handle(self, *args, force=False, verbosity=1, address=None, **options):
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
        rebuild_summaries()
        if address:
            self.serve_demo_at(address, report)
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

    def serve_demo_at(self, address, report):
        """Point the default site at the address the demo is served from, unless an address
        was configured for it already (anything but Wagtail's « localhost »)."""
        hostname, _, port = address.rpartition(":")
        if not hostname or not port.isdigit():
            raise CommandError(f"Adresse invalide : « {address} » (attendu : hôte:port).")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None or site.hostname not in {"localhost", hostname}:
            return
        if (site.hostname, site.port) != (hostname, int(port)):
            site.hostname, site.port = hostname, int(port)
            site.save()
            report.note(f"Site par défaut servi à l'adresse http://{hostname}:{port}/.")
