"""Test settings: fast, deterministic and offline."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# The test client and the live server speak plain HTTP.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Tests sign editors in with force_login; the two-factor tests (tests/core/) switch the
# second step back on.
ADMIN_2FA_REQUIRED = False

# Fast hashing: test accounts protect nothing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Every file on local disk, whatever bucket the environment names: the servers of
# tests/cms/test_multi_server.py get theirs from their own environment.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILIMAGES_RENDITION_STORAGE = "default"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cms-test-media-"))
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the finders: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True

# Most tests count queries or change data behind Wagtail's back: whole-page caching is
# switched on only by the tests of the page cache (tests/core/cache/).
PAGE_CACHE_ENABLED = False
FRAGMENT_CACHE_ENABLED = False

# Tasks run inline: no worker process to start.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# SQLite's shared in-memory test database locks whole tables: the admin's editor sends its
# autosave and preview requests at once, and the live server then fails with "database table
# is locked". A file gives each connection SQLite's normal locking and busy timeout.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="cms-test-db-")) / "test.sqlite3")
    }

# Tests compare pages with the strings templates and factories type (straight apostrophes,
# plain spaces); the typography tests (tests/core/test_typography.py) switch it back on.
FRENCH_TYPOGRAPHY = False
# Audience counts stay in memory during tests (a write would change query counts); the
# audience tests flush them themselves.
AUDIENCE_FLUSH_SECONDS = 10**9
AUDIENCE_FLUSH_AT_EXIT = False
# Each test run writes its erasure ledger in a folder of its own.
ERASURE_LEDGER = Path(tempfile.mkdtemp(prefix="cms-test-ledger-")) / "erasures"
