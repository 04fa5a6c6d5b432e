"""Narrows the admin for accounts that may not see the member area."""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from .access import sign_in_redirect
from .roles import may_see_member_area_in_admin


class AdminScopeMiddleware:
    """Closes the admin's reports to accounts that may not see the member area.

    Reports list pages across the whole tree (the page types report names the latest edited
    page of each type, a strategy draft's title included); « Rédacteurs » do not need them.
    """

    PREFIXES = ("/admin/reports/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith(self.PREFIXES)
            and user is not None
            and user.is_authenticated
            and not may_see_member_area_in_admin(user)
        ):
            raise PermissionDenied
        return self.get_response(request)


class MemberAreaSignInMiddleware:
    """Every address under the member area sends a visitor who is not signed in to sign in,
    whether a page answers there or not: nobody learns which member pages exist."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith(settings.MEMBER_AREA_URL)
            and user is not None
            and not user.is_authenticated
        ):
            return sign_in_redirect(request)
        return self.get_response(request)
