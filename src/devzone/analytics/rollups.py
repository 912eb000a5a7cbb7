"""Target, race and briefing numbers as pure functions over a folded ledger (:class:`Rollup`).

Each indicator means what the ledger query of the same name in :mod:`devzone.targets.queries`
means, and the stage and the stalled rule are those of
:meth:`devzone.projects.querysets.ProjectQuerySet.with_status` (the tests hold them equal).
Here a whole province's figures come from one pass over the columns per period instead of one
database aggregate per scope and indicator: every indicator is computed per zone (or per
department) at once, and a scope's value is the sum over its zones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from devzone.analytics.ledger import (
    MILESTONES,
    Rollup,
    add_months,
    date_column,
    last_full_month,
    month_start,
    planned_column,
)

MANUFACTURING = "manufacturing"
BILLION_FEN = 10**9 * 100
HUNDRED_MILLION_FEN = 10**8 * 100  # 1 亿
#: Indicators summed in fen (the others are counts).
MONEY = ("planned_investment_of_manufacturing_projects_signed", "actual_investment")
PLANNED = "planned"  # the stage before signing
UNDER_CONSTRUCTION = "construction_started"


# --- Scopes -----------------------------------------------------------------------------------


def zones_filter(zone_ids: list[int] | None) -> pl.Expr:
    """Projects (or sums) in ``zone_ids``; None: every zone."""
    return pl.lit(True) if zone_ids is None else pl.col("zone_id").is_in(zone_ids)


# --- Target indicators ------------------------------------------------------------------------


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


def _to_come(kind: str, after: dt.date, end: dt.date) -> pl.Expr:
    """Not reached yet, and planned for a day in (after, end]."""
    planned = pl.col(planned_column(kind))
    return (pl.col(date_column(kind)).is_null() & (planned > after) & (planned <= end)).fill_null(
        False
    )


def planned_exprs(after: dt.date, end: dt.date) -> list[pl.Expr]:
    """What the planned dates add in (after, end]: the ledger queries' planned parts."""
    manufacturing = _to_come("signed", after, end) & (pl.col("kind") == MANUFACTURING)
    return [
        pl.col("planned_investment")
        .filter(manufacturing)
        .sum()
        .alias("planned_investment_of_manufacturing_projects_signed"),
        manufacturing.sum().alias("count_manufacturing_signed"),
        _to_come("construction_started", after, end).sum().alias("count_started"),
        _to_come("completed", after, end).sum().alias("count_completed"),
        _to_come("in_production", after, end).sum().alias("count_in_production"),
    ]


def _months(start: dt.date, end: dt.date) -> pl.Expr:
    return pl.col("month").is_between(month_start(start), last_full_month(end))


def indicator_table(rollup: Rollup, start: dt.date, end: dt.date, key: str) -> pl.DataFrame:
    """Every indicator of the period per ``key`` (``zone_id`` or ``department_id``), in fen.

    ``actual_investment`` comes from the zone × department × month sums.
    """
    frame = rollup.projects.group_by(key).agg(target_exprs(start, end))
    actual = (
        rollup.sums.filter(_months(start, end))
        .group_by(key)
        .agg(pl.col("amount").sum().alias("actual_investment"))
    )
    return frame.join(actual, on=key, how="left", nulls_equal=True).with_columns(
        pl.col("actual_investment").fill_null(0)
    )


def planned_table(rollup: Rollup, after: dt.date, end: dt.date, key: str) -> pl.DataFrame:
    """The planned parts of (after, end] per ``key``."""
    return rollup.projects.group_by(key).agg(planned_exprs(after, end))


# --- Stage, status, and the week --------------------------------------------------------------


def stage_expr(as_of: dt.date) -> pl.Expr:
    """The latest step of the lifecycle reached by ``as_of`` ("planned" before signing).

    As ``with_stage``: the reached milestone with the highest position, whatever the order
    in which the dates fall.
    """
    stage = pl.lit(PLANNED)
    for kind in MILESTONES:
        reached = (pl.col(date_column(kind)) <= as_of).fill_null(False)
        stage = pl.when(reached).then(pl.lit(kind)).otherwise(stage)
    return stage.alias("stage")


