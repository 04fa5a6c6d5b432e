"""Personal parts of a page rendered for a whole audience (core.cache.shared).

    {% load personal %}
    {% personal "event-registration" page.pk %}{% include "…" %}{% endpersonal %}
    {% csrf_field %}

Outside of a shared rendering the enclosed template is rendered as usual, with the page's
context (a form with its errors, say); inside one, a marker takes its place, which the
renderer registered under the same name fills in for each reader.
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import mark_safe

from core.cache.shared import is_sharing, marker

register = template.Library()


class PersonalNode(template.Node):
    def __init__(self, nodelist, name, args):
        self.nodelist = nodelist
        self.name = name
        self.args = args

    def render(self, context):
        if is_sharing():
            values = [arg.resolve(context) for arg in self.args]
            return mark_safe(marker(self.name.resolve(context), *values))  # noqa: S308 - our own marker
        return self.nodelist.render(context)


@register.tag("personal")
def personal(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% personal %} needs the name of a part.")
    nodelist = parser.parse(("endpersonal",))
    parser.delete_first_token()
    return PersonalNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )


@register.simple_tag(takes_context=True)
def csrf_field(context):
    """Django's `{% csrf_token %}`, which a page shared by an audience may hold."""
    if is_sharing():
        return mark_safe(marker("csrf"))  # noqa: S308 - our own marker
    return CsrfTokenNode().render(context)
