"""The sitemap of public pages only."""

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap


class PublicSitemap(Sitemap):
    """Live public pages of the current site, never the member area."""

    def items(self):
        from members.models import MEMBER_ONLY_PAGE_TYPES

        pages = super().items()
        if MEMBER_ONLY_PAGE_TYPES:
            pages = pages.not_type(*MEMBER_ONLY_PAGE_TYPES)
        return pages
