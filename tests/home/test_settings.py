"""Production settings refuse to start half-configured and pass Django's deployment checks."""

import json
import os
import secrets
import subprocess  # noqa: S404 - runs our own manage.py
import sys
from pathlib import Path

from django.conf import settings
from django.utils import formats

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = "cms.settings.production"


def run_python(*args, **env):
    """Run the project's Python with nothing but PATH and the given variables set."""
    clean_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env}
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_env(**overrides):
    env = {
        "DJANGO_SETTINGS_MODULE": PRODUCTION,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "example.org",
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


LOAD_SETTINGS = "import django; django.setup(); from django.conf import settings; settings.DEBUG"


@pytest.mark.slow
@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_a_secret(missing):
    """Without SECRET_KEY or ALLOWED_HOSTS, production settings raise ImproperlyConfigured."""
    result = run_python("-c", LOAD_SETTINGS, **production_env(**{missing: None}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.slow
def test_prepared_statements_without_the_planner_setting():
    """An empty PG_RANDOM_PAGE_COST (keep the server's) leaves no OPTIONS to extend."""
    show = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], "
        "settings.DATABASES['default']['OPTIONS'])"
    )
    env = production_env(DATABASE_URL="postgres://u@db.example.org/cms", PG_RANDOM_PAGE_COST="")
    result = run_python("-c", show, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "core.postgresql {'server_side_binding': True, 'prepare_threshold': 5}"
    )


# `manage.py check --deploy`, then the settings it ran with, in one interpreter: each start
# of Django and Wagtail costs seconds.
CHECK_AND_DUMP = """
import json
from django.core.management import execute_from_command_line
execute_from_command_line(["manage.py", "check", "--deploy"])
from django.conf import settings as s
print(json.dumps({
    "debug": s.DEBUG, "ssl": s.SECURE_SSL_REDIRECT, "hsts": s.SECURE_HSTS_SECONDS,
    "session": s.SESSION_COOKIE_SECURE, "csrf": s.CSRF_COOKIE_SECURE,
    "static": s.STORAGES["staticfiles"]["BACKEND"], "language": s.LANGUAGE_CODE,
    "tz": s.TIME_ZONE, "database": s.DATABASES["default"]["ENGINE"],
}))
"""


@pytest.fixture(scope="module")
def production_check():
    """Django's deployment checks and the resulting settings, under production settings."""
    return run_python(
        "-c", CHECK_AND_DUMP, **production_env(DATABASE_URL="postgres://u@db.example.org/cms")
    )


@pytest.mark.slow
def test_production_passes_the_deployment_checks(production_check):
    """`manage.py check --deploy` finds nothing to warn about in production settings."""
    output = production_check.stdout + production_check.stderr
    assert production_check.returncode == 0, output
    assert production_check.stdout.startswith("System check identified no issues (0 silenced).")
    assert "WARNING" not in output


@pytest.mark.slow
def test_production_settings_are_strict(production_check):
    """Production serves no debug pages, only HTTPS, and hashed compressed static files."""
    assert production_check.returncode == 0, production_check.stderr
    values = json.loads(production_check.stdout.strip().splitlines()[-1])
    assert values["debug"] is False
    assert values["ssl"] is True
    assert values["hsts"] >= 31_536_000
    assert values["session"] is True and values["csrf"] is True
    assert values["static"].endswith("CompressedManifestStaticFilesStorage")
    assert values["language"] == "fr"
    assert values["tz"] == "Europe/Paris"
    # Django's PostgreSQL backend, preparing statements (core.postgresql).
    assert values["database"] == "core.postgresql"


def test_site_speaks_french_in_paris_time():
    """The site is in French and its dates are in Paris time."""
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.USE_TZ is True


def test_admin_date_formats_are_ones_django_can_read_back():
    """Dates the admin writes in its date fields are accepted when the form comes back.

    Wagtail renders its date pickers with WAGTAIL_DATE_FORMAT (a strftime format) and
    Django parses them with the French input formats: the two must agree.
    """
    assert settings.WAGTAIL_DATE_FORMAT in formats.get_format("DATE_INPUT_FORMATS", lang="fr")
    assert settings.WAGTAIL_DATETIME_FORMAT in formats.get_format(
        "DATETIME_INPUT_FORMATS", lang="fr"
    )
