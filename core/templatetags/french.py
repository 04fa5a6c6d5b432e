"""French as an editor writes it: « 1er juin 2023 », « 0 résultat », « 14 h 05 »."""

from django import template
from django.utils.timezone import is_aware, localtime

register = template.Library()


def _local(value):
    return localtime(value) if hasattr(value, "hour") and is_aware(value) else value


# The site speaks French only (settings.LANGUAGES): names written directly, where Django's
# date format took 80 µs a date, asking the translations for each name (a listing shows
# twelve dates).
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@register.filter
def long_date(value, with_weekday=False):
    """« 1er juin 2023 », or « jeudi 1er juin 2023 » with `long_date:True`."""
    if not value:
        return ""
    value = _local(value)
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if with_weekday else text


@register.filter
def iso_date(value):
    """« 2023-06-01 », for `datetime` attributes: Django's `date:'Y-m-d'` without its format
    machinery (a date's day, a date-time's local day)."""
    if not value:
        return ""
    value = _local(value)
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


@register.filter
def long_datetime(value, with_weekday=False):
    """« 1er juin 2023 à 14 h 05 » (the hour as French typography writes it)."""
    if not value:
        return ""
    value = _local(value)
    return f"{long_date(value, with_weekday)} à {value.hour} h {value.minute:02d}"


@register.filter
def plural_s(count):
    """« s » from two on: in French zero and one take the singular (« 0 résultat »)."""
    try:
        return "s" if abs(int(count)) >= 2 else ""
    except (TypeError, ValueError):
        return ""
