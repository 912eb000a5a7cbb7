"""Writing new projects while the rest of the ledger is still being checked.

A real import (not a dry run, not ``skip_invalid``) is all or nothing, so nothing stops it from
writing early inside its transaction: the rows already checked are inserted while a thread
reads the next ones, and if any row turns out to be wrong the transaction is rolled back and
the problems are reported exactly as if nothing had been written. Only rows that are certainly
new projects are written early: no problem, a code and a name that no project had before the
import and no earlier row of the file repeats, everything a new project needs. Everything else
(updates of existing projects, the change records) waits until every row has been checked;
the final checks ignore the projects written early, so they see the database as it was.

Early writing stops at the first row with a problem (the import will be refused anyway).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from devzone.dataio.bulk import BulkWriter, large_cache
from devzone.dataio.checking import Progress, check_together, checked_in_background
from devzone.dataio.layout import Layout
from devzone.dataio.ledger import ProjectRow, ProjectRowReader
from devzone.dataio.lookups import clean_name
from devzone.dataio.planning import build_plan, plan_new
from devzone.dataio.reading import Row, Table
from devzone.dataio.results import ImportResult
from devzone.dataio.writing import Inserted, apply_plan, insert_new
from devzone.projects.models import Project


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
            chunks = checked_in_background(raw, reader, layout, table)
            with contextlib.closing(chunks):
                for chunk in chunks:
                    rows += chunk
                    early.take(chunk)
                    progress(len(rows), len(raw), "checking")
            check_together(rows, reader, layout, exclude=early.project_ids)
            if any(row.errors for row in rows) or not early.confirmed():
                raise _Refused
            progress(0, len(rows), "writing")
            plan = build_plan([row for row in rows if row.project_id is None])
            apply_plan(plan, writer, enterprise_names=enterprise_names, inserted=early.inserted)
    except _Refused:
        for row in rows:
            row.project_id = None
        return rows
    result.created = len(early.inserted.projects) + len(plan.projects_new)
    result.updated = plan.updated
    result.unchanged = plan.unchanged
    result.committed = True
    return rows


class EarlyWriter:
    """Inserts the rows of each checked chunk that are certainly new projects."""

    def __init__(self, writer: BulkWriter) -> None:
        self.writer = writer
        self.inserted = Inserted()
        self.project_ids: set[int] = set()
        self.written: list[ProjectRow] = []
        self.stopped = False
        self._codes: set[str] = set()  # codes of the file so far
        self._names: set[tuple[int, str]] = set()  # (zone, name) of rows without a code
        self._existing_names: dict[int, set[str]] = {}  # zone → names before the import

    def take(self, chunk: list[ProjectRow]) -> None:
        if self.stopped:
            return
        candidates = self._candidates(chunk)
        if self.stopped or not candidates:
            return
        existing = self._existing_codes(r.fields.get("code") for r in candidates)
        new = [
            row
            for row in candidates
            if row.fields.get("code") not in existing
            and clean_name(row.fields["name"]) not in self._names_in(row.zone.pk)  # type: ignore[union-attr]
        ]
        if new:
            insert_new(plan_new(new), self.writer, self.inserted)
            self.project_ids.update(row.project_id for row in new)  # type: ignore[misc]
            self.written += new

    def _candidates(self, chunk: list[ProjectRow]) -> list[ProjectRow]:
        """Rows without problems that could be new; stops at a problem or a repeated key."""
        candidates = []
        for row in chunk:
            fields = row.fields
            code = fields.get("code")
            if row.errors or not fields.get("name") or row.zone is None:
                self.stopped = True
                return []
            key = (row.zone.pk, clean_name(fields["name"]))
            if (code in self._codes) if code else (key in self._names):
                self.stopped = True  # a repeated code or name: both rows will be refused
                return []
            if code:
                self._codes.add(code)
            else:
                self._names.add(key)
            if fields.get("planned_investment") is not None:
                candidates.append(row)
        return candidates

    def _existing_codes(self, codes: Iterable[str | None]) -> set[str]:
        wanted = sorted({code for code in codes if code})
        found: set[str] = set()
        for start in range(0, len(wanted), 5000):
            chunk = wanted[start : start + 5000]
            found.update(Project.objects.filter(code__in=chunk).values_list("code", flat=True))
        return found

    def _names_in(self, zone: int) -> set[str]:
        """Names of the zone's projects as they were before the import (read before any write)."""
        if zone not in self._existing_names:
            names = Project.objects.filter(zone_id=zone).values_list("name", flat=True)
            self._existing_names[zone] = {clean_name(name) for name in names}
        return self._existing_names[zone]

    def confirmed(self) -> bool:
        """After the final checks: every row written early is a new project without problems."""
        return all(row.target_id is None and not row.errors for row in self.written)
