"""What every member page type shares: member-only, private answers, never in menus."""

from core.models import BasePage
from core.security import mark_private


class MemberAccessMixin:
    """Marks a page type member-only: the `before_serve_page` hook (members.wagtail_hooks)
    closes it to everyone but entitled members, whatever its privacy settings say, and public
    channels (menus, search, sitemap) leave it out."""

    member_only = True
    # Groups the page type is limited to (besides editors); None means every member.
    audience_groups = None

    def serve(self, request, *args, **kwargs):
        return mark_private(super().serve(request, *args, **kwargs))

    def get_sitemap_urls(self, request=None):
        return []


class MemberBasePage(MemberAccessMixin, BasePage):
    """Common ground of member pages: never in menus, never in public channels."""

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        self.show_in_menus = False
        super().full_clean(*args, **kwargs)
