"""The leader's first screen: each tile is a figure and a link to the records behind it.

Every tile reads through the user's querysets (``visible_to``), narrowed to one zone or region
when the leader picks one. The number of queries is fixed (pinned by a test): tiles aggregate in
the database and list only their first few records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from devzone.accounts.scope import zone_scope_q
from devzone.core.clock import today
from devzone.core.history import history_version
from devzone.projects.choices import ProblemStatus, Stage, Status
from devzone.projects.models import InvestmentReport, Problem, Project
from devzone.projects.querysets import ZERO
from devzone.web.charts import MonthChart, month_chart
from devzone.web.forms import code_prefix

TILES_SECONDS = 60
LIST_SIZE = 8
KEY_TARGETS = 6
ACTUAL_INVESTMENT = "ledger:actual_investment"


def url_or_empty(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@dataclass
class Scope:
    """What the dashboard covers: all visible projects, or one zone or region of them."""

    user: Any
    zone: Any = None
    region: str = ""

    def projects(self) -> QuerySet:
        projects = Project.objects.visible_to(self.user)
        if self.zone is not None:
            projects = projects.filter(zone=self.zone)
        if self.region:
            projects = projects.filter(zone__region__code__startswith=code_prefix(self.region))
        return projects

    def filters(self) -> dict[str, Any]:
        """The project-list filters that select the same projects."""
        if self.zone is not None:
            return {"zone": self.zone.pk}
        return {"region": self.region} if self.region else {}

    def list_url(self, **filters: Any) -> str:
        query = {**self.filters(), **{k: v for k, v in filters.items() if v not in ("", None)}}
        return reverse("projects:list") + ("?" + urlencode(query) if query else "")


@dataclass
class StageRow:
    stage: str
    label: str
    count: int
    planned: Decimal
    url: str
    share: float = 0.0


@dataclass
class Dashboard:
    as_of: dt.date
    scope: Scope
    stages: list[StageRow]
    totals: dict[str, Any]
    status_counts: dict[str, int]
    lagging: list[Project]
    overdue: list[Problem]
    overdue_count: int
    chart: MonthChart
    chart_year: int
    chart_target: Decimal | None
    first_year: int | None = None  # of the first monthly report in scope: no year before it
    targets: list[Any] = field(default_factory=list)
    plan: Any = None
    race: list[Any] = field(default_factory=list)
    scorecard: Any = None
    race_period: dt.date | None = None
    gaps: list[Any] = field(default_factory=list)
    stale_leads: list[Any] = field(default_factory=list)
    stale_count: int = 0
    links: dict[str, str] = field(default_factory=dict)


def build(scope: Scope, *, year: int | None = None) -> Dashboard:
    as_of = today()
    projects = scope.projects()
    stages, totals = pipeline(scope, projects, as_of)
    status_counts, lagging = lagging_projects(projects, as_of)
    overdue, overdue_count = overdue_problems(projects, as_of)
    chart_year = year or as_of.year
    chart, target = investment_chart(scope, projects, chart_year, as_of)
    board = Dashboard(
        as_of=as_of,
        scope=scope,
        stages=stages,
        totals=totals,
        status_counts=status_counts,
        lagging=lagging,
        overdue=overdue,
        overdue_count=overdue_count,
        chart=chart,
        chart_year=chart_year,
        chart_target=target,
    )
    first = InvestmentReport.objects.filter(project__in=projects).aggregate(first=Min("month"))
    board.first_year = first["first"].year if first["first"] else None
    board.plan, board.targets = key_targets(scope.user, as_of)
    board.scorecard, board.race_period, board.race = race_table(scope.user)
    board.gaps = chain_gaps(scope.user)
    board.stale_leads, board.stale_count = stale_leads(scope, as_of)
    board.links = {
        "targets": url_or_empty("targets:index"),
        "chains": url_or_empty("chains:list"),
        "leads": url_or_empty("leads:board"),
        "stalled": scope.list_url(status=Status.STALLED),
        "delayed": scope.list_url(status=Status.DELAYED),
    }
    return board


# ---------------------------------------------------------------------------------------------
# Caching the rendered tiles: the key holds the history version, so a report submitted a second
# ago shows on the next dashboard in every server process.


def tiles_cache_key(user: Any, query: str, language: str, as_of: dt.date) -> str:
    """Who looks, at what (the dashboard's query string), in which language, on which day."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:16]
    return f"web:dashboard:{user.pk}:{language}:{as_of:%Y%m%d}:{history_version()}:{digest}"


def cached_tiles(key: str, render: Callable[[], str]) -> str:
    """The tiles' HTML from the cache, or ``render()`` them and keep them ``TILES_SECONDS``.

    Only briefly: writes that bypass the change log, and changes to a user's zones, show once
    the entry expires.
    """
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TILES_SECONDS)
    return html


