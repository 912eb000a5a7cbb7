"""Charts drawn on the server as SVG: no JavaScript library, nothing to download, prints well.

Each function turns figures into the geometry a template draws (bars, points, labels), so the
templates stay declarative and the arithmetic is testable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from devzone.projects.choices import MilestoneKind
from devzone.projects.models import Milestone

WIDTH = 720
HEIGHT = 240
LEFT = 8
RIGHT = 8
TOP = 16
BOTTOM = 28


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: Decimal
    url: str = ""


@dataclass
class MonthChart:
    """Monthly amounts as bars and a cumulative planned path as a line."""

    width: int
    height: int
    bars: list[Bar]
    planned_points: str  # SVG polyline points of the cumulative planned path (may be "")
    actual_points: str  # SVG polyline points of the cumulative actual path
    maximum: Decimal
    baseline: float
    ticks: list[tuple[float, str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def month_chart(
    months: list[dt.date],
    actual: dict[dt.date, Decimal],
    planned_cumulative: dict[dt.date, Decimal] | None = None,
    urls: dict[dt.date, str] | None = None,
    *,
    cumulative_scale: bool = True,
) -> MonthChart:
    """Bars of each month's actual amount; lines of cumulative actual and planned amounts.

    With ``cumulative_scale`` the bars and lines share one scale (up to the larger cumulative
    figure), which is how a reader compares "done so far" against "planned so far".
    """
    planned_cumulative = planned_cumulative or {}
    urls = urls or {}
    running, cumulative = Decimal(0), []
    for month in months:
        running += actual.get(month, Decimal(0))
        cumulative.append(running)
    values = [actual.get(month, Decimal(0)) for month in months]
    tops = values + (cumulative if cumulative_scale else []) + list(planned_cumulative.values())
    maximum = max(tops, default=Decimal(0)) or Decimal(1)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(months), 1)
    baseline = TOP + plot_height

    def y_of(value: Decimal) -> float:
        return round(baseline - float(value / maximum) * plot_height, 1)

    bars = []
    for index, (month, value) in enumerate(zip(months, values, strict=True)):
        top = y_of(value)
        bars.append(
            Bar(
                x=round(LEFT + index * step + step * 0.15, 1),
                y=top,
                width=round(step * 0.7, 1),
                height=round(baseline - top, 1),
                label=f"{month:%m}",
                value=value,
                url=urls.get(month, ""),
            )
        )
    centre = [LEFT + index * step + step / 2 for index in range(len(months))]
    actual_points = " ".join(
        f"{x:.1f},{y_of(value)}" for x, value in zip(centre, cumulative, strict=True)
    )
    planned_points = " ".join(
        f"{x:.1f},{y_of(planned_cumulative[month])}"
        for x, month in zip(centre, months, strict=True)
        if month in planned_cumulative
    )
    return MonthChart(WIDTH, HEIGHT, bars, planned_points, actual_points, maximum, baseline)


# ---------------------------------------------------------------------------------------------
# Milestone timeline


@dataclass
class TimelineRow:
    label: str
    y: float
    planned_x: float | None
    actual_x: float | None
    planned: dt.date | None
    actual: dt.date | None
    late: bool


@dataclass
class Timeline:
    width: int
    height: int
    rows: list[TimelineRow]
    today_x: float | None
    years: list[tuple[float, str]]
    label_width: int

    @property
    def is_empty(self) -> bool:
        return not self.rows


TIMELINE_LABEL = 150
TIMELINE_ROW = 26


def milestone_timeline(milestones: list[Milestone], as_of: dt.date) -> Timeline:
    """Planned (hollow) and actual (filled) dates of each milestone on one time axis."""
    by_kind = {milestone.kind: milestone for milestone in milestones}
    dated = [day for m in milestones for day in (m.planned_date, m.actual_date) if day is not None]
    if not dated:
        return Timeline(WIDTH, 0, [], None, [], TIMELINE_LABEL)
    start = dt.date(min([*dated, as_of]).year, 1, 1)
    end = dt.date(max([*dated, as_of]).year, 12, 31)
    span = (end - start).days or 1
    plot = WIDTH - TIMELINE_LABEL - RIGHT

    def x_of(day: dt.date | None) -> float | None:
        if day is None:
            return None
        return round(TIMELINE_LABEL + (day - start).days / span * plot, 1)

    rows = []
    for kind, label in MilestoneKind.choices:
        milestone = by_kind.get(kind)
        if milestone is None:
            continue
        y = TOP + len(rows) * TIMELINE_ROW + TIMELINE_ROW / 2
        rows.append(
            TimelineRow(
                label=str(label),
                y=y,
                planned_x=x_of(milestone.planned_date),
                actual_x=x_of(milestone.actual_date),
                planned=milestone.planned_date,
                actual=milestone.actual_date,
                late=milestone.is_late,
            )
        )
    years = [
        (x_of(dt.date(year, 1, 1)) or 0, str(year)) for year in range(start.year, end.year + 1)
    ]
    height = TOP + len(rows) * TIMELINE_ROW + BOTTOM
    return Timeline(WIDTH, height, rows, x_of(as_of), years, TIMELINE_LABEL)