def stalled_projects(rollup: Rollup, where: pl.Expr, as_of: dt.date, months: int) -> pl.DataFrame:
    """Projects (``id``, ``planned_investment``) stalled on ``as_of``, as ``with_status``:

    under construction (the stage on ``as_of`` is "construction started": started, neither
    completed nor in production) and no report of money (> 0) for a month from ``months``
    months before ``as_of``'s month up to ``as_of``. Reports after ``as_of`` do not count, so a
    past week is judged as it stood then.
    """
    since = add_months(month_start(as_of), -months)
    paying = (
        rollup.money.filter(pl.col("month").is_between(since, as_of)).select("project_id").unique()
    )
    building = rollup.projects.filter(where & (stage_expr(as_of) == UNDER_CONSTRUCTION))
    return building.join(paying, left_on="id", right_on="project_id", how="anti").select(
        "id", "planned_investment"
    )


def pipeline(rollup: Rollup, where: pl.Expr, as_of: dt.date) -> dict[str, tuple[int, int]]:
    """Stage → (projects, planned investment in fen) on ``as_of``."""
    frame = (
        rollup.projects.filter(where)
        .group_by(stage_expr(as_of))
        .agg(pl.len().alias("count"), pl.col("planned_investment").sum().alias("planned"))
    )
    return {stage: (int(count), int(planned or 0)) for stage, count, planned in frame.iter_rows()}


def investment_by_month(rollup: Rollup, where: pl.Expr, months: list[dt.date]) -> dict:
    """Month → investment reported for it (fen), for the ``months`` given (missing: none)."""
    frame = (
        rollup.sums.filter(where & pl.col("month").is_in(months))
        .group_by("month")
        .agg(pl.col("amount").sum())
    )
    return {month: int(amount) for month, amount in frame.iter_rows()}


def signed_in(rollup: Rollup, where: pl.Expr, start: dt.date, end: dt.date) -> pl.DataFrame:
    """Projects signed in [start, end]: ``id``, ``day``, ``planned_investment`` (fen)."""
    return rollup.projects.filter(where & _reached("signed", start, end)).select(
        "id", pl.col(date_column("signed")).alias("day"), "planned_investment"
    )


def milestones_met(rollup: Rollup, where: pl.Expr, start: dt.date, end: dt.date) -> pl.DataFrame:
    """Steps reached in [start, end]: ``project_id``, ``kind``, ``day`` (the actual date)."""
    projects = rollup.projects.filter(where)
    parts = [
        projects.filter(_reached(kind, start, end)).select(
            pl.col("id").alias("project_id"),
            pl.lit(kind).alias("kind"),
            pl.col(date_column(kind)).alias("day"),
        )
        for kind in MILESTONES
    ]
    return pl.concat(parts)


def milestones_missed(rollup: Rollup, where: pl.Expr, start: dt.date, end: dt.date) -> pl.DataFrame:
    """Steps planned in [start, end] and not reached, or reached later than planned:
    ``project_id``, ``kind``, ``day`` (the planned date)."""
    projects = rollup.projects.filter(where)
    parts = []
    for kind in MILESTONES:
        planned, actual = pl.col(planned_column(kind)), pl.col(date_column(kind))
        late = planned.is_between(start, end) & (actual.is_null() | (actual > planned))
        parts.append(
            projects.filter(late.fill_null(False)).select(
                pl.col("id").alias("project_id"), pl.lit(kind).alias("kind"), planned.alias("day")
            )
        )
    return pl.concat(parts)


@dataclass(frozen=True)
class WeekNumbers:
    """The ledger side of a weekly briefing, as project ids and sums in fen."""

    signed: pl.DataFrame
    met: pl.DataFrame
    missed: pl.DataFrame
    stalled: pl.DataFrame
    investment_by_month: dict[dt.date, int]
    pipeline: dict[str, tuple[int, int]]


def week_numbers(
    rollup: Rollup,
    zone_ids: list[int] | None,
    week: tuple[dt.date, dt.date],
    *,
    stalled_months: int,
    trend: list[dt.date],
) -> WeekNumbers:
    """Signings and steps of the week, stalled projects and the pipeline at its end, and the
    investment of the ``trend`` months, over the projects of ``zone_ids`` (None: all)."""
    start, end = week
    where = zones_filter(zone_ids)
    return WeekNumbers(
        signed=signed_in(rollup, where, start, end),
        met=milestones_met(rollup, where, start, end),
        missed=milestones_missed(rollup, where, start, end),
        stalled=stalled_projects(rollup, where, end, stalled_months),
        investment_by_month=investment_by_month(rollup, where, trend),
        pipeline=pipeline(rollup, where, end),
    )
