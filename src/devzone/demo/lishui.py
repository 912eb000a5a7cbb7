"""Lishui: Kolen's project in Longquan and the two big projects of Liandu's Baiqiao block.

Published and reproduced: Kolen Pharmaceuticals' high-end preparation and health food project,
2 bn RMB, settled in Longquan in July 2024 (the day is illustrative); two projects of more than
1 bn RMB each, 2.95 bn together, in the Sanjiangkou Baiqiao block (the split between them and
their dates are generated).
"""

from __future__ import annotations

import random
from decimal import Decimal

from devzone.demo.amounts import split_total
from devzone.demo.ledger import (
    APPROVED,
    DEMO_AS_OF,
    LAND,
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
from devzone.projects.models import Project

BAIQIAO_TOTAL = 295_000  # 万元 = 2.95 bn RMB
KOLEN_NAME = "科伦药业高端制剂及健康食品项目"


def baiqiao_plans(rng: random.Random) -> list[ProjectPlan]:
    amounts = split_total(BAIQIAO_TOTAL, 2, low=105_000, high=190_000, step=5_000, rng=rng)
    source = generated_to_match("ls_baiqiao", "two projects above 1 bn RMB, 2.95 bn together")
    plans = []
    for index, (wan, product) in enumerate(zip(amounts, ["美妆个护", "健康食品"], strict=True), 1):
        plan = ProjectPlan(
            zone="liandu-baiqiao",
            name=f"{product}产业项目（莲都白桥区块-{index}）",
            planned_wan=wan,
            industry="C26" if index == 1 else "C14",
            source=source,
            description="Beautiful and healthy industry project (美丽健康产业).",
        )
        signed = between(rng, day(2023, 6, 1), day(2023, 12, 20))
        plan.actual[SIGNED] = signed
        plan.actual[APPROVED] = plus(signed, rng.randint(15, 40))
        plan.actual[LAND] = plus(plan.actual[APPROVED], rng.randint(30, 90))
        plan.planned[STARTED] = plus(plan.actual[LAND], 60)
        if index == 1:
            plan.actual[STARTED] = plus(plan.actual[LAND], rng.randint(40, 80))
        fill_planned_dates(plan, rng)
        report_steadily(plan, plan.months_under_way(day(2023, 1, 1), DEMO_AS_OF), rng)
        plans.append(plan)
    return plans


def kolen_project(zones: dict, enterprises: dict) -> Project | None:
    zone = zones["longquan-edz"]
    if Project.objects.filter(zone=zone, name=KOLEN_NAME).exists():
        return None
    project = services.create_project(
        actor=None,
        zone=zone,
        name=KOLEN_NAME,
        planned_investment=Decimal("2000000000"),
        investors=[enterprises["kolen"], enterprises["guojing"]],
        industry=Industry.objects.filter(code="C27").first(),
        source=f"{cite('ls_kolen')} {cite('ls_kolen_signed')}",
        description="Kolen Pharmaceuticals' high-end preparation and health food project; "
        "Kolen has owned Zhejiang Guojing Pharmaceuticals in Longquan since 2010.",
    )
    services.set_milestone(
        project,
        SIGNED,
        actor=None,
        actual_date=day(2024, 7, 15),
        note="Day illustrative: the source says July 2024.",
    )
    services.set_milestone(project, APPROVED, actor=None, planned_date=day(2024, 10, 31))
    return project
