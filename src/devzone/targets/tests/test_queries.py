"""The ledger queries: defined once, each a Decimal for a scope and a period."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from devzone.projects import services as projects
from devzone.regions.services import create_zone
from devzone.targets.queries import LEDGER_QUERIES, as_scope, run

from .conftest import YI

JAN_SEP = (dt.date(2023, 1, 1), dt.date(2023, 9, 30))


def test_registry_names_every_query_of_the_issue():
    assert {
        "planned_investment_of_manufacturing_projects_signed",
        "count_started",
        "count_completed",
        "count_in_production",
        "actual_investment",
        "count_projects_over",
        "average_days_between_100m_projects",
    } <= set(LEDGER_QUERIES)


def test_queries_by_region_prefix_zone_and_period(zq_ledger, zq_zones):
    assert run("planned_investment_of_manufacturing_projects_signed", "441200", *JAN_SEP) == (
        689 * YI
    )
    assert run("count_manufacturing_signed", "4412", *JAN_SEP) == 3
    assert run("count_signed", "441200", *JAN_SEP) == 4  # with the infrastructure project
    assert run("count_projects_over", "441200", *JAN_SEP) == 3  # all three ≥ 10 亿
    assert run("count_started", "441200", *JAN_SEP) == 2
    assert run("actual_investment", zq_zones["hitech"], *JAN_SEP) == Decimal("205.5") * YI
    assert run("actual_investment", "330700", *JAN_SEP) == 0  # Jinhua: nothing


def test_a_zone_scope_includes_its_child_zones(zq_ledger, zq_zones, regions):
    child = create_zone(
        actor=None, region=regions["zhaoqing"], slug="t-child", name="起步区(测)", kind="park",
        parent=zq_zones["sihui"],
    )  # fmt: skip
    projects.create_project(
        actor=None, zone=child, name="起步区项目", planned_investment=2 * YI,
        milestones={"signed": {"actual_date": dt.date(2023, 3, 3)}},
    )  # fmt: skip
    assert run("count_manufacturing_signed", zq_zones["sihui"], *JAN_SEP) == 2
    assert run("count_manufacturing_signed", child, *JAN_SEP) == 1
    assert as_scope(zq_zones["sihui"]).zone_ids == (zq_zones["sihui"].pk, child.pk)


def test_a_100m_project_every_3_8_days(zq_zones):
    # given: 71 projects of ≥ 1亿 signed January–September (Zhaoqing's starting area), and a
    # smaller one that does not count
    zone = zq_zones["dinghu"]
    for index in range(71):
        signed = dt.date(2023, 1, 1) + dt.timedelta(days=index * 273 // 71)
        projects.create_project(
            actor=None, zone=zone, name=f"亿元项目{index}", planned_investment=YI + index,
            milestones={"signed": {"actual_date": signed}},
        )  # fmt: skip
    projects.create_project(
        actor=None, zone=zone, name="小项目", planned_investment=YI / 2,
        milestones={"signed": {"actual_date": dt.date(2023, 5, 5)}},
    )  # fmt: skip
    # when
    days = run("average_days_between_100m_projects", zone, *JAN_SEP)
    # then: 273 days / 71 projects
    assert days == Decimal(273) / 71
    assert days.quantize(Decimal("0.1"), ROUND_HALF_UP) == Decimal("3.8")


def test_days_per_project_without_any_is_the_whole_period(zq_zones):
    assert run("average_days_between_100m_projects", zq_zones["dinghu"], *JAN_SEP) == 273
