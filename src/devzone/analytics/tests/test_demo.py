"""On the demo ledger the application's numbers are the published ones and the ORM's.

The demo is loaded once for the module inside a transaction rolled back afterwards (as
``devzone.demo``'s own tests do); it holds Zhaoqing's 2023 plan and ledger, whose
January–September figures are the published 68.9 bn yuan planned and 31.66 bn invested.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from devzone.analytics.state import ledger_view
from devzone.demo.ledger import DEMO_AS_OF
from devzone.projects.models import Project
from devzone.regions.models import Department, Zone
from devzone.reports.briefing import build_briefing, parse_week, trend_months
from devzone.targets.choices import Pace
from devzone.targets.demo import PLAN_NAME, SCORECARD_NAME
from devzone.targets.models import Plan, Scorecard
from devzone.targets.progress import plan_progress
from devzone.targets.queries import LEDGER_QUERIES, ledger_scope, run
from devzone.targets.race import month_end, score_race

from . import reference

pytestmark = pytest.mark.usefixtures("demo", "db")

SEP_30 = dt.date(2023, 9, 30)
PERIODS = [
    (dt.date(2023, 1, 1), SEP_30),
    (dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
    (dt.date(2024, 1, 1), DEMO_AS_OF),
]


def test_zhaoqing_2023_targets_are_the_published_ones():
    # when the plan page's function judges Zhaoqing's plan on 30 September 2023
    results = {
        result.target.indicator.code: result
        for result in plan_progress(Plan.objects.get(name=PLAN_NAME), SEP_30)
    }
    # then 68.9 of 70 bn planned investment is ahead of the 75 % of the year gone
    planned = results["new_manufacturing_planned_investment"]
    assert (planned.actual, planned.target.value) == (Decimal(689) * 10**8, Decimal(700) * 10**8)
    assert (planned.progress_percent, planned.time_percent) == (Decimal("98.4"), Decimal("75.0"))
    assert planned.pace == Pace.AHEAD
    # and 31.66 of 55 bn actual investment is behind it
    actual = results["project_actual_investment"]
    assert (actual.actual, actual.target.value) == (Decimal("31660000000"), Decimal(550) * 10**8)
    assert actual.progress_percent == Decimal("57.6")
    assert actual.pace == Pace.BEHIND


def test_every_indicator_of_every_demo_scope_is_the_orms():
    view = ledger_view()
    scopes = [*Zone.objects.all(), *Department.objects.all(), "330700", "441200", "331100", "33"]
    wrong = {}
    for scope in scopes:
        for period in PERIODS:
            numbers = view.indicators(ledger_scope(scope, view), *period)
            expected = {name: run(name, scope, *period) for name in LEDGER_QUERIES}
            if numbers != expected:
                wrong[(str(scope), period)] = (numbers, expected)
    assert wrong == {}


def test_the_race_of_september_2023_is_the_orms():
    scorecard = Scorecard.objects.get(name=SCORECARD_NAME)
    month = dt.date(2023, 9, 1)
    for entry in score_race(scorecard, month):
        for item in scorecard.items.select_related("indicator"):
            expected = LEDGER_QUERIES[item.indicator.source_key](
                entry.zone, dt.date(2023, 1, 1), month_end(month)
            )
            assert entry.values[item.indicator.code] == expected


@pytest.mark.parametrize("day", [SEP_30, dt.date(2024, 3, 31), DEMO_AS_OF])
def test_stalled_projects_and_the_pipeline_are_the_querysets(day):
    from devzone.analytics.rollups import pipeline, stalled_projects, zones_filter

    rollup = ledger_view().rollup
    months = reference.stalled_months()
    stalled = sorted(stalled_projects(rollup, zones_filter(None), day, months)["id"].to_list())
    assert stalled == reference.stalled_ids(Project.objects.all(), day)
    assert pipeline(rollup, zones_filter(None), day) == reference.pipeline(
        Project.objects.all(), day
    )


@pytest.mark.parametrize("username", [None, "zhaoqing", "jinhua"])
@pytest.mark.parametrize(("region", "week"), [("441200", "2023-W40"), ("330700", "2024-W39")])
def test_the_briefing_is_the_orms_for_every_demo_user(region, week, username):
    user = get_user_model().objects.get(username=username) if username else None
    briefing = build_briefing(region, week, user=user)
    start, end = parse_week(week)
    projects = reference.region_projects(region[:4], user)
    expected = reference.week(projects, start, end, trend_months(end))
    assert sorted(line.project_id for line in briefing.stalled) == expected["stalled"]
    signed = sorted((line.project_id, line.day) for line in briefing.new_signed)
    assert signed == [(pk, day) for pk, day, _fen in expected["signed"]]
    months = {row.month: int(row.amount * 100) for row in briefing.investment_by_month}
    assert {month: fen for month, fen in months.items() if fen} == expected["months"]
    stages = {row.stage: (row.count, int(row.planned * 100)) for row in briefing.pipeline}
    assert {stage: value for stage, value in stages.items() if value[0]} == expected["pipeline"]


def test_the_briefings_stage_and_stalled_links_list_exactly_the_projects_counted(client):
    """A 2023 briefing links to the project list as the projects stood at the week's end."""
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    briefing = build_briefing("441200", "2023-W40", user=admin)
    links = [(row.count, row.url) for row in briefing.pipeline]
    stalled = next(figure for figure in briefing.headline if figure.key == "stalled")
    links.append((stalled.value, stalled.url))
    assert any(count for count, _url in links)
    for count, url in links:
        assert "as_of=2023-10-08" in url and "region=441200" in url
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["totals"]["count"] == count, url
