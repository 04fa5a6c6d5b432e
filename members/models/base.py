"""What every member page type shares: member-only, private answers, never in menus."""

from core.cache import remember_per_request
from core.cache.shared import render_shared
from core.models import BasePage
from core.security import mark_private


def served_page_key(page_id):
    """Names the page being served, for the parts of it written for each reader
    (members.personal), which would otherwise read it again."""
    return f"members:served-page:{page_id}"


class MemberAccessMixin:
    """Marks a page type member-only: the `before_serve_page` hook (members.wagtail_hooks)
    closes it to everyone but entitled members, whatever its privacy settings say, and public
    channels (menus, search, sitemap) leave it out."""

    member_only = True
    # Groups the page type is limited to (besides editors); None means every member.
    audience_groups = None

    # Whether the page is the same for everyone of an audience but for its personal parts
    # (core.cache.shared); pages holding a reader's own forms say False.
    shared_rendering = True

    def serve(self, request, *args, **kwargs):
        return self.serve_for_audience(request, super().serve, *args, **kwargs)

    def serve_for_audience(self, request, serve, *args, **kwargs):
        """`serve(request, …)`, rendered once for the reader's audience when it may be.

        Page types that put RoutablePageMixin before this mixin call it from their own
        `serve`: their routes never reach this class's.
        """
        # access.py loads Django's auth views, which need the User model first.
        from ..access import shared_audience

        audience = shared_audience(request.user) if self.shared_rendering else None
        # A stored rendering still has its reader's parts to write, about this very page.
        remember_per_request(served_page_key(self.pk), self)
        response = render_shared(request, audience, lambda: serve(request, *args, **kwargs))
        return mark_private(response)

    def get_sitemap_urls(self, request=None):
        return []


class MemberBasePage(MemberAccessMixin, BasePage):
    """Common ground of member pages: never in menus, never in public channels."""

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        self.show_in_menus = False
        super().full_clean(*args, **kwargs)
