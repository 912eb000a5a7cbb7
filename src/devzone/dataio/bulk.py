"""Writing many rows at once, with the change history the services would have left.

The services save one record at a time (``save_with_history``); for 200,000 ledger rows that
is hours. Here rows go to the database in batched ``executemany`` statements (``COPY`` on
PostgreSQL), ids are reserved up front so milestones and investor links can point at projects
not yet inserted, and every written record still gets its own
:class:`~devzone.core.models.ChangeRecord`, with the JSON snapshot
:func:`devzone.core.history.snapshot` would make. The records of new rows are made by the
database itself, from the rows just inserted (:meth:`BulkWriter.record_inserted`); updates and
deletes are recorded from Python. It all runs inside the caller's transaction: a crash half-way
leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone

from devzone.core.middleware import current_request_id
from devzone.core.models import ChangeAction, ChangeRecord

BATCH = 2000
MULTI_ROW = 500  # rows per multi-row INSERT on SQLite
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


SQLITE_IMPORT_CACHE_KIB = 1024 * 1024


@contextlib.contextmanager
def large_cache() -> Iterator[None]:
    """A big SQLite page cache while the import writes: its indexes then stay in memory.

    SQLite's default cache is 2 MB; a 200,000-row import touches some 450 MB of pages, and
    spilling them to the WAL mid-transaction costs more than the inserts. The size is a limit,
    not an allocation: pages are taken as they are used. Durability does not change (WAL,
    ``synchronous=NORMAL``, one commit). Other backends: no change.
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


def decimal_text(value: Decimal) -> str:
    """:func:`_json_default` for a decimal, without ``normalize()`` (the slow part) if it can.

    Integral amounts lose their zero places ("500000000.00" → "500000000"); others keep their
    digits as written ("123.40"), exactly as :func:`devzone.core.history.snapshot` has them.
    """
    text = str(value)
    head, dot, tail = text.partition(".")
    if "E" in text or "e" in text:
        return _json_default(value)
    return head if dot and not tail.strip("0") else text


_PLAIN = frozenset((str, int, bool, float, type(None)))


