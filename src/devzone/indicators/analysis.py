"""Derived views of series: monthly from cumulative, growth, ranks, gaps in points, shares.

Nothing here is stored: every figure is computed from observations when asked, so a corrected
observation corrects every view at once. All arithmetic goes through
:mod:`devzone.core.units` (growth rates, percentage-point gaps), never through floats.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext

from devzone.core.units import UnitError, growth_rate, points_difference
from devzone.core.units.quantity import DIVISION_CONTEXT, canonical_decimal
from devzone.indicators.choices import NATIONAL_CODE, RankBy
from devzone.indicators.models import Indicator, Observation
from devzone.indicators.periods import period_label
from devzone.regions.choices import RegionLevel
from devzone.regions.models import Region, Zone


@dataclass(frozen=True)
class Point:
    """A derived value over a period (e.g. one month obtained from two cumulative values)."""

    start: date
    end: date
    value: Decimal

    @property
    def label(self) -> str:
        return period_label(self.start, self.end, False)


@dataclass(frozen=True)
class RankRow:
    region: Region
    rank: int
    figure: Decimal


@dataclass(frozen=True)
class Ranking:
    """The place of each region among the regions of the same parent, best first."""

    rows: list[RankRow]
    by: str
    peers: int = 0  # regions of the same parent, with a figure or not

    def rank_of(self, region: Region) -> int | None:
        return next((row.rank for row in self.rows if row.region.pk == region.pk), None)

    @property
    def size(self) -> int:
        return len(self.rows)


def series(subject: Region | Zone, indicator: Indicator, *, cumulative: bool | None = None):  # type: ignore[no-untyped-def]
    """The observations of one subject and indicator in time order."""
    found = Observation.objects.for_subject(subject).filter(indicator=indicator)
    if cumulative is not None:
        found = found.filter(cumulative=cumulative)
    return found.order_by("period_end", "period_start")


def monthly_from_cumulative(observations: list[Observation]) -> list[Point]:
    """Period values as differences of consecutive year-to-date values within each year.

    January's cumulative value is January's own. When a month is missing (statistics offices
    publish 1-2月 together) the difference covers every month since the previous figure, and
    its period says so (2023-01..02).
    """
    points: list[Point] = []
    previous: Observation | None = None
    for observation in sorted(observations, key=lambda o: o.period_end):
        if not observation.cumulative or observation.value is None:
            continue
        same_year = previous is not None and previous.period_end.year == observation.period_end.year
        if same_year and previous is not None and previous.value is not None:
            start = previous.period_end + timedelta(days=1)
            value = observation.value - previous.value
        else:
            start, value = observation.period_start, observation.value
        points.append(Point(start, observation.period_end, canonical_decimal(value)))
        previous = observation
    return points


def previous_year(observation: Observation) -> Observation | None:
    """The same subject, indicator and period one year earlier, if recorded."""
    start, end = observation.period_start, observation.period_end
    return (
        Observation.objects.filter(
            indicator_id=observation.indicator_id,
            region_id=observation.region_id,
            zone_id=observation.zone_id,
            cumulative=observation.cumulative,
            period_start=_year_before(start),
            period_end=_year_before(end),
        )
        .exclude(value__isnull=True)
        .first()
    )


def _year_before(day: date) -> date:
    """The same day a year earlier; the last day of a month stays the last day, so the
    period ending 28 February 2025 follows the one ending 29 February 2024, and back."""
    last = calendar.monthrange(day.year, day.month)[1]
    earlier = calendar.monthrange(day.year - 1, day.month)[1]
    if day.day == last:
        return date(day.year - 1, day.month, earlier)
    return date(day.year - 1, day.month, min(day.day, earlier))


def growth_basis(observation: Observation) -> str:
    """ "avg_annual" for a period of several years (its growth is the average annual rate the
    source published: 年均增长6.2%), else "yoy" (on the same period a year earlier)."""
    return "avg_annual" if observation.period_end.year > observation.period_start.year else "yoy"


def growth(observation: Observation) -> Decimal | None:
    """Year-on-year growth in percent: as published, else computed from last year's value."""
    if observation.yoy is not None:
        return observation.yoy
    before = previous_year(observation)
    if observation.value is None or before is None or before.value is None:
        return None
    try:
        return growth_rate(observation.value, before.value)
    except UnitError:
        return None


