"""Reads of projects: who may see them, and what they derive (stage, status, totals)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from devzone.accounts.scope import zone_scope_q
from devzone.core.clock import today
from devzone.projects.choices import MILESTONE_ORDER, Stage, Status

MONEY_OUTPUT = models.DecimalField(max_digits=20, decimal_places=2)
ZERO = models.Value(0, output_field=MONEY_OUTPUT)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def _report_sum(condition: Q) -> Coalesce:
    from devzone.projects.models import InvestmentReport

    total = (
        InvestmentReport.objects.filter(condition, project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=MONEY_OUTPUT), ZERO)


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ProjectQuerySet:
        """The only way pages, the API, exports and commands get projects."""
        return self.filter(zone_scope_q(user, "zone"))

    def with_stage(self, as_of: dt.date | None = None) -> ProjectQuerySet:
        """Annotate ``stage``: the latest lifecycle milestone actually reached by ``as_of``.

        One correlated subquery (the reached milestone with the highest lifecycle position),
        so that list pages stay fast on large ledgers.
        """
        from devzone.projects.models import Milestone

        as_of = as_of or today()
        position = Case(
            *[When(kind=kind, then=Value(index)) for index, kind in enumerate(MILESTONE_ORDER)],
            output_field=models.IntegerField(),
        )
        latest = (
            Milestone.objects.filter(
                project=OuterRef("pk"), actual_date__isnull=False, actual_date__lte=as_of
            )
            .annotate(position=position)
            .order_by("-position")
            .values("kind")[:1]
        )
        return self.annotate(
            stage=Coalesce(Subquery(latest, output_field=models.CharField()), Value(Stage.PLANNED))
        )

    def with_status(self, as_of: dt.date | None = None) -> ProjectQuerySet:
        """Annotate ``status`` (and ``stage``) as of a day.

        Stalled: under construction (started, and not yet completed or in production) with no
        report of money spent in the last ``DEVZONE_STALLED_MONTHS`` months. Delayed: a
        milestone whose planned date has passed without an actual date. Otherwise on schedule.
        """
        from devzone.projects.models import InvestmentReport, Milestone

        as_of = as_of or today()
        since = add_months(month_start(as_of), -settings.DEVZONE_STALLED_MONTHS)
        recent_progress = Exists(
            InvestmentReport.objects.filter(
                project=OuterRef("pk"), month__gte=since, month__lte=as_of, amount__gt=0
            )
        )
        overdue = Exists(
            Milestone.objects.filter(project=OuterRef("pk"), planned_date__lt=as_of).filter(
                Q(actual_date__isnull=True) | Q(actual_date__gt=as_of)
            )
        )
        return self.with_stage(as_of).annotate(
            status=Case(
                When(
                    Q(stage=Stage.CONSTRUCTION_STARTED) & ~recent_progress,
                    then=Value(Status.STALLED),
                ),
                When(overdue, then=Value(Status.DELAYED)),
                default=Value(Status.ON_SCHEDULE),
                output_field=models.CharField(),
            )
        )

    def with_totals(self, as_of: dt.date | None = None) -> ProjectQuerySet:
        """Annotate ``invested_ytd`` and ``invested_total`` from the monthly reports.

        Correlated sums rather than a join with GROUP BY, so other annotations and ordering
        stay cheap.
        """
        as_of = as_of or today()
        year_start = dt.date(as_of.year, 1, 1)
        return self.annotate(
            invested_total=_report_sum(Q(month__lte=as_of)),
            invested_ytd=_report_sum(Q(month__lte=as_of, month__gte=year_start)),
        )

    def signed_between(self, start: dt.date, end: dt.date) -> ProjectQuerySet:
        return self.filter(
            milestones__kind="signed",
            milestones__actual_date__gte=start,
            milestones__actual_date__lte=end,
        )
