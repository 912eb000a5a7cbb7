"""The weekly briefing of a region: what a leader reads before the Monday project meeting.

:func:`build_briefing` gathers, for a region and an ISO week (2023-W40 = 2 to 8 October 2023),
only from records the user may see (everything for the operator, ``user=None``):

* projects signed in the week; milestones met in the week and missed (planned in the week,
  not reached by its end); projects stalled at the week's end (``with_status``);
* problems opened (the day of the meeting that raised them, else the day entered), closed and
  overdue at the week's end;
* targets of the region's plans of that year that are behind pace at the week's end;
* the latest stored race table of each scorecard of the region;
* investment by month (the twelve months to the week's month) and the pipeline by stage.

Every figure carries the URL of the records behind it (:class:`Figure`, ``url`` fields).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils.translation import gettext as _

from devzone.projects.choices import MilestoneKind, ProblemStatus, Stage, Status
from devzone.projects.models import InvestmentReport, Milestone, Problem, Project
from devzone.projects.querysets import add_months, month_start
from devzone.regions.models import Region
from devzone.targets.choices import Pace
from devzone.targets.models import Plan, RaceResult, Scorecard
from devzone.targets.progress import TargetProgress, plan_progress

TREND_MONTHS = 12


class WeekError(ValueError):
    pass


def parse_week(text: str) -> tuple[dt.date, dt.date]:
    """ "2023-W40" → (Monday 2023-10-02, Sunday 2023-10-08)."""
    try:
        year, week = text.strip().upper().split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
    except ValueError as error:
        raise WeekError(_("Write the week as YYYY-Www, for example 2023-W40.")) from error
    return monday, monday + dt.timedelta(days=6)


def project_list_url(**filters: Any) -> str:
    query = urlencode({name: value for name, value in filters.items() if value not in ("", None)})
    return reverse("projects:list") + (f"?{query}" if query else "")


def project_url(project_id: int) -> str:
    return reverse("projects:detail", args=[project_id])


@dataclass
class Figure:
    """A headline number and the URL of the records behind it."""

    key: str
    label: str
    value: Decimal | int
    url: str
    kind: str = "count"  # count | money


@dataclass
class Line:
    """One record in a list of the briefing (a project, a milestone or a problem)."""

    project_id: int
    project: str
    zone: str
    url: str
    day: dt.date | None = None
    amount: Decimal | None = None
    note: str = ""


@dataclass
class StageRow:
    stage: str
    label: str
    count: int
    planned: Decimal
    url: str


@dataclass
class MonthRow:
    month: dt.date
    amount: Decimal
    url: str


@dataclass
class RaceTable:
    scorecard: Scorecard
    period: dt.date
    rows: list[RaceResult]
    url: str


@dataclass
class Briefing:
    region: Region
    week: str
    start: dt.date
    end: dt.date
    new_signed: list[Line] = field(default_factory=list)
    milestones_met: list[Line] = field(default_factory=list)
    milestones_missed: list[Line] = field(default_factory=list)
    stalled: list[Line] = field(default_factory=list)
    problems_opened: list[Line] = field(default_factory=list)
    problems_closed: list[Line] = field(default_factory=list)
    problems_overdue: list[Line] = field(default_factory=list)
    targets_behind: list[TargetProgress] = field(default_factory=list)
    races: list[RaceTable] = field(default_factory=list)
    investment_by_month: list[MonthRow] = field(default_factory=list)
    pipeline: list[StageRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("Weekly project briefing: %(region)s, %(week)s") % {
            "region": self.region.name,
            "week": self.week,
        }

    @property
    def headline(self) -> list[Figure]:
        stalled_url = project_list_url(status=Status.STALLED)
        return [
            Figure("new_signed", _("Projects signed"), len(self.new_signed), "#new-signed"),
            Figure(
                "new_signed_investment",
                _("Planned investment signed"),
                sum((line.amount or Decimal(0) for line in self.new_signed), Decimal(0)),
                "#new-signed",
                "money",
            ),
            Figure("milestones_met", _("Milestones met"), len(self.milestones_met), "#milestones"),
            Figure(
                "milestones_missed",
                _("Milestones missed"),
                len(self.milestones_missed),
                "#milestones",
            ),
            Figure("stalled", _("Projects stalled"), len(self.stalled), stalled_url),
            Figure("problems_opened", _("Problems opened"), len(self.problems_opened), "#problems"),
            Figure("problems_closed", _("Problems closed"), len(self.problems_closed), "#problems"),
            Figure(
                "problems_overdue", _("Problems overdue"), len(self.problems_overdue), "#problems"
            ),
            Figure(
                "targets_behind",
                _("Targets behind pace"),
                len(self.targets_behind),
                reverse("targets:index"),
            ),
        ]


def build_briefing(region_code: str, week: str, *, user: Any = None) -> Briefing:
    start, end = parse_week(week)
    region = Region.objects.get(code=region_code)
    projects = Project.objects.filter(zone__region__code__startswith=region.code_prefix)
    if user is not None:
        projects = projects.visible_to(user)
    briefing = Briefing(region=region, week=week.strip().upper(), start=start, end=end)
    briefing.new_signed = _signed(projects, start, end)
    briefing.milestones_met, briefing.milestones_missed = _milestones(projects, start, end)
    briefing.stalled = _stalled(projects, end)
    _problems(briefing, projects, start, end)
    briefing.targets_behind = _targets_behind(region, end, user)
    briefing.races = _races(region, end, user)
    briefing.investment_by_month = _investment_by_month(projects, end)
    briefing.pipeline = _pipeline(projects, end)
    return briefing


def _line(project: Project, **extra: Any) -> Line:
    return Line(project.pk, project.name, project.zone.name, project_url(project.pk), **extra)


def _signed(projects: QuerySet, start: dt.date, end: dt.date) -> list[Line]:
    signed = Milestone.objects.filter(
        project__in=projects, kind=MilestoneKind.SIGNED, actual_date__range=(start, end)
    ).select_related("project__zone")
    return [
        _line(m.project, day=m.actual_date, amount=m.project.planned_investment)
        for m in signed.order_by("actual_date", "project__name")
    ]


def _milestones(projects: QuerySet, start: dt.date, end: dt.date) -> tuple[list[Line], list]:
    steps = Milestone.objects.filter(project__in=projects).select_related("project__zone")
    met = steps.filter(actual_date__range=(start, end)).order_by("actual_date", "project__name")
    # Missed: planned in the week and not reached by then, or reached later than planned.
    missed = steps.filter(planned_date__range=(start, end)).filter(
        Q(actual_date__isnull=True) | Q(actual_date__gt=F("planned_date"))
    )
    labels = dict(MilestoneKind.choices)
    return (
        [_line(m.project, day=m.actual_date, note=str(labels[m.kind])) for m in met],
        [
            _line(m.project, day=m.planned_date, note=str(labels[m.kind]))
            for m in missed.order_by("planned_date", "project__name")
        ],
    )


def _stalled(projects: QuerySet, end: dt.date) -> list[Line]:
    stalled = projects.with_status(end).filter(status=Status.STALLED).select_related("zone")
    return [
        _line(project, amount=project.planned_investment)
        for project in stalled.order_by("-planned_investment", "name")
    ]


def _problems(briefing: Briefing, projects: QuerySet, start: dt.date, end: dt.date) -> None:
    problems = (
        Problem.objects.filter(project__in=projects)
        .annotate(opened_on=Coalesce("raised_at__held_on", TruncDate("created_at")))
        .select_related("project__zone")
        .order_by("due_date", "id")
    )
    opened = problems.filter(opened_on__range=(start, end))
    closed = problems.filter(status=ProblemStatus.RESOLVED, resolved_on__range=(start, end))
    still_open = Q(resolved_on__isnull=True) | Q(resolved_on__gt=end)
    overdue = problems.filter(still_open, due_date__lt=end, opened_on__lte=end)
    briefing.problems_opened = [_problem_line(p, p.opened_on) for p in opened]
    briefing.problems_closed = [_problem_line(p, p.resolved_on) for p in closed]
    briefing.problems_overdue = [_problem_line(p, p.due_date) for p in overdue]


def _problem_line(problem: Problem, day: dt.date | None) -> Line:
    return _line(problem.project, day=day, note=problem.title)


def _targets_behind(region: Region, end: dt.date, user: Any) -> list[TargetProgress]:
    plans = Plan.objects.filter(region__code__startswith=region.code_prefix, year=end.year)
    if user is not None:
        plans = plans.visible_to(user)
    behind = []
    for plan in plans.order_by("name"):
        results = plan_progress(plan, end, user=user, with_projection=False)
        behind += [result for result in results if result.pace == Pace.BEHIND]
    return behind


def _races(region: Region, end: dt.date, user: Any) -> list[RaceTable]:
    scorecards = Scorecard.objects.filter(region__code__startswith=region.code_prefix)
    if user is not None:
        scorecards = scorecards.visible_to(user)
    tables = []
    for scorecard in scorecards.order_by("name"):
        stored = RaceResult.objects.filter(scorecard=scorecard, period__lte=end)
        latest = stored.order_by("-period").values_list("period", flat=True).first()
        if latest is None:
            continue
        rows = list(stored.filter(period=latest).select_related("zone").order_by("rank"))
        url = reverse("targets:race", args=[scorecard.pk]) + f"?period={latest:%Y-%m}"
        tables.append(RaceTable(scorecard, latest, rows, url))
    return tables


def _investment_by_month(projects: QuerySet, end: dt.date) -> list[MonthRow]:
    last = month_start(end)
    first = add_months(last, -(TREND_MONTHS - 1))
    sums = dict(
        InvestmentReport.objects.filter(project__in=projects, month__range=(first, last))
        .values_list("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    months = [add_months(first, index) for index in range(TREND_MONTHS)]
    # The projects that report money are the ones under construction.
    url = project_list_url(stage=Stage.CONSTRUCTION_STARTED)
    return [MonthRow(month, sums.get(month) or Decimal(0), url) for month in months]


def _pipeline(projects: QuerySet, end: dt.date) -> list[StageRow]:
    counts = {
        row["stage"]: row
        for row in projects.with_stage(end)
        .values("stage")
        .annotate(count=Count("pk"), planned=Sum("planned_investment"))
        .order_by()
    }
    return [
        StageRow(
            stage,
            str(label),
            counts.get(stage, {}).get("count", 0),
            counts.get(stage, {}).get("planned") or Decimal(0),
            project_list_url(stage=stage),
        )
        for stage, label in Stage.choices
    ]
