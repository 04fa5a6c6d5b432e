"""Public search, robots.txt and error pages."""

from django.conf import settings
from django.core.paginator import Page as ListingPage
from django.core.paginator import Paginator
from django.db import OperationalError
from django.db.models import Count, Window
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

from wagtail.models import Page, Site

from core.cache import routing
from core.cards import render_cards
from core.hooks import private_prefixes
from core.models import without_member_only
from core.security import clean_search_query, database_is_reachable
from members.models import Organisation

SEARCH_RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# Beyond this page number, a request is answered with the last page without asking the
# database for rows at an absurd offset.
MAX_SEARCH_PAGE = 10_000
# The total number of matches, computed by the ranked query itself (a window over the rows it
# ranks anyway) instead of a second COUNT query over the same join.
TOTAL_ANNOTATION = "search_total"


def public_pages(request):
    """Pages anyone may read: live, without view restriction, outside the member area."""
    pages = routing.public_pages(Page.objects.live())
    site = Site.find_for_request(request)
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return without_member_only(pages)


def requested_page_number(request):
    """The page number asked for: 1 when malformed, None when below 1 or out of reach."""
    try:
        number = int(request.GET.get("page", 1))
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_SEARCH_PAGE else None


def paginate_search(request, results, per_page=SEARCH_RESULTS_PER_PAGE):
    """The requested page of ranked search results, counted by the query that ranks them.

    Behaves like Paginator.get_page(): a malformed number gives the first page, one out of
    range the last. The usual case costs one query; only a number past the last page costs a
    COUNT (to find the last page) and a second fetch.
    """
    number = requested_page_number(request)
    rows = []
    if number is not None:
        start = (number - 1) * per_page
        rows = list(results[start : start + per_page])
    if rows and getattr(rows[0], TOTAL_ANNOTATION, None) is not None:
        total = getattr(rows[0], TOTAL_ANNOTATION)
    elif rows or number == 1:
        # A backend that dropped the annotation, or nothing found at all.
        total = results.count() if rows else 0
    else:
        # Past the last page (or a number out of reach): show the last page, as Django does.
        total = results.count()
        number = max(1, -(-total // per_page))
        start = (number - 1) * per_page
        rows = list(results[start : start + per_page]) if total else []
    paginator = Paginator((), per_page)
    paginator.count = total  # overrides the cached property: the total is already known
    return ListingPage(rows, number, paginator)


def search_public_pages(request, query):
    """Public pages matching every word of `query`, best first, one page of them."""
    pages = public_pages(request).annotate(**{TOTAL_ANNOTATION: Window(Count("pk"))})
    return paginate_search(request, pages.search(query, operator="and"))


def result_cards(request, results):
    """The rendered results of a page of search results: cached ones read in one trip, the
    others from their specific pages (titles, dates and summaries; never their bodies)."""
    return render_cards(
        request,
        [result.pk for result in results],
        lambda pks: Page.objects.filter(pk__in=pks).specific().defer_streamfields(),
        "components/search_result.html",
        "search-result",
        "result",
    )


@require_GET
def search(request):
    query = clean_search_query(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    results = None
    organisations = []
    if query:
        try:
            # Evaluated here, not in the template, so that a query the search backend cannot
            # parse is caught below instead of breaking the page.
            results = search_public_pages(request, query)
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
        {
            "search_query": query,
            "results": results,
            "result_cards": result_cards(request, results) if results else [],
            "organisations": organisations,
        },
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    closed = ("/admin/", *private_prefixes(), "/recherche/")
    lines = [
        "User-agent: *",
        *(f"Disallow: {prefix}" for prefix in dict.fromkeys(closed)),
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the database may be what failed.
    return HttpResponse(render_static_500(), content_type="text/html; charset=utf-8", status=500)


def render_static_500():
    return get_template("500.html").render({"STATIC_URL": settings.STATIC_URL})


@require_GET
def serve_rendition(request, path):
    """Serve a resized image; rendition names are random and never change content."""
    if path.startswith("/") or ".." in path.split("/"):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT / "images")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
