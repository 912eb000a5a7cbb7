"""Jinhua: the Development Zone's 2023 signings, the Konka battery base and NWTN in Jinyi.

Published and reproduced exactly: 20 projects signed in the first half of 2023 for 19.545 bn
yuan, 11 of them new-energy-vehicle projects for 5.25 bn (generated to match); Konka (Jinhua)
New Energy Battery Industry Base, 10 bn, 2022, 15 days from approval to land; NWTN's 10 bn core
components project in Jinyi with its 13-department promotion group, the coordination meeting of
27 October 2022 and weekly meetings after it.

Not published, so illustrative (and said so in the records): the exact days of Konka's and
NWTN's milestones (the documents give the year, or "after the signing"), the dates of the
weekly meetings after 27 October, and the items of NWTN's problem list.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from devzone.demo.amounts import split_total
from devzone.demo.ledger import (
    APPROVED,
    COMPLETED,
    DEMO_AS_OF,
    LAND,
    PRODUCTION,
    SIGNED,
    STARTED,
    ProjectPlan,
    between,
    day,
    fill_planned_dates,
    plus,
    report_steadily,
)
from devzone.demo.sources import cite, generated_to_match
from devzone.enterprises.models import Industry
from devzone.projects import services
from devzone.projects.choices import MilestoneKind
from devzone.projects.models import Project

NEV_TOTAL, OTHER_TOTAL = 525_000, 1_429_500  # 万元: 5.25 bn and 19.545 - 5.25 bn
KONKA_NAME = "康佳（金华）新能源电池产业基地项目"
NWTN_NAME = "NWTN新能源汽车核心零部件项目"
NWTN_GROUP_NAME = "NWTN项目专班"
NWTN_MEETING_DAY = day(2022, 10, 27)
WEEKLY_MEETINGS = 12
ILLUSTRATIVE_DATE = "Day illustrative: the source gives only the year."

NEV_PRODUCTS = [
    ("C36", "新能源汽车电驱系统"),
    ("C36", "新能源汽车热管理系统"),
    ("C36", "汽车轻量化车身结构件"),
    ("C36", "新能源汽车智能座舱"),
    ("C38", "动力电池模组"),
    ("C36", "汽车线控底盘"),
    ("C36", "新能源汽车铝合金轮毂"),
    ("C38", "车载充电机"),
    ("C36", "汽车电子控制单元"),
    ("C36", "新能源汽车减速器"),
    ("C38", "储能电池系统"),
]
OTHER_PRODUCTS = [
    ("C35", "高端医疗装备"),
    ("C27", "生物医药"),
    ("C39", "半导体封装测试"),
    ("C34", "工业机器人"),
    ("C26", "电子化学品"),
    ("C39", "光伏组件"),
    ("C35", "智能制造装备"),
    ("C30", "特种玻璃新材料"),
    ("C40", "智能仪器仪表"),
]


def jdz_plans(rng: random.Random) -> list[ProjectPlan]:
    """The 20 projects signed in the first half of 2023: 11 NEV (5.25 bn) and 9 others."""
    nev = split_total(NEV_TOTAL, 11, low=10_000, high=150_000, step=500, rng=rng)
    other = split_total(OTHER_TOTAL, 9, low=20_000, high=400_000, step=500, rng=rng)
    nev_source = generated_to_match("jdz_nev_h1_2023", "11 NEV projects, 5.25 bn RMB")
    other_source = generated_to_match("jdz_h1_2023", "20 projects, 19.545 bn RMB, less the NEV 11")
    plans = []
    for index, ((industry, product), wan) in enumerate(zip(NEV_PRODUCTS, nev, strict=True), 1):
        zone = "jdz-nev-town" if index % 2 else "jdz"
        plans.append(
            _plan(zone, f"{product}项目（金华开发区2023-{index:02d}）", wan, industry, nev_source)
        )
    for index, ((industry, product), wan) in enumerate(zip(OTHER_PRODUCTS, other, strict=True), 12):
        plans.append(
            _plan(
                "jdz", f"{product}项目（金华开发区2023-{index:02d}）", wan, industry, other_source
            )
        )
    for plan in plans:
        _lifecycle(plan, rng)
        fill_planned_dates(plan, rng)
        report_steadily(plan, plan.months_under_way(day(2023, 1, 1), DEMO_AS_OF), rng)
    _stall(plans)
    return plans


def _stall(plans: list[ProjectPlan]) -> None:
    """One build stops reporting in spring 2024: stalled as of the demo's date."""
    building = [plan for plan in plans if STARTED in plan.actual and COMPLETED not in plan.actual]
    if building:
        stalled = building[0]
        stalled.reports = {m: a for m, a in stalled.reports.items() if m < day(2024, 4, 1)}


def _plan(zone: str, name: str, wan: int, industry: str, source: str) -> ProjectPlan:
    return ProjectPlan(zone=zone, name=name, planned_wan=wan, industry=industry, source=source)


def _lifecycle(plan: ProjectPlan, rng: random.Random) -> None:
    """Signed in January–June 2023; by September 2024 most are being built, a few are late."""
    signed = between(rng, day(2023, 1, 5), day(2023, 6, 28))
    approved = plus(signed, rng.randint(10, 45))
    land = plus(approved, rng.randint(15, 90))
    plan.actual.update({SIGNED: signed, APPROVED: approved, LAND: land})
    planned_start = plus(land, rng.randint(20, 80))
    plan.planned[STARTED] = planned_start
    if rng.random() < 0.2:
        return  # late: the planned start has passed
    started = plus(planned_start, rng.randint(-10, 30))
    plan.actual[STARTED] = started
    planned_completion = plus(started, rng.randint(330, 560))
    plan.planned[COMPLETED] = planned_completion
    completed = plus(planned_completion, rng.randint(0, 20))
    if completed <= DEMO_AS_OF:
        plan.actual[COMPLETED] = completed
        production = plus(plan.actual[COMPLETED], rng.randint(15, 60))
        plan.planned[PRODUCTION] = production
        if production <= DEMO_AS_OF:
            plan.actual[PRODUCTION] = production


