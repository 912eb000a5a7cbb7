"""Writing many rows at once, with the change history the services would have left.

The services save one record at a time (``save_with_history``); for 200,000 ledger rows that
is hours. Here rows go to the database in batched ``executemany`` statements, ids are reserved
up front so milestones and investor links can point at projects not yet inserted, and one
:class:`~devzone.core.models.ChangeRecord` per written record is inserted the same way, with
the same JSON snapshots :func:`devzone.core.history.snapshot` makes. It all runs inside the
caller's transaction: a crash half-way leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone

from devzone.core.middleware import current_request_id
from devzone.core.models import ChangeAction, ChangeRecord

BATCH = 2000
HISTORY_COLUMNS = (
    "content_type_id",
    "object_id",
    "object_repr",
    "action",
    "actor_id",
    "actor_name",
    "request_id",
    "at",
    "before",
    "after",
)


SQLITE_IMPORT_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def large_cache() -> Iterator[None]:
    """A big SQLite page cache while the import writes: its indexes then stay in memory.

    SQLite's default cache is 2 MB; a 200,000-row import touches far more index pages, and
    evicting them mid-transaction costs more than the inserts. Other backends: no change.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _json_default(value: Any) -> Any:
    """The JSON form of :func:`devzone.core.history.snapshot`: decimals and dates as strings."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a change record")


def snapshot_json(values: dict[str, Any] | str | None) -> str | None:
    """JSON text of a snapshot; text already encoded (see :func:`json_date`) passes through."""
    if values is None or isinstance(values, str):
        return values
    return json.dumps(values, default=_json_default, ensure_ascii=False)


def json_date(value: dt.date | None) -> str:
    """A date as JSON, for the hand-written snapshots of small, fixed-shape records."""
    return f'"{value.isoformat()}"' if value else "null"


def json_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False) if value else '""'


class BulkWriter:
    """Inserts, updates and deletes in batches, and records every change it makes."""

    def __init__(self, *, actor: Any) -> None:
        user = actor if getattr(actor, "is_authenticated", False) else None
        self.actor_id = user.pk if user else None
        self.actor_name = (user.get_username() if user else str(actor or "system"))[:150]
        self.request_id = current_request_id() or ""
        self.now = timezone.now()
        self.ops = connection.ops
        self._db_now = self.ops.adapt_datetimefield_value(self.now)
        self._history: list[tuple[Any, ...]] = []
        self._sqlite = connection.vendor == "sqlite"
        self._content_types: dict[type[models.Model], int] = {}

    # --- ids -------------------------------------------------------------------------

    def reserve_ids(self, model: type[models.Model], count: int) -> list[int]:
        """``count`` fresh primary keys of ``model``'s table, taken inside the transaction."""
        if count == 0:
            return []
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, count],
                )
                return [row[0] for row in cursor.fetchall()]
            if connection.vendor != "sqlite":
                raise NotImplementedError(f"bulk import does not support {connection.vendor}")
            # The transaction holds SQLite's write lock (BEGIN IMMEDIATE), so nobody else can
            # take these ids; sqlite_sequence keeps ids of deleted rows from being reused.
            cursor.execute(f"SELECT MAX(id) FROM {self.ops.quote_name(table)}")
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            start = max(highest, row[0] if row else 0) + 1
        return list(range(start, start + count))

    # --- writes ----------------------------------------------------------------------

    def insert(
        self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        names = ", ".join(self.ops.quote_name(self._column(model, c)) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {self.ops.quote_name(model._meta.db_table)} ({names}) VALUES ({marks})"
        self._executemany(sql, rows)

    def update(
        self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        """``rows`` are the new values of ``columns`` followed by the primary key."""
        sets = ", ".join(f"{self.ops.quote_name(self._column(model, c))} = %s" for c in columns)
        table = self.ops.quote_name(model._meta.db_table)
        self._executemany(f"UPDATE {table} SET {sets} WHERE id = %s", rows)

    def delete(self, model: type[models.Model], ids: Iterable[int]) -> None:
        table = self.ops.quote_name(model._meta.db_table)
        self._executemany(f"DELETE FROM {table} WHERE id = %s", [(pk,) for pk in ids])

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch: list[Sequence[Any]] = []
        with connection.cursor() as cursor:
            for row in rows:
                batch.append(row)
                if len(batch) >= BATCH:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)

    @staticmethod
    def _column(model: type[models.Model], attname: str) -> str:
        for field in model._meta.concrete_fields:
            if field.attname == attname:
                return field.column
        raise ValueError(f"{model.__name__} has no column {attname}")

    @property
    def db_now(self) -> Any:
        return self._db_now

    # --- history ---------------------------------------------------------------------

    def record(
        self,
        model: type[models.Model],
        action: str,
        pk: int,
        label: str,
        before: dict[str, Any] | str | None,
        after: dict[str, Any] | str | None,
    ) -> None:
        """Queue one change record; :meth:`flush_history` writes the queue.

        ``before`` and ``after`` are snapshots, as dicts or as JSON text already encoded.
        """
        content_type = self._content_types.get(model)
        if content_type is None:
            content_type = ContentType.objects.get_for_model(model).pk
            self._content_types[model] = content_type
        self._history.append(
            (
                content_type,
                str(pk),
                label[:300],
                action,
                self.actor_id,
                self.actor_name,
                self.request_id,
                self._db_now,
                self._json(before),
                self._json(after),
            )
        )
        if len(self._history) >= BATCH * 5:
            self.flush_history()

    def _json(self, values: dict[str, Any] | str | None) -> Any:
        text = snapshot_json(values)
        if text is None or self._sqlite:
            return text
        return self.ops.adapt_json_value(json.loads(text), None)

    def flush_history(self) -> None:
        rows, self._history = self._history, []
        self.insert(ChangeRecord, HISTORY_COLUMNS, rows)


def record_changes_bulk(
    writer: BulkWriter,
    model: type[models.Model],
    changes: Iterable[tuple[int, str, Any, Any]],
) -> None:
    """Record (pk, label, before, after) for each change: create, update or delete by shape."""
    for pk, label, before, after in changes:
        if before is None:
            action = ChangeAction.CREATE
        elif after is None:
            action = ChangeAction.DELETE
        else:
            action = ChangeAction.UPDATE
        writer.record(model, action, pk, label, before, after)