# ---------------------------------------------------------------------------------------------
# Ledger tiles


def pipeline(scope: Scope, projects: QuerySet, as_of: dt.date) -> tuple[list[StageRow], dict]:
    """Count and planned investment of the projects at each stage, in lifecycle order."""
    rows = (
        projects.with_stage(as_of)
        .order_by()
        .values("stage")
        .annotate(count=Count("pk"), planned=Coalesce(Sum("planned_investment"), ZERO))
    )
    by_stage = {row["stage"]: row for row in rows}
    stages = []
    for value, label in Stage.choices:
        row = by_stage.get(value, {"count": 0, "planned": Decimal(0)})
        url = scope.list_url(stage=value)
        stages.append(StageRow(value, str(label), row["count"], row["planned"], url))
    count = sum(row.count for row in stages)
    planned = sum((row.planned for row in stages), Decimal(0))
    for row in stages:
        row.share = round(100 * row.count / count, 1) if count else 0.0
    return stages, {"count": count, "planned": planned, "url": scope.list_url()}


def lagging_projects(projects: QuerySet, as_of: dt.date) -> tuple[dict[str, int], list[Project]]:
    """How many projects are stalled or delayed, and the largest of them."""
    with_status = projects.with_status(as_of)
    counts = {
        row["status"]: row["count"]
        for row in with_status.order_by().values("status").annotate(count=Count("pk"))
    }
    lagging = list(
        with_status.filter(status__in=[Status.STALLED, Status.DELAYED])
        .select_related("zone")
        .order_by("-planned_investment", "pk")[:LIST_SIZE]
    )
    return counts, lagging


def overdue_problems(projects: QuerySet, as_of: dt.date) -> tuple[list[Problem], int]:
    problems = Problem.objects.filter(
        project__in=projects.values("pk"), due_date__lt=as_of
    ).exclude(status=ProblemStatus.RESOLVED)
    listed = list(
        problems.select_related("project", "owner_department").order_by("due_date", "pk")[
            :LIST_SIZE
        ]
    )
    count = len(listed) if len(listed) < LIST_SIZE else problems.count()
    return listed, count


def investment_chart(
    scope: Scope, projects: QuerySet, year: int, as_of: dt.date
) -> tuple[MonthChart, Decimal | None]:
    """Actual investment by month of ``year``; the annual target spread evenly as "planned"."""
    months = [dt.date(year, month, 1) for month in range(1, 13)]
    last = min(months[-1], as_of.replace(day=1)) if year == as_of.year else months[-1]
    shown = [month for month in months if month <= last]
    sums = (
        InvestmentReport.objects.filter(
            project__in=projects.values("pk"), month__gte=months[0], month__lte=last
        )
        .order_by()
        .values("month")
        .annotate(total=Sum("amount"))
    )
    actual = {row["month"]: row["total"] for row in sums}
    target = annual_investment_target(scope.user, year)
    planned = {}
    if target is not None:
        planned = {month: target * Decimal(month.month) / 12 for month in shown}
    month_urls = {month: scope.list_url(month=f"{month:%Y-%m}") for month in shown}
    return month_chart(shown, actual, planned, month_urls), target


