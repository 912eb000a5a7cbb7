"""Generated projects: their plan (dates, money, reports) and how they are written.

A :class:`ProjectPlan` is built in memory by the region modules, with amounts in 万元 (integers)
and milestone dates; :func:`write_plans` turns the plans that are not in the database yet into
projects, milestones and monthly reports in a few bulk inserts, each with its change record.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from devzone.demo.amounts import allocate, yuan
from devzone.demo.bulk import bulk_create_with_history
from devzone.enterprises.models import Industry
from devzone.projects.choices import MILESTONE_ORDER, ConstructionType, ProjectKind
from devzone.projects.models import InvestmentReport, Milestone, Project
from devzone.projects.querysets import add_months, month_start
from devzone.regions.models import Zone

# The demo's "today": the last month any demo document reports on (Lishui, mid-2024). Actual
# dates never pass it, reports stop at it, and stalled / delayed projects are stalled or
# delayed as of it.
DEMO_AS_OF = dt.date(2024, 9, 30)

SIGNED, APPROVED, LAND, STARTED, COMPLETED, PRODUCTION = MILESTONE_ORDER


@dataclass
class ProjectPlan:
    zone: str
    name: str
    planned_wan: int
    source: str
    industry: str | None = None
    is_generated: bool = True
    construction_type: str = ConstructionType.NEW
    description: str = ""
    actual: dict[str, dt.date] = field(default_factory=dict)
    planned: dict[str, dt.date] = field(default_factory=dict)
    reports: dict[dt.date, int] = field(default_factory=dict)
    last_report: dt.date | None = None  # a stalled project reports nothing after this month

    def months_under_way(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The months in [first, last] from the start of construction to completion."""
        if STARTED not in self.actual:
            return []
        begin = max(month_start(self.actual[STARTED]), first)
        end = month_start(self.actual.get(COMPLETED, DEMO_AS_OF))
        end = min(end, last, self.last_report or last)
        months = []
        while begin <= end:
            months.append(begin)
            begin = add_months(begin, 1)
        return months

    def planned_months(self) -> int:
        """Planned construction time in months (at least 3)."""
        start = self.actual.get(STARTED) or self.planned.get(STARTED)
        end = self.actual.get(COMPLETED) or self.planned.get(COMPLETED)
        if not start or not end:
            return 12
        return max(3, (end - start).days // 30)

    def invested(self) -> int:
        return sum(self.reports.values())


def day(year: int, month: int, number: int) -> dt.date:
    return dt.date(year, month, number)


def between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A seeded random day in [first, last]."""
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def plus(date: dt.date, days: int) -> dt.date:
    return date + dt.timedelta(days=days)


def fill_planned_dates(plan: ProjectPlan, rng: random.Random) -> None:
    """Reached milestones get a planned date near the actual one: some early, some late."""
    for kind, actual in plan.actual.items():
        if kind != SIGNED and kind not in plan.planned:
            plan.planned[kind] = plus(actual, rng.randint(-12, 20))


def report_steadily(
    plan: ProjectPlan, months: list[dt.date], rng: random.Random, *, share: float = 0.97
) -> None:
    """Monthly amounts at the planned pace, never taking the total past ``share`` of the plan."""
    ceiling = int(plan.planned_wan * share)
    pace = plan.planned_wan / plan.planned_months()
    for month in months:
        amount = min(int(pace * rng.uniform(0.5, 1.2)), ceiling - plan.invested())
        if amount <= 0:
            break
        plan.reports[month] = amount


def spread_over_months(plan: ProjectPlan, budget: int, months: list[dt.date], rng: random.Random):
    """Split an exact budget over the months, unevenly, as real monthly figures are."""
    weights = [rng.uniform(0.4, 1.6) for _ in months]
    for month, amount in zip(
        months, allocate(budget, weights, [budget] * len(months), rng), strict=True
    ):
        if amount:
            plan.reports[month] = plan.reports.get(month, 0) + amount


def progress(invested: int, planned: int) -> tuple[str, Decimal]:
    percent = min(Decimal(99), (Decimal(invested) * 100 / planned).quantize(Decimal("0.01")))
    if percent < 20:
        text = "基础施工"
    elif percent < 50:
        text = "主体结构施工"
    elif percent < 80:
        text = "设备购置与安装"
    else:
        text = "设备调试，准备竣工验收"
    return text, percent


def write_plans(plans: list[ProjectPlan], zones: dict[str, Zone]) -> int:
    """Create the planned projects that do not exist yet; returns how many were created."""
    existing = set(
        Project.objects.filter(zone__in=list(zones.values())).values_list("zone__slug", "name")
    )
    todo = [plan for plan in plans if (plan.zone, plan.name) not in existing]
    if not todo:
        return 0
    industries = {i.code: i for i in Industry.objects.filter(code__in={p.industry for p in todo})}
    projects = [_project(plan, zones, industries) for plan in todo]
    bulk_create_with_history(projects)
    bulk_create_with_history(
        [
            m
            for plan, project in zip(todo, projects, strict=True)
            for m in _milestones(plan, project)
        ]
    )
    bulk_create_with_history(
        [r for plan, project in zip(todo, projects, strict=True) for r in _reports(plan, project)]
    )
    return len(projects)


def _project(plan: ProjectPlan, zones: dict[str, Zone], industries: dict) -> Project:
    return Project(
        zone=zones[plan.zone],
        name=plan.name,
        planned_investment=yuan(plan.planned_wan),
        industry=industries.get(plan.industry),
        kind=ProjectKind.MANUFACTURING,
        construction_type=plan.construction_type,
        description=plan.description,
        source=plan.source,
        is_generated=plan.is_generated,
    )


def _milestones(plan: ProjectPlan, project: Project) -> list[Milestone]:
    return [
        Milestone(
            project=project,
            kind=kind,
            planned_date=plan.planned.get(kind),
            actual_date=plan.actual.get(kind),
        )
        for kind in MILESTONE_ORDER
        if kind in plan.actual or kind in plan.planned
    ]


def _reports(plan: ProjectPlan, project: Project) -> list[InvestmentReport]:
    reports, invested = [], 0
    for month in sorted(plan.reports):
        invested += plan.reports[month]
        text, percent = progress(invested, plan.planned_wan)
        reports.append(
            InvestmentReport(
                project=project,
                month=month,
                amount=yuan(plan.reports[month]),
                progress_text=text,
                progress_percent=percent,
            )
        )
    return reports
