"""Progress against targets, judged against time progress (序时进度).

The rules, also in docs/targets.md:

* **Time progress** is the share of the target's period elapsed on the as-of day. When the
  period runs from the first of a month to the last day of a month and the as-of day is the last
  day of a month, it is counted in whole months — 30 September of a calendar year is 9/12 = 75 %,
  the figure Chinese reports use ("by the end of September 75 % of the year has passed").
  Otherwise it is counted in days, both ends included: 2023-07-15 is 196/365.
* **Progress** is actual / target.
* **Pace**: an indicator that accumulates through the period (sums, counts) is compared with
  time progress; a level (a growth rate, an average) with 100 % of its target. The margin is
  the difference in percentage points; within ± ``tolerance`` points (2 unless told) it is on
  pace, above ahead, below behind. For an "at most" target the comparison flips: using less of
  the allowance than time has passed is ahead.

Ledger actuals come from the analytics engine (:mod:`devzone.analytics`): one read of the
ledger (a :class:`~devzone.analytics.view.LedgerView`) serves every target of a plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from devzone.analytics.state import ledger_view
from devzone.analytics.view import LedgerView
from devzone.targets.choices import SOURCE_LEDGER, SOURCE_SERIES, Direction, Pace, UnitKind
from devzone.targets.models import Plan, Target, TargetActual
from devzone.targets.projection import Projection, project_year_end
from devzone.targets.queries import LEDGER_QUERIES, ledger_scope

DEFAULT_TOLERANCE = Decimal(2)
ONE = Decimal(1)
HUNDRED = Decimal(100)


def _is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def _months(start: dt.date, end: dt.date) -> int:
    """Whole months from the first of ``start``'s month to the end of ``end``'s month."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def time_progress(start: dt.date, end: dt.date, as_of: dt.date) -> Decimal:
    """The share (0–1) of the period [start, end] elapsed at the end of ``as_of``."""
    if as_of < start:
        return Decimal(0)
    if as_of >= end:
        return ONE
    if start.day == 1 and _is_month_end(end) and _is_month_end(as_of):
        return Decimal(_months(start, as_of)) / Decimal(_months(start, end))
    return Decimal((as_of - start).days + 1) / Decimal((end - start).days + 1)


def judge(
    progress: Decimal,
    benchmark: Decimal,
    direction: str,
    tolerance: Decimal = DEFAULT_TOLERANCE,
) -> tuple[str, Decimal]:
    """Pace and margin (percentage points, positive = better) of ``progress`` vs ``benchmark``."""
    margin = (progress - benchmark) * HUNDRED
    if direction == Direction.AT_MOST:
        margin = -margin
    if margin > tolerance:
        return Pace.AHEAD, margin
    if margin < -tolerance:
        return Pace.BEHIND, margin
    return Pace.ON_PACE, margin


@dataclass
class TargetProgress:
    target: Target
    as_of: dt.date
    actual: Decimal | None
    actual_source: str
    time_progress: Decimal
    benchmark: Decimal
    progress: Decimal | None
    margin_points: Decimal | None
    pace: str
    projection: Projection | None

    @property
    def progress_percent(self) -> Decimal | None:
        return as_percent(self.progress)

    @property
    def time_percent(self) -> Decimal:
        return as_percent(self.time_progress)  # type: ignore[return-value]

    @property
    def margin_rounded(self) -> Decimal | None:
        if self.margin_points is None:
            return None
        return self.margin_points.quantize(Decimal("0.1"), ROUND_HALF_UP)

    def as_dict(self) -> dict[str, Any]:
        target = self.target
        return {
            "id": target.pk,
            "indicator": target.indicator.code,
            "name": target.indicator.name,
            "action": target.action.name if target.action_id else None,
            "scope": target.scope_label,
            "period": target.period_label,
            "target": _plain(target.value),
            "direction": target.direction,
            "unit": target.indicator.unit_kind,
            "actual": _plain(self.actual),
            "actual_source": self.actual_source,
            "progress_percent": _plain(self.progress_percent),
            "time_progress_percent": _plain(self.time_percent),
            "margin_points": _plain(self.margin_rounded),
            "pace": self.pace,
            "projection": self.projection.as_dict() if self.projection else None,
        }


def as_percent(fraction: Decimal | None) -> Decimal | None:
    if fraction is None:
        return None
    return (fraction * HUNDRED).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _plain(value: Decimal | None) -> str | None:
    if value is None:
        return None
    value = value.quantize(Decimal("0.0001"), ROUND_HALF_UP).normalize()
    return format(value, "f")