def _figure(observation: Observation, by: str) -> Decimal | None:
    return growth(observation) if by == RankBy.GROWTH else observation.value


def peers(region: Region) -> list[Region]:
    """The regions of the same parent (the national pseudo-region is nobody's peer)."""
    return list(
        Region.objects.filter(parent_id=region.parent_id, level=region.level).exclude(
            code=NATIONAL_CODE
        )
    )


def rank_among_peers(
    region: Region,
    indicator: Indicator,
    start: date,
    end: date,
    *,
    cumulative: bool = False,
    by: str = RankBy.VALUE,
) -> Ranking:
    """Rank ``region`` and its peers on ``indicator`` over a period (competition ranking:
    equal figures share a place, the next place is skipped). Regions without a figure are
    left out, so "second of 11" only counts regions with data."""
    group = peers(region)
    observations = Observation.objects.filter(
        indicator=indicator,
        region__in=group,
        period_start=start,
        period_end=end,
        cumulative=cumulative,
    ).select_related("region")
    figures = [(o.region, f) for o in observations if (f := _figure(o, by)) is not None]
    figures.sort(key=lambda pair: (-pair[1], pair[0].code))
    rows: list[RankRow] = []
    for index, (peer, figure) in enumerate(figures):
        tied = rows and rows[-1].figure == figure
        rows.append(RankRow(peer, rows[-1].rank if tied else index + 1, figure))
    return Ranking(rows, str(by), len(group))


def province_of(subject: Region | Zone) -> Region | None:
    region = subject.region if isinstance(subject, Zone) else subject
    while region is not None and region.level != RegionLevel.PROVINCE:
        region = region.parent
    if region is not None and region.code == NATIONAL_CODE:
        return None
    return region


def matching(observation: Observation, subject: Region | Zone) -> Observation | None:
    """The observation of another subject for the same indicator and period."""
    return (
        Observation.objects.for_subject(subject)
        .filter(
            indicator_id=observation.indicator_id,
            period_start=observation.period_start,
            period_end=observation.period_end,
            cumulative=observation.cumulative,
        )
        .first()
    )


def gap_in_points(observation: Observation, reference: Observation | None) -> Decimal | None:
    """How many percentage points the growth is above (+) or below (−) the reference's."""
    if reference is None:
        return None
    mine, theirs = growth(observation), growth(reference)
    if mine is None or theirs is None:
        return None
    return points_difference(mine, theirs)


@dataclass(frozen=True)
class Gaps:
    national: Decimal | None
    provincial: Decimal | None


def gaps(observation: Observation) -> Gaps:
    """The gap to the national and to the provincial growth over the same period."""
    national = Region.objects.filter(code=NATIONAL_CODE).first()
    province = province_of(observation.subject)
    is_province = province is not None and observation.region_id == province.pk
    is_national = national is not None and observation.region_id == national.pk
    return Gaps(
        national=None
        if national is None or is_national
        else gap_in_points(observation, matching(observation, national)),
        provincial=None
        if province is None or is_province
        else gap_in_points(observation, matching(observation, province)),
    )


def share(part: Observation, whole: Observation | None) -> Decimal | None:
    """``part``'s value as a percentage of ``whole``'s ("21% of the province's trade")."""
    if whole is None or part.value is None or not whole.value:
        return None
    if part.unit != whole.unit:
        return None
    with localcontext(DIVISION_CONTEXT):
        return canonical_decimal(part.value * 100 / whole.value)


def share_of_region(observation: Observation) -> Decimal | None:
    """A zone's value as a share of its region's value for the same indicator and period."""
    if observation.zone_id is None:
        return None
    return share(observation, matching(observation, observation.zone.region))
