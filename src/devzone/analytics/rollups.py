"""Target, race and briefing numbers as pure functions over a folded ledger (:class:`Rollup`).

Each number means what the ledger query of the same name in :mod:`devzone.targets.queries`
means (the tests hold them equal); here a whole province's figures come from one pass over the
columns instead of one database aggregate per scope and indicator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import polars as pl

from devzone.analytics.ledger import MILESTONES, Rollup, date_column, month_start, yuan

MANUFACTURING = "manufacturing"
BILLION_FEN = 10**9 * 100
HUNDRED_MILLION_FEN = 10**8 * 100  # 1 亿
MONEY = ("planned_investment_of_manufacturing_projects_signed", "actual_investment")


def scope_filter(scope: Any) -> pl.Expr:
    """A filter on projects for a :class:`~devzone.targets.queries.LedgerScope` (None: all)."""
    if scope is None:
        return pl.lit(True)
    if scope.department_id is not None:
        return pl.col("department_id") == scope.department_id
    if scope.zone_ids:
        return pl.col("zone_id").is_in(list(scope.zone_ids))
    return pl.col("region_code").str.starts_with(scope.region_prefix or "")


def _reached(kind: str, start: dt.date, end: dt.date) -> pl.Expr:
    return pl.col(date_column(kind)).is_between(start, end).fill_null(False)


def target_exprs(start: dt.date, end: dt.date) -> list[pl.Expr]:
    """The project-side indicators of a period, named as the ledger queries."""
    signed = _reached("signed", start, end)
    manufacturing = signed & (pl.col("kind") == MANUFACTURING)
    planned = pl.col("planned_investment")
    return [
        planned.filter(manufacturing)
        .sum()
        .alias("planned_investment_of_manufacturing_projects_signed"),
        manufacturing.sum().alias("count_manufacturing_signed"),
        signed.sum().alias("count_signed"),
        (manufacturing & (planned >= BILLION_FEN)).sum().alias("count_projects_over"),
        (signed & (planned >= HUNDRED_MILLION_FEN)).sum().alias("count_over_100m"),
        _reached("construction_started", start, end).sum().alias("count_started"),
        _reached("completed", start, end).sum().alias("count_completed"),
        _reached("in_production", start, end).sum().alias("count_in_production"),
    ]


def _months(start: dt.date, end: dt.date) -> pl.Expr:
    return pl.col("month").is_between(month_start(start), end)


def target_frame(rollup: Rollup, start: dt.date, end: dt.date, by: pl.Expr) -> pl.DataFrame:
    """Every indicator per group ``by`` (an expression over ``zone_id`` / ``region_code``,
    e.g. the prefecture), money in fen; ``actual_investment`` comes from the zone × month sums.
    """
    key = by.alias("key")
    frame = rollup.projects.group_by(key).agg(target_exprs(start, end))
    actual = (
        rollup.zone_month.filter(_months(start, end))
        .group_by(key)
        .agg(pl.col("amount").sum().alias("actual_investment"))
    )
    return frame.join(actual, on="key", how="left").with_columns(
        pl.col("actual_investment").fill_null(0)
    )


def target_indicators(
    rollup: Rollup, scope: Any, start: dt.date, end: dt.date
) -> dict[str, Decimal]:
    """The ledger queries' values for one scope and period (money in yuan)."""
    projects = rollup.projects.filter(scope_filter(scope))
    values = projects.select(target_exprs(start, end)).row(0, named=True)
    values["actual_investment"] = _actual_fen(rollup, scope, start, end)
    numbers = {
        name: yuan(value) if name in MONEY else Decimal(int(value or 0))
        for name, value in values.items()
    }
    days = Decimal((end - start).days + 1)
    over = numbers.pop("count_over_100m")
    numbers["average_days_between_100m_projects"] = days / over if over else days
    return numbers


