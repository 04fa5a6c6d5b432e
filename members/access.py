"""Who may read what in the member area: one set of rules for pages, listings and documents."""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)

from core.cache import cached_fragment, fragment_cache_enabled
from core.cache.routing import prefilled
from core.models import member_only_page_types
from core.roles import COMMS_MANAGERS, EDITOR_GROUPS, user_group_names
from core.security import mark_private

from .roles import can_enter_member_area


def restriction_accepts(restriction, user):
    """Whether a page or collection view restriction lets this signed-in user through."""
    if restriction.restriction_type == BaseViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == BaseViewRestriction.GROUPS:
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        allowed = {group.name for group in restriction.groups.all()}
        return bool(allowed & user_group_names(user))
    # Shared passwords are disabled on this site: a leftover one lets nobody in.
    return False


def is_member_only(page):
    return getattr(page.specific_class, "member_only", False)


def audience_accepts(page_type, user):
    """Whether a page type's own audience (drafts: council and COTECH) admits the user."""
    audience = getattr(page_type, "audience_groups", None)
    if not audience or user.is_superuser:
        return True
    names = user_group_names(user)
    return bool(names & {*audience, COMMS_MANAGERS})


def can_read_page(page, user):
    """The single rule for a page: member pages need a member, every restriction must pass."""
    if is_member_only(page):
        if not (can_enter_member_area(user) and audience_accepts(page.specific_class, user)):
            return False
        # Page types whose audience varies from page to page (member events) say which of
        # their pages a member may not read; the listings below exclude the same pages.
        # A specific page knows its own audience (`is_hidden_from`: no query, mostly).
        if (is_hidden_from := getattr(page, "is_hidden_from", None)) is not None:
            hidden = is_hidden_from(user)
        elif (hidden_from := getattr(page.specific_class, "hidden_from", None)) is not None:
            hidden = hidden_from(user).filter(pk=page.pk).exists()
        else:
            hidden = False
        if hidden:
            return False
    return all(restriction_accepts(r, user) for r in page.get_view_restrictions())


def audience_key(user):
    """What decides which member pages an account may read: equal keys, equal pages (groups,
    and the organisation, which makes a person a member of its commissions)."""
    names = ",".join(sorted(user_group_names(user)))
    organisation = getattr(user, "organisation_id", None) or 0
    return (
        f"{int(user.is_authenticated)}{int(user.is_active)}{int(user.is_superuser)}"
        f":{names}:{organisation}"
    )


def shared_audience(user):
    """The audience a member page may be rendered once for (core.cache.shared), or None.

    Staff and editors get their pages rendered for them alone: theirs carry Wagtail's editing
    bar, which depends on their own permissions.
    """
    if not user.is_authenticated or user.is_superuser or user.is_staff:
        return None
    if user_group_names(user) & set(EDITOR_GROUPS):
        return None
    return audience_key(user)


def view_restrictions(user):
    """Every page view restriction with its groups: read once per generation (core.cache),
    since any change to restrictions or groups bumps it, then once per request."""
    cached = getattr(user, "_view_restrictions_cache", None)
    if cached is None:
        cached = cached_fragment(
            "page-view-restrictions",
            lambda: list(
                PageViewRestriction.objects.select_related("page").prefetch_related("groups")
            ),
        )
        user._view_restrictions_cache = cached
    return cached


def readable_member_pages(queryset, user):
    """Narrow a page queryset to what this user may read, in a constant number of queries."""
    if not can_enter_member_area(user):
        return queryset.none()
    for restriction in view_restrictions(user):
        if not restriction_accepts(restriction, user):
            queryset = queryset.exclude(path__startswith=restriction.page.path)
    closed_types = []
    for page_type in member_only_page_types():
        if not audience_accepts(page_type, user):
            closed_types.append(page_type)
        elif (hidden_from := getattr(page_type, "hidden_from", None)) is not None:
            # A subquery: the number of queries stays the same.
            queryset = queryset.exclude(pk__in=hidden_from(user))
    if closed_types:
        queryset = queryset.not_type(*closed_types)
    return queryset


def member_page_response(page, request):
    """A redirect to sign in, a 403 page, or None when the request may see the page."""
    # Asked twice per page (the serving hook, then the page's own serve): decide once.
    decided = request.__dict__.setdefault("_member_page_access", {})
    if page.pk not in decided:
        decided[page.pk] = _member_page_response(page, request)
    return decided[page.pk]


def sign_in_redirect(request):
    """To the sign-in page and back here; never stored, since it depends on who asks."""
    response = redirect_to_login(request.get_full_path())
    add_never_cache_headers(response)
    return response


def _member_page_response(page, request):
    user = request.user
    if not user.is_authenticated:
        return sign_in_redirect(request)
    if not can_read_page(page, user):
        response = TemplateResponse(request, "members/forbidden.html", status=403)
        mark_private(response)
        return response
    return None


def check_document_access(document, request):
    """Raise or redirect unless the user may read every restricted page that uses the document."""
    user = request.user
    for restriction in collection_restrictions(document.collection):
        if not restriction_accepts(restriction, user):
            return deny(request)
    page_ids = [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    ]
    if page_ids:
        pages = Page.objects.filter(pk__in=page_ids).specific()
        for page in pages:
            restricted = is_member_only(page) or page.get_view_restrictions()
            if restricted and not can_read_page(page, user):
                return deny(request)
    return None


def collection_restrictions(collection):
    """The view restrictions of a collection and of its ancestors, with their groups, read
    once for this collection object: Wagtail's own check of the same document (its
    `before_serve_document` hook, after ours) is handed the same rows.

    With the fragments on, the rows come from the generation's list (saving, deleting or
    regrouping a restriction bumps it, core.cache) instead of two queries per document.
    """
    restrictions = collection.__dict__.get("_view_restrictions_memo")
    if restrictions is None:
        if fragment_cache_enabled():
            rows = [
                row
                for row in cached_fragment("collection-view-restrictions", read_collection_rows)
                if collection.path.startswith(row.collection.path)
            ]
            restrictions = prefilled(
                CollectionViewRestriction.objects.filter(pk__in=[r.pk for r in rows]), rows
            )
        else:
            restrictions = collection.get_view_restrictions().prefetch_related("groups")
            # Evaluated now, so that both checks iterate the same rows.
            list(restrictions)
        collection._view_restrictions_memo = restrictions
        collection.get_view_restrictions = lambda: restrictions
    return restrictions


def read_collection_rows():
    return list(
        CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")
    )


def deny(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied
