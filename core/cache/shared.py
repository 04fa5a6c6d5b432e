"""Signed-in pages rendered once per audience and finished for each reader.

Many signed-in pages are the same for everyone who may read the same things (the member
area's listings depend on a reader's groups and organisation, not on the person): such a
page is rendered once per *audience*, generation and few minutes, kept in the shared cache,
and only its personal parts (the reader's name, the form token, their own registration) are
filled in for each request.

A personal part is written `{% personal "name" args %}…{% endpersonal %}` in a template
(core.templatetags.personal): rendered as usual outside of a shared rendering, it becomes a
marker inside one, which `fill()` replaces with what the part's renderer, registered with
`register_personal_part`, writes for the reader. Markers carry a key derived from
SECRET_KEY: content typed by an editor can never pass for one.

What a shared rendering must never hold, a form token, makes it unstorable: the page is
then rendered for each reader, as without this cache.
"""

import contextvars
import hashlib
import logging
import re
from functools import lru_cache

from django.conf import settings
from django.template.backends.utils import csrf_input
from django.utils import timezone

from . import (
    CSRF_FIELD,
    fragment_cache_enabled,
    key_digest,
    page_cache,
    page_cache_seconds,
    read_current,
    release_fingerprint,
    request_address,
)

logger = logging.getLogger(__name__)

SHARED_PREFIX = "pagecache:shared"
# Pages are compared with the time (upcoming meetings, late actions) to within this slice.
SLICE_MINUTES = 5
# Characters a part's arguments may hold: they are written into an HTML comment.
ARGUMENT = re.compile(r"^[\w.-]*$")

sharing = contextvars.ContextVar("shared_rendering", default=False)
_renderers = {}
_value_providers = []
# Query parameters that select what a shared page shows (pagination, search); features add
# their filters. With any other parameter the page is rendered for the reader alone, so
# that made-up addresses cannot fill the cache.
_parameters = {"page", "q"}


def register_shared_parameters(*names):
    _parameters.update(names)


def register_personal_part(name, renderer):
    """`renderer(request, *args)` returns the HTML of part `name` for the reader of `request`."""
    _renderers[name] = renderer


def register_personal_values(provider):
    """`provider(user)` lists strings only that reader may see (an address, a secret link): a
    shared rendering holding one of them has a personal part left unmarked, and is not kept."""
    if provider not in _value_providers:
        _value_providers.append(provider)


def leaked_value(content, user):
    """Whether `content` holds a form token or one of the reader's personal values."""
    if CSRF_FIELD.decode() in content:
        return "form token"
    for provider in _value_providers:
        for value in provider(user):
            if value and value in content:
                return "personal value"
    return None


def is_sharing():
    """True while a page is rendered for a whole audience: personal parts become markers."""
    return sharing.get()


@lru_cache(maxsize=1)
def marker_key():
    return hashlib.sha256(f"personal-part:{settings.SECRET_KEY}".encode()).hexdigest()[:20]


@lru_cache(maxsize=1)
def marker_pattern():
    return re.compile(rf"<!--personal:{marker_key()}:([\w-]+):([\w.,-]*)-->")


def marker(name, *args):
    """The placeholder of a personal part in a shared rendering."""
    if name not in _renderers:
        raise KeyError(f"No personal part is registered as {name!r}.")
    values = [str(arg) for arg in args]
    if not all(ARGUMENT.match(value) for value in values):
        raise ValueError(f"Arguments of personal part {name!r} must be words: {values!r}")
    return f"<!--personal:{marker_key()}:{name}:{','.join(values)}-->"


def render_part(request, name, *args):
    return str(_renderers[name](request, *args))


def fill(content, request, finish=str):
    """The shared rendering `content` with each personal part written for this reader, and
    passed through `finish` (French typography, when the page already went through it)."""

    def replace(match):
        args = match.group(2).split(",") if match.group(2) else []
        return finish(render_part(request, match.group(1), *args))

    return marker_pattern().sub(replace, content)


def typography():
    """French typography (core.typography), applied once to a shared rendering rather than
    at every request; None when the site has it off."""
    from core.typography import french_html, typography_enabled

    return french_html if typography_enabled() else None


def finished(response, content, request, set_in_french):
    """`response` holding `content` filled in for the reader, typography already applied."""
    response.content = fill(content, request, set_in_french or str)
    response.typography_applied = set_in_french is not None
    return response


register_personal_part("csrf", csrf_input)


def has_messages(request):
    """Whether messages wait for this reader (shown once, on the next page they open)."""
    storage = getattr(request, "_messages", None)
    # Counting reads the storage without marking the messages as shown.
    return storage is not None and len(storage) > 0


def shared_key(request, audience, moment):
    digest = key_digest(f"{audience}\x1f{request_address(request)}\x1f{moment}")
    return f"{SHARED_PREFIX}:{release_fingerprint()}:{digest}"


def current_slice(minutes=SLICE_MINUTES):
    """The start of the current slice of `minutes`: what pages compared with the time are
    rendered for, once per slice."""
    now = timezone.now()
    return now.replace(minute=now.minute - now.minute % minutes, second=0, microsecond=0)


def may_share(request, audience):
    if not audience or request.method != "GET" or not fragment_cache_enabled():
        return False
    if getattr(request, "is_preview", False) or has_messages(request):
        return False
    if not _parameters.issuperset(request.GET):
        return False
    # A form kept across a sign-in that expired is put back for this reader only.
    return getattr(request, "resubmitted_form_data", None) is None


def storable(request, response):
    if response.status_code != 200 or response.cookies:
        return False
    # Messages shown while rendering (added by the view itself) were the reader's own.
    storage = getattr(request, "_messages", None)
    return storage is None or not (storage.used and len(storage))


def render_shared(request, audience, render):
    """`render()`'s response, rendered once for `audience` and filled in for this reader.

    `audience` names everything the page depends on besides its address, the content and the
    time (members.access.audience_key); None renders the page for this reader alone.
    """
    if is_sharing():
        # Already within the shared rendering of this page (a mixin's serve, then a page's).
        return render()
    if not may_share(request, audience):
        response = render()
        response["X-Cache"] = "BYPASS"
        return response
    cache = page_cache()
    key = shared_key(request, audience, current_slice().isoformat())
    try:
        generation, stored = read_current(cache, key)
    except Exception:
        logger.exception("Shared rendering: lookup failed")
        return render()
    if stored is not None:
        from django.http import HttpResponse

        content_type, content = stored
        response = HttpResponse(content_type=content_type)
        response["X-Cache"] = "HIT"
        return finished(response, content, request, typography())
    token = sharing.set(True)
    try:
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    finally:
        sharing.reset(token)
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return response
    content = response.content.decode(response.charset)
    set_in_french = typography()
    if set_in_french is not None:
        content = set_in_french(content)
    if storable(request, response):
        if leaked := leaked_value(content, request.user):
            # Outside of a personal part, it would be handed to the next reader.
            logger.warning("Shared rendering: %s holds a %s, not stored", request.path, leaked)
        else:
            try:
                cache.set(
                    key, (generation, (response["Content-Type"], content)), page_cache_seconds()
                )
                response["X-Cache"] = "MISS"
            except Exception:
                logger.exception("Shared rendering: store failed")
    return finished(response, content, request, set_in_french)
