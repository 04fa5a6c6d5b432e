"""WSGI entry point for gunicorn; production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

django_application = get_wsgi_application()

# Imported once Django is set up: stored pages are answered before Django's handler.
from core.cache.wsgi import PageCacheApplication  # noqa: E402

application = PageCacheApplication(django_application)