def snapshot_json(values: dict[str, Any] | str | None) -> str | None:
    """JSON text of a snapshot; text already encoded (see :func:`json_date`) passes through.

    Decimals and dates are turned into strings before ``json.dumps`` instead of through its
    ``default`` hook: the C encoder then never calls back into Python, about 3× faster for the
    200,000 project snapshots of a large ledger.
    """
    if values is None or isinstance(values, str):
        return values
    plain = {
        key: value
        if type(value) in _PLAIN
        else decimal_text(value)
        if type(value) is Decimal
        else _json_default(value)
        for key, value in values.items()
    }
    return json.dumps(plain, ensure_ascii=False)


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
        self._postgres = connection.vendor == "postgresql"
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
        start = self.next_id(model)
        return list(range(start, start + count))

    # --- writes ----------------------------------------------------------------------

    def insert(
        self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        """Insert ``rows`` (values of ``columns``, in order): ``COPY`` on PostgreSQL."""
        names = ", ".join(self.ops.quote_name(self._column(model, c)) for c in columns)
        table = self.ops.quote_name(model._meta.db_table)
        if self._postgres:
            self._copy(f"COPY {table} ({names}) FROM STDIN", rows)
            return
        self._insert_values(f"INSERT INTO {table} ({names}) VALUES ", len(columns), rows)

    def statements(self) -> Statements | None:
        """A builder of this connection's INSERT statements that any thread may use, or None
        where inserts are not plain statements (PostgreSQL's COPY, a logged connection)."""
        if not self._sqlite or connection.queries_logged or connection.execute_wrappers:
            return None
        return Statements(self._max_params())

    def execute_all(self, statements: Iterable[tuple[str, list[Any]]]) -> None:
        """Run statements made by :meth:`statements` (on this thread, in this transaction)."""
        with _executing(raw=True) as execute:
            for sql, params in statements:
                execute(sql, params)

    def next_id(self, model: type[models.Model]) -> int:
        """SQLite: the id :meth:`reserve_ids` gives next, and the ones after it in turn.

        The transaction holds SQLite's write lock (BEGIN IMMEDIATE), so nobody else can take
        these ids; sqlite_sequence keeps ids of deleted rows from being reused.
        """
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {self.ops.quote_name(table)}")
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
        return max(highest, row[0] if row else 0) + 1

    def _insert_values(self, head: str, width: int, rows: Iterable[Sequence[Any]]) -> None:
        """SQLite: many rows per ``INSERT … VALUES (…), (…)``, not one statement per row.

        Each statement run costs SQLite a fixed amount (statement journal, the AUTOINCREMENT
        counter, deferred foreign-key bookkeeping); ``executemany`` pays it per row, a
        multi-row ``VALUES`` once per few hundred rows: about a third less time for a ledger.
        The placeholders are SQLite's own ``?``, sent through the driver's cursor: Django's
        would scan every 30 kB statement for ``%s`` to rewrite (half a second of 200,000 rows).
        (Not while Django logs or wraps queries: its log needs ``%s``.)
        """
        per_statement = max(1, min(MULTI_ROW, self._max_params() // width))
        logged = connection.queries_logged or bool(connection.execute_wrappers)
        mark = "%s" if logged else "?"
        one = "(" + ", ".join([mark] * width) + ")"
        full = head + ", ".join([one] * per_statement)
        with _executing(raw=not logged) as execute:
            for chunk in _chunks(rows, per_statement):
                sql = full if len(chunk) == per_statement else head + ", ".join([one] * len(chunk))
                execute(sql, list(itertools.chain.from_iterable(chunk)))

    def _max_params(self) -> int:
        connection.ensure_connection()
        raw = connection.connection
        if self._sqlite and hasattr(raw, "getlimit"):
            return int(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
        return int(connection.features.max_query_params or 999)

    @staticmethod
    def _copy(sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """PostgreSQL's ``COPY … FROM STDIN`` through psycopg: several times an INSERT's speed.

        psycopg dumps each value by its Python type (decimals, dates, ``None`` as NULL); JSON
        columns receive the snapshot text, which PostgreSQL parses as it would a literal.
        Errors come out as Django's, as from any other statement.
        """
        with (
            connection.cursor() as cursor,
            connection.wrap_database_errors,
            cursor.cursor.copy(sql) as copy,
        ):
            for row in rows:
                copy.write_row(row)

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
        self._history.append(
            (
                self._content_type(model),
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
        # Text for SQLite (a TEXT column) and for PostgreSQL's COPY (jsonb parses it).
        return snapshot_json(values)

    def flush_history(self) -> None:
        rows, self._history = self._history, []
        self.insert(ChangeRecord, HISTORY_COLUMNS, rows)

    def record_inserted(
        self,
        model: type[models.Model],
        ids: Sequence[int],
        *,
        label: str,
        snapshot: Sequence[tuple[str, str]],
        joins: str = "",
        params: Sequence[Any] = (),
    ) -> None:
        """One "created" change record per row of ``ids`` just inserted, built by the database.

        For hundreds of thousands of milestones and investor links, making each snapshot in
        Python and sending it back costs more than the insert itself; here one
        ``INSERT … SELECT`` reads the new rows (table alias ``t``) and writes their records.
        ``snapshot`` is (JSON key, SQL expression) pairs, ``label`` an SQL expression for the
        record's label; ``params`` fill the placeholders of ``label``, in order. The snapshots
        hold what the rows hold, as :func:`devzone.core.history.snapshot` would: ids as numbers,
        dates and text as strings, so keep decimals out of ``snapshot``.
        """
        if not ids:
            return
        self.flush_history()  # the records keep the order of the writes
        content_type = self._content_type(model)
        function = "jsonb_build_object" if self._postgres else "json_object"
        pairs = ", ".join(f"'{key}', {expression}" for key, expression in snapshot)
        table = self.ops.quote_name(model._meta.db_table)
        columns = ", ".join(self.ops.quote_name(c) for c in HISTORY_COLUMNS)
        select = (
            f"INSERT INTO {self.ops.quote_name(ChangeRecord._meta.db_table)} ({columns}) "
            f"SELECT %s, CAST(t.id AS TEXT), SUBSTR({label}, 1, 300), %s, %s, %s, %s, %s, "
            f"NULL, {function}({pairs}) FROM {table} t {joins} "
        )
        fixed = [content_type, *params, ChangeAction.CREATE.value, self.actor_id, self.actor_name]
        fixed += [self.request_id, self._db_now]
        with connection.cursor() as cursor:
            if not self._postgres:
                # Reserved ids on SQLite are one contiguous range (see reserve_ids).
                sql = select + "WHERE t.id BETWEEN %s AND %s ORDER BY t.id"
                cursor.execute(sql, [*fixed, min(ids), max(ids)])
                return
            for start in range(0, len(ids), BATCH * 25):
                chunk = list(ids[start : start + BATCH * 25])
                cursor.execute(select + "WHERE t.id = ANY(%s) ORDER BY t.id", [*fixed, chunk])

    def snapshot_sql(
        self, model: type[models.Model], attnames: Sequence[str]
    ) -> list[tuple[str, str]]:
        """(key, SQL expression) pairs for :meth:`record_inserted` that read as ``snapshot()``.

        Decimals become the strings :func:`_json_default` makes ("500000000", "123.40") and
        booleans JSON booleans; dates are stored as ISO text and ids as numbers already.
        """
        pairs = []
        for attname in attnames:
            field = next(f for f in model._meta.concrete_fields if f.attname == attname)
            column = f"t.{self.ops.quote_name(field.column)}"
            if isinstance(field, models.DecimalField):
                column = self._decimal_sql(column, field.decimal_places)
            elif isinstance(field, models.BooleanField) and not self._postgres:
                column = f"CASE WHEN {column} THEN json('true') ELSE json('false') END"
            pairs.append((attname, column))
        return pairs

    def _decimal_sql(self, column: str, places: int) -> str:
        if self._postgres:  # numeric(…, places)::text keeps its places: "123.40"
            whole = f"trunc({column})::text"
            return f"CASE WHEN {column} = trunc({column}) THEN {whole} ELSE {column}::text END"
        # SQLite keeps decimals as INTEGER or REAL (15 significant digits, as Django reads them).
        whole = f"CAST(CAST({column} AS INTEGER) AS TEXT)"
        return (
            f"CASE WHEN {column} IS NULL THEN NULL WHEN {column} = CAST({column} AS INTEGER) "
            f"THEN {whole} ELSE printf('%%.{int(places)}f', {column}) END"  # %%: placeholders
        )

    def _content_type(self, model: type[models.Model]) -> int:
        content_type = self._content_types.get(model)
        if content_type is None:
            content_type = ContentType.objects.get_for_model(model).pk
            self._content_types[model] = content_type
        return content_type


class Statements:
    """SQLite multi-row INSERT statements with their parameters, made without the database.

    The same statements :meth:`BulkWriter.insert` runs; made on the thread that checks rows,
    so the thread that writes only executes them.
    """

    def __init__(self, max_params: int) -> None:
        self.max_params = max_params
        self.quote = connection.ops.quote_name  # this thread's connection: no other thread's

    def insert(
        self, model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> list[tuple[str, list[Any]]]:
        quote = self.quote
        names = ", ".join(quote(BulkWriter._column(model, c)) for c in columns)
        head = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES "
        width = len(columns)
        per_statement = max(1, min(MULTI_ROW, self.max_params // width))
        one = "(" + ", ".join(["?"] * width) + ")"
        full = head + ", ".join([one] * per_statement)
        made = []
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            sql = full if len(chunk) == per_statement else head + ", ".join([one] * len(chunk))
            made.append((sql, list(itertools.chain.from_iterable(chunk))))
        return made


@contextlib.contextmanager
def _executing(*, raw: bool) -> Iterator[Any]:
    """``execute`` of a cursor of the current connection: Django's, or the driver's if ``raw``.

    The driver's cursor takes the placeholders as they are; database errors still come out as
    Django's (``IntegrityError`` …), and a transaction already broken is still refused.
    """
    if not raw:
        with connection.cursor() as cursor:
            yield cursor.execute
        return
    connection.ensure_connection()
    connection.validate_no_broken_transaction()
    cursor = connection.connection.cursor()
    try:
        with connection.wrap_database_errors:
            yield cursor.execute
    finally:
        cursor.close()


def _chunks(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    """``rows`` ``size`` at a time (``islice`` takes them without a Python step per row)."""
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


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
