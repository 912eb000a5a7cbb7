"""The application's targets, race and briefing read the engine, and say what the ORM says.

Over the generated ledger: a plan of Zhaoqing with targets on every ledger indicator for the
city, its zones and a department; a race of its zones; the briefing of the city for weeks in
the past. Each is built the way the pages, the API and the command line build it, and compared
with the ORM queries, for the operator and for users who see only part of the city.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from devzone.accounts.services import create_user
from devzone.reports.briefing import build_briefing, parse_week, trend_months
from devzone.targets import progress, race, services
from devzone.targets.progress import plan_progress, time_progress
from devzone.targets.queries import LEDGER_QUERIES, as_scope
from devzone.targets.race import month_end, score_race

from . import reference
from .conftest import YI

AS_OF = dt.date(2023, 9, 30)
SCOPED = ["zhaoqing", "zone_b", "zone_c", "child", "department_b"]


@pytest.fixture
def plan(ledger, places, regions):
    plan = services.create_plan(actor=None, name="肇庆2023", year=2023, region=regions["zhaoqing"])
    scopes = {"zhaoqing": regions["zhaoqing"], **places}
    for name in LEDGER_QUERIES:
        indicator = services.define_indicator(
            actor=None, code=name, name=name, unit_kind="number", actual_source=f"ledger:{name}"
        )
        for scope in SCOPED:
            services.set_target(plan, indicator, scopes[scope], 10 * YI, actor=None)
    return plan


@pytest.fixture
def views(monkeypatch):
    """How many times the ledger is read (one LedgerView per page, command or call)."""
    made: list[object] = []
    original = progress.ledger_view

    def counted():
        made.append(None)
        return original()

    for module in (progress, race):
        monkeypatch.setattr(module, "ledger_view", counted)
    return made


def _orm_projection(target, as_of, actual):
    """The year-end projection from the ORM queries (devzone.targets.projection's rules)."""
    query = LEDGER_QUERIES[target.indicator.source_key]
    if not target.indicator.accumulates:
        return actual
    scope = as_scope(target.scope)
    if query.planned is not None:
        to_come = query.planned(scope, as_of, target.period_end)
        if to_come:
            return actual + to_come
    start = target.period_start.replace(year=target.period_start.year - 1)
    same_day = query.compute(scope, start, as_of.replace(year=as_of.year - 1))
    if same_day:
        whole = query.compute(scope, start, target.period_end.replace(year=2022))
        return actual * whole / same_day
    return actual / time_progress(target.period_start, target.period_end, as_of)


@pytest.mark.parametrize("as_of", [AS_OF, dt.date(2023, 7, 15), dt.date(2023, 12, 31)])
def test_a_plans_progress_is_the_orms_from_one_read(plan, views, as_of):
    # when the plan page's function computes every target
    results = plan_progress(plan, as_of)
    # then the ledger was read once for all of them
    assert len(views) == 1
    assert len(results) == len(LEDGER_QUERIES) * len(SCOPED)
    # and every actual and projection is the ORM's
    for result in results:
        target = result.target
        expected = LEDGER_QUERIES[target.indicator.source_key](
            target.scope, target.period_start, min(as_of, target.period_end)
        )
        assert result.actual == expected, (target.indicator.code, target.scope_label)
        assert result.projection.value == _orm_projection(target, as_of, expected)


def test_the_race_values_are_the_orms(ledger, places, regions, views):
    items = [
        (services.define_indicator(actor=None, code=n, name=n, unit_kind="number",
                                   actual_source=f"ledger:{n}"), Decimal(w), True)
        for n, w in [("actual_investment", 40), ("count_started", 30), ("count_signed", 30)]
    ]  # fmt: skip
    scorecard = services.create_scorecard(
        actor=None, name="赛马", region=regions["zhaoqing"], items=items
    )
    for month in (dt.date(2023, 9, 1), dt.date(2024, 2, 1)):
        entries = score_race(scorecard, month)
        start, end = dt.date(month.year, 1, 1), month_end(month)
        assert {entry.zone.name for entry in entries} == {"肇庆高新区", "鼎湖园区"}
        for entry in entries:
            for name, value in entry.values.items():
                assert value == LEDGER_QUERIES[name](entry.zone, start, end), (entry.zone, name)
    assert len(views) == 2


def _briefing_figures(briefing) -> dict:
    return {
        "signed": sorted((line.project_id, line.day, int(line.amount * 100))
                         for line in briefing.new_signed),
        "met": sorted(line.project_id for line in briefing.milestones_met),
        "missed": sorted(line.project_id for line in briefing.milestones_missed),
        "stalled": sorted(line.project_id for line in briefing.stalled),
        "months": {row.month: int(row.amount * 100) for row in briefing.investment_by_month
                   if row.amount},
        "pipeline": {row.stage: (row.count, int(row.planned * 100)) for row in briefing.pipeline
                     if row.count},
    }  # fmt: skip


def _orm_figures(prefix, user, week) -> dict:
    start, end = parse_week(week)
    orm = reference.week(reference.region_projects(prefix, user), start, end, trend_months(end))
    return {
        **orm,
        "met": sorted(project for project, _kind, _day in orm["met"]),
        "missed": sorted(project for project, _kind, _day in orm["missed"]),
    }


@pytest.fixture
def users(places):
    return {
        "operator": None,
        "zone_b": create_user("b", "Zone-office-2024!", actor=None, role="staff",
                              zones=[places["zone_b"]]),
        "zone_c": create_user("c", "Zone-office-2024!", actor=None, role="staff",
                              zones=[places["zone_c"]]),
        "jinhua": create_user("a", "Zone-office-2024!", actor=None, role="staff",
                              zones=[places["zone_a"]]),
    }  # fmt: skip


@pytest.mark.parametrize("week", ["2023-W40", "2023-W14", "2024-W05"])
def test_the_briefing_shows_each_user_the_orms_figures_of_the_zones_it_sees(
    ledger, users, places, week
):
    for name, user in users.items():
        # when the briefing of Zhaoqing is built for the user
        briefing = build_briefing("441200", week, user=user)
        # then its figures are the ORM's over the projects the user may see
        assert _briefing_figures(briefing) == _orm_figures("4412", user, week), name
        zones = {line.zone for line in briefing.new_signed + briefing.stalled}
        if name == "zone_b":
            assert zones <= {places["zone_b"].name}
        if name == "jinhua":
            assert _briefing_figures(briefing)["pipeline"] == {}
    # and the headline counts are the lists' lengths, each linked
    briefing = build_briefing("441200", week)
    figures = {figure.key: figure for figure in briefing.headline}
    assert figures["stalled"].value == len(briefing.stalled)
    assert all(line.url == f"/projects/{line.project_id}/" for line in briefing.stalled)


def test_a_zone_user_sees_only_its_zones_targets_and_numbers(plan, users, places):
    results = plan_progress(plan, AS_OF, user=users["zone_b"])
    assert {result.target.scope for result in results} == {places["zone_b"]}
    for result in results:
        key = result.target.indicator.source_key
        assert result.actual == LEDGER_QUERIES[key](places["zone_b"], dt.date(2023, 1, 1), AS_OF)
    assert plan_progress(plan, AS_OF, user=users["jinhua"]) == []
