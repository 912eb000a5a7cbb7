"""Loading an enterprise registry file of up to millions of rows (``devzone enterprises import``).

Rows are checked one by one (credit code check character, region, industry, money) and written
in batches: an enterprise already in the registry is found by its credit code, else by its legal
name, and updated; any other row creates one. ``save_with_history`` per row would take hours on
a million rows, so records go in with ``bulk_create`` / ``bulk_update`` and their change records
(the same snapshots :func:`devzone.core.history.snapshot` makes) with one ``bulk_create`` per
batch. By default the whole file is one transaction: one bad row and nothing is written, and
every bad row is reported with its row number and column.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from devzone.core.history import snapshot
from devzone.core.models import ChangeAction
from devzone.enterprises.models import Enterprise
from devzone.enterprises.registry_rows import RowChecker, RowError
from devzone.enterprises.services import require_registry_edit

BATCH_SIZE = 2000
MAX_REPORTED_ERRORS = 1000
WRITTEN_FIELDS = (
    "legal_name",
    "short_name",
    "name_en",
    "region_part",
    "legal_form",
    "credit_code",
    "region_id",
    "industry_id",
    "registered_capital",
    "capital_currency",
    "listed_code",
    "address",
    "scope",
)

Progress = Callable[[int, int | None], None]  # (rows read, rows expected)
PROGRESS_EVERY = 1000


@dataclass
class ImportSummary:
    """What an import did (or, with ``dry_run``, would have done)."""

    file: str
    format: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    dry_run: bool = False
    committed: bool = False
    seconds: float = 0.0
    ignored_columns: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["errors"] = [error.as_dict() for error in self.errors]
        data["seconds"] = round(self.seconds, 2)
        return data

    def add_errors(self, errors: list[RowError]) -> None:
        self.invalid += len({error.row for error in errors})
        room = MAX_REPORTED_ERRORS - len(self.errors)
        self.errors.extend(errors[: max(room, 0)])


class ImportFailed(Exception):
    """Bad rows in an all-or-nothing import: nothing was written; ``summary`` lists them."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__(f"{summary.invalid} invalid rows; nothing imported")
        self.summary = summary


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run or a failed import."""


def import_registry(
    path: str | Path,
    *,
    actor: Any,
    dry_run: bool = False,
    skip_invalid: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import the registry file at ``path``; raises ImportFailed when rows are bad.

    ``skip_invalid`` writes the good rows and reports the bad ones instead of writing nothing.
    Blank cells leave the stored value alone, so a file with fewer columns never erases data.
    """
    from devzone.dataio.bulk import large_cache
    from devzone.enterprises.registry_file import open_registry

    require_registry_edit(actor)
    started = time.monotonic()
    table = open_registry(path)
    summary = ImportSummary(str(path), table.format, dry_run=dry_run)
    summary.ignored_columns = table.ignored
    checker = RowChecker(table.headers, table.capital_scale)
    writer = _BatchWriter(actor, table.headers)
    try:
        with large_cache(), transaction.atomic():
            report = _reporter(progress, table.total)
            # A dry run goes through the good rows even after a bad one, so that it tells
            # what they would do; the transaction is rolled back all the same.
            keep_going = skip_invalid or dry_run
            _run(table.rows, checker, writer, summary, keep_going, batch_size, report)
            if dry_run or (summary.errors and not skip_invalid):
                raise _Rollback
    except _Rollback:
        pass
    summary.committed = not dry_run and not (summary.errors and not skip_invalid)
    summary.seconds = time.monotonic() - started
    if summary.errors and not skip_invalid:
        raise ImportFailed(summary)
    return summary


def _run(
    rows: Any,
    checker: RowChecker,
    writer: _BatchWriter,
    summary: ImportSummary,
    skip_invalid: bool,
    batch_size: int,
    progress: Callable[[int], None],
) -> None:
    batch: list[tuple[int, dict[str, Any]]] = []
    for number, cells in rows:
        summary.rows += 1
        values, errors = checker.check(number, cells)
        if errors:
            summary.add_errors(errors)
        elif skip_invalid or not summary.errors:
            batch.append((number, values))  # after a bad row, an all-or-nothing run only checks
        if len(batch) >= batch_size:
            _flush(writer, batch, summary, skip_invalid)
            batch = []
        if summary.rows % PROGRESS_EVERY == 0:
            progress(summary.rows)
    _flush(writer, batch, summary, skip_invalid)
    progress(summary.rows)


def _reporter(progress: Progress | None, total: int | None) -> Callable[[int], None]:
    if progress is None:
        return lambda done: None
    return lambda done: progress(done, total)


def _flush(
    writer: _BatchWriter,
    batch: list[tuple[int, dict[str, Any]]],
    summary: ImportSummary,
    skip_invalid: bool,
) -> None:
    if not batch or (summary.errors and not skip_invalid):
        return
    counts, errors = writer.write(batch)
    summary.created += counts["created"]
    summary.updated += counts["updated"]
    summary.unchanged += counts["unchanged"]
    summary.add_errors(errors)


