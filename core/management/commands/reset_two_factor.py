"""Remove an account's authenticator devices, so that it enrols a new one at next sign-in."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Réinitialise la double authentification d'un compte (téléphone perdu ou changé) : "
        "à sa prochaine connexion à l'administration, il configurera une nouvelle application."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="Adresse électronique du compte")

    def handle(self, *args, email, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Aucun compte pour {email}.")
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(
            f"{deleted} appareil(s) supprimé(s) pour {user.email} : "
            "la double authentification sera à configurer à la prochaine connexion."
        )
