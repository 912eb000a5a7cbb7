"""Indicator series over the REST API: the catalogue, a series, a ranking, gaps and shares.

Reads follow :meth:`ObservationQuerySet.visible_to`; figures are decimal strings, never floats.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from devzone.api.errors import READ_ERRORS
from devzone.api.pages import Pages
from devzone.core.clock import check_plausible
from devzone.core.units.quantity import plain_decimal
from devzone.indicators import analysis
from devzone.indicators.cli import observation_dict
from devzone.indicators.models import Indicator, Observation
from devzone.regions.models import Region, Zone

router = Router(tags=["indicators"])


class IndicatorOut(Schema):
    key: str
    name: str
    name_en: str
    unit_kind: str
    default_unit: str
    in_catalogue: bool


class ObservationOut(Schema):
    period: str
    start: dt.date
    end: dt.date
    granularity: str
    cumulative: bool
    value: str | None
    unit: str
    yoy: str | None
    qualifier: str
    rank: str
    source: str


class SeriesOut(Schema):
    subject: str
    indicator: str
    observations: list[ObservationOut]


class RankRowOut(Schema):
    rank: int
    region: str
    name: str
    figure: str
    ranked: int = Field(description="Regions with a figure, all ranked here.")
    peers: int = Field(description="Regions of the same parent, with a figure or not.")


class DerivedOut(Schema):
    observation: int
    growth: str | None
    growth_basis: Literal["yoy", "avg_annual"] = Field(
        description="yoy: on the same period a year earlier; avg_annual: the average annual "
        "rate over a period of several years."
    )
    gap_national_points: str | None
    gap_provincial_points: str | None
    share_of_region_percent: str | None


def _plain(value: Any) -> str | None:
    return None if value is None else plain_decimal(value)


def _subject(code: str) -> Region | Zone:
    found = Region.objects.filter(code=code).first() or Zone.objects.filter(slug=code).first()
    if found is None:
        raise Http404
    return found


@router.get("/indicators/catalogue", response={200: list[IndicatorOut], **READ_ERRORS})
@paginate(Pages, page_size=100)
def catalogue(request: HttpRequest, all: bool = False) -> Any:
    """The catalogue (``all=true``: also the indicators created by imports)."""
    found = Indicator.objects.all() if all else Indicator.objects.filter(in_catalogue=True)
    return list(found)


@router.get("/indicators/series", response={200: SeriesOut, **READ_ERRORS})
def series(request: HttpRequest, subject: str, indicator: str) -> Any:
    """One series of a region (GB/T 2260 code) or a zone (slug), oldest first."""
    place = _subject(subject)
    found = get_object_or_404(Indicator, key=indicator)
    observations = (
        Observation.objects.visible_to(request.auth)
        .for_subject(place)
        .filter(indicator=found)
        .order_by("period_end", "period_start")
    )
    rows = [observation_dict(o) for o in observations]
    return {"subject": str(place), "indicator": found.key, "observations": rows}


@router.get("/indicators/ranking", response={200: list[RankRowOut], **READ_ERRORS})
def ranking(
    request: HttpRequest,
    region: str,
    indicator: str,
    start: dt.date,
    end: dt.date,
    cumulative: bool = False,
    by: Literal["value", "growth"] = "value",
) -> Any:
    """``region`` and the regions of the same parent ranked on one indicator and period."""
    check_plausible(SimpleNamespace(start=start, end=end), "start", "end")
    if end < start:
        raise ValidationError({"end": _("The period ends before it starts.")})
    place = get_object_or_404(Region, code=region)
    found = get_object_or_404(Indicator, key=indicator)
    result = analysis.rank_among_peers(place, found, start, end, cumulative=cumulative, by=by)
    return [
        {"rank": r.rank, "region": r.region.code, "name": str(r.region),
         "figure": plain_decimal(r.figure), "ranked": result.size, "peers": result.peers}
        for r in result.rows
    ]  # fmt: skip


@router.get("/indicators/observations/{observation_id}/derived",
            response={200: DerivedOut, **READ_ERRORS})  # fmt: skip
def derived(request: HttpRequest, observation_id: int) -> Any:
    """Growth, gaps to the national and provincial growth (points) and share of the region."""
    observation = get_object_or_404(
        Observation.objects.visible_to(request.auth).with_related(), pk=observation_id
    )
    gaps = analysis.gaps(observation)
    return {
        "observation": observation.pk,
        "growth": _plain(analysis.growth(observation)),
        "growth_basis": analysis.growth_basis(observation),
        "gap_national_points": _plain(gaps.national),
        "gap_provincial_points": _plain(gaps.provincial),
        "share_of_region_percent": _plain(analysis.share_of_region(observation)),
    }