def annual_investment_target(user: Any, year: int) -> Decimal | None:
    """The visible year target on actual investment (the ledger's monthly reports), if any."""
    try:
        from devzone.targets.models import Target
    except ImportError:  # pragma: no cover - the targets app is part of devzone
        return None
    target = (
        Target.objects.visible_to(user)
        .filter(
            indicator__actual_source=ACTUAL_INVESTMENT,
            period_start__year=year,
            period_end__year=year,
        )
        .order_by("period_start", "pk")
        .values_list("value", flat=True)
        .first()
    )
    return Decimal(target) if target is not None else None


# ---------------------------------------------------------------------------------------------
# Tiles from the other apps


def key_targets(user: Any, as_of: dt.date) -> tuple[Any, list[Any]]:
    """The newest visible plan up to this year, and its first targets against time progress."""
    from devzone.targets.models import Plan, Target
    from devzone.targets.progress import evaluate

    plan = (
        Plan.objects.visible_to(user).filter(year__lte=as_of.year).order_by("-year", "pk").first()
    )
    if plan is None:
        return None, []
    plan_as_of = min(as_of, dt.date(plan.year, 12, 31))
    targets = (
        Target.objects.visible_to(user)
        .filter(plan=plan)
        .select_related("indicator", "region", "zone", "department", "action")
        .order_by("action__order", "pk")[:KEY_TARGETS]
    )
    return plan, [evaluate(target, plan_as_of, with_projection=False) for target in targets]


def race_table(user: Any) -> tuple[Any, dt.date | None, list[Any]]:
    """The newest stored ranking of the first visible scorecard."""
    from devzone.targets.models import RaceResult, Scorecard
    from devzone.targets.race import stored_race

    scorecard = Scorecard.objects.visible_to(user).order_by("pk").first()
    if scorecard is None:
        return None, None, []
    latest = (
        RaceResult.objects.filter(scorecard=scorecard)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    if latest is None:
        return scorecard, None, []
    return scorecard, latest, stored_race(scorecard, latest)


@dataclass
class ChainGaps:
    chain: Any
    gaps: list[Any]
    link_count: int
    url: str


def chain_gaps(user: Any, limit: int = 3) -> list[ChainGaps]:
    """Gaps of the chains of regions where the user sees zones (empty chains are skipped)."""
    from devzone.chains.analysis import analyse_chain
    from devzone.chains.models import Chain
    from devzone.regions.models import Zone

    zones = Zone.objects.filter(zone_scope_q(user, "")).values_list("region__code", flat=True)
    prefixes = {code[:4] for code in zones}
    if not prefixes:
        return []
    wanted = Q()
    for prefix in sorted(prefixes):
        wanted |= Q(region__code__startswith=prefix)
    chains = Chain.objects.filter(wanted).select_related("region").order_by("name")[:limit]
    found = []
    for chain in chains:
        analysis = analyse_chain(chain, chain.region, candidates=0)
        if analysis.links:
            url = url_or_empty("chains:gaps", chain.pk)
            found.append(ChainGaps(chain, analysis.gaps[:5], len(analysis.links), url))
    return found


def stale_leads(scope: Scope, as_of: dt.date) -> tuple[list[Any], int]:
    from devzone.leads.models import Lead

    leads = Lead.objects.visible_to(scope.user).stale(as_of)
    if scope.zone is not None:
        leads = leads.filter(zone=scope.zone)
    elif scope.region:
        leads = leads.filter(zone__region__code__startswith=code_prefix(scope.region))
    listed = list(
        leads.select_related("enterprise", "zone").order_by("next_action_date", "pk")[:LIST_SIZE]
    )
    count = len(listed) if len(listed) < LIST_SIZE else leads.count()
    return listed, count
