"""Every table as rows of plain JSON values, and back (ADR 0019).

Engine-neutral: a dump made on SQLite restores on PostgreSQL and the other way round. The
rows are the columns as stored (``attname``: ``organisatie_id``, not the object), so a
restore writes exactly what was read — with INSERT only (the audit table on PostgreSQL
refuses UPDATE and DELETE) and without ``auto_now`` or signals touching anything.

Django's own ``dumpdata`` is not used: its JSON encoder cuts datetimes to milliseconds,
which would break the audit chain's hashes (ADR 0004), and it keeps many-to-many links
inside the objects instead of as rows of their own table.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models
from django.utils.duration import duration_iso_string

#: Sessions are not backed up: a restore logs everyone out, as it should.
NIET_MEE = frozenset({"sessions.session"})
CHUNK = 2000


def modellen() -> list[type[models.Model]]:
    """Every table the backup holds, in a fixed order (by label), m2m link tables included.

    A model whose table does not exist (an app without migrations yet) holds no data.
    """
    bestaand = set(connection.introspection.table_names())
    gekozen = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed
        and not m._meta.proxy
        and m._meta.label_lower not in NIET_MEE
        and m._meta.db_table in bestaand
    ]
    return sorted(gekozen, key=lambda m: m._meta.label_lower)


def velden(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.local_concrete_fields)


def _waarde(value: Any) -> Any:
    """A column value as JSON; datetimes keep their microseconds (the audit hashes need them)."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode()
    return value


def rijen(model: type[models.Model]) -> Iterator[list[Any]]:
    """The rows of ``model`` by primary key, streamed from the database."""
    namen = [f.attname for f in velden(model)]
    qs = model._base_manager.order_by("pk").values_list(*namen)
    for rij in qs.iterator(chunk_size=CHUNK):
        yield [_waarde(v) for v in rij]


def rijen_json(rij_lijst: Sequence[list[Any]]) -> bytes:
    return json.dumps(rij_lijst, ensure_ascii=False, separators=(",", ":")).encode()


def _python(veld: models.Field[Any, Any], value: Any) -> Any:
    if value is None or isinstance(veld, models.JSONField):
        return value
    return veld.to_python(value)


def rijen_invoegen(model: type[models.Model], namen: list[str], rij_lijst: list[list[Any]]) -> int:
    """INSERT ``rij_lijst`` as they are (raw: no ``auto_now``, no signals)."""
    eigen = velden(model)
    if [f.attname for f in eigen] != namen:
        raise ValueError(model._meta.label)
    objecten = [
        model(**{f.attname: _python(f, v) for f, v in zip(eigen, rij, strict=True)})
        for rij in rij_lijst
    ]
    batch = max(1, min(500, connection.ops.bulk_batch_size(eigen, objecten)))
    for start in range(0, len(objecten), batch):
        # QuerySet._insert is what bulk_create and loaddata use; raw=True skips pre_save.
        model._base_manager._insert(  # type: ignore[attr-defined]
            objecten[start : start + batch], fields=eigen, raw=True
        )
    return len(objecten)


def tabellen_legen() -> None:
    """Empty every table of the project (a TRUNCATE on PostgreSQL, which the audit table's
    row trigger allows; DELETE on SQLite), sessions included. Inside the caller's transaction.
    """
    bestaand = set(connection.introspection.table_names())
    tabellen = [
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m._meta.db_table in bestaand and m._meta.managed and not m._meta.proxy
    ]
    sql = connection.ops.sql_flush(no_style(), tabellen, allow_cascade=True)
    if connection.vendor == "postgresql":
        # TRUNCATE refuses while deferred foreign-key checks of this transaction are pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        connection.ops.execute_sql_flush(sql)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        connection.ops.execute_sql_flush(sql)


def na_invoegen(gebruikte: list[type[models.Model]]) -> None:
    """Check every foreign key now, and move PostgreSQL's id sequences past the restored ids."""
    connection.check_constraints(table_names=[m._meta.db_table for m in gebruikte])
    statements = connection.ops.sequence_reset_sql(no_style(), gebruikte)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
