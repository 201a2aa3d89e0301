"""Inserting many rows fast: COPY on PostgreSQL; on SQLite one INSERT ... SELECT over the rows
sent as one JSON array (json_each), or executemany where JSON cannot carry a value.

Django's bulk_create prepares every value of every object through the field machinery and
builds one long statement per batch; for an import of thousands of signals that costs more than
the database itself. Here each field's conversion is chosen once and applied per row.

For rows a service has already validated: no model validation, no model signals, no save().
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connections, models
from django.utils import timezone


def insert_rows(model, rows: list[dict[str, Any]], *, using: str = "default") -> None:
    """INSERT `rows` into `model`'s table. A row maps field names (a foreign key as an object
    or None) or attnames (`group_id`) to Python values; fields it leaves out get their default,
    auto_now and auto_now_add fields the current time. All rows have the same keys."""
    if not rows:
        return
    connection = connections[using]
    table, names, width, values = _prepared(model, rows, connection)
    # Errors as Django's (IntegrityError...), also those of psycopg's own COPY.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            _copy(cursor.cursor, table, names, values)
        else:
            statements = _sqlite_statements(model, table, names, width, list(values))
            for sql, params, many in statements:
                (cursor.executemany if many else cursor.execute)(sql, params)


class InsertBehind:
    """insert_rows that runs behind the caller. Each call's statements run in a second thread
    on the same connection (and so in the same transaction), while this thread prepares the next
    rows. SQLite lets go of Python's lock while it works, and a statement per thousand rows
    (json_each) holds it for almost none of that time; with PostgreSQL's COPY the thread mostly
    waits for the server, whose work on a large table (its indexes, the rollup triggers) is the
    larger part of an import there (psycopg serialises the connection's users). Other databases
    insert at once.

        with InsertBehind() as writer:
            for part in parts:
                writer.insert(Signal, rows_of(part))

    The block ends when the last insert has: also when an error leaves it, so that nothing is
    written after a rollback. Rows of one call are in the table once the next call returns;
    the caller must not read the table inside the block."""

    def __init__(self, using: str = "default"):
        self.connection = connections[using]

    def __enter__(self) -> InsertBehind:
        self.pool = None
        self.pending = None
        if self.connection.vendor in ("sqlite", "postgresql"):
            self.connection.ensure_connection()
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="insert-behind")
        return self

    def insert(self, model, rows: list[dict[str, Any]]) -> None:
        if self.pool is None or not rows:
            insert_rows(model, rows, using=self.connection.alias)
            return
        table, names, width, values = _prepared(model, rows, self.connection)
        if self.connection.vendor == "postgresql":
            job = (_copy_raw, self.connection.connection, table, names, list(values))
        else:
            statements = _sqlite_statements(model, table, names, width, list(values))
            job = (_run_raw, self.connection.connection, statements)
        self._wait()
        self.pending = self.pool.submit(*job)

    def _wait(self) -> None:
        pending, self.pending = self.pending, None
        if pending is not None:
            with self.connection.wrap_database_errors:  # sqlite3's errors as Django's
                pending.result()

    def __exit__(self, exc_type, exc, traceback) -> None:
        try:
            self._wait()
        except Exception:
            if exc_type is None:
                raise  # the insert's own error; otherwise the caller's error goes on
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True)


def _run_raw(raw_connection, statements) -> None:
    """The statements on the DB-API connection itself (Django's connection object belongs to
    the thread that made it); placeholders in sqlite3's style."""
    cursor = raw_connection.cursor()
    try:
        for sql, params, many in statements:
            (cursor.executemany if many else cursor.execute)(sql.replace("%s", "?"), params)
    finally:
        cursor.close()


def _copy_raw(raw_connection, table: str, names: str, values: list) -> None:
    """COPY on the psycopg connection itself (it serialises its users)."""
    with raw_connection.cursor() as cursor:
        _copy(cursor, table, names, values)


def _copy(psycopg_cursor, table: str, names: str, values: Iterable) -> None:
    with psycopg_cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)


def _prepared(model, rows: list[dict[str, Any]], connection):
    """The quoted table and column names, their number, and the rows as tuples ready for the
    database."""
    first = rows[0]
    now = timezone.now()
    columns: list[str] = []
    getters: list[Callable[[dict], Any]] = []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(field.column)
        getters.append(_getter(field, first, connection, now))
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    return table, names, len(columns), (tuple(get(row) for get in getters) for row in rows)


# Rows per statement on SQLite: a few megabytes of JSON at most.
SQLITE_CHUNK = 1000
INEXACT_IN_JSON = (models.FloatField, models.DecimalField, models.BinaryField)


def _sqlite_statements(model, table: str, names: str, width: int, values: list) -> list[tuple]:
    """(sql, params, many) to run: the rows as JSON arrays that SQLite itself takes apart, one
    statement per chunk instead of one step per row (about a quarter faster, and a single call
    during which other Python threads run). A value JSON does not carry exactly (a float, bytes,
    a Decimal, a NUL character) or an SQLite before 3.38 (no ->>): executemany, as before."""
    insert = f"INSERT INTO {table} ({names})"  # noqa: S608
    # A float goes through SQLite's own number parser in JSON: not always to the bit.
    exact = not any(isinstance(f, INEXACT_IN_JSON) for f in model._meta.concrete_fields)
    if exact and sqlite3.sqlite_version_info >= (3, 38):
        try:
            chunks = [
                json.dumps(
                    values[start : start + SQLITE_CHUNK], allow_nan=False, ensure_ascii=False
                )
                for start in range(0, len(values), SQLITE_CHUNK)
            ]
        except (TypeError, ValueError):
            chunks = None
        # json_each's text ends at a NUL character: such rows go the other way.
        if chunks is not None and not any("\\u0000" in chunk for chunk in chunks):
            columns = ", ".join(f"value ->> {i}" for i in range(width))
            select = f"{insert} SELECT {columns} FROM json_each(%s)"  # noqa: S608
            return [(select, [chunk], False) for chunk in chunks]
    marks = ", ".join(["%s"] * width)
    return [(f"{insert} VALUES ({marks})", values, True)]


def _getter(field, first: dict, connection, now) -> Callable[[dict], Any]:
    """How one column's value is read from a row and made ready for the database."""
    convert = _converter(field, connection)
    if field.attname in first and field.attname != field.name:
        attname = field.attname
        return lambda row: row[attname]
    if field.name in first:
        name = field.name
        if field.is_relation:
            return lambda row: None if row[name] is None else row[name].pk
        return lambda row: convert(row[name])
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = convert(now)
        return lambda row: value
    if field.has_default() and callable(field.default):
        return lambda row: convert(field.get_default())
    value = field.get_db_prep_save(field.get_default(), connection)
    return lambda row: value


def _converter(field, connection) -> Callable[[Any], Any]:
    if isinstance(field, models.JSONField):
        return json.dumps
    if connection.vendor == "postgresql":
        return _same
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.UUIDField):
        return lambda value: None if value is None else value.hex
    return _same


def _same(value):
    return value


def ids_by(model, field: str, keys: Iterable, *, using: str = "default") -> dict:
    """{key: pk} for rows just inserted, found by a unique field."""
    keys = list(keys)
    found = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(
            model.objects.using(using).filter(**{f"{field}__in": chunk}).values_list(field, "pk")
        )
    return found
