"""Settings safe for production on their own; dev and test relax what they must."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """Split a comma-separated environment variable into a list, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The site on top, the features, then the platform; cms holds the data loaders' commands.
    "cms",
    "home",
    "news",
    "members",
    "core",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "members.apps.PartnerUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # The load balancer's probe (core.health): answered before any other middleware looks at
    # the Host, the scheme, the page cache or a session.
    "core.health.HealthCheckMiddleware",
    # Counts the pages people read, cached ones included: it must come before the page cache.
    "core.audience.AudienceMiddleware",
    # First of all: a cached anonymous page is answered without running anything else. What
    # it stores is the finished response, security headers and policy included.
    "core.cache.PageCacheMiddleware",
    # French spaces and apostrophes in the text of every page, before it is stored.
    "core.typography.FrenchTypographyMiddleware",
    # Outermost after it, so that even answers built before Django's own middleware ran (an
    # unknown Host, a crashed middleware) carry the security headers and the policy.
    "core.security.SecurityHeadersMiddleware",
    "core.security.ScopedCSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Turns a database outage into a French 503 asking to retry, wherever it struck.
    "core.security.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # History rows (an action's status changes) name who made them.
    "core.audit.ActingUserMiddleware",
    "core.two_factor.AdminTwoFactorMiddleware",
    "members.middleware.AdminScopeMiddleware",
    "members.middleware.MemberAreaSignInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.security.IncompleteFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.security.PrivateResponsesMiddleware",
    # Last, as django-axes requires: it answers sign-ins made while locked out.
    "axes.middleware.AxesMiddleware",
]
# Finds the page of an address from a per-generation map instead of the page tree
# (core.cache.routing, the one module that sets Wagtail's per-request routing attributes);
# ROUTE_CACHE_ENABLED=false serves without it, e.g. to measure what it buys.
ROUTE_CACHE_ENABLED = env_bool("ROUTE_CACHE_ENABLED", default=True)
if ROUTE_CACHE_ENABLED:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("axes.middleware.AxesMiddleware"),
        "core.cache.routing.RouteCacheMiddleware",
    )

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_navigation",
            ],
        },
    },
]

# SQLite is the embedded default so that a fresh clone runs with no service;
# production sets DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# SQLite (the embedded default) opens write transactions at once: the admin's editor sends
# autosave and preview requests together, and a read transaction that later writes would
# otherwise fail with "database is locked" instead of waiting its turn.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

# PostgreSQL's default cost of a random read (4) is meant for spinning disks; on SSDs or a
# database held in memory it makes the planner scan whole tables instead of using the indexes
# that search and listings rely on. Set per connection, so no server change is needed.
RANDOM_PAGE_COST = os.environ.get("PG_RANDOM_PAGE_COST", "1.1")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and RANDOM_PAGE_COST:
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={float(RANDOM_PAGE_COST)}"
    )
# Prepared statements (core.postgresql): PostgreSQL plans each repeated query once per
# connection instead of at every request. Off behind a pooler in transaction mode that does
# not keep prepared statements (DB_PREPARED_STATEMENTS=false).
PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and PREPARED_STATEMENTS:
    DATABASES["default"]["ENGINE"] = "core.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id (memory-hard) for new and upgraded hashes; the PBKDF2 hashers stay so existing
# accounts still sign in, their hash being upgraded to Argon2 at their next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# django-axes first: it refuses a locked-out sign-in before any password is checked. Its
# ModelBackend flavour also restores sessions, as the first backend must for force_login.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    # Django's ModelBackend, loading the account's groups with it (members.backends).
    "members.backends.MemberBackend",
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
# Python strftime syntax, matching the French DATE_INPUT_FORMATS so edit forms round-trip.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def object_storage_origin(bucket, endpoint_url=None, region=None, custom_domain=None):
    """The origin browsers load renditions from, as django-storages writes their addresses
    with the addressing style chosen below (tests/cms/test_storage_settings.py checks it)."""
    if custom_domain:
        return f"https://{custom_domain}"
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        return f"{parts.scheme}://{parts.netloc}"
    if region and region != "us-east-1":
        return f"https://{bucket}.s3.{region}.amazonaws.com"
    return f"https://{bucket}.s3.amazonaws.com"


