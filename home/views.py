"""Public search, robots.txt and error pages."""

from django.conf import settings
from django.db import OperationalError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

from wagtail.models import Page, Site

from home.security import clean_search_query
from members.models import MEMBER_ONLY_PAGE_TYPES, Organisation
from news.models import paginate

SEARCH_RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def database_is_reachable():
    """Whether the database still answers, after a query of ours failed."""
    try:
        return connection.is_usable()
    except Exception:  # any failure here means the same thing: unreachable
        return False


def public_pages(request):
    """Pages anyone may read: live, without view restriction, outside the member area."""
    pages = Page.objects.live().public()
    site = Site.find_for_request(request)
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    if MEMBER_ONLY_PAGE_TYPES:
        pages = pages.not_type(*MEMBER_ONLY_PAGE_TYPES)
    return pages


@require_GET
def search(request):
    query = clean_search_query(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    results = None
    organisations = []
    if query:
        try:
            page_results = public_pages(request).specific().search(query, operator="and")
            results = paginate(request, page_results, SEARCH_RESULTS_PER_PAGE)
            # Evaluated here, not in the template, so that a query the search backend cannot
            # parse is caught below instead of breaking the page.
            results.object_list = list(results.object_list)
            organisations = list(
                Organisation.objects.for_directory().search(query, operator="and")[:6]
            )
        except OperationalError:
            if not database_is_reachable():
                raise
            # The backend refused the query's syntax: answer « no result », never a 500.
            results, organisations = None, []
    return render(
        request,
        "pages/search.html",
        {"search_query": query, "results": results, "organisations": organisations},
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /espace-membres/",
        "Disallow: /connexion/",
        "Disallow: /recherche/",
        "Disallow: /documents/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the database may be what failed.
    return HttpResponse(render_static_500(), content_type="text/html; charset=utf-8", status=500)


def render_static_500():
    from django.template.loader import get_template

    return get_template("500.html").render({"STATIC_URL": settings.STATIC_URL})


@require_GET
def serve_rendition(request, path):
    """Serve a resized image; rendition names are random and never change content."""
    if path.startswith("/") or ".." in path.split("/"):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT / "images")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
