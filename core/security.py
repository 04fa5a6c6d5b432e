"""Security headers, the scoped Content-Security-Policy, sign-in throttling and outage answers."""

import copy
import hashlib
import logging
import sys
import unicodedata

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.datastructures import MultiValueDictKeyError

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from .hooks import private_prefixes

logger = logging.getLogger(__name__)

# Errors that mean the database cannot be reached, not that our code is wrong.
DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def mark_private(response):
    """Personal responses must never be stored by a browser, a proxy or the page cache."""
    patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
    response["Vary"] = "Cookie"
    return response


class PrivateResponsesMiddleware:
    """Marks responses under the registered private paths (core.hooks) private and unstorable,
    whatever view produced them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(private_prefixes()):
            mark_private(response)
        return response


def database_is_reachable():
    """Whether the database still answers, after a query of ours failed."""
    try:
        return connection.is_usable()
    except Exception:  # any failure here means the same thing: unreachable
        return False


def permissions_policy_header(policy):
    """`{"camera": [], "fullscreen": ["self", "https://x"]}` as a Permissions-Policy header."""
    parts = []
    for feature, allowed in policy.items():
        origins = " ".join("self" if origin == "self" else f'"{origin}"' for origin in allowed)
        parts.append(f"{feature}=({origins})")
    return ", ".join(parts)


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy everywhere, and the headers Django's middleware would have set
    to answers that never went through it (an unknown Host is refused before it runs)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(
            getattr(settings, "PERMISSIONS_POLICY", {})
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.setdefault("Permissions-Policy", self.permissions_policy)
        response.setdefault("X-Content-Type-Options", "nosniff")
        if settings.SECURE_REFERRER_POLICY:
            response.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
            response.setdefault(
                "Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
            )
        if not getattr(response, "xframe_options_exempt", False):
            response.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


def uses_admin_policy(path):
    return path.startswith(tuple(getattr(settings, "CSP_ADMIN_PATH_PREFIXES", ())))


class ScopedCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the relaxed admin policy under the admin's paths only.

    The public site and the member area get CONTENT_SECURITY_POLICY, which has no nonce:
    a page stored by a cache is served to everyone with the same, still valid, header.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if getattr(request, "is_dummy", False):
            # A preview is rendered for the page's own address, then shown in the admin's
            # preview panel: the public policy, framed by the admin (same origin) only.
            policy = {
                **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
                "frame-ancestors": ["'self'"],
            }
        elif uses_admin_policy(request.path_info):
            policy = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        else:
            return parts
        return PolicyParts(default_config(policy), parts.update, parts.replace, parts.nonce)


# Database outages: a French 503 asking to retry instead of a generic 500.


def note_database_failure(sender, request=None, **kwargs):
    """Flag the request when the exception Django is turning into a 500 is a lost database."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_UNAVAILABLE_ERRORS):
        request.database_unavailable = True


