"""The district race: scores, ranking, gap, movement and the red and black lists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from devzone.projects import services as projects
from devzone.targets import services
from devzone.targets.choices import ListMark, ScoringRule
from devzone.targets.models import RaceResult
from devzone.targets.race import (
    Entry,
    _rank,
    competition_ranks,
    normalised_points,
    rank_points,
    run_race,
    score_race,
    stored_race,
)

from .conftest import YI

HITECH, DINGHU, SIHUI = "肇庆高新区(测)", "鼎湖区园区(测)", "四会园区(测)"
SEPTEMBER, OCTOBER = dt.date(2023, 9, 1), dt.date(2023, 10, 1)


def _indicator(code, source):
    return services.define_indicator(
        actor=None, code=code, name=code, unit_kind="money", actual_source=f"ledger:{source}"
    )


@pytest.fixture
def scorecard(regions, zq_ledger):
    items = [
        (_indicator("signed", "planned_investment_of_manufacturing_projects_signed"), 40, True),
        (_indicator("invested", "actual_investment"), 40, True),
        (_indicator("started", "count_started"), 20, True),
    ]
    return services.create_scorecard(
        actor=None,
        name="肇庆赛马",
        region=regions["zhaoqing"],
        items=[(indicator, Decimal(weight), higher) for indicator, weight, higher in items],
    )


def test_normalised_rule_gives_the_best_100():
    assert normalised_points([Decimal(50), Decimal(100), Decimal(0)], True) == [50, 100, 0]
    assert normalised_points([Decimal(2), Decimal(4)], False) == [100, 50]  # fewer days: better


def test_rank_points_and_shared_places():
    assert rank_points([Decimal(5), Decimal(9), Decimal(5)], True) == [2, 3, 2]
    assert competition_ranks([Decimal(9), Decimal(5), Decimal(9)]) == [1, 3, 1]


def test_the_race_ranks_every_top_level_zone_by_weighted_score(scorecard, zq_zones):
    entries = score_race(scorecard, SEPTEMBER)
    assert [entry.zone.name for entry in entries] == [
        "肇庆高新区(测)",
        "鼎湖区园区(测)",
        "四会园区(测)",
    ]
    # high-tech zone: best on all three → 100; Dinghu: 40×250/300 + 40×111.1/205.5 + 20×1
    assert [entry.score for entry in entries] == [
        Decimal("100.00"),
        Decimal("74.96"),
        Decimal("18.53"),
    ]
    assert [entry.gap for entry in entries] == [0, Decimal("25.04"), Decimal("81.47")]
    assert [entry.mark for entry in entries] == [ListMark.RED, ListMark.NONE, ListMark.BLACK]


def test_a_month_without_figures_has_no_red_or_black_list(scorecard, zq_zones):
    entries = score_race(scorecard, dt.date(1999, 1, 1))

    assert {entry.score for entry in entries} == {Decimal("0.00")}
    assert {entry.rank for entry in entries} == {1}
    assert {entry.mark for entry in entries} == {ListMark.NONE}


def test_rankings_are_stored_per_month_with_movement(scorecard, zq_zones):
    # given: September ranked, then Sihui signs, starts and invests big in October
    run_race(scorecard, SEPTEMBER, actor=None)
    big = projects.create_project(
        actor=None, zone=zq_zones["sihui"], name="千亿项目", planned_investment=1000 * YI,
        milestones={
            "signed": {"actual_date": dt.date(2023, 10, 10)},
            "construction_started": {"actual_date": dt.date(2023, 10, 20)},
        },
    )  # fmt: skip
    projects.submit_investment_report(big, OCTOBER, 500 * YI, actor=None)
    # when
    run_race(scorecard, OCTOBER, actor=None)
    # then
    october = stored_race(scorecard, OCTOBER)
    assert [(r.zone.name, r.rank, r.movement) for r in october] == [
        (SIHUI, 1, 2),
        (HITECH, 2, -1),
        (DINGHU, 3, -1),
    ]
    assert october[0].mark == ListMark.RED and october[-1].mark == ListMark.BLACK
    assert RaceResult.objects.filter(scorecard=scorecard).count() == 6
    assert october[0].values["invested"]["value"] == str(500 * YI)


def test_running_a_month_again_replaces_it(scorecard):
    run_race(scorecard, SEPTEMBER, actor=None)
    run_race(scorecard, SEPTEMBER, actor=None)
    assert RaceResult.objects.filter(scorecard=scorecard, period=SEPTEMBER).count() == 3


def test_rank_points_rule(scorecard):
    scorecard.rule = ScoringRule.RANK_POINTS
    scorecard.save()
    entries = score_race(scorecard, SEPTEMBER)
    # high-tech: 3+3+3 (tied first on starts with Dinghu); Dinghu 2, 2, 3; Sihui 1, 1, 1
    assert [entry.score for entry in entries] == [Decimal("3.00"), Decimal("2.20"), Decimal("1.00")]


def test_only_region_staff_may_run_a_race(scorecard, staff_b):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run_race(scorecard, SEPTEMBER, actor=staff_b)


@pytest.mark.parametrize(
    ("scores", "marks"),
    [
        # one zone scored, the others tie at zero: they share the last place, not the second
        ([100, 0, 0, 0, 0, 0], ["red", "black", "black", "black", "black", "black"]),
        ([100, 100, 50, 0, 0, 0], ["red", "red", "red", "black", "black", "black"]),
        ([90, 80, 70, 60, 50, 40], ["red", "red", "red", "black", "black", "black"]),
        ([90, 80, 70, 60, 60, 40], ["red", "red", "red", "black", "black", "black"]),
        # four tied first are all red; 80 is fifth of six, among the last three
        ([90, 90, 90, 90, 80, 40], ["red", "red", "red", "red", "black", "black"]),
    ],
)
def test_red_and_black_lists_with_ties(scorecard, regions, scores, marks):
    from devzone.regions.services import create_zone

    scorecard.list_size = 3
    entries = [
        Entry(
            create_zone(
                actor=None, region=regions["zhaoqing"], slug=f"t-{i}", name=f"园区{i}", kind="park"
            ),
            score=Decimal(score),
        )
        for i, score in enumerate(scores)
    ]

    _rank(entries, scorecard, SEPTEMBER)

    assert [entry.mark for entry in sorted(entries, key=lambda e: e.zone.name)] == marks


def test_a_month_not_begun_is_refused_and_nothing_is_stored(scorecard, capsys):
    from django.core.exceptions import ValidationError

    from devzone.cli import main
    from devzone.core.clock import today

    future = (today().replace(day=1) + dt.timedelta(days=40)).replace(day=1)
    with pytest.raises(ValidationError) as refused:
        run_race(scorecard, future, actor=None)
    assert "period" in refused.value.message_dict
    assert not RaceResult.objects.exists()

    status = main(["race", "--scorecard", str(scorecard.pk), "--period", f"{future:%Y-%m}"])
    assert status == 2 and "period:" in capsys.readouterr().err
