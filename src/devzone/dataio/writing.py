"""Carrying out a plan: projects, milestones and investor links written in bulk, with history.

Must run inside one transaction (the importer opens it): ids are reserved first, so that the
milestones and investor links of new projects can be inserted in the same batches.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Model

from devzone.dataio.bulk import (
    BulkWriter,
    Statements,
    json_date,
    json_text,
    record_changes_bulk,
)
from devzone.dataio.planning import MILESTONE_COLUMNS, PROJECT_COLUMNS, Change, Plan
from devzone.enterprises.models import Enterprise
from devzone.projects.choices import MilestoneKind
from devzone.projects.models import Milestone, Project, ProjectInvestor

LINK_COLUMNS = ("project_id", "enterprise_id", "role")
NEW_MODELS = (Project, Milestone, ProjectInvestor)
STAMPED = ("id", "created_at", "updated_at")  # the first columns of a new project or milestone


def apply_plan(plan: Plan, writer: BulkWriter, *, enterprise_names: dict[int, str]) -> None:
    """Write ``plan`` and the change records of it all.

    The records come out in the order of the plan: the projects' (created, then updated), the
    milestones', the investor links'.
    """
    _write_projects(plan, writer)
    _write_milestones(plan, writer)
    _write_links(plan, writer, enterprise_names)
    writer.flush_history()


def insert_new(plan: Plan, writer: BulkWriter) -> None:
    """Insert the new projects of ``plan``, their milestones and links, and their records.

    For the early writes of an import (:mod:`devzone.dataio.overlap`): the change records are
    made by the database from the rows just inserted, while the next rows are being checked on
    another thread (SQLite and PostgreSQL work without holding Python's interpreter lock).
    Each row of the file then knows its project's id.
    """
    projects = _insert_projects(plan, writer)
    milestones = _insert_milestones(plan, writer)
    links = _insert_links(plan, writer)
    _record_new_projects(writer, projects)
    _record_new_milestones(writer, milestones)
    _record_new_links(writer, links)


class NewIds:
    """The ids the next new projects, milestones and investor links take, counted on.

    Read once inside the import's transaction (:meth:`BulkWriter.next_id`); the thread that
    checks rows then gives each new record its id without asking the database. Ids of rows
    finally not written are left unused.
    """

    def __init__(self, writer: BulkWriter) -> None:
        self.following = {model: writer.next_id(model) for model in NEW_MODELS}

    def take(self, model: type[Model]) -> int:
        pk = self.following[model]
        self.following[model] = pk + 1
        return pk


@dataclass
class Prepared:
    """The INSERT statements of a plan's new records, made with their ids on another thread."""

    statements: list[tuple[str, list[Any]]]
    ids: dict[type[Model], list[int]]


def prepare_new(plan: Plan, ids: NewIds, statements: Statements, now: Any) -> Prepared:
    """Give the new records of ``plan`` their ids and make their INSERT statements.

    For the early writes of an import, on the thread that checks rows: what
    :func:`insert_new` would send, so the writing thread only executes it.
    """
    project_of: dict[int, int] = {}
    values = operator.itemgetter(*PROJECT_COLUMNS)
    projects = []
    for change in plan.projects_new:
        change.pk = project_of[id(change.row)] = ids.take(Project)
        projects.append((change.pk, now, now, *values(change.after)))
    milestone = operator.itemgetter(*MILESTONE_COLUMNS[1:])
    milestones = []
    for change in plan.milestones_new:
        change.pk = ids.take(Milestone)
        owner = project_of[id(change.row)]
        milestones.append((change.pk, now, now, owner, *milestone(change.after)))
    link = operator.itemgetter(*LINK_COLUMNS[1:])
    links = []
    for change in plan.links_new:
        change.pk = ids.take(ProjectInvestor)
        links.append((change.pk, project_of[id(change.row)], *link(change.after)))
    made = statements.insert(Project, (*STAMPED, *PROJECT_COLUMNS), projects)
    made += statements.insert(Milestone, (*STAMPED, *MILESTONE_COLUMNS), milestones)
    made += statements.insert(ProjectInvestor, ("id", *LINK_COLUMNS), links)
    return Prepared(
        made,
        {
            Project: [c.pk for c in plan.projects_new],  # type: ignore[misc]
            Milestone: [c.pk for c in plan.milestones_new],  # type: ignore[misc]
            ProjectInvestor: [c.pk for c in plan.links_new],  # type: ignore[misc]
        },
    )


def insert_prepared(plan: Plan, prepared: Prepared, writer: BulkWriter) -> None:
    """Run what :func:`prepare_new` made; as :func:`insert_new`, each row knows its id."""
    writer.execute_all(prepared.statements)
    for change in plan.projects_new:
        change.row.project_id = change.pk  # type: ignore[union-attr]
    _record_new_projects(writer, prepared.ids[Project])
    _record_new_milestones(writer, prepared.ids[Milestone])
    _record_new_links(writer, prepared.ids[ProjectInvestor])


def _snapshot(pk: int, values: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if values is None else {"id": pk, **values}


def _write_projects(plan: Plan, writer: BulkWriter) -> None:
    ids = _insert_projects(plan, writer)
    now = writer.db_now
    writer.update(
        Project,
        (*PROJECT_COLUMNS, "updated_at"),
        ((*(c.after[k] for k in PROJECT_COLUMNS), now, c.pk) for c in plan.projects_changed),
    )
    for change in plan.projects_changed:
        change.row.project_id = change.pk  # type: ignore[union-attr]
    _record_new_projects(writer, ids)
    record_changes_bulk(writer, Project, _history(plan.projects_changed))


def _record_new_projects(writer: BulkWriter, ids: list[int]) -> None:
    snapshot = writer.snapshot_sql(Project, ("id", *PROJECT_COLUMNS))
    writer.record_inserted(Project, ids, label="t.name", snapshot=snapshot)


def _insert_projects(plan: Plan, writer: BulkWriter) -> list[int]:
    """Insert the new projects; each row of the file then knows its project's id."""
    changes = plan.projects_new
    ids = _ids_of(changes, Project, writer)
    for change, pk in zip(changes, ids, strict=True):
        change.pk = change.row.project_id = pk  # type: ignore[union-attr]
    values = operator.itemgetter(*PROJECT_COLUMNS)
    now = writer.db_now
    rows = ((c.pk, now, now, *values(c.after)) for c in changes)  # type: ignore[arg-type]
    writer.insert(Project, (*STAMPED, *PROJECT_COLUMNS), rows)
    return ids


def _insert_milestones(plan: Plan, writer: BulkWriter) -> list[int]:
    now = writer.db_now
    return _insert_owned(Milestone, plan.milestones_new, MILESTONE_COLUMNS, writer, (now, now))


def _insert_links(plan: Plan, writer: BulkWriter) -> list[int]:
    return _insert_owned(ProjectInvestor, plan.links_new, LINK_COLUMNS, writer, ())


def _insert_owned(
    model: type[Model],
    changes: list[Change],
    columns: tuple[str, ...],
    writer: BulkWriter,
    stamps: tuple[Any, ...],
) -> list[int]:
    """Insert milestones or investor links (``columns`` start with ``project_id``).

    Those of a new project point at the id just reserved for it (see :func:`_insert_projects`);
    ``stamps`` are the values of ``created_at`` and ``updated_at``, if the table has them.
    """
    ids = _ids_of(changes, model, writer)
    rest = operator.itemgetter(*columns[1:])
    rows = (
        (pk, *stamps, c.after["project_id"] or c.row.project_id, *rest(c.after))  # type: ignore[index,union-attr]
        for c, pk in zip(changes, ids, strict=True)
    )
    head = STAMPED if stamps else ("id",)
    writer.insert(model, (*head, *columns), rows)
    return ids


def _ids_of(changes: list[Change], model: type[Model], writer: BulkWriter) -> list[int]:
    """The ids given by :func:`prepare_new`, or fresh ones."""
    if changes and all(change.pk is not None for change in changes):
        return [change.pk for change in changes]  # type: ignore[misc]
    return writer.reserve_ids(model, len(changes))


def _history(changes: list[Change], label=None, encode=_snapshot):  # type: ignore[no-untyped-def]
    for change in changes:
        text = label(change) if label else change.label
        yield change.pk, text, encode(change.pk, change.before), encode(change.pk, change.after)


def _milestone_json(pk: int, values: dict[str, Any] | None) -> str | None:
    """The snapshot of a milestone as JSON text: 400,000 of them, json.dumps is too slow."""
    if values is None:
        return None
    return (
        f'{{"id": {pk}, "project_id": {values["project_id"]}, "kind": "{values["kind"]}", '
        f'"planned_date": {json_date(values["planned_date"])}, '
        f'"actual_date": {json_date(values["actual_date"])}, '
        f'"note": {json_text(values["note"])}}}'
    )


def _link_json(pk: int, values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return (
        f'{{"id": {pk}, "project_id": {values["project_id"]}, '
        f'"enterprise_id": {values["enterprise_id"]}, "role": "{values["role"]}"}}'
    )


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _kind_label(kind: str) -> str:
    return str(MilestoneKind(kind).label)


def _write_milestones(plan: Plan, writer: BulkWriter) -> None:
    ids = _insert_milestones(plan, writer)
    now = writer.db_now
    columns = ("planned_date", "actual_date", "note")
    writer.update(
        Milestone,
        (*columns, "updated_at"),
        ((*(c.after[k] for k in columns), now, c.pk) for c in plan.milestones_changed),
    )
    _record_new_milestones(writer, ids)
    labels = {kind: _kind_label(kind) for kind in MilestoneKind.values}

    def label(change: Change) -> str:
        return f"{change.label} · {labels[(change.after or change.before or {})['kind']]}"

    changes = plan.milestones_changed
    record_changes_bulk(writer, Milestone, _history(changes, label, _milestone_json))


def _write_links(plan: Plan, writer: BulkWriter, enterprise_names: dict[int, str]) -> None:
    ids = _insert_links(plan, writer)
    writer.update(ProjectInvestor, ("role",), ((c.after["role"], c.pk) for c in plan.links_changed))
    writer.delete(ProjectInvestor, [c.pk for c in plan.links_gone])
    _record_new_links(writer, ids)

    def label(change: Change) -> str:
        values = change.after or change.before or {}
        return f"{enterprise_names.get(values['enterprise_id'], '?')} → {change.label}"

    changes = plan.links_changed + plan.links_gone
    record_changes_bulk(writer, ProjectInvestor, _history(changes, label, _link_json))


def _record_new_milestones(writer: BulkWriter, ids: list[int]) -> None:
    """Their records are made by the database from the rows just inserted."""
    labels = {kind: _kind_label(kind) for kind in MilestoneKind.values}
    kinds = " ".join("WHEN %s THEN %s" for _kind in labels)
    writer.record_inserted(
        Milestone,
        ids,
        label=f"p.name || ' · ' || CASE t.kind {kinds} ELSE t.kind END",
        params=[value for pair in labels.items() for value in pair],
        joins=f"JOIN {_table(Project)} p ON p.id = t.project_id",
        snapshot=writer.snapshot_sql(Milestone, ("id", *MILESTONE_COLUMNS)),
    )


def _record_new_links(writer: BulkWriter, ids: list[int]) -> None:
    writer.record_inserted(
        ProjectInvestor,
        ids,
        label="e.legal_name || ' → ' || p.name",
        joins=(
            f"JOIN {_table(Project)} p ON p.id = t.project_id "
            f"JOIN {_table(Enterprise)} e ON e.id = t.enterprise_id"
        ),
        snapshot=writer.snapshot_sql(ProjectInvestor, ("id", *LINK_COLUMNS)),
    )
