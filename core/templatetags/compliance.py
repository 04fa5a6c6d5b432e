"""What legal pages show from the code's declarations: the register of processings and the
eco-design budget."""

from django import template

from ..budget import MEASURES, PAGE_BUDGET
from ..personal_data import processings

register = template.Library()


@register.simple_tag
def processing_register():
    return processings()


@register.simple_tag
def page_budget():
    return {
        "kilobytes": PAGE_BUDGET["max_bytes"] // 1000,
        "requests": PAGE_BUDGET["max_requests"],
        "fonts": PAGE_BUDGET["max_font_files"],
        "measures": MEASURES,
    }
