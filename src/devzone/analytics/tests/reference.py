"""The briefing's ledger figures in plain ORM terms: the reference the engine is held to.

Each figure is asked of the database the direct way (one query per figure, through the
project querysets' own ``with_stage`` / ``with_status``), and returned in the shapes the tests
compare: sorted tuples of ids and days, sums in fen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Sum

from devzone.projects.choices import MilestoneKind, Status
from devzone.projects.models import InvestmentReport, Milestone, Project

FEN = 100


def fen(value: Any) -> int:
    return int((value or 0) * FEN)


def region_projects(prefix: str, user: Any = None) -> QuerySet:
    projects = Project.objects.filter(zone__region__code__startswith=prefix)
    return projects if user is None else projects.visible_to(user)


def stalled_ids(projects: QuerySet, as_of: dt.date) -> list[int]:
    stalled = projects.with_status(as_of).filter(status=Status.STALLED)
    return sorted(stalled.values_list("pk", flat=True))


def pipeline(projects: QuerySet, as_of: dt.date) -> dict[str, tuple[int, int]]:
    rows = (
        projects.with_stage(as_of)
        .values("stage")
        .annotate(count=Count("pk"), planned=Sum("planned_investment"))
        .order_by()
    )
    return {row["stage"]: (row["count"], fen(row["planned"])) for row in rows}


def week(projects: QuerySet, start: dt.date, end: dt.date, trend: list[dt.date]) -> dict:
    """Everything the briefing takes from the ledger for the week [start, end]."""
    steps = Milestone.objects.filter(project__in=projects)
    signed = steps.filter(kind=MilestoneKind.SIGNED, actual_date__range=(start, end))
    missed = steps.filter(planned_date__range=(start, end)).filter(
        Q(actual_date__isnull=True) | Q(actual_date__gt=F("planned_date"))
    )
    months = (
        InvestmentReport.objects.filter(project__in=projects, month__in=trend)
        .values("month")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {
        "signed": sorted(
            (m.project_id, m.actual_date, fen(m.project.planned_investment))
            for m in signed.select_related("project")
        ),
        "met": sorted(
            steps.filter(actual_date__range=(start, end)).values_list(
                "project_id", "kind", "actual_date"
            )
        ),
        "missed": sorted(missed.values_list("project_id", "kind", "planned_date")),
        "stalled": stalled_ids(projects, end),
        "months": {row["month"]: fen(row["total"]) for row in months if row["total"]},
        "pipeline": pipeline(projects, end),
    }


def engine_week(numbers: Any) -> dict:
    """The engine's :class:`~devzone.analytics.rollups.WeekNumbers` in the same shapes."""
    return {
        "signed": sorted(numbers.signed.iter_rows()),
        "met": sorted(numbers.met.iter_rows()),
        "missed": sorted(numbers.missed.iter_rows()),
        "stalled": sorted(numbers.stalled.get_column("id").to_list()),
        "months": {
            month: amount for month, amount in numbers.investment_by_month.items() if amount
        },
        "pipeline": numbers.pipeline,
    }


def stalled_months() -> int:
    return settings.DEVZONE_STALLED_MONTHS
