"""Year-end projection of a target, and how it was made.

In order of preference, for indicators that accumulate:

1. ``final`` — the period is over: the actual is the answer.
2. ``planned_dates`` — the ledger query knows what the planned dates add between the as-of
   day and the period end (signings, starts, completions, productions still to come):
   actual + that.
3. ``last_year_pattern`` — the same query over last year has a value by the same day: the
   actual is scaled by last year's full-period / same-day ratio (if 60 % of last year's
   investment had come in by September, this year's September figure is 60 % of the year).
4. ``linear`` — actual / time progress.

A level (a growth rate, an average) is projected at its current value (``latest``).

Ledger values come from the same :class:`~devzone.analytics.view.LedgerView` as the actual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from devzone.analytics.state import ledger_view
from devzone.targets.choices import SOURCE_LEDGER
from devzone.targets.queries import LEDGER_QUERIES, LedgerQuery, ledger_scope

if TYPE_CHECKING:
    from devzone.analytics.view import LedgerView
    from devzone.targets.models import Target


@dataclass
class Projection:
    value: Decimal
    method: str
    explanation: str

    def as_dict(self) -> dict[str, Any]:
        rounded = self.value.quantize(Decimal("0.01"), ROUND_HALF_UP)
        return {"value": format(rounded, "f"), "method": self.method, "note": self.explanation}


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def project_year_end(
    target: Target,
    as_of: dt.date,
    actual: Decimal,
    elapsed: Decimal,
    ledger: LedgerView | None = None,
) -> Projection | None:
    """``ledger`` is needed for a ledger indicator (the one the actual was read from)."""
    indicator = target.indicator
    if as_of >= target.period_end:
        return Projection(actual, "final", _("The period is over."))
    if not indicator.accumulates:
        return Projection(actual, "latest", _("A level: projected at its latest value."))
    if indicator.source_kind == SOURCE_LEDGER:
        ledger = ledger or ledger_view()
        query = LEDGER_QUERIES[indicator.source_key]
        found = _from_planned_dates(query, target, as_of, actual, ledger) or _from_last_year(
            query, target, as_of, actual, ledger
        )
        if found:
            return found
    if elapsed <= 0:
        return None
    return Projection(
        actual / elapsed,
        "linear",
        _("Actual divided by time progress (%(share)s %%).")
        % {"share": (elapsed * 100).quantize(Decimal("0.1"))},
    )


def _from_planned_dates(
    query: LedgerQuery, target: Target, as_of: dt.date, actual: Decimal, ledger: LedgerView
) -> Projection | None:
    if query.planned is None:
        return None
    scope = ledger_scope(target.scope, ledger)
    to_come = ledger.planned(scope, as_of, target.period_end)[query.name]
    if not to_come:
        return None
    return Projection(
        actual + to_come,
        "planned_dates",
        _("Actual plus %(more)s more planned in the ledger by %(end)s.")
        % {"more": _num(to_come), "end": target.period_end.isoformat()},
    )


def _from_last_year(
    query: LedgerQuery, target: Target, as_of: dt.date, actual: Decimal, ledger: LedgerView
) -> Projection | None:
    scope = ledger_scope(target.scope, ledger)
    start = _year_earlier(target.period_start)
    same_day = ledger.indicators(scope, start, _year_earlier(as_of))[query.name]
    if not same_day:
        return None
    whole = ledger.indicators(scope, start, _year_earlier(target.period_end))[query.name]
    return Projection(
        actual * whole / same_day,
        "last_year_pattern",
        _("Last year %(share)s %% of the period's total had come in by the same day.")
        % {"share": (same_day * 100 / whole).quantize(Decimal("0.1"))},
    )


def _num(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01"), ROUND_HALF_UP).normalize(), "f")
