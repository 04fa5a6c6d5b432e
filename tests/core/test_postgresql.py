"""Prepared statements on PostgreSQL (core.postgresql): repeated queries are prepared, the
queries PostgreSQL cannot run with server-side parameters still run, and a listing can ask to
be planned for its own values."""

from django.conf import settings
from django.db import connection
from django.db.models import Case, When
from django.db.models.functions import Lower

from wagtail.models import Page, Site

import pytest

from core.postgresql import planned_for_values

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own statements"),
]


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def run_often(title, times=8):
    for _ in range(times):
        list(Page.objects.filter(title=title).values_list("pk", flat=True))


def test_settings_select_the_preparing_backend():
    assert settings.DATABASES["default"]["ENGINE"] == "core.postgresql"
    assert connection.features.uses_server_side_binding


def test_a_query_run_again_and_again_is_prepared():
    run_often("Prepared")
    assert any('"wagtailcore_page"."title" = $1' in sql for sql in prepared_statements())


def test_a_listing_planned_for_its_values_is_never_prepared():
    with planned_for_values():
        run_often("Planned each time")
    assert not any('"wagtailcore_page"."title" = $1' in sql for sql in prepared_statements())
    # The connection prepares statements again afterwards.
    run_often("Prepared again")
    assert any('"wagtailcore_page"."title" = $1' in sql for sql in prepared_statements())


def test_distinct_rows_ordered_by_an_expression_with_parameters():
    # Wagtail's list of sites (its settings views): with $1 in the select list and $2 in ORDER
    # BY, PostgreSQL refuses the query ("ORDER BY expressions must appear in select list").
    ordering = Case(When(site_name="", then=Lower("hostname")), default=Lower("site_name"))
    sites = Site.objects.order_by(ordering).distinct()
    assert list(sites) == list(Site.objects.order_by(ordering))


def test_values_written_in_are_quoted():
    hostile = "x' OR '1'='1"
    rows = Site.objects.filter(hostname=hostile).order_by(Lower("hostname")).distinct()
    assert list(rows) == []