def service_unavailable_response():
    """A static page: no context processor, no query, since the database is what failed."""
    body = get_template("security/503.html").render({"STATIC_URL": settings.STATIC_URL})
    response = HttpResponse(body, content_type="text/html; charset=utf-8", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Answers « réessayez dans quelques instants » (503) when the database cannot be reached.

    Django turns an exception raised anywhere below into a 500 before this middleware sees
    the response, so the exception is recognised through `got_request_exception`, which is
    sent while it is being handled. Nothing is stored by a request that failed this way: the
    visitor is told to send the form again.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(
            note_database_failure, dispatch_uid="core.security.note_database_failure"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "database_unavailable", False):
            return service_unavailable_response()
        return response


# Truncated forms: Wagtail's StreamField and inline panels read their hidden counters with
# `data[key]`, so a POST without them (crafted, or cut by a proxy) raised a KeyError, a 500.


class IncompleteFormMiddleware:
    """Answers a POST that lacks the fields its form always sends with a French 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not isinstance(exception, MultiValueDictKeyError):
            return None
        if request.path_info.endswith("/preview/"):
            # What the admin's preview panel expects of a form it cannot preview.
            return JsonResponse({"is_valid": False, "is_available": False}, status=400)
        response = TemplateResponse(request, "security/incomplete_form.html", status=400)
        add_never_cache_headers(response)
        return response


# Sign-in throttling (django-axes).


def axes_username(request, credentials=None):
    """The e-mail address as the sign-in forms compare it: trimmed and lower case."""
    value = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if value is None and request is not None and hasattr(request, "POST"):
        value = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    if not value:
        return value
    return str(value).replace("\x00", "").strip().lower()[:254]


def count_in_window(cache, key, window):
    """Add one to a counter that starts with its first hit and lasts `window` seconds;
    returns the new count (the counter is reset if the cache lost it meanwhile)."""
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)
        return 1


def client_fingerprint(request):
    """The client's address, hashed: a rate-limit key that stores no address in clear."""
    return hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or behind proxies the one the outermost appended.

    With TRUSTED_PROXY_COUNT proxies in front of the site, each appends the address it
    received the request from to X-Forwarded-For: the client's is the n-th entry from the
    right. Entries further left are written by the client and never trusted.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [entry for entry in forwarded if entry]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """The same French 429 for every locked pair, whether the account exists or not."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = TemplateResponse(
        request,
        "security/lockout.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    mark_private(response)
    # Axes calls this after the view ran; the template response must be rendered here.
    return response.render()


# Search input.

MAX_SEARCH_QUERY_LENGTH = 200


def clean_search_query(value):
    """A search query without the characters that mean nothing to search and may upset it.

    Control and invisible formatting characters (null bytes, zero-width and bidirectional
    marks) are dropped, and so are double quotes, which SQLite's full-text syntax treats
    as phrase delimiters; the result is trimmed and cut to a reasonable length.
    """
    kept = "".join(
        char
        for char in str(value)
        if char != '"' and unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
    )
    return " ".join(kept.split())[:MAX_SEARCH_QUERY_LENGTH]


# Forms sent after their session expired (CSRF failure).

RESUBMITTED_ATTRIBUTE = "resubmitted_form_data"


def resubmitted_data(request):
    """What a person had typed in a form refused for an expired session, for the form to show
    again (bound, so its errors show too); None on any ordinary request."""
    return getattr(request, RESUBMITTED_ATTRIBUTE, None)


def kept_answers(request):
    """The submitted values worth giving back: never the token, never a password."""
    data = request.POST.copy()
    for name in list(data):
        if name == "csrfmiddlewaretoken" or "password" in name.lower():
            del data[name]
    return data


def page_with_answers(request, answers):
    """The page the form was on, rendered for a GET with the answers handed to its form."""
    page_request = copy.copy(request)
    page_request.method = "GET"
    page_request.POST = QueryDict()
    setattr(page_request, RESUBMITTED_ATTRIBUTE, answers)
    try:
        match = resolve(request.path_info)
        response = match.func(page_request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response = response.render()
    except (Resolver404, Http404, PermissionDenied):
        return None
    except Exception:
        # The refusal must be answered whatever the page does; the generic page will do.
        logger.exception("CSRF failure: the page of %s could not be shown again", request.path)
        return None
    return response if response.status_code == 200 else None


def csrf_failure(request, reason=""):
    """A form whose session expired: a French page in the site's layout, never Django's.

    Nothing sent is processed. Where the form's page can show it again (the join form, the
    strategy feedback), that page comes back with what was typed and a fresh token;
    elsewhere a page lists the answers and sends them again with a fresh token.
    """
    answers = kept_answers(request) if request.method == "POST" else QueryDict()
    response = page_with_answers(request, answers) if answers else None
    if response is None:
        response = TemplateResponse(
            request,
            "security/csrf_failure.html",
            {"answers": list(answers.lists()), "action": request.get_full_path()},
        ).render()
    response.status_code = 403
    return mark_private(response)
