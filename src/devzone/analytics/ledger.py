"""The ledger as columns: what the rollups read, and the aggregates folded from the reports.

Money is kept as whole fen (``Int64``) so that sums are exact and fast; :func:`yuan` turns a
sum back into a Decimal of yuan. A project has one date column per lifecycle step
(``signed_date`` … ``in_production_date``), the actual date or null.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

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
PROJECT_SCHEMA = {
    "id": pl.Int64,
    "zone_id": pl.Int64,
    "department_id": pl.Int64,
    "region_code": pl.Utf8,
    "kind": pl.Utf8,
    "planned_investment": pl.Int64,  # fen
    **{f"{kind}_date": pl.Date for kind in MILESTONES},
}
REPORT_SCHEMA = {"project_id": pl.Int64, "month": pl.Date, "amount": pl.Int64}  # fen
FEN = Decimal(100)


def date_column(name: str) -> str:
    return f"{name}_date"


def yuan(fen: int | None) -> Decimal:
    """Whole fen → Decimal yuan (2 places)."""
    return Decimal(int(fen or 0)) / FEN


@dataclass(frozen=True)
class Ledger:
    """Projects (one row each, with their zone's region code) and monthly reports."""

    projects: pl.DataFrame
    reports: pl.DataFrame

    @classmethod
    def from_frames(cls, projects: pl.DataFrame, reports: pl.DataFrame) -> Ledger:
        """Add missing columns as nulls and cast to the schemas (extractors may read less)."""
        return cls(_conform(projects, PROJECT_SCHEMA), _conform(reports, REPORT_SCHEMA))


def _conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
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
class Rollup:
    """The ledger folded for the rollups.

    ``projects`` gains ``last_money`` (the last month with a report of money > 0);
    ``zone_month`` is investment per zone × month (with the zone's region code). Both are what
    a report submission changes in O(1), so they can be kept up to date incrementally;
    ``reports`` stays for scopes that cut across zones (a department).
    """

    projects: pl.DataFrame
    zone_month: pl.DataFrame
    reports: pl.DataFrame


def fold(ledger: Ledger) -> Rollup:
    projects, reports = ledger.projects, ledger.reports
    zones = projects.select("zone_id", "region_code").unique("zone_id")
    zone_month = (
        reports.join(projects.select("id", "zone_id"), left_on="project_id", right_on="id")
        .group_by("zone_id", "month")
        .agg(pl.col("amount").sum())
        .join(zones, on="zone_id")
    )
    last_money = (
        reports.filter(pl.col("amount") > 0)
        .group_by("project_id")
        .agg(pl.col("month").max().alias("last_money"))
    )
    projects = projects.join(last_money, left_on="id", right_on="project_id", how="left")
    return Rollup(projects=projects, zone_month=zone_month, reports=reports)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)
