"""Navigation and feed links every page template needs."""

from functools import cached_property

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, Site

from core.cache import cached_fragment
from core.cache.routing import restricted_paths
from core.compiled import compiled
from core.hooks import menu_entries
from core.models import member_only_page_types
from core.roles import EDITOR_GROUPS, user_group_names
from members.models import PartnerDirectoryPage
from news.models import NewsIndexPage

from .models import SiteSettings


class SiteNavigation:
    """Lazily computed menu and feed links for the current site; nothing runs unless used."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def site(self):
        return Site.find_for_request(self.request)

    @cached_property
    def root_page(self):
        if self.site is None:
            return None
        return cached_fragment(f"nav:{self.site.pk}:root", lambda: self.site.root_page)

    @cached_property
    def top_pages(self):
        """Public children of the home page, member area excluded, in tree order."""
        if self.root_page is None:
            return []
        # Every page asks for the same menu: read once per publication (core.cache).
        return cached_fragment(
            f"nav:{self.site.pk}:top-pages", lambda: read_top_pages(self.root_page)
        )

    @property
    def menu_pages(self):
        return [page for page in self.top_pages if page.show_in_menus]

    @property
    def footer_pages(self):
        return [page for page in self.top_pages if not page.show_in_menus]

    def top_page_of_type(self, model):
        """The first of the top pages of this type, as that type, without a query.

        For the types whose only parent is the home page (the news index, the directory):
        they are among the pages the menus read anyway, so every page does not pay a query
        of its own for their addresses.
        """
        content_type = ContentType.objects.get_for_model(model)
        for page in self.top_pages:
            if page.content_type_id == content_type.pk:
                # Base fields only, enough for addresses and routes; the rest on first use.
                return page.specific_deferred
        return None

    def ancestors_of(self, page):
        """The pages from the site's root down to `page`'s parent, in order.

        Taken from the root and the top pages the menus read when they are all there (a
        page of the first or second level below the home page), read otherwise.
        """
        root = self.root_page
        if root is None or not page.path.startswith(root.path):
            return list(page.get_ancestors())
        known = {root.path: root, **{top.path: top for top in self.top_pages}}
        paths = [page.path[: depth * page.steplen] for depth in range(root.depth, page.depth)]
        if all(path in known for path in paths):
            return [known[path] for path in paths]
        return list(page.get_ancestors().filter(depth__gte=root.depth))

    @cached_property
    def directory_url(self):
        directory = self.top_page_of_type(PartnerDirectoryPage)
        return directory.get_url(self.request) if directory else "/partenaires/"

    @cached_property
    def news_index(self):
        return self.top_page_of_type(NewsIndexPage)

    @property
    def entries(self):
        """Links the features add to the header (core.hooks), e.g. the member area."""
        return menu_entries()

    @cached_property
    def shows_userbar(self):
        """Whether Wagtail's editing bar may concern this visitor: staff and editors only.

        Decided from the groups already read for the request, so that members and visitors
        do not pay the two permission queries the bar's own check costs.
        """
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if user.is_superuser or user.is_staff:
            return True
        return bool(user_group_names(user) & set(EDITOR_GROUPS))

    @cached_property
    def legal(self):
        """The legal pages' addresses (site settings), for footers and data notices."""
        if self.site is None:
            return {}

        def find():
            # The settings the request has already read (Wagtail keeps them on it).
            site_settings = SiteSettings.for_request(self.request)
            page_ids = {
                "privacy": site_settings.privacy_page_id,
                "legal_notice": site_settings.legal_notice_page_id,
                "accessibility": site_settings.accessibility_page_id,
            }
            # Legal pages usually sit right under the home page, among those the menus read.
            pages = {page.pk: page for page in self.top_pages}
            missing = [pk for pk in page_ids.values() if pk is not None and pk not in pages]
            if missing:
                pages.update((page.pk, page) for page in Page.objects.filter(pk__in=missing))
            urls = {name: pages[pk].url for name, pk in page_ids.items() if pk in pages}
            urls["contact_email"] = site_settings.email
            return urls

        return cached_fragment(f"nav:{self.site.pk}:legal", find)

    @cached_property
    def news_feed_urls(self):
        index = self.news_index
        if index is None:
            return None
        url = index.get_url(self.request)
        return {"rss": url + "flux/rss/", "atom": url + "flux/atom/"}


def read_top_pages(root):
    """The live public children of `root`, member-only types left out, in tree order.

    `public_pages(root.get_children().live())` without member-only types, by a statement
    compiled once per number of restricted pages: every page of the site reads it, and
    building and compiling it took longer than PostgreSQL takes to answer.
    """
    restricted = sorted(restricted_paths())
    member_types = member_only_page_types()
    excluded = sorted(
        content_type.pk
        for content_type in ContentType.objects.get_for_models(*member_types).values()
    )

    def build():
        pages = Page.objects.filter(depth=root.depth + 1, path__startswith=root.path, live=True)
        for path in restricted:
            pages = pages.exclude(path__startswith=path)
        if excluded:
            pages = pages.exclude(content_type_id__in=excluded)
        return pages.order_by("path")

    # Paths hold digits and capitals only: no LIKE wildcard to escape.
    params = [root.depth + 1, f"{root.path}%", *(f"{path}%" for path in restricted), *excluded]
    return list(compiled(f"top-pages:{len(restricted)}:{len(excluded)}", build, params))


def site_navigation(request):
    return {"navigation": SiteNavigation(request)}
