"""The process's copy of the ledger's columns, kept up to date from the change history.

Reading a province's seven million monthly reports out of the database takes tens of seconds;
the rollups over them take a tenth of one. So the columns are read once per process and then
kept current incrementally: every write to a project, a milestone or a report leaves a
:class:`~devzone.core.models.ChangeRecord` (the services and the bulk importers both do), and
before each use :func:`ledger_view` reads the change records newer than the ones it has seen,
re-reads only the projects they touch (with their milestones and reports) and folds them in
(:meth:`Rollup.replace`). The zones are read afresh every time (a few hundred rows).

It falls back to reading everything again when it cannot tell what changed: the history it
last saw is gone or different (a rolled-back transaction, another database), a change record
names a row it cannot place, or so many projects changed that one full read is cheaper. With
no change record at all there is nothing to key a copy on, and every call reads afresh.

A change committed after a later-numbered one (two concurrent transactions on PostgreSQL) is
still seen as long as it lands within the last ``LOOKBACK`` records: each refresh re-reads that
window and skips the records it has already applied.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connections

from devzone.analytics.extract import extract_ledger, extract_zones
from devzone.analytics.ledger import Rollup, fold
from devzone.analytics.view import LedgerView

#: Change records re-read behind the newest one seen, for late commits.
LOOKBACK = 1_000
#: Past this many changed projects (or this share of the ledger), read everything again.
MAX_CHANGED_PROJECTS = 20_000
MAX_CHANGED_SHARE = 0.2
#: Past this many change records since the last refresh, read everything again.
MAX_CHANGED_RECORDS = 200_000
#: Rows looked up per query while refreshing.
RECORD_CHUNK = 5_000


@dataclass
class _Copy:
    rollup: Rollup
    watermark: int  # the newest change record folded in
    stamp: dt.datetime | None  # its time: a reused id (rolled back) has another
    read_all_at: int  # the watermark of the last whole read: every record to it is in
    applied: set[int] = field(default_factory=set)  # ids within LOOKBACK of the watermark


_lock = threading.Lock()
_copies: dict[tuple[str, str], _Copy] = {}


def ledger_view(using: str = "default") -> LedgerView:
    """The ledger as it is now in database ``using``, for one request or command."""
    connection = connections[using]
    return LedgerView(current_rollup(using), extract_zones(connection))


def current_rollup(using: str = "default") -> Rollup:
    connection = connections[using]
    key = (using, str(connection.settings_dict.get("NAME")))
    newest = _newest_record(using)
    if newest is None:
        return fold(extract_ledger(connection))
    with _lock:
        copy = _copies.get(key)
        if copy is None or not _still_current(copy, using):
            copy = _read_all(using, newest)
        elif newest[0] != copy.watermark:
            copy = _refresh(copy, using, newest)
        _copies[key] = copy
        return copy.rollup


def forget_ledger() -> None:
    """Drop every copy (a bulk load that bypassed the change history, or tests)."""
    with _lock:
        _copies.clear()


def _records(using: str):  # type: ignore[no-untyped-def]
    from devzone.core.models import ChangeRecord

    return ChangeRecord.objects.using(using)


def _newest_record(using: str) -> tuple[int, dt.datetime] | None:
    return _records(using).order_by("-pk").values_list("pk", "at").first()


def _still_current(copy: _Copy, using: str) -> bool:
    stamp = _records(using).filter(pk=copy.watermark).values_list("at", flat=True).first()
    return stamp is not None and stamp == copy.stamp


def _read_all(using: str, newest: tuple[int, dt.datetime]) -> _Copy:
    """Everything, read after noting the newest record (a write in between is read twice)."""
    rollup = fold(extract_ledger(connections[using]))
    return _Copy(rollup, newest[0], newest[1], newest[0], set())


def _refresh(copy: _Copy, using: str, newest: tuple[int, dt.datetime]) -> _Copy:
    floor = max(copy.watermark - LOOKBACK, copy.read_all_at)
    if _records(using).filter(pk__gt=floor).count() > MAX_CHANGED_RECORDS:
        return _read_all(using, newest)
    records = [record for record in _tracked_records(using, floor) if record[0] not in copy.applied]
    projects = _touched_projects(using, records)
    limit = min(MAX_CHANGED_PROJECTS, MAX_CHANGED_SHARE * copy.rollup.projects.height)
    if projects is None or len(projects) > max(limit, 100):
        return _read_all(using, newest)
    rollup = copy.rollup
    if projects:
        rollup = rollup.replace(projects, extract_ledger(connections[using], projects))
    applied = {pk for pk in copy.applied if pk > newest[0] - LOOKBACK}
    applied |= {record[0] for record in records if record[0] > newest[0] - LOOKBACK}
    return _Copy(rollup, newest[0], newest[1], copy.read_all_at, applied)


def _tracked_models() -> tuple[type, ...]:
    from devzone.projects.models import InvestmentReport, Milestone, Project

    return (Project, Milestone, InvestmentReport)


def _tracked_records(using: str, floor: int) -> list[tuple[int, Any, str]]:
    """(id, model, object id) of the change records of the ledger above ``floor``."""
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.db_manager(using).get_for_models(*_tracked_models())
    models = {content_type.pk: model for model, content_type in types.items()}
    rows = (
        _records(using)
        .filter(pk__gt=floor, content_type__in=list(models))
        .order_by("pk")
        .values_list("pk", "content_type_id", "object_id")
    )
    return [(pk, models[type_id], object_id) for pk, type_id, object_id in rows]


def _touched_projects(using: str, records: list[tuple[int, Any, str]]) -> set[int] | None:
    """The projects the records change; None when one of them cannot be placed."""
    from devzone.projects.models import Project

    projects: set[int] = set()
    parts: dict[Any, set[int]] = {}
    for _pk, model, object_id in records:
        if not object_id.isdigit():
            return None
        if model is Project:
            projects.add(int(object_id))
        else:
            parts.setdefault(model, set()).add(int(object_id))
    for model, ids in parts.items():
        owners = _owners(using, model, ids)
        if owners is None:
            return None
        projects |= owners
    return projects


def _owners(using: str, model: Any, ids: set[int]) -> set[int] | None:
    """The projects of milestones or reports ``ids``: from the rows, or for a row deleted
    since, from its last change record's snapshot."""
    found: dict[int, int] = {}
    for chunk in _chunks(sorted(ids), RECORD_CHUNK):
        rows = model.objects.using(using).filter(pk__in=chunk).values_list("pk", "project_id")
        found.update(rows)
    missing = ids - set(found)
    owners = set(found.values())
    for object_id in missing:
        owner = _owner_from_history(using, model, object_id)
        if owner is None:
            return None
        owners.add(owner)
    return owners


def _owner_from_history(using: str, model: Any, object_id: int) -> int | None:
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.db_manager(using).get_for_model(model)
    records = _records(using).filter(content_type=content_type, object_id=str(object_id))
    for before, after in records.order_by("-pk").values_list("before", "after"):
        for snapshot in (before, after):
            if isinstance(snapshot, dict) and "project_id" in snapshot:
                return int(snapshot["project_id"])
    return None


def _chunks(values: list[int], size: int) -> Iterable[list[int]]:
    for index in range(0, len(values), size):
        yield values[index : index + size]
