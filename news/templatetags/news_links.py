"""Links of the newsroom that listings repeat dozens of times a page."""

from django import template

from wagtail.models import Site

register = template.Library()

# A slug the tag route accepts, stripped off the reversed address to leave its prefix.
PLACEHOLDER = "-"


@register.simple_tag(takes_context=True)
def tag_url(context, news_index, tag):
    """The address of a tag's listing in the newsroom, as {% routablepageurl %} writes it.

    A listing links up to fifty tags; reversing the route and finding the index's address for
    each costs more than the rest of a card, so the prefix is computed once per request (the
    index's address is relative or absolute depending on the site asked).
    """
    request = context["request"]
    memo = request.__dict__.setdefault("_tag_url_prefixes", {})
    prefix = memo.get(news_index.pk)
    if prefix is None:
        base = news_index.relative_url(Site.find_for_request(request), request)
        if not base.endswith("/"):
            base += "/"
        placeholder = news_index.reverse_subpage("tag_listing", args=[PLACEHOLDER])
        prefix = memo[news_index.pk] = base + placeholder.removesuffix(f"{PLACEHOLDER}/")
    return f"{prefix}{tag.slug}/"
