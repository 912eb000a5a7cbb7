"""One request's read of the ledger: the numbers targets, the race and the briefing ask for.

A :class:`LedgerView` holds the folded ledger at one version and the zones, and remembers each
per-zone table it computes: a plan's twenty targets over the same period, or the race's
hundred zones, cost one pass over the columns, not twenty or a hundred.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import polars as pl

from devzone.analytics.ledger import Rollup, yuan
from devzone.analytics.rollups import (
    MONEY,
    WeekNumbers,
    indicator_table,
    planned_table,
    week_numbers,
)


class LedgerView:
    """The ledger at one version, for one page, API call or command (get one with
    :func:`devzone.analytics.state.ledger_view`)."""

    def __init__(self, rollup: Rollup, zones: pl.DataFrame) -> None:
        self.rollup = rollup
        self.zones = zones
        self._tables: dict[tuple[Any, ...], _Table] = {}
        self._regions: dict[str, list[int]] = {}
        self._children: dict[int, list[int]] | None = None

    def _table(self, kind: str, start: dt.date, end: dt.date, key: str) -> _Table:
        name = (kind, start, end, key)
        if name not in self._tables:
            build = indicator_table if kind == "actual" else planned_table
            self._tables[name] = _Table(build(self.rollup, start, end, key), key)
        return self._tables[name]

    def _sums(self, kind: str, scope: Any, start: dt.date, end: dt.date) -> dict[str, int]:
        if scope.department_id is not None:
            table = self._table(kind, start, end, "department_id")
            return table.total([scope.department_id])
        table = self._table(kind, start, end, "zone_id")
        zones = scope.zone_ids or self.region_zone_ids(scope.region_prefix or "")
        return table.total(zones)

    def indicators(self, scope: Any, start: dt.date, end: dt.date) -> dict[str, Decimal]:
        """Every ledger query's value for a LedgerScope and a period (money in yuan)."""
        numbers = _decimals(self._sums("actual", scope, start, end))
        days = Decimal((end - start).days + 1)
        over = numbers.pop("count_over_100m")
        numbers["average_days_between_100m_projects"] = days / over if over else days
        return numbers

    def planned(self, scope: Any, after: dt.date, end: dt.date) -> dict[str, Decimal]:
        """What the planned dates add in (after, end], for the queries that have a plan."""
        return _decimals(self._sums("planned", scope, after, end))

    def week(
        self,
        zone_ids: list[int] | None,
        week: tuple[dt.date, dt.date],
        *,
        stalled_months: int,
        trend: list[dt.date],
    ) -> WeekNumbers:
        return week_numbers(self.rollup, zone_ids, week, stalled_months=stalled_months, trend=trend)

    def child_zone_ids(self, zone_id: int) -> list[int]:
        """The zones whose parent is ``zone_id`` (a zone's figures include them)."""
        if self._children is None:
            self._children = {}
            for child, parent in self.zones.select("id", "parent_id").iter_rows():
                if parent is not None:
                    self._children.setdefault(parent, []).append(child)
        return sorted(self._children.get(zone_id, []))

    def region_zone_ids(self, prefix: str) -> list[int]:
        """The zones whose region code starts with ``prefix``."""
        if prefix not in self._regions:
            zones = self.zones.filter(pl.col("region_code").str.starts_with(prefix))
            self._regions[prefix] = zones.get_column("id").to_list()
        return self._regions[prefix]


class _Table:
    """A per-zone (or per-department) table as Python rows: a scope's total is a sum over a
    few of them, cheaper than another pass of the engine for each of a plan's targets."""

    def __init__(self, frame: pl.DataFrame, key: str) -> None:
        self.names = [name for name in frame.columns if name != key]
        self.rows = {row[0]: row[1:] for row in frame.select(key, *self.names).iter_rows()}

    def total(self, keys: list[Any]) -> dict[str, int]:
        sums = [0] * len(self.names)
        for key in keys:
            for index, value in enumerate(self.rows.get(key, ())):
                sums[index] += value or 0
        return dict(zip(self.names, sums, strict=True))


def _decimals(sums: dict[str, int]) -> dict[str, Decimal]:
    return {name: yuan(value) if name in MONEY else Decimal(value) for name, value in sums.items()}
