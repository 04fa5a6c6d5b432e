"""French as an editor writes it: « 1er juin 2023 », « 0 résultat », « 14 h 05 »."""

from django import template
from django.utils.dateformat import format as date_format
from django.utils.timezone import is_aware, localtime

register = template.Library()


def _local(value):
    return localtime(value) if hasattr(value, "hour") and is_aware(value) else value


def first_of_month(text, value):
    """« 1 juin » becomes « 1er juin » (the first day of a month is an ordinal in French)."""
    return "1er" + text[1:] if value.day == 1 and text.startswith("1 ") else text


@register.filter
def long_date(value, with_weekday=False):
    """« 1er juin 2023 », or « jeudi 1er juin 2023 » with `long_date:True`."""
    if not value:
        return ""
    value = _local(value)
    text = first_of_month(date_format(value, "j F Y"), value)
    return f"{date_format(value, 'l')} {text}" if with_weekday else text


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
