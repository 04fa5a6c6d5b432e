"""The load balancer's health check: is this server able to serve the site right now?"""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

CACHE_KEY = "health-check"


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False


def cache_answers():
    # A write read back: a cache that only answers reads would still break publications.
    token = secrets.token_hex(8)
    try:
        cache.set(CACHE_KEY, token, 30)
        return cache.get(CACHE_KEY) == token
    except Exception:
        logger.warning("Health check: the cache does not answer", exc_info=True)
        return False


def health_response():
    """200 « ok » when the database and the shared cache both answer, 503 otherwise."""
    failing = [
        name
        for name, answers in (("base de données", database_answers), ("cache", cache_answers))
        if not answers()
    ]
    if failing:
        response = HttpResponse(
            f"indisponible : {', '.join(failing)}\n",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    else:
        response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    response["X-Content-Type-Options"] = "nosniff"
    return response


class HealthCheckMiddleware:
    """Answers HEALTH_CHECK_PATH before anything else runs.

    First of all middleware, so that the answer is never a cached page and the check does
    not depend on the Host header: load balancers probe each server by its address, which is
    not one of ALLOWED_HOSTS, and over plain HTTP, which would otherwise be redirected.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.path = getattr(settings, "HEALTH_CHECK_PATH", "")

    def __call__(self, request):
        if self.path and request.path_info == self.path and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