# Media on S3-compatible object storage when a bucket is named, so that every application
# server reads and writes the same files (README, « Deployment on several servers »); local
# disk under MEDIA_ROOT otherwise. Keys come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or from the machine's role when those are unset.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
# Origins of images served by the object storage itself, for the policies below.
MEDIA_IMAGE_ORIGINS = []
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    # Fixed rather than left to botocore, so that the rendition origin is known here: AWS's
    # own hosts per bucket, paths on other providers' endpoints (MinIO, Garage, Ceph...).
    AWS_S3_ADDRESSING_STYLE = "path" if AWS_S3_ENDPOINT_URL else "virtual"
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    # Names are random already (core.models.random_storage_name): a file is never replaced.
    AWS_S3_FILE_OVERWRITE = False
    # Objects keep the bucket's own, private, access: documents and original images are only
    # ever read by Django, which streams documents after the permission check.
    AWS_DEFAULT_ACL = None
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    # Renditions are what pages show: unsigned, stable addresses (a cached page must not
    # hold an expiring signature), read from the bucket or the CDN of AWS_S3_CUSTOM_DOMAIN.
    # Only their prefix, images/, is public: a bucket policy or the CDN grants that read.
    STORAGES["renditions"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "querystring_auth": False,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
            # Random names never change content, as the local rendition view says too.
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    MEDIA_IMAGE_ORIGINS = [
        object_storage_origin(
            AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_S3_CUSTOM_DOMAIN
        )
    ]
# Hashed file names never change content, so browsers may keep them for a year.
WHITENOISE_MAX_AGE = 31536000

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security: every loosening happens in dev.py or test.py, with its reason.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Editors' e-mail hashes are not sent to Gravatar, and the admin loads no third-party image.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Sites whose video players editors may embed (core.blocks.VideoBlock): the only frames the
# public pages may load, and the only ones allowed full screen.
VIDEO_EMBED_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.dailymotion.com",
    "https://geo.dailymotion.com",
]

# Content-Security-Policy (django-csp, scoped by core.security.ScopedCSPMiddleware).
# Public site and member area: no inline script or style at all, and no nonce either, so a
# cached page stays valid for every visitor. JSON-LD blocks are data, never executed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Renditions, from the object storage when media are there.
        "img-src": ["'self'", *MEDIA_IMAGE_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": VIDEO_EMBED_ORIGINS,
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Wagtail's admin (and the page previews it shows) under /admin/ and /django-admin/ only.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # Wagtail 8's admin templates still write inline <script> blocks (inline panels,
        # date pickers, choosers): without this, editing forms do not work.
        "script-src": ["'self'", "'unsafe-inline'"],
        # Admin templates and widgets (Draftail, tooltips, previews) set style attributes.
        "style-src": ["'self'", "'unsafe-inline'"],
        # Upload previews are blob: URLs; icons and the 2FA QR code use data: images.
        "img-src": ["'self'", "data:", "blob:", *MEDIA_IMAGE_ORIGINS],
        # The preview panel frames the page preview, served from the admin itself.
        "frame-src": ["'self'", *VIDEO_EMBED_ORIGINS],
        "frame-ancestors": ["'self'"],
    },
}
CSP_ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
# Browser features the site never uses are switched off for it and any frame it holds;
# embedded video players may still go full screen.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": ["self", *VIDEO_EMBED_ORIGINS],
    "fullscreen": ["self", *VIDEO_EMBED_ORIGINS],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self", *VIDEO_EMBED_ORIGINS],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# Sign-in throttling (django-axes), on the member sign-in and the admin sign-ins: five
# failures lock the pair (e-mail, address) for 15 minutes, whether the account exists or not.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Case and spaces do not make a new e-mail address, so they do not reset the count.
AXES_USERNAME_CALLABLE = "core.security.axes_username"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
# A proxy terminating TLS appends the client's address to X-Forwarded-For.
AXES_BEHIND_PROXY = env_bool("BEHIND_TLS_PROXY")
# How many proxies in front of the site append to X-Forwarded-For (core.security.client_ip):
# sign-in throttling and the join form's limit key on the address the outermost one saw.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT", "1" if env_bool("BEHIND_TLS_PROXY") else "0")
)
# Passwords never reach the attempts log.
AXES_SENSITIVE_PARAMETERS = ["password", "new_password1", "new_password2", "old_password"]

