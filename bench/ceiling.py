"""The ceiling of `make bench`: a bare Django view answering a constant.

Served by gunicorn with the same worker settings as the site, it measures what the server,
the loopback and Django's request handling cost before any of our code runs.
"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-ceiling-only",  # noqa: S106 - signs nothing: no session, no form
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def constant(request):
    return HttpResponse(b"ok\n", content_type="text/plain")


urlpatterns = [path("", constant)]

application = get_wsgi_application()
