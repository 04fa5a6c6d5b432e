"""Hot queries of a fixed shape, turned into SQL once per process.

Django compiles every queryset afresh: for a page joined to its parents' tables (the page a
request serves, found by its identifier) that takes 0.9 to 1.6 ms on the benchmark machine,
more than PostgreSQL takes to answer it, and the signed-in account costs another 0.3 to
0.6 ms at every request. The SQL of such a query never changes, only its values: it is
compiled the first time, then each request hands its own values to the same statement.

A query is only reused when the values given are exactly the parameters Django compiled, in
order; anything else (a value that changes the SQL, a Django that orders them differently)
leaves the query to Django for good and says so in the log.
"""

import logging
from functools import cache

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models.sql.datastructures import Join

logger = logging.getLogger(__name__)

# key → (queryset, sql, compiler state), or None for a query left to Django. Two threads
# compiling the same key at once store the same statement: no lock needed.
statements = {}


@cache
def frozen_compiler_class(compiler_class):
    """`compiler_class` answering the SQL compiled before instead of compiling."""

    def as_sql(self, with_limits=True, with_col_aliases=False):
        return self.frozen_sql

    return type(f"Frozen{compiler_class.__name__}", (compiler_class,), {"as_sql": as_sql})


@cache
def frozen_query_class(query_class):
    """`query_class` whose compiler is handed the SQL and state compiled before.

    It cannot be refined: its filters hold the values of the query compiled first, not
    these, so a further filter, a count or `exists()` (each a clone) refuses rather than
    answer for other values. It is only read, as a whole.
    """

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = query_class.get_compiler(self, using, connection, elide_empty)
        sql, params, state = self.frozen
        compiler.__class__ = frozen_compiler_class(type(compiler))
        compiler.__dict__.update(state)
        compiler.frozen_sql = (sql, params)
        return compiler

    def clone(self):
        raise TypeError(
            "A compiled query cannot be refined: give `compiled()` the whole query instead."
        )

    return type(
        f"Frozen{query_class.__name__}",
        (query_class,),
        {"get_compiler": get_compiler, "clone": clone},
    )


def compiled(key, build, params):
    """The queryset `build()` makes, for these `params`, its SQL compiled once per process.

    `key` names the query's shape: everything `build` does besides the values must be the
    same for a key. `params` are the values, in the order Django places them in the SQL.
    """
    params = tuple(params)
    entry = statements.get(key, False)
    if entry is None:
        return build()
    if entry is False:
        queryset = build()
        compiler = queryset.query.get_compiler(queryset.db)
        try:
            sql, compiled_params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet):
            # Values that make the query trivial: this time only, Django's own way.
            return queryset
        if tuple(compiled_params) != params:
            logger.warning("Compiled query %s: its parameters differ, left to Django", key)
            statements[key] = None
            return queryset
        # Run from the statement already, this first time too: not compiled a second time.
        entry = statements[key] = (queryset, sql, compiler_state(compiler))
    template, sql, state = entry
    queryset = template._chain()
    freeze(queryset.query, sql, params, state)
    return queryset


def freeze(query, sql, params, state):
    """Make `query` run `sql` with `params` and the compiler `state` compiled before."""
    query.__class__ = frozen_query_class(type(query))
    query.frozen = (sql, tuple(params), state)
    return query


def compiler_state(compiler):
    """What compiling left on the compiler, which running the query and reading its rows use
    (the columns selected, how they map to models, their count)."""
    return {
        name: value
        for name, value in compiler.__dict__.items()
        if name not in {"query", "connection", "using", "elide_empty"}
    }


# (key, database, slice, WHERE clause's SQL, joins) → (sql, compiler state), or None for a
# shape whose SQL has values outside its WHERE clause. Bounded: offsets and lists of
# identifiers make new shapes; the oldest are forgotten first.
shapes = {}
SHAPES_KEPT = 512


def reuse_sql(queryset, key):
    """`queryset`, whose SQL is compiled once per shape and reused while only values change.

    For listings whose query is rebuilt at every request: Django spends most of its compiling
    on the selected columns, the joins of `select_related` and the ordering, which are the
    same each time. When this queryset is read, only its WHERE clause is compiled; if it
    gives the SQL text a query of the same `key` gave before, with the same joins and slice,
    the rest of that statement is reused with this WHERE clause's values. Any change of shape
    (another number of identifiers, a restricted page more, `IS NULL` for a missing value)
    changes that SQL text and is compiled afresh.

    `key` names what else the query is made of (columns, ordering, `select_related`): the
    code at one place builds it the same way every time. The queryset returned can be refined
    like any other; a refined copy is an ordinary queryset again.
    """
    queryset = queryset._chain()
    queryset.__class__ = reusing_queryset_class(type(queryset))
    queryset._sql_key = key
    return queryset


@cache
def reusing_queryset_class(queryset_class):
    """`queryset_class` that reads its rows through `statement_for()`."""

    def _fetch_all(self):
        if self._result_cache is not None:
            return queryset_class._fetch_all(self)
        query = self.query
        # Through `_query`: the `query` setter would turn a values_list() into values().
        self._query = statement_for(self._sql_key, query, self.db)
        try:
            return queryset_class._fetch_all(self)
        finally:
            # Counting or refining it afterwards starts from its own query again.
            self._query = query

    def _clone(self):
        clone = queryset_class._clone(self)
        clone.__class__ = queryset_class
        return clone

    return type(
        f"Reusing{queryset_class.__name__}",
        (queryset_class,),
        {"_fetch_all": _fetch_all, "_clone": _clone},
    )


def joins_of(query):
    return tuple(
        (alias, join.table_name, join.join_type, join.parent_alias, join.join_cols)
        if isinstance(join, Join)
        else (alias, join.table_name)
        for alias, join in query.alias_map.items()
    )


def statement_for(key, query, using):
    """`query`, or a copy that runs the statement compiled for its shape before."""
    if query.combinator or query.annotations or query.extra or query.group_by is not None:
        # Values may sit outside the WHERE clause: left to Django.
        return query
    try:
        where, where_params = query.get_compiler(using).compile(query.where)
    except FullResultSet:
        where, where_params = "", []
    except EmptyResultSet:
        return query
    shape = (key, using, query.low_mark, query.high_mark, where, joins_of(query))
    entry = shapes.get(shape, False)
    if entry is False:
        compiler = query.clone().get_compiler(using)
        try:
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet):
            return query
        if tuple(params) == tuple(where_params):
            entry = (sql, compiler_state(compiler))
        else:
            logger.warning("Reused SQL %s: values outside its WHERE clause, left to Django", key)
            entry = None
        if len(shapes) >= SHAPES_KEPT:
            shapes.pop(next(iter(shapes)))
        shapes[shape] = entry
    if entry is None:
        return query
    sql, state = entry
    return freeze(query.clone(), sql, where_params, state)
