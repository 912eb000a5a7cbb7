"""The analytics engine gives the same numbers as the ledger queries, from columns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from devzone.analytics.extract import extract_ledger
from devzone.analytics.ledger import MILESTONES, fold
from devzone.analytics.rollups import briefing_numbers, race_frame, target_indicators
from devzone.projects import services as projects
from devzone.projects.choices import MILESTONE_ORDER
from devzone.targets.queries import LEDGER_QUERIES, as_scope, run

YI = Decimal(10) ** 8
JAN_SEP = (dt.date(2023, 1, 1), dt.date(2023, 9, 30))
YEAR_2022 = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def _project(zone, name, planned, kind="manufacturing", department=None, **dates):
    return projects.create_project(
        actor=None,
        zone=zone,
        name=name,
        planned_investment=planned,
        kind=kind,
        department=department,
        milestones={step: {"actual_date": day} for step, day in dates.items()},
    )


@pytest.fixture
def ledger(zone_a, zone_b, department_a):
    """Projects in Jinhua and Zhaoqing at every step, with reports inside and outside 2023."""
    battery = _project(
        zone_a, "电池基地", 100 * YI, department=department_a,
        signed=dt.date(2023, 2, 1), construction_started=dt.date(2023, 5, 10),
    )  # fmt: skip
    chips = _project(
        zone_b, "芯片项目", Decimal("12.34") * YI + Decimal("0.56"),
        signed=dt.date(2023, 3, 15), construction_started=dt.date(2023, 4, 1),
        completed=dt.date(2023, 9, 1), in_production=dt.date(2023, 9, 30),
    )  # fmt: skip
    road = _project(zone_b, "道路", 3 * YI, kind="infrastructure", signed=dt.date(2023, 6, 6))
    _project(zone_a, "去年项目", 20 * YI, signed=dt.date(2022, 7, 1))
    _project(zone_b, "小项目", Decimal("0.5") * YI, signed=dt.date(2023, 8, 8))
    _project(zone_b, "储备项目", 8 * YI)
    for project, month, amount in [
        (battery, dt.date(2023, 5, 1), Decimal("1.25") * YI),
        (battery, dt.date(2023, 9, 1), Decimal("0.01")),
        (battery, dt.date(2023, 10, 1), 2 * YI),  # after the period
        (chips, dt.date(2022, 12, 1), YI),  # before it
        (chips, dt.date(2023, 4, 1), Decimal("3.33") * YI),
        (road, dt.date(2023, 7, 1), Decimal(0)),
    ]:
        projects.submit_investment_report(project, month, amount, actor=None)
    return fold(extract_ledger())


def test_the_engine_knows_the_lifecycle_of_the_ledger():
    assert list(MILESTONES) == MILESTONE_ORDER


@pytest.mark.parametrize("period", [JAN_SEP, YEAR_2022])
@pytest.mark.parametrize("scope", ["330700", "441200", "44", "33", "zone_a", "zone_b", "dept"])
def test_every_indicator_equals_its_ledger_query(ledger, scope, period, request):
    # given a scope as the targets give it
    scope = {"zone_a": "zone_a", "zone_b": "zone_b", "dept": "department_a"}.get(scope, scope)
    if not scope.isdigit():
        scope = request.getfixturevalue(scope)
    # when the engine computes the indicators over the extracted columns
    numbers = target_indicators(ledger, as_scope(scope), *period)
    # then each is the ledger query's value
    expected = {name: run(name, scope, *period) for name in numbers}
    assert numbers == expected
    assert set(numbers) == set(LEDGER_QUERIES)


def test_money_keeps_its_fen(ledger, zone_b):
    numbers = target_indicators(ledger, as_scope(zone_b), *JAN_SEP)
    assert (
        numbers["planned_investment_of_manufacturing_projects_signed"]
        == Decimal("1234000000.56") + Decimal("0.5") * YI
    )
    assert numbers["count_in_production"] == 1
    assert target_indicators(ledger, as_scope("330700"), *JAN_SEP)["actual_investment"] == (
        Decimal("125000000.01")
    )


def test_race_indicators_per_zone(ledger, zone_a, zone_b):
    frame = race_frame(ledger, *JAN_SEP)
    rows = {row["zone_id"]: row for row in frame.iter_rows(named=True)}
    assert rows[zone_a.pk]["count_started"] == 1
    assert rows[zone_b.pk]["actual_investment"] == 333 * 10**6 * 100  # fen
    assert rows[zone_b.pk]["planned_investment_of_manufacturing_projects_signed"] == (
        (1234000000 + 50000000) * 100 + 56
    )


def test_briefing_numbers_of_a_week(ledger):
    # given the week of 25 September – 1 October 2023
    week = (dt.date(2023, 9, 25), dt.date(2023, 10, 1))
    # when the engine computes the briefing's numbers for the whole ledger
    numbers = briefing_numbers(
        ledger,
        week,
        stalled_since=dt.date(2023, 7, 1),
        trend=[dt.date(2023, month, 1) for month in range(1, 11)],
    )
    # then the chips project went into production that week; nothing was signed
    assert (numbers.signed, numbers.milestones_met) == (0, 1)
    assert numbers.stalled == 0  # the battery base reported money in September
    assert numbers.investment_by_month[dt.date(2023, 4, 1)] == Decimal("3.33") * YI
    assert numbers.investment_by_month[dt.date(2023, 10, 1)] == 2 * YI
    assert numbers.pipeline["planned"] == (1, 8 * YI)
    assert numbers.pipeline["signed"][0] == 3
    assert numbers.pipeline["in_production"][0] == 1


def test_an_empty_ledger_gives_zeros(db):
    numbers = target_indicators(fold(extract_ledger()), as_scope("44"), *JAN_SEP)
    assert numbers["actual_investment"] == 0
    assert numbers["count_signed"] == 0
