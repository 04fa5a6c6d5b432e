"""Template tags for the filter forms of listings."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

SELECTED = mark_safe(" selected")  # noqa: S308 - a constant attribute, no input in it


@register.simple_tag
def select_options(choices, selected=None):
    """The <option> elements of a filter's (value, label) choices, the chosen one selected.

    Built in Python: a template loop costs tens of microseconds an option, and a filter by
    organisation lists hundreds of them on every view of the listing.
    """
    chosen = "" if selected is None else str(selected)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, SELECTED if str(value) == chosen else "", label) for value, label in choices),
    )
