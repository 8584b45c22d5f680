"""Statements a public page runs on every view, and the model instances made from their rows.

On PostgreSQL such a statement is prepared once per connection (DATABASE_PREPARE), so the
database plans it once rather than on every view: for the query behind an interview page's
related list, planning took longer than running it. Only these statements are prepared; every
other query keeps Django's usual client-side binding, which has no limit on the number of
parameters. Rows become instances directly, converted as the ORM converts them: a raw()
queryset worked out its column mapping on every view, which took as long as the query.
"""

from functools import cache

import psycopg
from django.conf import settings
from django.db import connection, connections


def fetch(sql, params):
    """Return the rows of a statement (with %s placeholders) that pages run on every view."""
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARE:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    # As connection.cursor() does (health check, thread check, error wrapping, query log), with a
    # cursor that binds its parameters on the server and prepares the statement.
    # tests/test_database.py fails if Django changes these methods.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        raw = PreparingCursor(connection.connection)
    cursor = connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
    with cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if connection.queries_logged:
        # Logged with its values, as every other query is, rather than as $1, $2…
        connection.queries_log[-1]["sql"] = connection.ops.compose_sql(sql, params)
    return rows


class PreparingCursor(psycopg.Cursor):
    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


def instances(model, fields, rows):
    """Return instances of model from rows holding the values of `fields` (attnames), in order.

    Fields not in the rows are deferred, as with only(); values are converted as the ORM would.
    """
    order, converters = _plan(model, tuple(fields), connection.alias)
    found = []
    for row in rows:
        values = list(row)
        for index, functions, expression in converters:
            for function in functions:
                values[index] = function(values[index], expression, connection)
        found.append(model.from_db(connection.alias, fields, [values[i] for i in order]))
    return found


@cache
def _plan(model, fields, alias):
    """Return the rows' values in the model's field order, and the converters they need."""
    database = connections[alias]
    position = {name: index for index, name in enumerate(fields)}
    order = [position[f.attname] for f in model._meta.concrete_fields if f.attname in position]
    converters = []
    for index, name in enumerate(fields):
        field = model._meta.get_field(name)
        expression = field.get_col(model._meta.db_table)
        functions = database.ops.get_db_converters(expression) + field.get_db_converters(database)
        if functions:
            converters.append((index, functions, expression))
    return order, converters
