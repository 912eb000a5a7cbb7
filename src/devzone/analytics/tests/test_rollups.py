"""The analytics engine gives the ledger queries' and the project querysets' answers.

Every number is compared with the ORM definition (``devzone.targets.queries`` and
``Project.objects.with_stage`` / ``with_status``) over the generated ledger of ``conftest``,
for every kind of scope, for periods and days before, inside and after its events.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest

from devzone.analytics.extract import extract_ledger
from devzone.analytics.ledger import MILESTONES, fold
from devzone.analytics.rollups import pipeline, stalled_projects, zones_filter
from devzone.analytics.state import ledger_view
from devzone.projects.choices import MILESTONE_ORDER
from devzone.projects.models import Project
from devzone.reports.briefing import parse_week, trend_months
from devzone.targets.queries import LEDGER_QUERIES, as_scope, ledger_scope, run

from . import reference

SCOPES = [
    "33", "330700", "44", "441200", "441203",
    "zone_a", "zone_b", "zone_c", "child", "department_a", "department_b",
]  # fmt: skip
PERIODS = [
    (dt.date(2023, 1, 1), dt.date(2023, 9, 30)),
    (dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    (dt.date(2023, 10, 2), dt.date(2023, 10, 8)),
    (dt.date(2023, 7, 15), dt.date(2024, 2, 10)),
    (dt.date(2020, 1, 1), dt.date(2024, 12, 31)),
]
DAYS = [
    dt.date(2022, 12, 31),
    dt.date(2023, 6, 30),
    dt.date(2023, 10, 8),
    dt.date(2023, 11, 30),
    dt.date(2024, 3, 31),
    dt.date(2024, 12, 31),
]
WEEKS = ["2022-W50", "2023-W27", "2023-W40", "2024-W01", "2024-W14"]


def _scope(name, places):
    return places.get(name, name)


def test_the_engine_knows_the_lifecycle_of_the_ledger():
    assert list(MILESTONES) == MILESTONE_ORDER


def test_every_indicator_equals_its_ledger_query(ledger, places):
    # given the ledger as the application reads it
    view = ledger_view()
    wrong = {}
    for name in SCOPES:
        scope = _scope(name, places)
        for period in PERIODS:
            # when the engine computes every indicator of the scope and period
            numbers = view.indicators(ledger_scope(scope, view), *period)
            # then each is the ORM query's value
            expected = {query: run(query, scope, *period) for query in LEDGER_QUERIES}
            if numbers != expected:
                wrong[(name, period)] = (numbers, expected)
    assert wrong == {}


def test_every_planned_part_equals_its_ledger_query(ledger, places):
    view = ledger_view()
    with_plan = {name for name, query in LEDGER_QUERIES.items() if query.planned is not None}
    wrong = {}
    for name in SCOPES:
        scope = _scope(name, places)
        for after in (dt.date(2023, 6, 30), dt.date(2023, 9, 30), dt.date(2023, 10, 3)):
            end = dt.date(2023, 12, 31)
            numbers = view.planned(ledger_scope(scope, view), after, end)
            expected = {
                query: LEDGER_QUERIES[query].planned(as_scope(scope), after, end)
                for query in with_plan
            }
            if numbers != expected:
                wrong[(name, after)] = (numbers, expected)
    assert set(view.planned(as_scope("44"), *PERIODS[0])) == with_plan
    assert wrong == {}


def test_stage_and_stalled_follow_the_project_querysets_on_any_day(ledger):
    rollup = ledger_view().rollup
    everything = zones_filter(None)
    for day in DAYS:
        months = reference.stalled_months()
        engine_stalled = sorted(stalled_projects(rollup, everything, day, months)["id"].to_list())
        assert engine_stalled == reference.stalled_ids(Project.objects.all(), day), day
        assert pipeline(rollup, everything, day) == reference.pipeline(Project.objects.all(), day)


@pytest.mark.parametrize("week", WEEKS)
def test_the_weeks_figures_equal_the_orm_ones(ledger, places, week):
    # given a week, a region and the zones of the region
    start, end = parse_week(week)
    view = ledger_view()
    for prefix in ("44", "441200", "33"):
        zones = view.region_zone_ids(prefix)
        # when the engine computes the week's ledger figures
        numbers = view.week(
            zones, (start, end), stalled_months=reference.stalled_months(), trend=trend_months(end)
        )
        # then they are the ORM's, for that week (not for today)
        projects = reference.region_projects(prefix)
        expected = reference.week(projects, start, end, trend_months(end))
        assert reference.engine_week(numbers) == expected, prefix


def test_the_edge_cases_come_out_as_the_rules_say(ledger, places):
    view = ledger_view()
    rollup = view.rollup
    everything = zones_filter(None)
    ids = rollup.projects["id"].to_list()
    # a cancelled project is gone with its milestones and reports
    assert ledger["cancelled_id"] not in ids
    assert ledger["cancelled_id"] not in rollup.reports["project_id"].to_list()
    # on Sunday of 2023-W40: no report (silent), reports only from November (late) and a
    # zero report in the window (zero) are stalled; in production without completion is not
    w40 = dt.date(2023, 10, 8)
    stalled = set(stalled_projects(rollup, everything, w40, 3)["id"].to_list())
    assert {ledger["silent"].pk, ledger["late"].pk, ledger["zero"].pk} <= stalled
    assert ledger["producing"].pk not in stalled
    # the late reporter is no longer stalled once its November report is in the window
    november = set(stalled_projects(rollup, everything, dt.date(2023, 11, 30), 3)["id"])
    assert ledger["late"].pk not in november
    # a withdrawn signing is not a signing; its planned date is one still to come
    withdrawn = _row(rollup, ledger["withdrawn"])
    assert withdrawn["signed_date"] is None
    assert withdrawn["signed_planned"] == dt.date(2023, 10, 4)
    # steps reached out of order: the stage is the furthest step reached
    out_of_order = Project.objects.with_stage(w40).get(pk=ledger["out_of_order"].pk)
    assert out_of_order.stage == "completed"
    stage = pipeline(rollup, pl.col("id") == ledger["out_of_order"].pk, w40)
    assert list(stage) == ["completed"]


def test_money_keeps_its_fen(ledger, places):
    rollup = ledger_view().rollup
    assert _row(rollup, ledger["out_of_order"])["planned_investment"] == 1_203_700_000_001
    view = ledger_view()
    zone_b = ledger_scope(places["zone_b"], view)
    october = (dt.date(2023, 10, 1), dt.date(2023, 10, 31))
    numbers = view.indicators(zone_b, *october)
    assert numbers["planned_investment_of_manufacturing_projects_signed"] == run(
        "planned_investment_of_manufacturing_projects_signed", places["zone_b"], *october
    )
    assert numbers["planned_investment_of_manufacturing_projects_signed"] % 1 == Decimal("0.01")


def _row(rollup, project) -> dict:
    return rollup.projects.filter(pl.col("id") == project.pk).row(0, named=True)


def test_an_empty_ledger_gives_zeros(db):
    rollup = fold(extract_ledger())
    assert rollup.projects.height == 0
    view = ledger_view()
    numbers = view.indicators(as_scope("44"), *PERIODS[0])
    assert numbers["actual_investment"] == 0
    assert numbers["count_signed"] == 0
    assert numbers["average_days_between_100m_projects"] == 273
