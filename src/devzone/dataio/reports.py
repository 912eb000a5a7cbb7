"""Importing monthly investment figures (月报): one row per project and month.

The project is found by code, else by name within the zone, exactly as for the ledger; a row
for a project devzone does not know is an error (reports never create projects). Submitting
the same month again corrects it, as :func:`~devzone.projects.services.submit_investment_report`
does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from devzone.accounts.scope import can_edit_zone
from devzone.core.clock import today
from devzone.dataio import cells
from devzone.dataio.bulk import BulkWriter, large_cache, record_changes_bulk
from devzone.dataio.headers import REPORT_TABLE
from devzone.dataio.importing import (
    Progress,
    _collect,
    _no_progress,
    flag_cell_problems,
    unitless_money,
)
from devzone.dataio.layout import Layout, find_layout
from devzone.dataio.lookups import Places, clean_name
from devzone.dataio.reading import SpreadsheetError, open_table
from devzone.dataio.rejected import write_rejected
from devzone.dataio.results import ImportResult, Issue
from devzone.projects.models import InvestmentReport, Project
from devzone.regions.models import Zone

REPORT_COLUMNS = (
    "project_id",
    "month",
    "amount",
    "progress_text",
    "progress_percent",
    "submitted_by_id",
)


@dataclass
class ReportRow:
    number: int
    values: list[object]
    code: str = ""
    name: str = ""
    zone: Zone | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    project: tuple[int, int, str] | None = None  # (id, zone id, name)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def error(self, column: str, message: str, value: object = "") -> None:
        self.errors.append(Issue(self.number, column, message, cells.text(value)))


def import_reports(
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
    """Import (or check) monthly investment reports; all or nothing unless ``skip_invalid``."""
    progress = progress or _no_progress
    result = ImportResult("reports", dry_run)
    try:
        table = open_table(path, sheet=sheet)
        layout, data = find_layout(table, REPORT_TABLE, required_any=("name", "code"))
        raw = _collect(data, progress)
        _require_columns(layout, ("month", "amount"))
    except SpreadsheetError as exc:
        result.file_error = exc.message
        return result
    result.rows, result.unknown_columns = len(raw), layout.unknown
    result.warnings += unitless_money(layout)  # 300 in a column headed 本月完成投资: 300 元?
    rows = [_read(number, values, layout, Places.load(), default_zone) for number, values in raw]
    for row in rows:
        if table.cell_problems:
            flag_cell_problems(row, layout, table)
    _match(rows, actor)
    changes = _plan([r for r in rows if not r.errors], actor)
    bad = [r for r in rows if r.errors]
    for row in rows:
        result.errors.extend(row.errors)
        result.warnings.extend(row.warnings)
    result.created = sum(1 for c in changes if c[1] is None)
    result.updated = sum(1 for c in changes if c[1] is not None)
    result.unchanged = len(rows) - len(bad) - len(changes)
    result.rejected = len(bad)
    if bad and rejected_path and (skip_invalid or dry_run):
        write_rejected(rejected_path, layout, bad)
        result.rejected_path = str(rejected_path)
    if dry_run or (bad and not skip_invalid):
        return result
    with transaction.atomic(), large_cache():
        _write(changes, BulkWriter(actor=actor))
    result.committed = True
    return result


def _require_columns(layout: Layout, keys: tuple[str, ...]) -> None:
    missing = [key for key in keys if key not in layout.keys]
    if missing:
        names = {"month": "月份 / Month", "amount": "本月完成投资 / Amount"}
        raise SpreadsheetError(
            "no_header", _("The sheet has no column %s.") % "、".join(names[k] for k in missing)
        )


def _read(
    number: int, values: list[object], layout: Layout, places: Places, default_zone: Zone | None
) -> ReportRow:
    row = ReportRow(number, values, zone=default_zone)
    for column in layout.columns:
        value = values[column.index] if column.index < len(values) else None
        warnings: list[str] = []
        try:
            _read_cell(row, column, value, places, warnings)
        except cells.CellError as exc:
            row.error(column.header, str(exc), value)
        row.warnings.extend(Issue(number, column.header, w, cells.text(value)) for w in warnings)
    if "month" in row.fields and row.fields["month"] is None:
        row.error(layout.column("month").header, _("Give the month."))  # type: ignore[union-attr]
    if row.fields.get("amount") is None and not row.errors:
        row.error(layout.column("amount").header, _("Give the amount."))  # type: ignore[union-attr]
    return row


def _read_cell(row: ReportRow, column: Any, value: object, places: Places, warnings: list) -> None:
    key = column.spec.key
    if key == "code":
        row.code = cells.text(value)
    elif key == "name":
        row.name = cells.text(value)
    elif key == "zone" and cells.text(value):
        found = places.zone(cells.text(value))
        if len(found) != 1:
            raise cells.CellError(_("Unknown zone “%s”.") % cells.text(value))
        row.zone = found[0]
    elif key == "month":
        row.fields["month"] = cells.month(value, warnings)
        if row.fields["month"] and row.fields["month"] > today():
            raise cells.CellError(_("%s is a month still to come.") % cells.text(value))
    elif key == "amount":
        found = cells.money(value, column.unit, warnings)
        if found is not None and found[1] != "CNY":  # reports are in yuan, like the ledger
            raise cells.CellError(
                _("This column is in yuan; %s is in another currency.") % cells.text(value)
            )
        row.fields["amount"] = found[0] if found else None
    elif key == "progress_text":
        row.fields["progress_text"] = cells.text(value)[:500]
    elif key == "progress_percent":
        row.fields["progress_percent"] = cells.percent(value, warnings)


def _match(rows: list[ReportRow], actor: Any) -> None:
    codes = sorted({r.code for r in rows if r.code})
    zones = sorted({r.zone.pk for r in rows if r.zone is not None})
    found = Project.objects.filter(code__in=codes) | Project.objects.filter(zone_id__in=zones)
    by_code, by_name = {}, defaultdict(list)
    for pk, code, zone, name in found.values_list("id", "code", "zone_id", "name"):
        if code:
            by_code[code] = (pk, zone, name)
        by_name[(zone, clean_name(name))].append((pk, zone, name))
    editable: dict[int, bool] = {}
    seen: dict[tuple[int, Any], int] = {}
    for row in rows:
        candidates = (
            [by_code[row.code]]
            if row.code in by_code
            else by_name.get((row.zone.pk if row.zone else None, clean_name(row.name)), [])
        )
        if len(candidates) != 1:
            label = row.code or row.name
            if candidates:
                message = _("“%s” names more than one project: give the project code.") % label
            elif row.zone is None and not row.code:
                message = (
                    _(
                        "“%s” has no project code and no zone: a project is found by its code, or "
                        "by its name within a zone (a zone column, or --zone)."
                    )
                    % label
                )
            else:
                message = _("No project “%s” in devzone: import the ledger first.") % label
            row.error("", message)
            continue
        row.project = candidates[0]
        zone_id = row.project[1]
        if actor is not None and zone_id not in editable:
            editable[zone_id] = can_edit_zone(actor, Zone.objects.get(pk=zone_id))
        if actor is not None and not editable[zone_id]:
            row.error("", _("You may not change records of this project's zone."))
        key = (row.project[0], row.fields.get("month"))
        if key in seen:
            row.error("", _("Row %d already reports this project and month.") % seen[key])
        seen.setdefault(key, row.number)


def _plan(rows: list[ReportRow], actor: Any) -> list[tuple[ReportRow, Any, dict[str, Any]]]:
    """(row, existing report values or None, new values) for every report that changes."""
    ids = sorted({r.project[0] for r in rows if r.project})
    existing = {
        (r["project_id"], r["month"]): r
        for r in InvestmentReport.objects.filter(project_id__in=ids).values("id", *REPORT_COLUMNS)
    }
    submitter = actor.pk if getattr(actor, "is_authenticated", False) else None
    changes = []
    for row in rows:
        current = existing.get((row.project[0], row.fields["month"]))  # type: ignore[index]
        after = {
            "project_id": row.project[0],
            "month": row.fields["month"],  # type: ignore[index]
            "amount": row.fields["amount"],
            "progress_text": row.fields.get("progress_text", ""),
            "progress_percent": row.fields.get("progress_percent"),
            "submitted_by_id": submitter,
        }
        if current is not None:
            before = {k: current[k] for k in REPORT_COLUMNS}
            after["submitted_by_id"] = submitter or before["submitted_by_id"]
            if after == before:
                continue
            changes.append((row, {"id": current["id"], **before}, after))
        else:
            changes.append((row, None, after))
    return changes


def _write(changes: list[tuple[ReportRow, Any, dict[str, Any]]], writer: BulkWriter) -> None:
    new = [c for c in changes if c[1] is None]
    ids = writer.reserve_ids(InvestmentReport, len(new))
    now = writer.db_now
    writer.insert(
        InvestmentReport,
        ("id", "created_at", "updated_at", *REPORT_COLUMNS),
        (
            (pk, now, now, *(c[2][k] for k in REPORT_COLUMNS))
            for c, pk in zip(new, ids, strict=True)
        ),
    )
    changed = [c for c in changes if c[1] is not None]
    writer.update(
        InvestmentReport,
        (*REPORT_COLUMNS, "updated_at"),
        ((*(c[2][k] for k in REPORT_COLUMNS), now, c[1]["id"]) for c in changed),
    )

    def label(row: ReportRow, values: dict[str, Any]) -> str:
        return f"{row.project[2]} · {values['month']:%Y-%m}"  # type: ignore[index]

    history = [
        (pk, label(c[0], c[2]), None, {"id": pk, **c[2]}) for c, pk in zip(new, ids, strict=True)
    ]
    history += [(c[1]["id"], label(c[0], c[2]), c[1], {"id": c[1]["id"], **c[2]}) for c in changed]
    record_changes_bulk(writer, InvestmentReport, history)
    writer.flush_history()
