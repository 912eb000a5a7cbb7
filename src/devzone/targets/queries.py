"""Ledger queries: each indicator figure computed from the project ledger, defined once.

A query takes a scope (a region code prefix such as ``"4412"``, a Region, a Zone — with its
child zones — or a Department), the first and last day of a period, and returns a Decimal.
:data:`LEDGER_QUERIES` names them, with their labels and units, for targets, the race, the
briefing and the command line, so "planned investment of manufacturing projects signed" means
the same thing everywhere.

The application computes the values with the analytics engine
(:meth:`devzone.analytics.view.LedgerView.indicators`), which reads the ledger once and gives
every query for every scope at once. The ORM functions here are the definitions in SQL terms:
one database aggregate per query and scope, the reference the engine's tests compare against.

Queries read the whole ledger of the scope, not only what one user may see: who may see the
*result* is decided by the target or scorecard that asks (see :mod:`devzone.targets.querysets`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from devzone.analytics.ledger import last_full_month
from devzone.projects.choices import MilestoneKind, ProjectKind
from devzone.projects.models import InvestmentReport, Milestone, Project
from devzone.regions.models import Department, Region, Zone
from devzone.targets.choices import UnitKind

BILLION = Decimal(10) ** 9
HUNDRED_MILLION = Decimal(10) ** 8  # 1 亿


@dataclass(frozen=True)
class LedgerScope:
    """Which projects a query counts: a region by code prefix, zones, or one department."""

    region_prefix: str | None = None
    zone_ids: tuple[int, ...] = ()
    department_id: int | None = None

    def q(self, path: str = "") -> Q:
        """A filter on projects (``path`` leads from the queried model to a Project)."""
        if self.department_id is not None:
            return Q(**{f"{path}department_id": self.department_id})
        if self.zone_ids:
            return Q(**{f"{path}zone_id__in": self.zone_ids})
        return Q(**{f"{path}zone__region__code__startswith": self.region_prefix or ""})


def as_scope(scope: Any) -> LedgerScope:
    """Read a region code or prefix, a Region, a Zone or a Department as a LedgerScope."""
    if isinstance(scope, LedgerScope):
        return scope
    if isinstance(scope, Region):
        return LedgerScope(region_prefix=scope.code_prefix)
    if isinstance(scope, Zone):
        children = Zone.objects.filter(parent=scope).values_list("pk", flat=True)
        return LedgerScope(zone_ids=(scope.pk, *children))
    if isinstance(scope, Department):
        return LedgerScope(department_id=scope.pk)
    if isinstance(scope, str) and scope.isdigit():
        return LedgerScope(region_prefix=code_prefix(scope))
    raise TypeError(f"not a ledger scope: {scope!r}")


def ledger_scope(scope: Any, ledger: Any) -> LedgerScope:
    """As :func:`as_scope`, with a zone's child zones taken from ``ledger``'s zones
    (a :class:`~devzone.analytics.view.LedgerView`) instead of one query per zone."""
    if isinstance(scope, Zone):
        return LedgerScope(zone_ids=(scope.pk, *ledger.child_zone_ids(scope.pk)))
    return as_scope(scope)


def code_prefix(code: str) -> str:
    """330700 → 3307, 330000 → 33; a prefix given as such passes through."""
    code = code.strip()
    while len(code) > 2 and code.endswith("00"):
        code = code[:-2]
    return code


Compute = Callable[[LedgerScope, dt.date, dt.date], Decimal]


@dataclass(frozen=True)
class LedgerQuery:
    name: str
    label: str | Promise
    unit_kind: str
    compute: Compute
    accumulates: bool = True
    #: What the ledger's *planned* dates add between the as-of day and the period end; used
    #: by the year-end projection. None when the ledger has no plan for it.
    planned: Compute | None = None

    def __call__(self, scope: Any, start: dt.date, end: dt.date) -> Decimal:
        return self.compute(as_scope(scope), start, end)


LEDGER_QUERIES: dict[str, LedgerQuery] = {}


def ledger_query(
    name: str, label: str | Promise, unit_kind: str, *, accumulates: bool = True
) -> Callable[[Compute], Compute]:
    def register(compute: Compute) -> Compute:
        LEDGER_QUERIES[name] = LedgerQuery(name, label, unit_kind, compute, accumulates)
        return compute

    return register


def planned_part(name: str) -> Callable[[Compute], Compute]:
    """Attach the planned-dates part of query ``name``."""

    def attach(planned: Compute) -> Compute:
        query = LEDGER_QUERIES[name]
        LEDGER_QUERIES[name] = LedgerQuery(
            query.name, query.label, query.unit_kind, query.compute, query.accumulates, planned
        )
        return planned

    return attach


def run(name: str, scope: Any, start: dt.date, end: dt.date) -> Decimal:
    """Run the registered query ``name``."""
    return LEDGER_QUERIES[name](scope, start, end)


# --- Signed projects --------------------------------------------------------------------------


def _signed(scope: LedgerScope, start: dt.date, end: dt.date, **filters: Any) -> QuerySet:
    # One join, not "id IN (milestones joined back to projects)": a project has one milestone
    # of each kind, so no project is counted twice, and PostgreSQL plans it well without
    # statistics (the IN form once took minutes on the demo ledger).
    return Project.objects.filter(
        scope.q(),
        milestones__kind=MilestoneKind.SIGNED,
        milestones__actual_date__gte=start,
        milestones__actual_date__lte=end,
        **filters,
    )


def _planned_signings(scope: LedgerScope, after: dt.date, end: dt.date, **filters: Any) -> QuerySet:
    return Project.objects.filter(
        scope.q(),
        milestones__kind=MilestoneKind.SIGNED,
        milestones__actual_date__isnull=True,
        milestones__planned_date__gt=after,
        milestones__planned_date__lte=end,
        **filters,
    )


def _sum_planned(projects: QuerySet) -> Decimal:
    return projects.aggregate(total=Sum("planned_investment"))["total"] or Decimal(0)


def _count(queryset: QuerySet) -> Decimal:
    return Decimal(queryset.count())


@ledger_query(
    "planned_investment_of_manufacturing_projects_signed",
    _("planned investment of manufacturing projects signed"),
    UnitKind.MONEY,
)
def planned_investment_of_manufacturing_projects_signed(scope, start, end):  # type: ignore[no-untyped-def]
    """Sum of planned investment of manufacturing projects whose signing falls in the period."""
    return _sum_planned(_signed(scope, start, end, kind=ProjectKind.MANUFACTURING))


@planned_part("planned_investment_of_manufacturing_projects_signed")
def _planned_investment_to_sign(scope, after, end):  # type: ignore[no-untyped-def]
    return _sum_planned(_planned_signings(scope, after, end, kind=ProjectKind.MANUFACTURING))


@ledger_query("count_manufacturing_signed", _("manufacturing projects signed"), UnitKind.COUNT)
def count_manufacturing_signed(scope, start, end):  # type: ignore[no-untyped-def]
    return _count(_signed(scope, start, end, kind=ProjectKind.MANUFACTURING))


@planned_part("count_manufacturing_signed")
def _manufacturing_to_sign(scope, after, end):  # type: ignore[no-untyped-def]
    return _count(_planned_signings(scope, after, end, kind=ProjectKind.MANUFACTURING))


@ledger_query("count_signed", _("projects signed"), UnitKind.COUNT)
def count_signed(scope, start, end):  # type: ignore[no-untyped-def]
    return _count(_signed(scope, start, end))


@ledger_query(
    "count_projects_over", _("manufacturing projects of 1 bn yuan or more signed"), UnitKind.COUNT
)
def count_projects_over(scope, start, end):  # type: ignore[no-untyped-def]
    """Manufacturing projects signed in the period with a planned investment of ≥ 1 bn yuan."""
    signed = _signed(scope, start, end, kind=ProjectKind.MANUFACTURING)
    return _count(signed.filter(planned_investment__gte=BILLION))


@ledger_query(
    "average_days_between_100m_projects",
    _("days per project of 100 million yuan or more"),
    UnitKind.DAYS,
    accumulates=False,
)
def average_days_between_100m_projects(scope, start, end):  # type: ignore[no-untyped-def]
    """Days in the period per project of ≥ 1亿 signed: "one every 3.8 days".

    Zhaoqing's figure is 273 days (1 January – 30 September) / 71 projects = 3.8. That is the
    mean gap between successive signings when they are spread through the period, and unlike
    (last − first) / (n − 1) it does not swing with where the first and last one fall. With no
    such project the answer is the whole period (the gap is at least that long).
    """
    count = _signed(scope, start, end).filter(planned_investment__gte=HUNDRED_MILLION).count()
    days = Decimal((end - start).days + 1)
    return days / count if count else days


# --- Lifecycle steps reached ------------------------------------------------------------------


def _reached(kind: str) -> Compute:
    def compute(scope: LedgerScope, start: dt.date, end: dt.date) -> Decimal:
        milestones = Milestone.objects.filter(
            scope.q("project__"), kind=kind, actual_date__gte=start, actual_date__lte=end
        )
        return _count(milestones)

    return compute


def _planned_to_reach(kind: str) -> Compute:
    def compute(scope: LedgerScope, after: dt.date, end: dt.date) -> Decimal:
        milestones = Milestone.objects.filter(
            scope.q("project__"),
            kind=kind,
            actual_date__isnull=True,
            planned_date__gt=after,
            planned_date__lte=end,
        )
        return _count(milestones)

    return compute


for _name, _kind, _label in [
    ("count_started", MilestoneKind.CONSTRUCTION_STARTED, _("projects started construction")),
    ("count_completed", MilestoneKind.COMPLETED, _("projects completed")),
    ("count_in_production", MilestoneKind.IN_PRODUCTION, _("projects put into production")),
]:
    ledger_query(_name, _label, UnitKind.COUNT)(_reached(_kind))
    planned_part(_name)(_planned_to_reach(_kind))


# --- Money spent ------------------------------------------------------------------------------


@ledger_query("actual_investment", _("actual investment"), UnitKind.MONEY)
def actual_investment(scope, start, end):  # type: ignore[no-untyped-def]
    """Sum of the monthly reports whose month lies in the period and has ended by its end."""
    reports = InvestmentReport.objects.filter(
        scope.q("project__"), month__gte=start.replace(day=1), month__lte=last_full_month(end)
    )
    return reports.aggregate(total=Sum("amount"))["total"] or Decimal(0)
