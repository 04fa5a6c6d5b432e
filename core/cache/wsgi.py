"""Stored pages answered before Django's request handling.

A page cache hit through the middleware (core.cache.PageCacheMiddleware) still pays for
Django's handler: the request_started and request_finished signals (closing database
connections and caches), the middleware chain and unpickling a response object. That is
most of a hit's time once the page itself costs nothing. `PageCacheApplication` wraps the
site's WSGI application and answers a stored page with the bytes kept for it, after the same
checks the middleware makes (core.cache.may_use_cache, the same key, the current
generation), and counts the view like the audience middleware does. Anything else, a miss
included, goes to Django as before, where the middleware stores what it renders.
"""

import logging
import os
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest

from core.audience import count

from . import (
    GENERATION_KEY,
    LOOKED_UP,
    may_use_cache,
    page_cache,
    page_cache_enabled,
    read_current,
    request_key,
)

logger = logging.getLogger(__name__)


class GenerationWatch:
    """The page cache's generation as last read, trusted until Redis says it changed.

    A connection in tracking mode (CLIENT TRACKING ON BCAST PREFIX, Redis 6 or later) is sent
    a message as soon as another client changes the generation key, by the very command
    that changes it. So checking that a kept page is current costs a look at whether that
    socket has anything to read, instead of a round trip to Redis on every hit. Whenever the
    connection is new, lost or has spoken, the generation is read again; without tracking
    (another cache backend, an old Redis, Redis down), it is read at every request as before.
    """

    RETRY_SECONDS = 5

    def __init__(self, cache):
        self.cache = cache
        self.pid = None
        self.connection = None
        self.generation = None
        self.retry_at = 0.0
        self.warned = False
        self.lock = threading.Lock()

    def current(self):
        with self.lock:
            if not self.unchanged():
                self.generation = None
            if self.generation is not None:
                return self.generation
            generation = self.cache.get(GENERATION_KEY)
            if self.connection is not None:
                # Read after tracking began: a change from now on is announced.
                self.generation = generation
            return generation

    def unchanged(self):
        """Whether the generation read last is still current, as far as Redis has told."""
        if self.pid != os.getpid():
            # A forked worker must not share its parent's socket.
            self.pid, self.connection, self.retry_at = os.getpid(), None, 0.0
        if self.connection is None:
            self.connection = self.connect()
            return False
        told = False
        try:
            while self.connection.can_read(timeout=0):
                self.connection.read_response(push_request=True, timeout=0)
                told = True
        except Exception:
            self.disconnect()
            return False
        return not told

    def connect(self):
        if time.monotonic() < self.retry_at:
            return None
        try:
            client = self.cache.client.get_client(write=False)
            pool = client.connection_pool
            connection = pool.connection_class(**{**pool.connection_kwargs, "protocol": 3})
            connection.connect()
            key = self.cache.make_and_validate_key(GENERATION_KEY)
            connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", key)
            connection.read_response()
        except Exception:
            self.retry_at = time.monotonic() + self.RETRY_SECONDS
            # Said once per process: an old Redis would otherwise fill the log every 5 s.
            log = logger.debug if self.warned else logger.warning
            log("Page cache: generation not watched, read at every hit", exc_info=True)
            self.warned = True
            return None
        return connection

    def disconnect(self):
        try:
            self.connection.disconnect()
        except Exception:
            logger.debug("Page cache: watch connection already gone", exc_info=True)
        self.connection = None


class StoredAnswer:
    """One stored page as WSGI needs it: status line, headers and body, all immutable."""

    __slots__ = ("generation", "status_code", "status", "headers", "body", "content_type")

    def __init__(self, generation, response):
        self.generation = generation
        self.status = f"{response.status_code} {response.reason_phrase}"
        self.headers = (*response.items(), ("X-Cache", "HIT"))
        self.body = response.content
        self.content_type = response.get("Content-Type", "")
        self.status_code = response.status_code


class PageCacheApplication:
    """The site's WSGI application with stored pages answered first."""

    # Pages this process answered lately, with the generation they belong to: while it is
    # still the shared one (one small read per request), the page need not cross from Redis.
    KEPT = 128

    def __init__(self, application):
        self.application = application
        self.kept = OrderedDict()
        self.lock = threading.Lock()
        self.watches = {}

    def __call__(self, environ, start_response):
        if page_cache_enabled() and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            request = WSGIRequest(environ)
            try:
                answer = self.stored_answer(request, environ)
            except SuspiciousOperation:
                # Too many parameters, a forbidden host…: Django answers them as it should
                # (400), which it could not do from here.
                answer = None
            if answer is not None:
                count(request, answer.status_code, answer.content_type)
                start_response(answer.status, list(answer.headers))
                return [answer.body]
        return self.application(environ, start_response)

    def stored_answer(self, request, environ):
        health = getattr(settings, "HEALTH_CHECK_PATH", "")
        if (health and request.path_info == health) or not may_use_cache(request):
            return None
        # A forbidden host raises here (DisallowedHost): nothing is ever stored under one.
        key = request_key(request)
        cache = page_cache()
        try:
            kept = self.kept.get(key)
            if kept is not None and self.generation(cache) == kept.generation:
                return kept
            # The generation read now is the one a miss is stored under: a publication
            # committed while it renders makes that copy stale at once.
            generation, frozen = read_current(cache, key)
        except Exception:
            # Without its cache the site is slower, not down: Django renders the page.
            logger.exception("Page cache: lookup failed")
            return None
        if frozen is None:
            # The middleware stores what Django renders under this generation, unasked.
            environ[LOOKED_UP] = (key, generation)
            return None
        answer = StoredAnswer(generation, frozen)
        with self.lock:
            self.kept[key] = answer
            self.kept.move_to_end(key)
            while len(self.kept) > self.KEPT:
                self.kept.popitem(last=False)
        return answer

    def generation(self, cache):
        if not hasattr(cache, "client") or not hasattr(cache.client, "get_client"):
            # Not django-redis (the local-memory cache of tests): a read costs nothing.
            return cache.get(GENERATION_KEY)
        watch = self.watches.get(id(cache))
        if watch is None or watch.cache is not cache:
            watch = self.watches[id(cache)] = GenerationWatch(cache)
        return watch.current()
