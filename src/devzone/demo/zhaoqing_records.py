"""Zhaoqing's two chain leaders, and the meetings and problems of its project "big battle".

CATL's Zhaoqing base (introduced 2021, in production 2022) and Xpeng Motors (settled 2017) are
real; the documents give no amounts, so their planned investment is a placeholder marked as
generated, and the days of their milestones are illustrative (the years are published). The
problems and meetings are illustrative: they show how stalled and late projects surface.
"""

from __future__ import annotations

from decimal import Decimal

from devzone.demo.ledger import COMPLETED, DEMO_AS_OF, PRODUCTION, SIGNED, STARTED, day
from devzone.demo.sources import cite
from devzone.enterprises.models import Industry
from devzone.projects import services
from devzone.projects.choices import Status
from devzone.projects.models import Meeting, Project

PLACEHOLDER = (
    "Planned investment generated: a placeholder, the source publishes no amount. "
    "Days of the milestones illustrative; the years are published. "
)
MEETING_TITLE = "制造业项目建设大会战推进会"


def anchor_projects(zones: dict, enterprises: dict) -> int:
    """CATL's and Xpeng's Zhaoqing projects; returns how many were created."""
    zone = zones["zq-hitech"]
    specs = [
        (
            "宁德时代肇庆动力电池生产基地项目",
            "catl",
            Decimal("10000000000"),
            "C38",
            "zq_catl",
            {
                SIGNED: day(2021, 3, 1),
                STARTED: day(2021, 6, 1),
                COMPLETED: day(2022, 6, 30),
                PRODUCTION: day(2022, 7, 31),
            },
        ),
        (
            "小鹏汽车肇庆智能网联汽车生产基地项目",
            "xpeng",
            Decimal("5000000000"),
            "C36",
            "zq_xpeng",
            {SIGNED: day(2017, 6, 1)},
        ),
    ]
    created = 0
    for name, company, amount, industry, quote, dates in specs:
        if Project.objects.filter(zone=zone, name=name).exists():
            continue
        project = services.create_project(
            actor=None,
            zone=zone,
            name=name,
            planned_investment=amount,
            investors=[enterprises[company]],
            industry=Industry.objects.filter(code=industry).first(),
            is_generated=True,
            source=PLACEHOLDER + cite(quote),
        )
        for kind, actual in dates.items():
            services.set_milestone(project, kind, actor=None, actual_date=actual)
        created += 1
    return created


def big_battle_meetings(zones: dict, departments: dict) -> int:
    """Quarterly meetings that take up stalled and late projects; returns meetings created."""
    zone = zones["zq-cluster"]
    if Meeting.objects.filter(zone=zone, title__startswith=MEETING_TITLE).exists():
        return 0
    zhaoqing = Project.objects.filter(zone__region__code__startswith="4412", is_generated=True)
    statuses = zhaoqing.with_status(DEMO_AS_OF).order_by("name")
    stalled = list(statuses.filter(status=Status.STALLED)[:4])
    late = list(statuses.filter(status=Status.DELAYED)[:4])
    promotion = departments[("zq-cluster", "投资促进局")]
    planning = departments[("zq-cluster", "规划建设局")]
    problems = []
    for index, project in enumerate(stalled):
        problems.append(
            services.open_problem(
                project,
                actor=None,
                title="资金未到位，现场停工",
                owner_department=promotion,
                due_date=day(2024, 6, 30) if index % 2 else day(2024, 9, 15),
                description="Illustrative: no investment reported for several months.",
            )
        )
    for index, project in enumerate(late):
        problem = services.open_problem(
            project,
            actor=None,
            title="用地报批和施工许可进度滞后",
            owner_department=planning,
            due_date=day(2024, 3, 31),
            description="Illustrative: the planned start has passed.",
        )
        if index % 2 == 0:
            services.resolve_problem(
                problem,
                actor=None,
                resolution="已完成用地报批（示例）",
                resolved_on=day(2024, 5, 20),
            )
        problems.append(problem)
    for month in (3, 6, 9):
        services.hold_meeting(
            zone,
            actor=None,
            title=f"{MEETING_TITLE}（2024年{month}月）",
            held_on=day(2024, month, 25),
            reviewed_problems=problems,
            minutes="Illustrative meeting. " + cite("zq_2023"),
        )
    return 3