def konka_project(zones: dict, enterprises: dict) -> Project | None:
    """Konka's battery base: 10 bn, signed 2022, approval to land approval in 15 days."""
    zone = zones["jdz"]
    if Project.objects.filter(zone=zone, name=KONKA_NAME).exists():
        return None
    approved = day(2022, 5, 10)
    land = approved + dt.timedelta(days=15)
    note = "Dates illustrative; the 15 days between them are published."
    project = services.create_project(
        actor=None,
        zone=zone,
        name=KONKA_NAME,
        planned_investment=Decimal("10000000000"),
        investors=[enterprises["konka"]],
        industry=Industry.objects.filter(code="C38").first(),
        source=f"{cite('konka')} {cite('konka_15_days')}",
        description="Konka (Jinhua) New Energy Battery Industry Base Project.",
    )
    _milestone(project, SIGNED, day(2022, 4, 20), ILLUSTRATIVE_DATE)
    _milestone(project, APPROVED, approved, note)
    _milestone(project, LAND, land, note)
    services.set_milestone(project, STARTED, actor=None, planned_date=day(2022, 7, 1))
    return project


def _milestone(project: Project, kind: str, actual: dt.date, note: str) -> None:
    services.set_milestone(project, kind, actor=None, actual_date=actual, note=note)


def nwtn_project(zones: dict, departments: dict, enterprises: dict) -> Project | None:
    """NWTN's 10 bn project, its promotion group, the 27 October meeting and weekly meetings."""
    zone = zones["jinyi"]
    if Project.objects.filter(zone=zone, name=NWTN_NAME).exists():
        return None
    members = [d for (slug, _name), d in departments.items() if slug == "jinyi"]
    project = services.create_project(
        actor=None,
        zone=zone,
        name=NWTN_NAME,
        planned_investment=Decimal("10000000000"),
        investors=[enterprises["nwtn"]],
        department=departments[("jinyi", "区投资促进中心")],
        leader="区领导（专班组长）",
        source=cite("nwtn"),
        description="ICONIQ Holding Limited's (NWTN) new energy vehicle core components "
        "project: NWTN's first super factory in China.",
    )
    _milestone(project, SIGNED, day(2022, 9, 15), "Day illustrative: before 27 October 2022.")
    services.set_milestone(
        project, MilestoneKind.LAND_SUPPLIED, actor=None, planned_date=day(2022, 12, 31)
    )
    services.set_milestone(project, STARTED, actor=None, planned_date=day(2023, 3, 31))
    group = services.create_promotion_group(
        zone,
        actor=None,
        name=NWTN_GROUP_NAME,
        leader="区领导",
        departments=members,
        projects=[project],
    )
    _nwtn_meetings(zone, group, project, departments)
    return project


# (title, owner department, days after 27 October it is due, days after which it was resolved)
NWTN_PROBLEMS = [
    ("用地报批：项目一期用地指标尚未落实", "区自然资源和规划分局", 35, 28),
    ("电力接入：110千伏专线接入方案待定", "区发展和改革局", 49, None),
    ("施工许可：桩基先行施工许可办理", "区行政审批服务中心", 21, 14),
    ("招工：首批一线员工招聘与培训", "区人力资源和社会保障局", 63, None),
    ("配套道路：厂区南侧道路断头路打通", "区交通运输局", 56, 70),
    ("环评：项目环境影响评价审批", "区生态环境分局", 42, 40),
]


def _nwtn_meetings(zone: Any, group: Any, project: Project, departments: dict) -> None:
    """The coordination meeting raises the problem list; the weekly meetings work through it."""
    first = services.hold_meeting(
        zone,
        actor=None,
        group=group,
        title="NWTN项目协调推进会",
        held_on=NWTN_MEETING_DAY,
        minutes=f"{cite('nwtn_meeting')} {cite('nwtn_group')}",
    )
    problems = []
    for title, owner, due_in, resolved_in in NWTN_PROBLEMS:
        problem = services.open_problem(
            project,
            actor=None,
            title=title,
            owner_department=departments[("jinyi", owner)],
            due_date=plus(NWTN_MEETING_DAY, due_in),
            raised_at=first,
            description="Illustrative item of the promotion group's problem list.",
        )
        problems.append((problem, resolved_in))
    for week in range(1, WEEKLY_MEETINGS + 1):
        held_on = plus(NWTN_MEETING_DAY, 7 * week)
        open_now = [p for p, resolved_in in problems if not resolved_in or resolved_in >= 7 * week]
        services.hold_meeting(
            zone,
            actor=None,
            group=group,
            title=f"NWTN项目专班周例会（第{week}次）",
            held_on=held_on,
            reviewed_problems=open_now,
            minutes=f"Illustrative date. {cite('nwtn_weekly')}",
        )
    for problem, resolved_in in problems:
        if resolved_in:
            services.resolve_problem(
                problem,
                actor=None,
                resolution="已协调解决（示例）",
                resolved_on=plus(NWTN_MEETING_DAY, resolved_in),
            )
