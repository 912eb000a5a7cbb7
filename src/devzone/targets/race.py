"""The district race: score every zone of a region on a scorecard for a month, and rank them.

Rules (also in docs/targets.md):

* **Who runs**: the top-level zones of the scorecard's region (zones without a parent zone);
  a zone's figures include its child zones (the cluster includes its starting area).
* **Values**: each indicator is measured year to date, from 1 January to the end of the month
  (the cumulative 1–N月 figures Chinese reports rank on). Ledger indicators run their query;
  series and manual indicators read the zone's entered actual (missing counts as 0).
* **Normalised** rule: on each indicator the best zone gets 100 and every other zone
  100 × value / best (higher is better) or 100 × best / value (lower is better); negative values
  count as 0. The score is the weighted mean of the points (0–100).
* **Rank points** rule: on each indicator the first of N zones gets N points, the last 1
  (ties share the better place); the score is the weighted mean of the points.
* Rank by score (ties share the better place, then by name); gap = leader's score − score;
  movement = last month's rank − this month's (positive: places gained); the top
  ``list_size`` are the red list, the bottom ``list_size`` the black list (at most half each).

Ledger values come from the analytics engine: one read of the ledger for the whole race.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from devzone.analytics.state import ledger_view
from devzone.analytics.view import LedgerView
from devzone.core.clock import today
from devzone.core.history import delete_with_history, save_with_history
from devzone.projects.querysets import add_months
from devzone.regions.models import Zone
from devzone.targets.choices import SOURCE_LEDGER, ListMark, ScoringRule
from devzone.targets.models import Indicator, RaceResult, Scorecard, TargetActual
from devzone.targets.queries import LEDGER_QUERIES, ledger_scope
from devzone.targets.services import require_region_edit

HUNDRED = Decimal(100)
CENTS = Decimal("0.01")


def parse_month(text: str) -> dt.date:
    """ "2023-09" → 2023-09-01."""
    year, month = text.strip().split("-")[:2]
    return dt.date(int(year), int(month), 1)


def month_end(month: dt.date) -> dt.date:
    return add_months(month, 1) - dt.timedelta(days=1)


@dataclass
class Entry:
    zone: Zone
    values: dict[str, Decimal] = field(default_factory=dict)
    points: dict[str, Decimal] = field(default_factory=dict)
    score: Decimal = Decimal(0)
    rank: int = 0
    gap: Decimal = Decimal(0)
    movement: int | None = None
    mark: str = ListMark.NONE


def runners(scorecard: Scorecard) -> list[Zone]:
    prefix = scorecard.region.code_prefix
    zones = Zone.objects.filter(region__code__startswith=prefix, parent__isnull=True)
    return list(zones.order_by("name"))


def indicator_value(
    indicator: Indicator,
    zone: Zone,
    start: dt.date,
    end: dt.date,
    ledger: LedgerView | None = None,
) -> Decimal:
    if indicator.source_kind == SOURCE_LEDGER:
        name = LEDGER_QUERIES[indicator.source_key].name
        ledger = ledger or ledger_view()
        return ledger.indicators(ledger_scope(zone, ledger), start, end)[name]
    entry = (
        TargetActual.objects.filter(
            target__indicator=indicator,
            target__zone=zone,
            target__period_start__lte=end,
            target__period_end__gte=end,
            as_of__lte=end,
        )
        .order_by("-as_of")
        .first()
    )
    return entry.value if entry else Decimal(0)


def normalised_points(values: list[Decimal], higher_is_better: bool) -> list[Decimal]:
    values = [max(value, Decimal(0)) for value in values]
    if higher_is_better:
        best = max(values, default=Decimal(0))
        return [value * HUNDRED / best if best else Decimal(0) for value in values]
    positive = [value for value in values if value > 0]
    best = min(positive, default=Decimal(0))
    return [best * HUNDRED / value if value else HUNDRED for value in values]


def rank_points(values: list[Decimal], higher_is_better: bool) -> list[Decimal]:
    count = len(values)
    points = []
    for value in values:
        better = sum(
            1 for other in values if (other > value if higher_is_better else other < value)
        )
        points.append(Decimal(count - better))
    return points


def competition_ranks(scores: list[Decimal]) -> list[int]:
    """1, 1, 3 …: ties share the better place."""
    return [1 + sum(1 for other in scores if other > score) for score in scores]


def score_race(
    scorecard: Scorecard, month: dt.date, ledger: LedgerView | None = None
) -> list[Entry]:
    """Compute (without storing) the ranking of ``month`` (a first-of-month date)."""
    start, end = dt.date(month.year, 1, 1), month_end(month)
    items = list(scorecard.items.select_related("indicator"))
    if ledger is None and any(item.indicator.source_kind == SOURCE_LEDGER for item in items):
        ledger = ledger_view()
    entries = [Entry(zone) for zone in runners(scorecard)]
    rule = normalised_points if scorecard.rule == ScoringRule.NORMALISED else rank_points
    total_weight = sum((item.weight for item in items), Decimal(0)) or Decimal(1)
    for item in items:
        code = item.indicator.code
        values = [
            indicator_value(item.indicator, entry.zone, start, end, ledger) for entry in entries
        ]
        for entry, value, points in zip(
            entries, values, rule(values, item.higher_is_better), strict=True
        ):
            entry.values[code] = value
            entry.points[code] = points
            entry.score += item.weight * points / total_weight
    _rank(entries, scorecard, month)
    return entries


def _rank(entries: list[Entry], scorecard: Scorecard, month: dt.date) -> None:
    for entry in entries:
        entry.score = entry.score.quantize(CENTS, ROUND_HALF_UP)
    for entry, rank in zip(entries, competition_ranks([e.score for e in entries]), strict=True):
        entry.rank = rank
    entries.sort(key=lambda entry: (entry.rank, entry.zone.name))
    if not entries:
        return
    leader = entries[0].score
    previous = dict(
        RaceResult.objects.filter(scorecard=scorecard, period=add_months(month, -1)).values_list(
            "zone_id", "rank"
        )
    )
    size = min(scorecard.list_size, len(entries) // 2)
    # Lists go by rank, so zones with equal scores share their mark: the red list is the first
    # places, the black list the last ones counted from the bottom, ties sharing the worse
    # place (nine zones tied at zero all trail). When every zone scores the same (a month
    # without figures, say), nobody leads or trails and there are no lists.
    differ = leader != entries[-1].score
    from_bottom = competition_ranks([-entry.score for entry in entries])
    for entry, bottom in zip(entries, from_bottom, strict=True):
        entry.gap = leader - entry.score
        if entry.zone.pk in previous:
            entry.movement = previous[entry.zone.pk] - entry.rank
        if differ and entry.rank <= size and entry.rank <= bottom:
            entry.mark = ListMark.RED  # among the first (a large tie may reach both lists)
        elif differ and bottom <= size:
            entry.mark = ListMark.BLACK


@transaction.atomic
def run_race(scorecard: Scorecard, month: dt.date, *, actor: Any) -> list[RaceResult]:
    """Score ``month`` and store its ranking (replacing a stored one of the same month).

    A month that has not begun is refused: its ranking would be every zone at zero."""
    require_region_edit(actor, scorecard.region)
    if month > today().replace(day=1):
        message = _("%(month)s has not begun: a race ranks months already under way.")
        raise ValidationError({"period": message % {"month": f"{month:%Y-%m}"}})
    existing = {
        result.zone_id: result
        for result in RaceResult.objects.filter(scorecard=scorecard, period=month)
    }
    results = []
    for entry in score_race(scorecard, month):
        result = existing.pop(entry.zone.pk, None) or RaceResult(
            scorecard=scorecard, period=month, zone=entry.zone
        )
        result.rank, result.score, result.gap_to_leader = entry.rank, entry.score, entry.gap
        result.movement, result.mark = entry.movement, entry.mark
        result.values = {
            code: {"value": _text(entry.values[code]), "points": _text(entry.points[code])}
            for code in entry.values
        }
        save_with_history(result, actor=actor)
        results.append(result)
    for stale in existing.values():
        delete_with_history(stale, actor=actor)
    return results


def stored_race(scorecard: Scorecard, month: dt.date) -> list[RaceResult]:
    return list(
        RaceResult.objects.filter(scorecard=scorecard, period=month)
        .select_related("zone")
        .order_by("rank", "zone__name")
    )


def race_trend(scorecard: Scorecard, months: int = 12) -> dict[int, list[tuple[dt.date, int]]]:
    """Each zone's rank over the stored periods (oldest first), for trend lines."""
    trend: dict[int, list[tuple[dt.date, int]]] = {}
    rows = RaceResult.objects.filter(scorecard=scorecard).order_by("period")
    for zone_id, period, rank in rows.values_list("zone_id", "period", "rank"):
        trend.setdefault(zone_id, []).append((period, rank))
    return {zone: points[-months:] for zone, points in trend.items()}


def _text(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.0001"), ROUND_HALF_UP).normalize(), "f")


def entry_as_dict(entry: Entry) -> dict[str, Any]:
    """A computed ranking row for JSON (command line and API)."""
    return {
        "rank": entry.rank,
        "zone": str(entry.zone),
        "zone_slug": entry.zone.slug,
        "score": str(entry.score),
        "gap": str(entry.gap),
        "movement": entry.movement,
        "list": entry.mark or None,
        "values": {code: _text(value) for code, value in entry.values.items()},
    }


def result_as_dict(result: RaceResult) -> dict[str, Any]:
    """A stored ranking row for JSON (command line and API)."""
    return {
        "rank": result.rank,
        "zone": str(result.zone),
        "zone_slug": result.zone.slug,
        "score": str(result.score),
        "gap": str(result.gap_to_leader),
        "movement": result.movement,
        "list": result.mark or None,
        "values": {code: item["value"] for code, item in result.values.items()},
    }
