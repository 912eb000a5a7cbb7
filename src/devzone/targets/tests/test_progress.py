"""Time progress, pace and the Zhaoqing acceptance numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from devzone.targets import services
from devzone.targets.choices import Direction, Pace
from devzone.targets.demo import load_demo_targets
from devzone.targets.models import Plan, Target
from devzone.targets.progress import evaluate, judge, plan_progress, time_progress

from .conftest import AS_OF, YI

YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_time_progress_counts_whole_months_at_a_month_end():
    assert time_progress(*YEAR, dt.date(2023, 9, 30)) == Decimal("0.75")
    assert time_progress(*YEAR, dt.date(2023, 6, 30)) == Decimal("0.5")
    assert time_progress(*YEAR, dt.date(2023, 1, 31)) * 12 == 1


def test_time_progress_counts_days_otherwise_both_ends_included():
    assert time_progress(*YEAR, dt.date(2023, 1, 1)) == Decimal(1) / Decimal(365)
    assert time_progress(*YEAR, dt.date(2023, 7, 15)) == Decimal(196) / Decimal(365)


def test_time_progress_is_clamped_to_the_period():
    assert time_progress(*YEAR, dt.date(2022, 12, 31)) == 0
    assert time_progress(*YEAR, dt.date(2024, 3, 1)) == 1


@pytest.mark.parametrize(
    ("progress", "direction", "pace"),
    [
        ("0.80", Direction.AT_LEAST, Pace.AHEAD),
        ("0.77", Direction.AT_LEAST, Pace.ON_PACE),  # +2 points: still on pace
        ("0.73", Direction.AT_LEAST, Pace.ON_PACE),
        ("0.70", Direction.AT_LEAST, Pace.BEHIND),
        ("0.60", Direction.AT_MOST, Pace.AHEAD),  # used less of the allowance than time
        ("0.90", Direction.AT_MOST, Pace.BEHIND),
        ("0.76", Direction.AT_MOST, Pace.ON_PACE),
    ],
)
def test_judge_against_time_progress(progress, direction, pace):
    assert judge(Decimal(progress), Decimal("0.75"), direction)[0] == pace


def test_judge_margin_is_in_points_and_tolerance_is_a_parameter():
    pace, margin = judge(Decimal("0.78"), Decimal("0.75"), Direction.AT_LEAST, Decimal(5))
    assert (pace, margin) == (Pace.ON_PACE, Decimal("3.00"))


def _progress(plan: Plan, code: str):
    target = Target.objects.get(plan=plan, indicator__code=code)
    return evaluate(target, AS_OF)


def test_zhaoqing_planned_investment_is_ahead(zq_plan):
    result = _progress(zq_plan, "new_manufacturing_planned_investment")
    assert result.actual == 689 * YI
    assert result.target.value == 700 * YI
    assert result.progress_percent == Decimal("98.4")
    assert result.time_percent == Decimal("75.0")
    assert result.pace == Pace.AHEAD
    assert result.margin_rounded == Decimal("23.4")


def test_zhaoqing_actual_investment_is_behind(zq_plan):
    result = _progress(zq_plan, "project_actual_investment")
    assert result.actual == Decimal("316.6") * YI
    assert result.progress_percent == Decimal("57.6")
    assert result.pace == Pace.BEHIND
    assert result.margin_rounded == Decimal("-17.4")


def test_before_its_period_a_target_is_not_started_and_a_zero_target_is_not_judged(zq_plan):
    target = Target.objects.get(plan=zq_plan, indicator__code="project_actual_investment")
    assert evaluate(target, dt.date(2022, 12, 31)).pace == Pace.NOT_STARTED
    assert evaluate(target, dt.date(2022, 12, 31)).margin_points is None
    target.value = Decimal(0)
    result = evaluate(target, AS_OF)
    assert (result.pace, result.progress, result.actual) == (
        Pace.NO_TARGET,
        None,
        Decimal("316.6") * YI,
    )


def test_entered_series_value_is_a_level_judged_against_the_target(zq_plan):
    target = Target.objects.get(plan=zq_plan, indicator__code="industrial_value_added_growth")
    assert evaluate(target, AS_OF).pace == Pace.NO_DATA
    services.record_actual(target, dt.date(2023, 9, 30), Decimal("7.2"), actor=None)
    result = evaluate(target, AS_OF)
    assert result.actual == Decimal("7.2")
    assert result.benchmark == 1  # a growth rate is not scaled by time progress
    assert result.pace == Pace.BEHIND
    assert result.projection.method == "latest"


def test_a_series_target_reads_the_growth_of_the_regions_series(zq_plan):
    from devzone.indicators.tests.conftest import observe

    target = Target.objects.get(plan=zq_plan, indicator__code="industrial_value_added_growth")
    services.record_actual(target, dt.date(2023, 6, 30), Decimal("7.2"), actor=None)
    region = target.region
    observe(region, "industrial_value_added", dt.date(2023, 1, 1), dt.date(2023, 8, 31),
            yoy="8.1", cumulative=True)  # fmt: skip
    observe(region, "industrial_value_added", dt.date(2023, 1, 1), dt.date(2023, 9, 30),
            yoy="8.5", cumulative=True)  # fmt: skip
    observe(
        region,
        "industrial_value_added",
        dt.date(2023, 1, 1),
        dt.date(2023, 10, 31),
        yoy="9.9",
        cumulative=True,
    )  # fmt: skip: after the day asked about

    result = evaluate(target, AS_OF)

    assert result.actual == Decimal("8.5")  # the series wins over the entered 7.2
    assert "2023-09-30" in result.actual_source
    assert result.pace == Pace.AHEAD  # 8.5 against a target of 8


def test_projection_says_how_it_was_made(zq_plan):
    planned = _progress(zq_plan, "new_manufacturing_planned_investment").projection
    assert planned.method == "planned_dates"  # the project planned to sign in November
    assert planned.value == 699 * YI
    # 2022 has a December report only: nothing had come in by 30 September, so no pattern
    assert _progress(zq_plan, "project_actual_investment").projection.method == "linear"


def test_projection_follows_last_years_monthly_pattern(zq_plan, zq_ledger):
    # given: by 30 September 2022 half of 2022's investment had come in (5 of 10 亿)
    from devzone.projects.services import submit_investment_report

    submit_investment_report(zq_ledger["older"], dt.date(2022, 6, 1), 5 * YI, actor=None)
    # when
    projection = _progress(zq_plan, "project_actual_investment").projection
    # then: this year's 316.6 亿 is taken as half of the year
    assert projection.method == "last_year_pattern"
    assert projection.value == Decimal("633.2") * YI
    assert "50.0" in projection.explanation


def test_linear_projection_when_neither_plan_nor_last_year_helps(regions, zq_zones):
    plan = services.create_plan(actor=None, name="p", year=2023, region=regions["zhaoqing"])
    indicator = services.define_indicator(
        actor=None,
        code="started",
        name="开工",
        unit_kind="count",
        actual_source="ledger:count_started",
    )
    target = services.set_target(plan, indicator, zq_zones["sihui"], Decimal(10), actor=None)
    result = evaluate(target, AS_OF)
    assert result.actual == 0 and result.projection.method == "linear"


def test_demo_loader_is_idempotent(zq_plan):
    from devzone.core.models import ChangeRecord

    before = ChangeRecord.objects.count()
    load_demo_targets(race=False)
    assert ChangeRecord.objects.count() == before
    assert zq_plan.actions.count() == 10
    assert list(zq_plan.actions.values_list("name", flat=True)[:2]) == ["筑巢", "引凤"]
    assert all(
        "Invest in Zhaoqing" in t.source or "003_" in t.source for t in zq_plan.targets.all()
    )


def test_plan_progress_lists_every_target_in_action_order(zq_plan):
    results = plan_progress(zq_plan, AS_OF)
    assert [r.target.indicator.code for r in results][:2] == [
        "park_infrastructure_investment",
        "cooked_land_reserve",
    ]
    assert len(results) == 5


def test_a_months_report_counts_once_the_month_has_ended(zq_plan):
    target = Target.objects.get(plan=zq_plan, indicator__code="project_actual_investment")
    at_month_end = evaluate(target, dt.date(2023, 8, 31)).actual
    assert at_month_end < Decimal("316.6") * YI  # September has a report
    assert evaluate(target, dt.date(2023, 9, 29)).actual == at_month_end
    assert evaluate(target, dt.date(2023, 9, 30)).actual == Decimal("316.6") * YI


def test_once_the_period_is_over_a_target_is_met_or_missed_not_on_pace(zq_plan):
    year_end = dt.date(2023, 12, 31)
    planned = Target.objects.get(
        plan=zq_plan, indicator__code="new_manufacturing_planned_investment"
    )

    missed = evaluate(planned, year_end)  # 689 of 700亿: within two points, but the year is over
    assert (missed.progress_percent, missed.pace) == (Decimal("98.4"), Pace.MISSED)

    planned.value = 600 * YI
    assert evaluate(planned, year_end).pace == Pace.MET
    assert evaluate(planned, AS_OF).pace == Pace.AHEAD  # during the year: a pace
