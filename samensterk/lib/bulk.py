"""Inserting many rows fast: COPY on PostgreSQL, one executemany on SQLite.

Django's bulk_create prepares every value of every object through the field machinery and
builds one long statement per batch; for an import of thousands of signals that costs more than
the database itself. Here each field's conversion is chosen once and applied per row.

For rows a service has already validated: no model validation, no model signals, no save().
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
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
    values = (tuple(get(row) for get in getters) for row in rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values))  # noqa: S608


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