def _actual_fen(rollup: Rollup, scope: Any, start: dt.date, end: dt.date) -> int:
    """From the zone × month sums, except for a department, which cuts across zones."""
    if scope is not None and scope.department_id is not None:
        ids = rollup.projects.filter(scope_filter(scope)).get_column("id")
        reports = rollup.reports.filter(pl.col("project_id").is_in(ids.implode()))
    else:
        reports = rollup.zone_month.filter(scope_filter(scope))
    return int(reports.filter(_months(start, end)).get_column("amount").sum() or 0)


RACE_INDICATORS = (
    "planned_investment_of_manufacturing_projects_signed",
    "count_started",
    "actual_investment",
)


def race_frame(rollup: Rollup, start: dt.date, end: dt.date, by: str = "zone_id") -> pl.DataFrame:
    """The race's year-to-date indicators per zone (or region code), money in fen."""
    frame = target_frame(rollup, start, end, pl.col(by))
    return frame.select(pl.col("key").alias(by), *RACE_INDICATORS)


@dataclass(frozen=True)
class BriefingNumbers:
    """The briefing's counts and series for a week (money in yuan)."""

    signed: int
    signed_investment: Decimal
    milestones_met: int
    stalled: int
    investment_by_month: dict[dt.date, Decimal]
    pipeline: dict[str, tuple[int, Decimal]]  # stage → (count, planned investment)


def briefing_numbers(
    rollup: Rollup,
    week: tuple[dt.date, dt.date],
    *,
    stalled_since: dt.date,
    trend: list[dt.date],
    scope: Any = None,
) -> BriefingNumbers:
    """Signings and milestones of the week, stalled projects at its end, the trend, the pipeline.

    Stalled: construction started and not completed by the week's end, and no report of money
    since ``stalled_since`` (``last_money`` is the ledger's last month with money, which is the
    week's view when the briefing is for the current week).
    """
    start, end = week
    projects = rollup.projects.filter(scope_filter(scope))
    summary = projects.select(*_week_exprs(start, end, stalled_since)).row(0, named=True)
    months = (
        rollup.zone_month.filter(scope_filter(scope) & pl.col("month").is_in(trend))
        .group_by("month")
        .agg(pl.col("amount").sum())
    )
    return BriefingNumbers(
        signed=int(summary["signed"] or 0),
        signed_investment=yuan(summary["signed_investment"]),
        milestones_met=int(summary["milestones_met"] or 0),
        stalled=int(summary["stalled"] or 0),
        investment_by_month={month: yuan(amount) for month, amount in months.iter_rows()},
        pipeline=_pipeline(projects, end),
    )


def _week_exprs(start: dt.date, end: dt.date, stalled_since: dt.date) -> list[pl.Expr]:
    signed = _reached("signed", start, end)
    met = pl.sum_horizontal(_reached(kind, start, end).cast(pl.Int64) for kind in MILESTONES)
    started = (pl.col(date_column("construction_started")) <= end).fill_null(False)
    completed = (pl.col(date_column("completed")) <= end).fill_null(False)
    quiet = pl.col("last_money").is_null() | (pl.col("last_money") < stalled_since)
    return [
        signed.sum().alias("signed"),
        pl.col("planned_investment").filter(signed).sum().alias("signed_investment"),
        met.sum().alias("milestones_met"),
        (started & ~completed & quiet).sum().alias("stalled"),
    ]


def stage_expr(end: dt.date) -> pl.Expr:
    """The latest step of the lifecycle reached by ``end`` ("planned" before signing)."""
    stage = pl.lit("planned")
    for kind in MILESTONES:
        stage = pl.when(pl.col(date_column(kind)) <= end).then(pl.lit(kind)).otherwise(stage)
    return stage.alias("stage")


def _pipeline(projects: pl.DataFrame, end: dt.date) -> dict[str, tuple[int, Decimal]]:
    frame = projects.group_by(stage_expr(end)).agg(
        pl.len().alias("count"), pl.col("planned_investment").sum().alias("planned")
    )
    return {stage: (int(count), yuan(planned)) for stage, count, planned in frame.iter_rows()}
