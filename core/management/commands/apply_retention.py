"""Queue the daily retention pass (core.retention.apply_retention); --now runs it here.

0 3 * * *  manage.py apply_retention
"""

from django.core.management.base import BaseCommand

from core.retention import apply_retention, run_retention


class Command(BaseCommand):
    help = (
        "Applique les durées de conservation des données personnelles (mise en file pour le "
        "worker ; --now : tout de suite)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Appliquer ici, sans le worker.")

    def handle(self, *args, now=False, **options):
        if not now:
            apply_retention.enqueue()
            self.stdout.write("Conservation des données : passage mis en file pour le worker.")
            return
        for label, count in run_retention().items():
            self.stdout.write(f"{label} : {count}")
