"""`manage.py send_member_digests`: weekly digests for members who chose them (run by cron)."""

from django.core.management.base import BaseCommand

from members.notifications import send_weekly_digests


class Command(BaseCommand):
    help = "Envoie la synthèse hebdomadaire aux membres qui l'ont choisie."

    def handle(self, *args, **options):
        result = send_weekly_digests.enqueue()
        self.stdout.write(f"Synthèses mises en file d'attente ({result.id}).")
