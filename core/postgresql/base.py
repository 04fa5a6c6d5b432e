"""Django's PostgreSQL backend, binding parameters on the server where that is safe."""

import re

from django.db.backends.postgresql import base

import psycopg

# With parameters sent apart ($1, $2), PostgreSQL can no longer tell that an expression of
# ORDER BY or GROUP BY is the one in the select list (Django ticket #34255): Wagtail's list
# of sites, ordered by a CASE over a DISTINCT selection, fails that way. Such statements are
# sent with their values written in, as with Django's default cursor.
MATCHES_SELECTED_EXPRESSIONS = re.compile(r"\bDISTINCT\b|\bGROUP BY\b")


class PreparingCursor(base.ServerBindingCursor):
    """Server-side binding, so that psycopg can prepare statements, but for the few above."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        if params and MATCHES_SELECTED_EXPRESSIONS.search(query):
            query = psycopg.ClientCursor(self.connection).mogrify(query, params)
            params, prepare = None, False
        return super().execute(query, params, prepare=prepare, binary=binary)


class DatabaseWrapper(base.DatabaseWrapper):
    """The PostgreSQL backend with the cursor above when OPTIONS ask for server-side binding."""

    def get_connection_params(self):
        params = super().get_connection_params()
        if self.settings_dict["OPTIONS"].get("server_side_binding") is True:
            params["cursor_factory"] = PreparingCursor
        return params
