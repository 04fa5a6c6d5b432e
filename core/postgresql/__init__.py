"""PostgreSQL with prepared statements: a database backend (ENGINE "core.postgresql", set by
cms.settings.base) and the way out of them for the queries a generic plan serves badly.

PostgreSQL plans a query that joins a page to its parents, images and categories in 1 to 2 ms,
several times what running it takes. With parameters bound on the server, psycopg prepares a
statement once a connection has run it a few times, and PostgreSQL plans it once for that
connection instead of at every request.
"""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def planned_for_values():
    """Queries run within are planned for their own values, never from a prepared statement.

    A prepared statement ends up with a generic plan, made without knowing its parameters. For
    a listing under a page (`path LIKE $1`) PostgreSQL then guesses a few rows where there are
    thousands, and walks them one by one: page 400 of the news took 32 ms that way, against
    15 ms planned for its values.
    """
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    threshold = getattr(raw, "prepare_threshold", None)
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = threshold
