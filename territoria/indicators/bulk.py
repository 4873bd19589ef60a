"""Fast writes of many indicator values: plain SQL in batches, inside the caller's transaction.

An import of the national INSEE file writes over a million rows. Building a model instance
per row (``bulk_create``) costs more than the database work, so rows go as tuples: on
SQLite through ``executemany`` (one prepared statement), on PostgreSQL new rows go
through COPY, changed ones as a few arrays expanded by ``unnest`` (one statement per batch).
Callers hold the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection

from territoria.indicators.models import IndicatorValue

BATCH = 20_000

# (indicator_id, level, area_code, period, value, missing, status, origin, coverage,
#  data_import_id)
type NewRow = tuple[int, str, str, str, float | None, str, str, str, float | None, int | None]
# (pk, value, missing, status, origin, coverage, data_import_id)
type ChangedRow = tuple[int, float | None, str, str, str, float | None, int | None]

_INSERT_COLUMNS = ("indicator_id", "level", "area_code", "period", "value", "missing",
                   "status", "origin", "coverage", "data_import_id")
_PG_TYPES = ("bigint", "text", "text", "text", "double precision", "text", "text", "text",
             "double precision", "bigint")


def _array(values: Iterable, kind: str) -> str:
    """A PostgreSQL array literal of ``values``: one string to send instead of a Python
    list, which the driver would adapt element by element (a third of an import's time)."""
    if kind in ("bigint", "double precision"):
        return "{" + ",".join("NULL" if v is None else repr(v) for v in values) + "}"
    return "{" + ",".join(
        "NULL" if v is None else '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'
        for v in values) + "}"


def _arrays(batch: Sequence[tuple], kinds: Sequence[str]) -> list[str]:
    return [_array(column, kind) for column, kind in zip(zip(*batch, strict=True), kinds,
                                                         strict=True)]


def _table() -> str:
    return connection.ops.quote_name(IndicatorValue._meta.db_table)


def prepare() -> None:
    """Let SQLite keep the indexes being written in memory (256 MB of page cache for this
    connection) instead of 2 MB: a national import updates four indexes a million times."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")


def _batches(rows: Sequence, size: int = BATCH) -> Iterable[Sequence]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def insert(rows: Sequence[NewRow]) -> None:
    """Insert new values (their keys must not exist)."""
    if not rows:
        return
    columns = ", ".join(connection.ops.quote_name(c) for c in _INSERT_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: the server parses one stream instead of a statement per batch.
            with cursor.cursor.copy(f"COPY {_table()} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(_INSERT_COLUMNS))
            sql = f"INSERT INTO {_table()} ({columns}) VALUES ({marks})"
            for batch in _batches(rows):
                cursor.executemany(sql, batch)


def update(rows: Sequence[ChangedRow]) -> None:
    """Set value, missing, status, origin, coverage and import of existing rows by pk."""
    if not rows:
        return
    names = ("value", "missing", "status", "origin", "coverage", "data_import_id")
    quoted = [connection.ops.quote_name(n) for n in names]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sets = ", ".join(f"{q} = u.{q}" for q in quoted)
            kinds = ("bigint", "double precision", "text", "text", "text", "double precision",
                     "bigint")
            arrays = ", ".join(f"%s::text::{kind}[]" for kind in kinds)
            sql = (f"UPDATE {_table()} AS t SET {sets} FROM unnest({arrays}) "
                   f"AS u(id, {', '.join(quoted)}) WHERE t.id = u.id")
            for batch in _batches(rows):
                cursor.execute(sql, _arrays(batch, kinds))
        else:
            sets = ", ".join(f"{q} = %s" for q in quoted)
            sql = f"UPDATE {_table()} SET {sets} WHERE id = %s"
            for batch in _batches(rows):
                cursor.executemany(sql, [(*row[1:], row[0]) for row in batch])


def delete(pks: Sequence[int]) -> None:
    """Delete values by pk."""
    if not pks:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for batch in _batches(pks):
                cursor.execute(f"DELETE FROM {_table()} WHERE id = ANY(%s)", [list(batch)])
        else:
            for batch in _batches(pks, 500):
                marks = ", ".join(["%s"] * len(batch))
                cursor.execute(f"DELETE FROM {_table()} WHERE id IN ({marks})", list(batch))


_COLUMNS = ("id", "area_code", "value", "missing", "status", "origin", "coverage",
            "data_import_id")


def select_column(indicator_id: int, level: str, period: str) -> list[tuple]:
    """(pk, area_code, value, missing, status, origin, coverage, data_import_id) of the
    stored values of one indicator, level and period."""
    columns = ", ".join(connection.ops.quote_name(c) for c in _COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {_table()} WHERE indicator_id = %s "
                       f"AND level = %s AND period = %s", [indicator_id, level, period])
        return cursor.fetchall()


def select_all(columns: Sequence[str], *, origin: str, imported: bool) -> list[tuple]:
    """``columns`` of every stored value whose origin is ``origin`` (``imported`` True) or
    is not (``imported`` False)."""
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    operator = "=" if imported else "<>"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM {_table()} WHERE origin {operator} %s", [origin])
        return cursor.fetchall()


def select_groups(*, origin: str) -> list[tuple[int, str, str]]:
    """The (indicator_id, level, period) that have stored values of ``origin``."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT indicator_id, level, period FROM {_table()} "
                       f"WHERE origin = %s", [origin])
        return cursor.fetchall()
