"""The ledger as columns: what the rollups read, and the aggregates folded from the reports.

Money is kept as whole fen (``Int64``) so that sums are exact and fast; :func:`yuan` turns a
sum back into a Decimal of yuan. A project has two date columns per lifecycle step: the actual
date (``signed_date`` … ``in_production_date``) and the planned one (``signed_planned`` …), each
null when the ledger has none. Zones are a frame of their own (id, parent, region code), read
fresh for every request: it is small, and a zone moved to another region then counts at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import polars as pl

#: The lifecycle in order, as :data:`devzone.projects.choices.MILESTONE_ORDER` (a test keeps
#: them equal); repeated here so the engine imports without Django.
MILESTONES = (
    "signed",
    "approved",
    "land_supplied",
    "construction_started",
    "completed",
    "in_production",
)


def date_column(kind: str) -> str:
    """The column of the actual date of lifecycle step ``kind``."""
    return f"{kind}_date"


def planned_column(kind: str) -> str:
    """The column of the planned date of lifecycle step ``kind``."""
    return f"{kind}_planned"


PROJECT_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Int64(),
    "zone_id": pl.Int64(),
    "department_id": pl.Int64(),
    "kind": pl.Utf8(),
    "planned_investment": pl.Int64(),  # fen
    **{date_column(kind): pl.Date() for kind in MILESTONES},
    **{planned_column(kind): pl.Date() for kind in MILESTONES},
}
REPORT_SCHEMA: dict[str, pl.DataType] = {
    "project_id": pl.Int64(),
    "month": pl.Date(),
    "amount": pl.Int64(),  # fen
}
ZONE_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Int64(),
    "parent_id": pl.Int64(),
    "region_code": pl.Utf8(),
}
#: The aggregate of the reports the rollups sum: investment per zone × department × month.
SUM_KEYS = ("zone_id", "department_id", "month")
FEN = Decimal(100)


def yuan(fen: int | None) -> Decimal:
    """Whole fen → Decimal yuan (2 places)."""
    return Decimal(int(fen or 0)) / FEN


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_full_month(end: dt.date) -> dt.date:
    """The first day of the last month that has ended by ``end``.

    A monthly investment report states the whole month, so progress on 8 October counts the
    reports up to September: October's is not a week's work, and counting it would put the
    figure ahead of the time it is compared with.
    """
    following = end + dt.timedelta(days=1)
    return add_months(month_start(end), 0 if following.day == 1 else -1)


def add_months(month: dt.date, count: int) -> dt.date:
    """As :func:`devzone.projects.querysets.add_months` (the first of the month ``count`` on)."""
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def conform(frame: pl.DataFrame, schema: dict[str, Any]) -> pl.DataFrame:
    """Add missing columns as nulls and cast to ``schema`` (dates may arrive as text)."""
    columns = []
    for name, dtype in schema.items():
        if name not in frame.columns:
            columns.append(pl.lit(None, dtype=dtype).alias(name))
        elif dtype == pl.Date and frame.schema[name] == pl.Utf8:
            columns.append(pl.col(name).str.slice(0, 10).str.to_date().alias(name))
        else:
            columns.append(pl.col(name).cast(dtype))
    return frame.select(columns)


@dataclass(frozen=True)
class Ledger:
    """Projects (one row each, with their lifecycle dates) and their monthly reports.

    The extractor leaves out reports of no money (nothing to add, and no progress); the folds
    give the same with or without them.
    """

    projects: pl.DataFrame
    reports: pl.DataFrame

    @classmethod
    def from_frames(cls, projects: pl.DataFrame, reports: pl.DataFrame) -> Ledger:
        """Add missing columns as nulls and cast to the schemas (extractors may read less)."""
        return cls(conform(projects, PROJECT_SCHEMA), conform(reports, REPORT_SCHEMA))


@dataclass(frozen=True)
class Rollup:
    """The ledger folded for the rollups.

    ``sums`` is investment per zone × department × month: every scope a target, the race or
    the briefing asks about (a region, zones, a department, the zones a user may see) is a set
    of zones or a department, so the sums of a period come from a few thousand rows instead of
    the millions of reports. ``money`` is the months in which each project reported money
    (> 0), what the stalled rule asks. ``reports`` stays so that :meth:`replace` can take a
    project's old reports out of ``sums``.
    """

    projects: pl.DataFrame
    reports: pl.DataFrame
    sums: pl.DataFrame
    money: pl.DataFrame

    def replace(self, project_ids: Iterable[int], fresh: Ledger) -> Rollup:
        """This rollup with the projects ``project_ids`` (and their reports) read again.

        ``fresh`` holds what the database has now for those projects: a deleted project is
        simply absent. The sums lose the projects' old reports and gain the new ones, so the
        cost follows the number of projects changed, not the size of the ledger.
        """
        ids = pl.Series("id", sorted(set(project_ids)), dtype=pl.Int64).implode()
        gone = pl.col("project_id").is_in(ids)
        old_reports = self.reports.filter(gone)
        old_projects = self.projects.filter(pl.col("id").is_in(ids))
        removed = _sums(old_projects, old_reports).with_columns(-pl.col("amount"))
        added = _sums(fresh.projects, fresh.reports)
        sums = (
            pl.concat([self.sums, removed, added])
            .group_by(SUM_KEYS)
            .agg(pl.col("amount").sum())
            .filter(pl.col("amount") != 0)
        )
        return Rollup(
            projects=pl.concat([self.projects.filter(~pl.col("id").is_in(ids)), fresh.projects]),
            reports=pl.concat([self.reports.filter(~gone), fresh.reports]),
            sums=sums,
            money=pl.concat([self.money.filter(~gone), _money(fresh.reports)]),
        )


def fold(ledger: Ledger) -> Rollup:
    projects, reports = ledger.projects, ledger.reports
    return Rollup(projects, reports, _sums(projects, reports), _money(reports))


def _money(reports: pl.DataFrame) -> pl.DataFrame:
    return reports.filter(pl.col("amount") > 0).select("project_id", "month")


def _sums(projects: pl.DataFrame, reports: pl.DataFrame) -> pl.DataFrame:
    owners = projects.select("id", "zone_id", "department_id")
    return (
        reports.join(owners, left_on="project_id", right_on="id")
        .group_by(SUM_KEYS)
        .agg(pl.col("amount").sum())
    )
