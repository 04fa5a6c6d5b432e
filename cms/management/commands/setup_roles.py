"""`manage.py setup_roles`: create the groups, their permissions and the review workflow."""

from django.core.management.base import BaseCommand

from cms.roles import ensure_staff_groups


class Command(BaseCommand):
    help = (
        "Crée ou complète les groupes (membres, rédacteurs, responsables communication), "
        "leurs permissions et le circuit de relecture. Peut être relancée sans risque."
    )

    def handle(self, *args, **options):
        writers, managers = ensure_staff_groups()
        self.stdout.write(
            self.style.SUCCESS(
                f"Groupes prêts : « {writers.name} » ({writers.permissions.count()} permissions), "
                f"« {managers.name} » ({managers.permissions.count()} permissions)."
            )
        )
