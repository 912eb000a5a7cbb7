"""Stage, status and investment totals are derived from milestones and reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from devzone.projects import services
from devzone.projects.models import Project

AS_OF = dt.date(2023, 9, 30)


def _derived(project):
    return Project.objects.with_status(AS_OF).with_totals(AS_OF).get(pk=project.pk)


def test_stage_is_the_latest_milestone_reached(project_a, staff_a):
    assert _derived(project_a).stage == "signed"
    services.set_milestone(project_a, "approved", actor=staff_a, actual_date=dt.date(2022, 4, 1))
    assert _derived(project_a).stage == "approved"


def test_a_missed_planned_date_makes_a_project_delayed(project_a):
    # construction was planned for 2022-06-01 and has not started
    assert _derived(project_a).status == "delayed"


def test_on_schedule_when_every_planned_date_is_met(project_a, staff_a):
    services.set_milestone(
        project_a, "construction_started", actor=staff_a, actual_date=dt.date(2022, 6, 1)
    )
    services.submit_investment_report(
        project_a, dt.date(2023, 8, 1), Decimal("5000000"), actor=staff_a
    )
    assert _derived(project_a).status == "on_schedule"


def test_under_construction_without_recent_money_is_stalled(project_a, staff_a):
    services.set_milestone(
        project_a, "construction_started", actor=staff_a, actual_date=dt.date(2022, 6, 1)
    )
    services.submit_investment_report(
        project_a, dt.date(2023, 3, 1), Decimal("5000000"), actor=staff_a
    )
    assert _derived(project_a).status == "stalled"


def test_totals_are_year_to_date_and_since_start(project_a, staff_a):
    for month, amount in [((2022, 11), "100"), ((2023, 1), "200"), ((2023, 9), "300")]:
        services.submit_investment_report(
            project_a, dt.date(*month, 1), Decimal(amount), actor=staff_a
        )
    services.submit_investment_report(
        project_a, dt.date(2023, 10, 1), Decimal("999"), actor=staff_a
    )
    project = _derived(project_a)
    assert project.invested_ytd == Decimal("500")
    assert project.invested_total == Decimal("600")
