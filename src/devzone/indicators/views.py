"""Pages: subjects with series, one subject's latest figures (ranks, gaps, shares), one series."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from devzone.accounts.scope import can_read_zone
from devzone.indicators import analysis
from devzone.indicators.choices import RankBy
from devzone.indicators.models import Indicator, Observation
from devzone.indicators.presenters import format_figure, format_gap, format_growth, series_svg
from devzone.regions.models import Region, Zone
from devzone.reports.numbers import language

SUBJECT_KINDS = ("region", "zone")


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Every region and zone with figures, and the catalogue."""
    visible = Observation.objects.visible_to(request.user)
    region_counts = dict(
        visible.filter(region__isnull=False).values_list("region").annotate(n=Count("id"))
    )
    zone_counts = dict(
        visible.filter(zone__isnull=False).values_list("zone").annotate(n=Count("id"))
    )
    regions = [
        (region, region_counts[region.pk])
        for region in Region.objects.filter(pk__in=list(region_counts))
    ]
    zones = [
        (zone, zone_counts[zone.pk])
        for zone in Zone.objects.filter(pk__in=list(zone_counts)).select_related("region")
    ]
    catalogue = Indicator.objects.filter(in_catalogue=True)
    context = {"regions": regions, "zones": zones, "catalogue": catalogue}
    return render(request, "indicators/index.html", context)


def _subject(request: HttpRequest, kind: str, ident: str) -> Region | Zone:
    if kind == "region":
        return get_object_or_404(Region, code=ident)
    if kind == "zone":
        zone = get_object_or_404(Zone.objects.select_related("region"), slug=ident)
        if not can_read_zone(request.user, zone):
            raise Http404
        return zone
    raise Http404


def _latest(subject: Region | Zone, user: Any) -> list[Observation]:
    """The most recent observation of each indicator of ``subject``."""
    mine = Observation.objects.visible_to(user).for_subject(subject)
    ends = mine.values("indicator_id").annotate(last=Max("period_end"))
    wanted = {(row["indicator_id"], row["last"]) for row in ends}
    rows = [
        o
        for o in mine.filter(period_end__in={last for _i, last in wanted}).with_related()
        if (o.indicator_id, o.period_end) in wanted
    ]
    return sorted(rows, key=lambda o: (not o.indicator.in_catalogue, o.indicator.key))[:200]


def _row(observation: Observation, lang: str) -> dict[str, Any]:
    subject = observation.subject
    gaps = analysis.gaps(observation) if observation.yoy is not None else None
    rank = None
    if isinstance(subject, Region) and subject.parent_id:
        by = RankBy.GROWTH if observation.value is None else RankBy.VALUE
        ranking = analysis.rank_among_peers(
            subject, observation.indicator, observation.period_start, observation.period_end,
            cumulative=observation.cumulative, by=by,
        )  # fmt: skip
        place = ranking.rank_of(subject)
        rank = f"{place}/{ranking.size}" if place and ranking.size > 1 else None
    share = analysis.share_of_region(observation)
    return {
        "observation": observation,
        "indicator": observation.indicator.label(lang),
        "value": format_figure(observation.value, observation.unit, observation.qualifier),
        "growth": _growth(observation),
        "rank": rank or _published_rank(observation),
        "national": format_gap(gaps.national) if gaps else "—",
        "provincial": format_gap(gaps.provincial) if gaps else "—",
        "share": format_growth(share).lstrip("+") if share is not None else "—",
    }


def _growth(observation: Observation) -> str:
    """+3.7% year on year, or +6.2% a year for a multi-year period's average rate."""
    if analysis.growth_basis(observation) == "yoy" or observation.yoy is None:
        return format_growth(observation.yoy)
    return _("%(rate)s a year") % {"rate": format_growth(observation.yoy)}


def _published_rank(observation: Observation) -> str:
    """The rank the source states (2 (Zhejiang)), when too few peers have the figure to rank."""
    if not observation.rank:
        return "—"
    return _("%(rank)s (published)") % {"rank": observation.rank}


@login_required
@require_GET
def subject_page(request: HttpRequest, kind: str, ident: str) -> HttpResponse:
    subject = _subject(request, kind, ident)
    lang = language()
    rows = [_row(o, lang) for o in _latest(subject, request.user)]
    context = {"subject": subject, "kind": kind, "ident": ident, "rows": rows}
    return render(request, "indicators/subject.html", context)


@login_required
@require_GET
def series_page(request: HttpRequest, kind: str, ident: str, key: str) -> HttpResponse:
    subject = _subject(request, kind, ident)
    indicator = get_object_or_404(Indicator, key=key)
    observations = list(
        Observation.objects.visible_to(request.user)
        .for_subject(subject)
        .filter(indicator=indicator)
        .select_related("source_document")
        .order_by("period_end", "period_start")
    )
    cumulative = [o for o in observations if o.cumulative]
    derived = analysis.monthly_from_cumulative(cumulative)
    plain = [o for o in observations if not o.cumulative]
    lang = language()
    unit = next((o.unit for o in observations if o.value is not None), "")
    title = indicator.label(lang)
    if any(o.value is not None for o in plain):
        chart_points = [(o.period_label, o.value) for o in plain]
    elif derived:
        chart_points = [(p.label, p.value) for p in derived]
    else:  # only growth rates: the chart says so and writes them as rates
        chart_points = [(o.period_label, o.yoy) for o in plain]
        title, unit = _("%(indicator)s · growth") % {"indicator": title}, None
    write = format_growth if unit is None else (lambda value: format_figure(value, unit))
    context = {
        "subject": subject,
        "kind": kind,
        "ident": ident,
        "indicator": indicator,
        "indicator_label": indicator.label(lang),
        "chart": series_svg(chart_points, title=title, label=write),
        "rows": [
            {
                "observation": o,
                "value": format_figure(o.value, o.unit, o.qualifier),
                "growth": _growth(o),
            }
            for o in reversed(observations[-240:])
        ],
        "derived": [
            {"label": p.label, "value": format_figure(p.value, cumulative[0].unit)}
            for p in reversed(derived[-36:])
        ],
    }
    return render(request, "indicators/series.html", context)
