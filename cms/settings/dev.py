"""Development settings: local, insecure conveniences that never reach production."""

from .base import *  # noqa: F403

DEBUG = True
# A throwaway key: dev never holds real accounts.
SECRET_KEY = "dev-only-insecure-key-limoges-attractivite"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# The dev server speaks plain HTTP, so HTTPS-only settings would lock us out.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Two-factor authentication for the admin is off by default in dev, so that the demo
# accounts of `make run` open the admin with their password alone; ADMIN_2FA_REQUIRED=true
# tries the real sign-in. Production always requires it (base.py).
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", False)  # noqa: F405

# Dev has no mail server: print messages in the terminal.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The machines have no internet access.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"

# Plain static storage so runserver works without collectstatic; media stay where base.py
# puts them (local disk, or the bucket named by AWS_STORAGE_BUCKET_NAME to try it).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tasks run inline: no worker process to start.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
