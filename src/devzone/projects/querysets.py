"""Reads of projects: who may see them, and what they derive (stage, status, totals)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from devzone.accounts.scope import zone_scope_q
from devzone.core.clock import today
from devzone.projects.choices import MILESTONE_ORDER, Stage, Status

ZERO = models.Value(0, output_field=models.DecimalField(max_digits=20, decimal_places=2))


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ProjectQuerySet:
        """The only way pages, the API, exports and commands get projects."""
        return self.filter(zone_scope_q(user, "zone"))

    def _milestone_reached(self, kind: str, as_of: dt.date) -> Exists:
        from devzone.projects.models import Milestone

        return Exists(
            Milestone.objects.filter(
                project=OuterRef("pk"), kind=kind, actual_date__isnull=False, actual_date__lte=as_of
            )
        )

    def with_stage(self, as_of: dt.date | None = None) -> ProjectQuerySet:
        """Annotate ``stage``: the latest lifecycle milestone actually reached by ``as_of``."""
        as_of = as_of or today()
        whens = [
            When(self._milestone_reached(kind, as_of), then=Value(kind))
            for kind in reversed(MILESTONE_ORDER)
        ]
        return self.annotate(
            stage=Case(*whens, default=Value(Stage.PLANNED), output_field=models.CharField())
        )

    def with_status(self, as_of: dt.date | None = None) -> ProjectQuerySet:
        """Annotate ``status`` (and ``stage``) as of a day.

        Stalled: under construction (started, not completed) with no report of money spent in
        the last ``DEVZONE_STALLED_MONTHS`` months. Delayed: a milestone whose planned date has
        passed without an actual date. Otherwise on schedule.
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
        under_construction = self._milestone_reached(
            "construction_started", as_of
        ) & ~self._milestone_reached("completed", as_of)
        return self.with_stage(as_of).annotate(
            status=Case(
                When(under_construction & ~recent_progress, then=Value(Status.STALLED)),
                When(overdue, then=Value(Status.DELAYED)),
                default=Value(Status.ON_SCHEDULE),
                output_field=models.CharField(),
            )
        )

    def with_totals(self, as_of: dt.date | None = None) -> ProjectQuerySet:
        """Annotate ``invested_ytd`` and ``invested_total`` from the monthly reports."""
        as_of = as_of or today()
        year_start = dt.date(as_of.year, 1, 1)
        in_range = Q(reports__month__lte=as_of)
        return self.annotate(
            invested_total=Coalesce(Sum("reports__amount", filter=in_range), ZERO),
            invested_ytd=Coalesce(
                Sum("reports__amount", filter=in_range & Q(reports__month__gte=year_start)), ZERO
            ),
        )

    def signed_between(self, start: dt.date, end: dt.date) -> ProjectQuerySet:
        return self.filter(
            milestones__kind="signed",
            milestones__actual_date__gte=start,
            milestones__actual_date__lte=end,
        )