# Two-factor authentication (TOTP, django-otp) for everyone who may open the admin.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = "Limoges attractivité"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Limoges attractivité <ne-pas-repondre@limoges-attractivite.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Redis when REDIS_URL is set (production: shared by every worker and server, so a
# publication through one is seen through all); local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis keeps one client and its connection pool per process, where Django's
            # own backend builds a client for every call (a third of a cached page's time).
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "limoges"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "limoges-attractivite",
        }
    }

if REDIS_URL:
    # Signed-in requests read their session from Redis; PostgreSQL still keeps every write.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Whole anonymous pages (core.cache): on by default only with a shared cache, since each
# process would otherwise keep its own copy after a publication.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", bool(REDIS_URL))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# Aggregates over the whole archive (tag counts, years, listing counts), kept per generation
# like pages, so that an uncached page costs the same with 10 or 10,000 news.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", bool(REDIS_URL))
# Part of every page and fragment key, so a new release never serves the previous one's
# pages; computed from the templates and code when unset (core.cache.release_fingerprint).
RELEASE_ID = os.environ.get("RELEASE_ID", "")

# A CDN in front of the site (optional). Wagtail purges a page from it when it is published
# or unpublished; core.cache adds the pages that list it, its feeds and the sitemap.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
    }
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    # Varnish, nginx or any cache that accepts HTTP PURGE requests.
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
# How long a CDN may keep a public page (s-maxage); 0 leaves pages to our own cache only.
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("PAGE_CACHE_CDN_SECONDS", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Wagtail
WAGTAIL_SITE_NAME = "Limoges attractivité"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "https://limoges-attractivite.fr")
WAGTAILIMAGES_IMAGE_MODEL = "core.SiteImage"
WAGTAILDOCS_DOCUMENT_MODEL = "core.SiteDocument"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # French stemming that ignores accents, on PostgreSQL: `french` with the `unaccent`
        # dictionary first, created by the migration core 0003. Ignored by the SQLite
        # fallback, whose tokenizer folds accents (and does not stem).
        "SEARCH_CONFIG": "french_unaccent",
    }
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "ods", "pptx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Uploads are judged by content as well as by extension (core.uploads).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.uploads.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.uploads.SafeImageForm"
# Documents are streamed through Django so that permission checks always run.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document downloads as an attachment: none is rendered inside the site's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Shared-password restrictions would let anyone holding the password into member content.
# Page and collection privacy offer « signed in » and « members of groups » only: a shared
# password would open member content to whoever learns it.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# A form sent after its session expired comes back in French with what was typed.
CSRF_FAILURE_VIEW = "core.security.csrf_failure"

# Erasures of personal data, one line each, kept outside the database and the media folder so
# that restoring an older backup erases those people again (core.personal_data). Put it on
# storage that outlives the server and is not restored with backups.
ERASURE_LEDGER = Path(os.environ.get("ERASURE_LEDGER", BASE_DIR / "var" / "erasures.jsonl"))

# Where load balancers check that a server can reach the database and the cache (core.health).
HEALTH_CHECK_PATH = "/_sante/"

# The member area's addresses, written once: URLs, caches, robots.txt and menus read them.
MEMBER_AREA_URL = "/espace-membres/"
LOGIN_URL = "/connexion/"
LOGOUT_URL = "/deconnexion/"
# Members' private calendar feeds (a secret per person in the address, no sign-in).
MEMBER_CALENDAR_URL = "/calendrier-membres/"
LOGIN_REDIRECT_URL = MEMBER_AREA_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

TAGGIT_CASE_INSENSITIVE = True
# ASCII tag slugs make clean, shareable addresses.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
# Reset and invitation links stay valid three days, then must be asked for again.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
# The admin's reset goes through the task queue like the member one: same answer, same time.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "members.forms.AdminPasswordResetForm"  # noqa: S105

# Background work (member notifications): the database backend in production, run by
# `manage.py db_worker`; TASKS_BACKEND=immediate runs tasks inline (dev and tests).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "database")]}}
