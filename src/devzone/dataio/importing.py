"""Importing a project ledger: read, check every row, plan, then write all or nothing.

The pipeline is the one NetBox and Open Supply Hub follow: parse → clean → match by natural key
→ validate everything → one transaction. No row is written before every row has been checked,
so a dry run and a real import report the same problems, and a file with one bad row changes
nothing unless the user asks for ``skip_invalid`` (the bad rows then go to a file to fix).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from devzone.core.clock import today
from devzone.core.names import joined
from devzone.dataio.bulk import BulkWriter, large_cache
from devzone.dataio.checking import (
    Progress,
    check_rows,
    check_together,
    flag_cell_problems,
)
from devzone.dataio.headers import MONEY, PROJECT_TABLE
from devzone.dataio.layout import Layout, find_layout
from devzone.dataio.ledger import ProjectRow, ProjectRowReader, split_investors
from devzone.dataio.lookups import Industries, Investors, Places, suggestions
from devzone.dataio.overlap import check_and_write
from devzone.dataio.planning import build_plan
from devzone.dataio.reading import Row, SpreadsheetError, Table, open_table
from devzone.dataio.rejected import write_rejected
from devzone.dataio.results import ImportResult, Issue
from devzone.dataio.writing import apply_plan
from devzone.regions.models import Zone

__all__ = ["Progress", "flag_cell_problems", "import_from_table", "import_projects"]
PROGRESS_EVERY = 2000
SUGGESTION_LIMIT = 200  # unmatched investor names looked up in the fuzzy matcher


def _no_progress(done: int, total: int, stage: str) -> None:
    return None


def import_projects(
    path: str | Path,
    *,
    actor: Any,
    dry_run: bool = False,
    skip_invalid: bool = False,
    rejected_path: str | Path | None = None,
    default_zone: Zone | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import (or, with ``dry_run``, check) the project ledger at ``path`` as ``actor``.

    ``actor=None`` is the operator at the command line and may edit every zone. Returns the
    counts and every problem; ``result.committed`` says whether anything was written.
    """
    result = ImportResult("projects", dry_run)
    try:
        table = open_table(path, sheet=sheet)
    except SpreadsheetError as exc:
        result.file_error = exc.message
        return result
    return import_from_table(
        table,
        result,
        PROJECT_TABLE,
        actor=actor,
        skip_invalid=skip_invalid,
        rejected_path=rejected_path,
        default_zone=default_zone,
        progress=progress,
    )


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while an import holds its rows in memory.

    An import keeps hundreds of thousands of small objects alive until it ends; the collector
    would walk all of them again and again (a third of the checking time for 200,000 rows)
    and free nothing. Reference counting still frees what goes; collection resumes afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def import_from_table(
    table: Table,
    result: ImportResult,
    lookup: dict[str, Any],
    *,
    actor: Any,
    skip_invalid: bool = False,
    rejected_path: str | Path | None = None,
    default_zone: Zone | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """The ledger pipeline over rows from any source (a sheet, or OC4IDS turned into rows)."""
    with gc_paused():
        return _import_rows(
            table,
            result,
            lookup,
            actor=actor,
            skip_invalid=skip_invalid,
            rejected_path=rejected_path,
            default_zone=default_zone,
            progress=progress or _no_progress,
        )


def _import_rows(
    table: Table,
    result: ImportResult,
    lookup: dict[str, Any],
    *,
    actor: Any,
    skip_invalid: bool,
    rejected_path: str | Path | None,
    default_zone: Zone | None,
    progress: Progress,
) -> ImportResult:
    try:
        layout, data = find_layout(table, lookup, required_any=("name", "code"))
        raw = _collect(data, progress)
    except SpreadsheetError as exc:
        result.file_error = exc.message
        return result
    result.rows = len(raw)
    result.unknown_columns = layout.unknown
    result.warnings += unitless_money(layout)
    if not raw:
        result.file_error = _("The sheet has a header but no data rows.")
        return result
    reader, investors = _row_reader(raw, layout, actor=actor, default_zone=default_zone)
    names = investors.legal_names if investors else {}
    if not result.dry_run and not skip_invalid:
        rows = check_and_write(
            raw,
            reader,
            layout,
            table,
            result,
            actor=actor,
            enterprise_names=names,
            progress=progress,
        )
        if result.committed:
            _report(rows, result)
            progress(len(rows), len(rows), "done")
            return result
    else:
        rows = check_rows(raw, reader, layout, table, progress)
        check_together(rows, reader, layout)
    return _finish(
        rows,
        layout,
        result,
        actor=actor,
        skip_invalid=skip_invalid,
        rejected_path=rejected_path,
        progress=progress,
        enterprise_names=names,
    )


def unitless_money(layout: Layout) -> list[Issue]:
    """A money column whose header (or a unit line above it) names no unit: say that plain
    numbers in it are read as yuan, since ledgers mostly count in 万元 and a wrong guess is
    off by ten thousand."""
    return [
        Issue(
            None,
            column.header,
            _(
                "The header names no unit: plain numbers in this column are read as yuan (元). "
                "If they are 万元 or 亿元, write it in the header, e.g. 计划总投资（万元）."
            ),
        )
        for column in layout.columns
        if column.spec.kind == MONEY
        and column.unit.currency is None
        and column.spec.key != "foreign_capital"  # in the currency its cells or 币种 name
    ]


def _collect(data: Iterable[Row], progress: Progress) -> list[Row]:
    rows = []
    for row in data:
        rows.append(row)
        if len(rows) % PROGRESS_EVERY == 0:
            progress(len(rows), 0, "reading")
    return rows


def _row_reader(
    raw: list[Row], layout: Layout, *, actor: Any, default_zone: Zone | None
) -> tuple[ProjectRowReader, Investors | None]:
    """The reader of the file's rows, with the reference data they name, read once."""
    keys = layout.keys
    investors = None
    if "investors" in keys:
        index = layout.column("investors").index  # type: ignore[union-attr]
        names = {
            n
            for _number, values in raw
            if index < len(values)
            for n in split_investors(str(values[index] or ""))
        }
        investors = Investors(names)
    industries = Industries.load() if keys & {"industry", "industry_code"} else None
    reader = ProjectRowReader(
        layout,
        places=Places.load(),
        industries=industries,
        investors=investors,
        default_zone=default_zone,
        actor=actor,
        today=today(),
    )
    return reader, investors


def _finish(
    rows: list[ProjectRow],
    layout: Layout,
    result: ImportResult,
    *,
    actor: Any,
    skip_invalid: bool,
    rejected_path: str | Path | None,
    progress: Progress,
    enterprise_names: dict[int, str],
) -> ImportResult:
    plan = build_plan([r for r in rows if not r.errors])
    bad = [r for r in rows if r.errors]
    _report(rows, result)
    result.created = len(plan.projects_new)
    result.updated = plan.updated
    result.unchanged = plan.unchanged
    result.rejected = len(bad)
    if bad and rejected_path and (skip_invalid or result.dry_run):
        write_rejected(rejected_path, layout, bad)
        result.rejected_path = str(rejected_path)
    if result.dry_run or (bad and not skip_invalid):
        return result
    progress(0, len(rows), "writing")
    with transaction.atomic(), large_cache():
        writer = BulkWriter(actor=actor)
        apply_plan(plan, writer, enterprise_names=enterprise_names)
    result.committed = True
    progress(len(rows), len(rows), "done")
    return result


def _report(rows: list[ProjectRow], result: ImportResult) -> None:
    for row in rows:
        result.errors.extend(row.errors)
        result.warnings.extend(row.warnings)
        result.reviews.extend(row.reviews)
    unmatched = sorted({name for row in rows for name in row.unmatched_investors})
    close = suggestions(unmatched[:SUGGESTION_LIMIT]) if unmatched else {}
    for issue in result.reviews:
        if close.get(issue.value):
            issue.message += " " + _("Close names: %s.") % joined(close[issue.value])
