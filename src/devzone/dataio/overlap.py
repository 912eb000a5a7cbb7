"""Writing new projects while the rest of the ledger is still being checked.

A real import (not a dry run, not ``skip_invalid``) is all or nothing, so nothing stops it from
writing early inside its transaction: the rows already checked are inserted while a thread
reads the next ones, and if any row turns out to be wrong the transaction is rolled back and
the problems are reported exactly as if nothing had been written. Only rows that are certainly
new projects are written early: no problem, a code and a name that no project had before the
import and no earlier row of the file repeats, everything a new project needs. They are written
with their change records, which the database makes while the next rows are being checked.
Everything else (updates of existing projects) waits until every row has been checked; the
final checks ignore the projects written early, so they see the database as it was.

Early writing stops at the first row with a problem (the import will be refused anyway).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from devzone.dataio.bulk import BulkWriter, Statements, large_cache
from devzone.dataio.checking import Progress, check_together, checked_in_background
from devzone.dataio.known import KnownProjects
from devzone.dataio.layout import Layout
from devzone.dataio.ledger import ProjectRow, ProjectRowReader
from devzone.dataio.lookups import clean_name
from devzone.dataio.planning import Plan, build_plan, plan_new
from devzone.dataio.reading import Row, Table
from devzone.dataio.results import ImportResult
from devzone.dataio.writing import (
    NewIds,
    Prepared,
    apply_plan,
    insert_new,
    insert_prepared,
    prepare_new,
)


class _Refused(Exception):
    """Some row has a problem: roll back what was written early."""


def check_and_write(
    raw: list[Row],
    reader: ProjectRowReader,
    layout: Layout,
    table: Table,
    result: ImportResult,
    *,
    actor: Any,
    enterprise_names: dict[int, str],
    progress: Progress,
) -> list[ProjectRow]:
    """Check every row and, if none has a problem, write them all; ``result`` says which.

    Returns the rows checked. When ``result.committed`` is false nothing was written and the
    rows carry their problems, for the caller to report as after a plain check.
    """
    rows: list[ProjectRow] = []
    try:
        with transaction.atomic(), large_cache():
            writer = BulkWriter(actor=actor)
            early = EarlyWriter(writer)
            statements = writer.statements()
            ids = NewIds(writer) if statements is not None else None
            then = EarlyRows(ids, statements, writer.db_now)
            chunks = checked_in_background(raw, reader, layout, table, then=then)
            with contextlib.closing(chunks):
                for chunk, picked in chunks:
                    rows += chunk
                    early.take(picked)
                    progress(len(rows), len(raw), "checking")
            check_together(rows, reader, layout, early.known)
            if any(row.errors for row in rows) or not early.confirmed():
                raise _Refused
            progress(0, len(rows), "writing")
            plan = build_plan([row for row in rows if row.project_id is None])
            apply_plan(plan, writer, enterprise_names=enterprise_names)
    except _Refused:
        for row in rows:
            row.project_id = None
        return rows
    result.created = len(early.project_ids) + len(plan.projects_new)
    result.updated = plan.updated
    result.unchanged = plan.unchanged
    result.committed = True
    return rows


class EarlyRows:
    """On the checking thread: the rows of each chunk that could be new projects, planned.

    A row could be new if it has no problem, has what a new project needs, and repeats no code
    (or, without a code, no name) of an earlier row; whether the database already holds its
    code or name is for :class:`EarlyWriter` to ask. The first row that could not be written
    early stops the picking for the rest of the file.
    """

    def __init__(
        self,
        ids: NewIds | None = None,
        statements: Statements | None = None,
        now: Any = None,
    ) -> None:
        self.stopped = False
        self._codes: set[str] = set()  # codes of the file so far
        self._names: set[tuple[int, str]] = set()  # (zone, name) of rows without a code
        self._ids, self._statements, self._now = ids, statements, now

    def __call__(self, chunk: list[ProjectRow]) -> Picked:
        picked = Picked([], [], Plan())
        if not self.stopped:
            self._pick(chunk, picked)
            if self.stopped:  # nothing of the chunk that stopped the picking is written early
                picked.rows, picked.keys = [], []
            picked.plan = plan_new(picked.rows)
            if self._ids is not None and self._statements is not None and picked.rows:
                # ids and statements too, so that the writing thread only executes them
                picked.prepared = prepare_new(picked.plan, self._ids, self._statements, self._now)
        return picked

    def _pick(self, chunk: list[ProjectRow], picked: Picked) -> None:
        for row in chunk:
            fields = row.fields
            code = fields.get("code")
            if row.errors or not fields.get("name") or row.zone is None:
                self.stopped = True
                return
            key = (row.zone.pk, clean_name(fields["name"]))
            if (code in self._codes) if code else (key in self._names):
                self.stopped = True  # a repeated code or name: both rows will be refused
                return
            if code:
                self._codes.add(code)
            else:
                self._names.add(key)
            if fields.get("planned_investment") is not None:
                picked.rows.append(row)
                picked.keys.append(key)


@dataclass
class Picked:
    """The rows of a chunk that could be new projects, their (zone, cleaned name), their plan."""

    rows: list[ProjectRow]
    keys: list[tuple[int, str]]
    plan: Plan
    prepared: Prepared | None = None


class EarlyWriter:
    """Inserts the rows picked by :class:`EarlyRows` that the database does not hold yet."""

    def __init__(self, writer: BulkWriter) -> None:
        self.writer = writer
        self.project_ids: set[int] = set()
        self.known = KnownProjects(exclude=self.project_ids)  # as before the import
        self.written: list[ProjectRow] = []

    def take(self, picked: Picked) -> None:
        if not picked.rows:
            return
        known = self.known
        codes = [row.fields.get("code") for row in picked.rows]
        known.load_codes(codes)
        known.load_zones({zone for zone, _name in picked.keys})
        new = [
            row
            for row, code, (zone, name) in zip(picked.rows, codes, picked.keys, strict=True)
            if not (code and known.by_code(code)) and not known.named(zone, name)
        ]
        if not new:
            return
        if len(new) == len(picked.rows) and picked.prepared is not None:
            insert_prepared(picked.plan, picked.prepared, self.writer)
        else:  # some rows name projects already there: the others, with the ids they were given
            insert_new(_only(picked.plan, new), self.writer)
        self.project_ids.update(row.project_id for row in new)  # type: ignore[misc]
        self.written += new

    def confirmed(self) -> bool:
        """After the final checks: every row written early is a new project without problems."""
        return all(row.target_id is None and not row.errors for row in self.written)


def _only(plan: Plan, rows: list[ProjectRow]) -> Plan:
    """The part of ``plan`` (new records only) that belongs to ``rows``."""
    keep = {id(row) for row in rows}
    return Plan(
        projects_new=[c for c in plan.projects_new if id(c.row) in keep],
        milestones_new=[c for c in plan.milestones_new if id(c.row) in keep],
        links_new=[c for c in plan.links_new if id(c.row) in keep],
    )
