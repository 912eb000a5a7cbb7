"""The weekly briefing of a region: what a leader reads before the Monday project meeting.

:func:`build_briefing` gathers, for a region and an ISO week (2023-W40 = 2 to 8 October 2023),
only from records the user may see (everything for the operator, ``user=None``):

* projects signed in the week; milestones met in the week and missed (planned in the week,
  not reached by its end, or reached later than planned); projects stalled at the week's end
  (the rule of ``with_status``, judged as of that day);
* problems opened (the day of the meeting that raised them, else the day entered), closed and
  overdue at the week's end;
* targets of the region's plans of that year that are behind pace at the week's end;
* the latest stored race table of each scorecard of the region;
* investment by month (the twelve months to the last one ended by the week's end) and the
  pipeline by stage.

Every figure carries the URL of the records behind it (:class:`Figure`, ``url`` fields).

The ledger figures (signings, milestones, stalled projects, investment by month, the pipeline,
the targets behind pace) come from one read of the ledger by the analytics engine
(:class:`~devzone.analytics.view.LedgerView`); problems and stored race tables are read from
the database as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import polars as pl
from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils.translation import gettext as _

from devzone.accounts.scope import zone_scope_q
from devzone.analytics.ledger import last_full_month, yuan
from devzone.analytics.rollups import WeekNumbers
from devzone.analytics.state import ledger_view
from devzone.analytics.view import LedgerView
from devzone.core.clock import plausible
from devzone.core.names import reads_english
from devzone.projects.choices import MILESTONE_ORDER, MilestoneKind, ProblemStatus, Stage, Status
from devzone.projects.models import Problem, Project
from devzone.projects.querysets import add_months
from devzone.regions.models import Region, Zone
from devzone.targets.choices import Pace
from devzone.targets.models import Plan, RaceResult, Scorecard
from devzone.targets.progress import TargetProgress, plan_progress

TREND_MONTHS = 12
#: Projects named per query when the briefing lists them.
NAME_CHUNK = 2_000


class WeekError(ValueError):
    pass


def parse_week(text: str) -> tuple[dt.date, dt.date]:
    """ "2023-W40" → (Monday 2023-10-02, Sunday 2023-10-08)."""
    try:
        year, week = text.strip().upper().split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
    except ValueError as error:
        raise WeekError(_("Write the week as YYYY-Www, for example 2023-W40.")) from error
    if not plausible(monday):
        raise WeekError(_("%s is not a week between 1990 and 2100.") % text.strip())
    return monday, monday + dt.timedelta(days=6)


def project_list_url(**filters: Any) -> str:
    query = urlencode({name: value for name, value in filters.items() if value not in ("", None)})
    return reverse("projects:list") + (f"?{query}" if query else "")


def project_url(project_id: int) -> str:
    return reverse("projects:detail", args=[project_id])


def project_urls() -> Callable[[int], str]:
    """:func:`project_url` for thousands of projects: the URL pattern is resolved once."""
    marker = 2_147_483_647
    head, tail = project_url(marker).split(str(marker))
    return lambda project_id: f"{head}{project_id}{tail}"


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
            "region": str(self.region),
            "week": self.week,
        }

    def list_url(self, **filters: Any) -> str:
        """The project list of this briefing's region, as the projects stood at the week's end."""
        return project_list_url(region=self.region.code, as_of=self.end, **filters)

    @property
    def headline(self) -> list[Figure]:
        stalled_url = self.list_url(status=Status.STALLED)
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


def build_briefing(
    region_code: str, week: str, *, user: Any = None, ledger: LedgerView | None = None
) -> Briefing:
    """The briefing of a region for an ISO week, from one read of the ledger (``ledger``, or
    the ledger now): its figures come from the analytics engine, then the records behind them
    (names, zones, links) from the database."""
    start, end = parse_week(week)
    region = Region.objects.get(code=region_code)
    zones = Zone.objects.filter(region__code__startswith=region.code_prefix)
    if user is not None:
        zones = zones.filter(zone_scope_q(user, ""))
    zone_ids = list(zones.values_list("pk", flat=True))
    ledger = ledger or ledger_view()
    numbers = ledger.week(
        zone_ids,
        (start, end),
        stalled_months=settings.DEVZONE_STALLED_MONTHS,
        trend=trend_months(end),
    )
    briefing = Briefing(region=region, week=week.strip().upper(), start=start, end=end)
    _ledger_lists(briefing, numbers)
    _problems(briefing, zone_ids, start, end)
    briefing.targets_behind = _targets_behind(region, end, user, ledger)
    briefing.races = _races(region, end, user)
    briefing.investment_by_month = _investment_by_month(briefing, numbers)
    briefing.pipeline = _pipeline(briefing, numbers)
    return briefing


def trend_months(end: dt.date) -> list[dt.date]:
    """The twelve months to the last one that has ended by ``end``, oldest first: a month's
    report counts once the month is over (:func:`last_full_month`)."""
    last = last_full_month(end)
    return [add_months(last, index - TREND_MONTHS + 1) for index in range(TREND_MONTHS)]


def _ledger_lists(briefing: Briefing, numbers: WeekNumbers) -> None:
    """Signings, milestones met and missed, and stalled projects, as lines linking to each
    project: the engine gives the ids, a query per few thousand of them the names and zones
    (a project deleted in between is left out)."""
    ids = set(numbers.signed.get_column("id").to_list())
    ids.update(numbers.stalled.get_column("id").to_list())
    ids.update(numbers.met.get_column("project_id").to_list())
    ids.update(numbers.missed.get_column("project_id").to_list())
    names = _names(ids, project_urls())
    signed = [row for row in numbers.signed.iter_rows() if row[0] in names]
    signed.sort(key=lambda row: (row[1], names[row[0]].name, row[0]))
    briefing.new_signed = [names[pk].line(day=day, amount=yuan(fen)) for pk, day, fen in signed]
    briefing.milestones_met = _step_lines(numbers.met, names)
    briefing.milestones_missed = _step_lines(numbers.missed, names)
    stalled = [row for row in numbers.stalled.iter_rows() if row[0] in names]
    stalled.sort(key=lambda row: (-row[1], names[row[0]].name, row[0]))
    briefing.stalled = [names[pk].line(amount=yuan(fen)) for pk, fen in stalled]


def _step_lines(steps: pl.DataFrame, names: dict[int, _Named]) -> list[Line]:
    """(project_id, kind, day) rows as lines, by day, project name and lifecycle order."""
    labels = dict(MilestoneKind.choices)
    rows = [row for row in steps.iter_rows() if row[0] in names]
    rows.sort(key=lambda row: (row[2], names[row[0]].name, MILESTONE_ORDER.index(row[1])))
    return [names[pk].line(day=day, note=str(labels[kind])) for pk, kind, day in rows]


@dataclass(frozen=True)
class _Named:
    pk: int
    name: str
    zone: str
    url: str

    def line(self, **extra: Any) -> Line:
        return Line(self.pk, self.name, self.zone, self.url, **extra)


def _names(ids: set[int], url: Callable[[int], str]) -> dict[int, _Named]:
    names: dict[int, _Named] = {}
    ordered = sorted(ids)
    for index in range(0, len(ordered), NAME_CHUNK):
        chunk = ordered[index : index + NAME_CHUNK]
        rows = Project.objects.filter(pk__in=chunk).values_list(
            "pk", "name", "zone__name", "zone__name_en"
        )
        english = reads_english()  # zones in the reader's language, where they have it
        names.update(
            (pk, _Named(pk, name, (english and zone_en) or zone, url(pk)))
            for pk, name, zone, zone_en in rows
        )
    return names


def _problems(briefing: Briefing, zone_ids: list[int], start: dt.date, end: dt.date) -> None:
    """Problems of the projects in ``zone_ids`` (the region's zones the user may see)."""
    problems = (
        Problem.objects.filter(project__zone_id__in=zone_ids)
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
    project = problem.project
    return Line(
        project.pk, project.name, str(project.zone), project_url(project.pk), day=day,
        note=problem.title,
    )  # fmt: skip


def _targets_behind(
    region: Region, end: dt.date, user: Any, ledger: LedgerView
) -> list[TargetProgress]:
    plans = Plan.objects.filter(region__code__startswith=region.code_prefix, year=end.year)
    if user is not None:
        plans = plans.visible_to(user)
    behind = []
    for plan in plans.order_by("name"):
        results = plan_progress(plan, end, user=user, with_projection=False, ledger=ledger)
        behind += [result for result in results if result.pace in (Pace.BEHIND, Pace.MISSED)]
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


def _investment_by_month(briefing: Briefing, numbers: WeekNumbers) -> list[MonthRow]:
    # Each month links to the projects that reported money in it.
    return [
        MonthRow(
            month,
            yuan(numbers.investment_by_month.get(month)),
            briefing.list_url(month=f"{month:%Y-%m}"),
        )
        for month in trend_months(briefing.end)
    ]


def _pipeline(briefing: Briefing, numbers: WeekNumbers) -> list[StageRow]:
    return [
        StageRow(
            stage,
            str(label),
            numbers.pipeline.get(stage, (0, 0))[0],
            yuan(numbers.pipeline.get(stage, (0, 0))[1]),
            briefing.list_url(stage=stage),
        )
        for stage, label in Stage.choices
    ]