class _BatchWriter:
    """Finds the existing enterprises of a batch, then creates, updates and records history.

    Writes go through :class:`devzone.dataio.bulk.BulkWriter` (batched ``executemany`` with
    reserved ids, the ledger importer's tool): Django's ``bulk_create`` spends more time
    preparing each value than SQLite spends storing it.
    """

    def __init__(self, actor: Any, headers: dict[str, str]) -> None:
        from devzone.dataio.bulk import BulkWriter

        self.headers = headers
        self.bulk = BulkWriter(actor=actor)
        self.blank = _blank_snapshot()

    def write(self, batch: list[tuple[int, dict[str, Any]]]) -> tuple[dict[str, int], list]:
        by_code, by_name = self._existing(batch)
        creates: list[dict[str, Any]] = []
        updates: list[tuple[Enterprise, dict[str, Any]]] = []
        errors: list[RowError] = []
        unchanged = 0
        for number, values in batch:
            target, error = _target(number, values, by_code, by_name, self.headers)
            if error is not None:
                errors.append(error)
            elif target is None:
                creates.append({**self.blank, **values})
            elif (before := _apply(target, values)) is not None:
                updates.append((target, before))
            else:
                unchanged += 1
        try:
            with transaction.atomic():
                self._update(updates)
                self._create(creates)
        except IntegrityError as error:
            first = batch[0][0]
            errors.append(RowError(first, "", f"rows {first}–{batch[-1][0]}: {error}"))
            creates, updates = [], []
        counts = {"created": len(creates), "updated": len(updates), "unchanged": unchanged}
        return counts, errors

    def _existing(self, batch: list[tuple[int, dict[str, Any]]]) -> tuple[dict, dict]:
        codes = {v["credit_code"] for _, v in batch if v.get("credit_code")}
        names = {v["legal_name"] for _, v in batch}
        found = Enterprise.objects.filter(credit_code__in=codes) if codes else []
        by_code = {enterprise.credit_code: enterprise for enterprise in found}
        by_name = {e.legal_name: e for e in Enterprise.objects.filter(legal_name__in=names)}
        return by_code, by_name

    def _create(self, creates: list[dict[str, Any]]) -> None:
        now = self.bulk.db_now
        ids = self.bulk.reserve_ids(Enterprise, len(creates))
        rows = (
            (pk, now, now, *(v[name] for name in WRITTEN_FIELDS))
            for pk, v in zip(ids, creates, strict=True)
        )
        self.bulk.insert(Enterprise, ("id", "created_at", "updated_at", *WRITTEN_FIELDS), rows)
        for pk, values in zip(ids, creates, strict=True):
            label = values["short_name"] or values["legal_name"]
            self.bulk.record(Enterprise, ChangeAction.CREATE, pk, label, None, {**values, "id": pk})
        self.bulk.flush_history()

    def _update(self, updates: list[tuple[Enterprise, dict[str, Any]]]) -> None:
        now = self.bulk.db_now
        rows = (
            (*(getattr(enterprise, name) for name in WRITTEN_FIELDS), now, enterprise.pk)
            for enterprise, _ in updates
        )
        self.bulk.update(Enterprise, (*WRITTEN_FIELDS, "updated_at"), rows)
        for enterprise, before in updates:
            after = snapshot(enterprise)
            self.bulk.record(
                Enterprise, ChangeAction.UPDATE, enterprise.pk, str(enterprise), before, after
            )
        self.bulk.flush_history()


def _blank_snapshot() -> dict[str, Any]:
    """What a new enterprise holds in the columns its row leaves blank (the field defaults)."""
    return {
        field.attname: field.get_default()
        for field in Enterprise._meta.concrete_fields
        if field.attname in WRITTEN_FIELDS
    }


def _target(
    number: int, values: dict[str, Any], by_code: dict, by_name: dict, headers: dict[str, str]
) -> tuple[Enterprise | None, RowError | None]:
    """The enterprise a row updates (by credit code, else legal name), or a conflict."""
    code = values.get("credit_code")
    named = by_name.get(values["legal_name"])
    target = by_code.get(code) if code else None
    if target is not None:
        if named is not None and named.pk != target.pk:
            message = f"another enterprise (id {named.pk}) already has this legal name"
            return None, RowError(number, headers["name"], message)
        return target, None
    if named is not None and code and named.credit_code and named.credit_code != code:
        message = f"the enterprise of this legal name has credit code {named.credit_code}"
        return None, RowError(number, headers["credit_code"], message)
    return named, None


def _apply(enterprise: Enterprise, values: dict[str, Any]) -> dict[str, Any] | None:
    """Set ``values`` on ``enterprise``; its snapshot before, or None when nothing changed."""
    if all(getattr(enterprise, name) == value for name, value in values.items()):
        return None
    before = snapshot(enterprise)
    for name, value in values.items():
        setattr(enterprise, name, value)
    return before
