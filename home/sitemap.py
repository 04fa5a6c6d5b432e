"""The sitemap of public pages only."""

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from core.models import without_member_only


class PublicSitemap(Sitemap):
    """Live public pages of the current site, never the member area."""

    def items(self):
        return without_member_only(super().items())