def actual_of(
    target: Target, as_of: dt.date, ledger: LedgerView | None = None
) -> tuple[Decimal | None, str]:
    """The actual value of ``target`` on ``as_of`` and a note on where it came from.

    A ledger indicator reads ``ledger`` (the ledger now when not given).
    """
    indicator = target.indicator
    end = min(as_of, target.period_end)
    if indicator.source_kind == SOURCE_LEDGER:
        query = LEDGER_QUERIES[indicator.source_key]
        ledger = ledger or ledger_view()
        scope = ledger_scope(target.scope, ledger)
        value = ledger.indicators(scope, target.period_start, end)[query.name]
        return value, _("ledger query %(name)s") % {"name": query.name}
    if indicator.source_kind == SOURCE_SERIES:
        found = series_actual(target, end)
        if found[0] is not None:
            return found
    return entered_actual(target, as_of)


def series_actual(target: Target, end: dt.date) -> tuple[Decimal | None, str]:
    """The newest point of the target's indicator series for its region or zone, from the
    start of the period to ``end`` (year to date, or the whole period): its growth for a rate
    target (规模以上工业增加值增速), else its value."""
    from devzone.indicators.analysis import growth
    from devzone.indicators.models import Observation

    subject = target.zone if target.zone_id else target.region
    if subject is None:
        return None, ""
    points = Observation.objects.for_subject(subject).filter(
        indicator__key=target.indicator.source_key,
        period_start=target.period_start,
        period_end__lte=end,
    )
    for point in points.order_by("-period_end", "-id"):
        value = growth(point) if target.indicator.unit_kind == UnitKind.RATE else point.value
        if value is not None:
            note = _("series %(key)s, %(start)s to %(end)s")
            key = target.indicator.source_key
            return value, note % {"key": key, "start": point.period_start, "end": point.period_end}
    return None, ""


def uses_ledger(target: Target) -> bool:
    return target.indicator.source_kind == SOURCE_LEDGER


def entered_actual(target: Target, as_of: dt.date) -> tuple[Decimal | None, str]:
    """The newest entered value on or before ``as_of``: manual indicators, and series
    indicators whose series has no point yet."""
    entry = TargetActual.objects.filter(target=target, as_of__lte=as_of).order_by("-as_of").first()
    if entry is None:
        return None, _("no value entered")
    return entry.value, _("entered value of %(day)s") % {"day": entry.as_of.isoformat()}


def evaluate(
    target: Target,
    as_of: dt.date,
    *,
    tolerance: Decimal = DEFAULT_TOLERANCE,
    with_projection: bool = True,
    ledger: LedgerView | None = None,
) -> TargetProgress:
    """Progress, pace and (optionally) the year-end projection of one target on ``as_of``."""
    if ledger is None and uses_ledger(target):
        ledger = ledger_view()
    elapsed = time_progress(target.period_start, target.period_end, as_of)
    benchmark = elapsed if target.indicator.accumulates else ONE
    actual, source = actual_of(target, as_of, ledger)
    progress = margin = None
    pace: str = Pace.NO_DATA
    if as_of < target.period_start:
        pace = Pace.NOT_STARTED  # nothing is ahead or behind before the period begins
    elif actual is not None and target.value:
        progress = actual / target.value
        pace, margin = judge(progress, benchmark, target.direction, tolerance)
        if as_of >= target.period_end:  # over: the target was met or it was not
            reached = progress <= ONE if target.direction == Direction.AT_MOST else progress >= ONE
            pace = Pace.MET if reached else Pace.MISSED
    elif actual is not None:
        pace = Pace.NO_TARGET  # a target of zero: no share of it can be done
    projection = None
    if with_projection and actual is not None:
        projection = project_year_end(target, as_of, actual, elapsed, ledger)
    return TargetProgress(
        target, as_of, actual, source, elapsed, benchmark, progress, margin, pace, projection
    )


def plan_progress(
    plan: Plan,
    as_of: dt.date,
    *,
    user: Any = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
    with_projection: bool = True,
    ledger: LedgerView | None = None,
) -> list[TargetProgress]:
    """Every target of ``plan`` the user may see (all of them for the operator, ``user=None``).

    The ledger is read once for all of them (or ``ledger`` is used, when given).
    """
    targets = Target.objects.filter(plan=plan)
    if user is not None:
        targets = targets.visible_to(user)
    targets = list(
        targets.select_related("indicator", "action", "region", "zone", "department").order_by(
            "action__order", "id"
        )
    )
    if ledger is None and any(uses_ledger(target) for target in targets):
        ledger = ledger_view()
    return [
        evaluate(target, as_of, tolerance=tolerance, with_projection=with_projection, ledger=ledger)
        for target in targets
    ]
