"""Pages: plans and their progress, the race, the weekly briefing and its downloads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from devzone.accounts.scope import zone_scope_q
from devzone.core.clock import plausible, today
from devzone.regions.models import Region, Zone
from devzone.reports.briefing import WeekError, build_briefing, parse_week, project_list_url
from devzone.reports.numbers import format_margin, format_value
from devzone.reports.render import FORMATS, render_briefing
from devzone.targets.choices import SOURCE_LEDGER, ListMark, Pace, ScoringRule
from devzone.targets.models import Plan, RaceResult, Scorecard
from devzone.targets.progress import TargetProgress, as_percent, plan_progress, time_progress
from devzone.targets.race import parse_month, race_trend, score_race, stored_race
from devzone.web.forms import Form


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    plans = (
        Plan.objects.visible_to(request.user)
        .select_related("region")
        .annotate(target_count=Count("targets"))
    )
    scorecards = Scorecard.objects.visible_to(request.user).select_related("region")
    return render(request, "targets/index.html", {"plans": plans, "scorecards": scorecards})


def _day(text: str | None, default: dt.date) -> dt.date:
    try:
        day = dt.date.fromisoformat(text) if text else default
    except ValueError:
        return default
    return day if plausible(day) else default


@login_required
@require_GET
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)
    default = min(today(), dt.date(plan.year, 12, 31))
    as_of = _day(request.GET.get("as_of"), default)
    rows = [_progress_row(result) for result in plan_progress(plan, as_of, user=request.user)]
    year_share = time_progress(dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31), as_of)
    context = {
        "plan": plan,
        "as_of": as_of,
        "rows": rows,
        "time_percent": as_percent(year_share),  # as the rows show it: 53.7, not 54
    }
    return render(request, "targets/plan.html", context)


def _progress_row(result: TargetProgress) -> dict[str, Any]:
    unit = result.target.indicator.unit_kind
    ledger = result.target.indicator.source_kind == SOURCE_LEDGER
    zone = result.target.zone_id
    return {
        "result": result,
        "target": format_value(result.target.value, unit),
        "actual": format_value(result.actual, unit),
        "margin": format_margin(result.margin_points),
        "pace": dict(Pace.choices)[result.pace],
        "projection": format_value(result.projection.value, unit) if result.projection else "",
        "url": project_list_url(zone=zone) if ledger else "",
    }


@login_required
@require_GET
def race_page(request: HttpRequest, pk: int) -> HttpResponse:
    scorecard = get_object_or_404(
        Scorecard.objects.visible_to(request.user).select_related("region"), pk=pk
    )
    latest = RaceResult.objects.filter(scorecard=scorecard).order_by("-period").first()
    default = latest.period if latest else today().replace(day=1)
    try:
        period = parse_month(request.GET.get("period") or f"{default:%Y-%m}")
    except ValueError:
        period = default
    if not plausible(period):
        period = default
    items = list(scorecard.items.select_related("indicator"))
    stored = stored_race(scorecard, period)
    rows = _race_rows(scorecard, period, items, stored)
    context = {
        "scorecard": scorecard,
        "period": period,
        "items": items,
        "rows": rows,
        "stored": bool(stored),
        "rule": dict(ScoringRule.choices)[scorecard.rule],
    }
    return render(request, "targets/race.html", context)


def _race_rows(scorecard: Scorecard, period: dt.date, items: list, stored: list) -> list:
    marks = dict(ListMark.choices)
    trend = race_trend(scorecard)
    if stored:
        entries = [
            (r.zone, r.rank, r.score, r.gap_to_leader, r.movement, r.mark, r.values) for r in stored
        ]
    else:
        entries = [
            (e.zone, e.rank, e.score, e.gap, e.movement, e.mark, _entry_values(e))
            for e in score_race(scorecard, period)
        ]
    rows = []
    for zone, rank, score, gap, movement, mark, values in entries:
        codes = [item.indicator for item in items]
        rows.append(
            {
                "zone": zone,
                "rank": rank,
                "score": score,
                "gap": gap,
                "movement": "—" if movement is None else f"{movement:+d}",
                "mark": marks.get(mark, "") if mark else "",
                "values": [_race_value(values, indicator) for indicator in codes],
                "trend": " ".join(str(rank) for _period, rank in trend.get(zone.pk, [])),
            }
        )
    return rows


def _entry_values(entry: Any) -> dict[str, dict[str, str]]:
    return {code: {"value": str(value)} for code, value in entry.values.items()}


def _race_value(values: dict, indicator: Any) -> str:
    raw = values.get(indicator.code, {}).get("value")
    return format_value(Decimal(raw), indicator.unit_kind) if raw is not None else "—"


class BriefingForm(Form):
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"), queryset=Region.objects.none(), to_field_name="code"
    )
    week = forms.CharField(label=gettext_lazy("Week (2023-W40)"), max_length=8)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zones = Zone.objects.filter(zone_scope_q(user, ""))  # the regions whose zones it reads
        self.fields["region"].queryset = Region.objects.filter(zones__in=zones).distinct()

    def clean_week(self) -> str:
        week = self.cleaned_data["week"].strip().upper()
        try:
            parse_week(week)
        except WeekError as error:
            raise forms.ValidationError(str(error)) from error
        return week


def _briefing_form(request: HttpRequest) -> BriefingForm:
    if request.GET:
        return BriefingForm(request.GET, user=request.user)
    year, week, _weekday = today().isocalendar()
    return BriefingForm(initial={"week": f"{year}-W{week:02d}"}, user=request.user)


@login_required
@require_GET
def briefing_page(request: HttpRequest) -> HttpResponse:
    from devzone.reports.html import briefing_context

    form = _briefing_form(request)
    context: dict[str, Any] = {"form": form}
    if form.is_bound and form.is_valid():
        region, week = form.cleaned_data["region"], form.cleaned_data["week"]
        briefing = build_briefing(region.code, week, user=request.user)
        context.update(briefing_context(briefing))
        context["query"] = urlencode({"region": region.code, "week": week})
    return render(request, "targets/briefing.html", context)


@login_required
@require_GET
def briefing_download(request: HttpRequest) -> HttpResponse:
    form = BriefingForm(request.GET, user=request.user)
    kind = request.GET.get("format", "pdf")
    if kind not in FORMATS or not form.is_valid():
        raise Http404(_("Give a region, a week (2023-W40) and a format (pdf, xlsx or html)."))
    region, week = form.cleaned_data["region"], form.cleaned_data["week"]
    briefing = build_briefing(region.code, week, user=request.user)
    content_type, extension = FORMATS[kind]
    response = HttpResponse(render_briefing(briefing, kind), content_type=content_type)
    filename = f"briefing-{region.code}-{week}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
