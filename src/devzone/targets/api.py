"""Targets, the race and the briefing over the REST API.

Reads are scoped like the pages: plans and targets through ``visible_to``, the briefing through
the projects the caller may see. Running a race stores its ranking and needs a region editor.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from devzone.accounts.scope import zone_scope_q
from devzone.api.errors import READ_ERRORS
from devzone.api.pages import Pages
from devzone.core.clock import check_plausible
from devzone.regions.models import Zone
from devzone.reports.briefing import WeekError, build_briefing
from devzone.reports.render import FORMATS, render_briefing
from devzone.targets.models import Plan, Scorecard
from devzone.targets.progress import plan_progress
from devzone.targets.race import (
    entry_as_dict,
    parse_month,
    result_as_dict,
    score_race,
    stored_race,
)

router = Router(tags=["targets"])


class PlanOut(Schema):
    id: int
    name: str
    year: int
    region: str


class ProjectionOut(Schema):
    value: str
    method: str
    note: str


class TargetProgressOut(Schema):
    id: int
    indicator: str
    name: str
    action: str | None
    scope: str
    period: str
    target: str
    direction: str
    unit: str
    actual: str | None
    actual_source: str
    progress_percent: str | None
    time_progress_percent: str | None
    margin_points: str | None
    pace: str
    projection: ProjectionOut | None


class PlanProgressOut(Schema):
    plan: str
    as_of: dt.date
    targets: list[TargetProgressOut]


class RaceRowOut(Schema):
    rank: int
    zone: str
    zone_slug: str
    score: str
    gap: str
    movement: int | None
    list: str | None
    values: dict[str, str]


class RaceOut(Schema):
    scorecard: str
    period: str
    stored: bool
    ranking: list[RaceRowOut]


class ErrorOut(Schema):
    detail: str


@router.get("/targets/plans", response={200: list[PlanOut], **READ_ERRORS})
@paginate(Pages, page_size=50)
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    """The action plans the caller may see."""
    plans = Plan.objects.visible_to(request.auth).select_related("region")
    return [{"id": p.pk, "name": p.name, "year": p.year, "region": p.region.code} for p in plans]


@router.get("/targets/plans/{plan_id}/progress", response={200: PlanProgressOut, **READ_ERRORS})
def plan_progress_view(request: HttpRequest, plan_id: int, as_of: dt.date) -> dict[str, Any]:
    """Progress, time progress, pace and year-end projection of every visible target."""
    check_plausible(SimpleNamespace(as_of=as_of), "as_of")
    plan = get_object_or_404(Plan.objects.visible_to(request.auth), pk=plan_id)
    results = plan_progress(plan, as_of, user=request.auth)
    return {"plan": plan.name, "as_of": as_of, "targets": [r.as_dict() for r in results]}


@router.get("/targets/races/{scorecard_id}", response={200: RaceOut, **READ_ERRORS})
def race_view(request: HttpRequest, scorecard_id: int, period: str) -> Any:
    """The stored ranking of the month (``2023-09``), or one computed now if none is stored."""
    scorecard = get_object_or_404(Scorecard.objects.visible_to(request.auth), pk=scorecard_id)
    try:
        month = parse_month(period)
    except ValueError as error:
        message = _("Write the period as YYYY-MM, for example 2023-09.")
        raise ValidationError({"period": message}) from error
    check_plausible(SimpleNamespace(period=month), "period")
    stored = stored_race(scorecard, month)
    if stored:
        rows = [result_as_dict(result) for result in stored]
    else:
        rows = [entry_as_dict(entry) for entry in score_race(scorecard, month)]
    return {"scorecard": scorecard.name, "period": period, "stored": bool(stored), "ranking": rows}


@router.get("/targets/briefing", response=READ_ERRORS)
def briefing_download(
    request: HttpRequest, region: str, week: str, format: Literal["pdf", "xlsx", "html"] = "pdf"
) -> Any:
    """The weekly briefing of a region as a file, from the records the caller may see."""
    zones = Zone.objects.filter(zone_scope_q(request.auth, ""), region__code=region)
    if not zones.exists():  # unknown, or none of its zones is the caller's: not found
        return Status(404, {"detail": _("No region with code %(code)s.") % {"code": region}})
    try:
        briefing = build_briefing(region, week, user=request.auth)
    except WeekError as error:
        raise ValidationError({"week": str(error)}) from error
    content_type, extension = FORMATS[format]
    response = HttpResponse(render_briefing(briefing, format), content_type=content_type)
    name = f"briefing-{region}-{briefing.week}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
