"""Validation of French business identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share one SIREN and follow their own checksum rule.
LA_POSTE_SIREN = "356000000"


def normalise_siret(value):
    """Digits only: people type SIRET numbers with spaces, dots or dashes."""
    return "".join(ch for ch in str(value) if ch not in " .-\u00a0\u202f")


def luhn_valid(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def validate_siret(value):
    """A SIRET has 14 digits and a valid checksum (Luhn, or La Poste's own rule)."""
    digits = normalise_siret(value)
    # Only ASCII digits: str.isdigit() also accepts « ² » or Arabic-Indic digits.
    if not (digits.isascii() and digits.isdigit()) or len(digits) != 14:
        raise ValidationError(
            _("Le numéro SIRET compte 14 chiffres (par exemple 213 300 017 00017)."),
            code="siret_length",
        )
    if digits.startswith(LA_POSTE_SIREN) and digits != "35600000000048":
        valid = sum(int(d) for d in digits) % 5 == 0
    else:
        valid = luhn_valid(digits)
    if not valid:
        raise ValidationError(
            _("Ce numéro SIRET n'est pas valide : vérifiez les 14 chiffres."),
            code="siret_checksum",
        )
