"""`{% fragmentcache %}`: a piece of template rendered once per publication (core.cache).

    {% load fragment_cache %}
    {% fragmentcache "news-card" item.pk heading_level current_tag.pk %}…{% endfragmentcache %}

The arguments name everything the piece depends on besides published content; a publication
or a snippet change makes every fragment stale at once, like pages. Unlike Django's `{% cache %}`
it never needs a timeout to be right. Rendered as is when FRAGMENT_CACHE_ENABLED is off.
"""

import hashlib

from django import template
from django.utils.safestring import mark_safe

from core.cache import cached_fragment, fragment_cache_enabled
from core.cache.shared import is_sharing

register = template.Library()


def fragment_name(*parts):
    """The cache name of a fragment: what `{% fragmentcache a b c %}` stores under."""
    if is_sharing():
        # Rendered for a whole audience, a fragment holds markers of personal parts instead
        # of what a page rendered for one reader shows: the two are kept apart.
        parts = (*parts, "\x1eshared")
    return "html:" + hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on

    def render(self, context):
        if not fragment_cache_enabled():
            # Nothing is stored: no name to work out (a digest per news card otherwise).
            return self.nodelist.render(context)
        name = fragment_name(*(value.resolve(context) for value in self.vary_on))
        return mark_safe(cached_fragment(name, lambda: str(self.nodelist.render(context))))  # noqa: S308 - rendered template output


@register.tag("fragmentcache")
def fragment_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragmentcache %} needs a name.")
    nodelist = parser.parse(("endfragmentcache",))
    parser.delete_first_token()
    return FragmentCacheNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])
