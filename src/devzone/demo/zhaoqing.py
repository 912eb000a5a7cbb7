"""Zhaoqing's 2023 manufacturing ledger, generated to match "Invest in Zhaoqing" (2023-10-11).

Published, and reproduced exactly:

* 310 manufacturing projects introduced (signed) from January to September 2023, with a
  planned investment of 68.9 bn yuan, 20 of them above 1 bn yuan;
* 71 of them in the municipal starting area of the large industrial cluster, 30.31 bn yuan
  (every one of them 100 million yuan or more: 273 days / 71 projects = one every 3.8 days);
* 116 projects started construction, 110 were completed and 91 went into production;
* the projects' actual investment was 31.66 bn yuan.

How the counts are read: "116, 110 and 91 *new* projects have been started, completed and put
into production" counts milestones reached this year by any project of the city, not only by the
310 introduced this year (nine months is too short for 110 of them to be built). So across the
whole Zhaoqing ledger, exactly 116 ``construction_started``, 110 ``completed`` and 91
``in_production`` milestones have an actual date from 2023-01-01 to 2023-09-30, and the monthly
reports of January–September 2023 add up to 31.66 bn yuan. The ledger therefore also holds
projects introduced in 2021–2022 that were still being built, finished or put into production in
2023. Every completed project has started, every project in production has been completed, and
nothing reaches a milestone after ``DEMO_AS_OF``.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from devzone.demo.amounts import allocate, split_total
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
    spread_over_months,
)
from devzone.demo.sources import generated_to_match
from devzone.projects.choices import ConstructionType

WINDOW = (day(2023, 1, 1), day(2023, 9, 30))
NEW_TOTAL = 6_890_000  # 万元 = 68.9 bn yuan
STARTING_AREA_TOTAL = 3_031_000  # 30.31 bn yuan
REPORTED_TOTAL = 3_166_000  # 31.66 bn yuan
STARTS, COMPLETIONS, PRODUCTIONS = 116, 110, 91
STARTING_AREA = "zq-cluster-start"

# How the 310 new projects end up by 30 September 2023 (see the module docstring):
NEW_DONE_AND_PRODUCING = 30  # quick builds: expansions and upgrades in existing plants
NEW_DONE = 10
NEW_BUILDING = 60
# Projects introduced in 2021–2022 that reach milestones in 2023:
EARLIER_DONE_AND_PRODUCING = 50
EARLIER_DONE = 20
EARLIER_PRODUCING = 11  # completed in 2022, in production in 2023
EARLIER_STARTING = 16
EARLIER_BUILDING = 20  # long builds, still under way
STALLED = 6

# Counties' share of the 231 smaller projects outside the starting area.
OTHER_ZONES = {
    "zq-hitech": 65,
    "zq-duanzhou": 14,
    "zq-dinghu": 24,
    "zq-gaoyao": 34,
    "zq-sihui": 38,
    "zq-guangning": 16,
    "zq-huaiji": 16,
    "zq-fengkai": 10,
    "zq-deqing": 14,
}
PRODUCTS = [
    ("C36", "新能源汽车零部件"),
    ("C36", "汽车电子"),
    ("C38", "储能电池模组"),
    ("C38", "动力电池结构件"),
    ("C38", "电线电缆"),
    ("C39", "电子元器件"),
    ("C39", "智能终端"),
    ("C26", "精细化工新材料"),
    ("C14", "预制菜"),
    ("C15", "饮料"),
    ("C33", "金属制品精深加工"),
    ("C32", "铝型材"),
    ("C30", "绿色建材"),
    ("C34", "智能装备"),
    ("C29", "轮胎及橡胶制品"),
]
GENERATED = generated_to_match(
    "zq_2023",
    "Zhaoqing, January–September 2023: 310 manufacturing projects, 68.9 bn yuan, 20 above "
    "1 bn; 116 started, 110 completed, 91 in production; 31.66 bn yuan invested",
)
GENERATED_STARTING_AREA = generated_to_match(
    "zq_starting_area", "71 projects, 30.31 bn yuan, in the cluster's municipal starting area"
)
GENERATED_EARLIER = generated_to_match(
    "zq_2023",
    "introduced before 2023; generated so that the starts, completions, productions and "
    "investment of 2023 across the city's ledger match the published counts",
)


def zhaoqing_plans(rng: random.Random) -> list[ProjectPlan]:
    new = _new_projects(rng)
    earlier = _earlier_projects(rng)
    plans = new + earlier
    for plan in plans:
        fill_planned_dates(plan, rng)
    _mark_stalled(plans, rng)
    _report(plans, rng)
    return plans


def _new_projects(rng: random.Random) -> list[ProjectPlan]:
    """The 310 projects of 2023 with amounts that add up exactly, in zones, with lifecycles."""
    amounts = [
        *[
            (STARTING_AREA, a)
            for a in split_total(2_150_000, 12, low=105_000, high=400_000, step=5_000, rng=rng)
        ],
        *[
            (STARTING_AREA, a)
            for a in split_total(881_000, 59, low=10_000, high=95_000, step=500, rng=rng)
        ],
    ]
    big_zones = ["zq-hitech"] * 5 + ["zq-sihui", "zq-gaoyao", "zq-dinghu"]
    others = split_total(1_400_000, 8, low=105_000, high=350_000, step=5_000, rng=rng)
    amounts += list(zip(big_zones, others, strict=True))
    small_zones = [slug for slug, count in OTHER_ZONES.items() for _ in range(count)]
    smalls = split_total(2_459_000, len(small_zones), low=1_000, high=95_000, step=500, rng=rng)
    amounts += list(zip(small_zones, smalls, strict=True))
    plans = [_new_plan(index, zone, wan, rng) for index, (zone, wan) in enumerate(amounts, 1)]
    _new_lifecycles(plans, rng)
    return plans


def _new_plan(index: int, zone: str, wan: int, rng: random.Random) -> ProjectPlan:
    industry, product = rng.choice(PRODUCTS)
    kind = (
        "生产基地项目" if wan >= 100_000 else rng.choice(["生产项目", "扩产项目", "智能制造项目"])
    )
    return ProjectPlan(
        zone=zone,
        name=f"{product}{kind}（肇庆2023-{index:03d}）",
        planned_wan=wan,
        industry=industry,
        source=GENERATED_STARTING_AREA if zone == STARTING_AREA else GENERATED,
    )


def _new_lifecycles(plans: list[ProjectPlan], rng: random.Random) -> None:
    """Decide which of the 310 are built, finished or producing by 30 September 2023."""
    order = sorted(plans, key=lambda plan: (plan.planned_wan, plan.name))
    quick = order[:120]  # quick builds come from the smaller projects
    rng.shuffle(quick)
    producing, done = quick[:NEW_DONE_AND_PRODUCING], quick[NEW_DONE_AND_PRODUCING:40]
    big = order[-20:]
    quick_ids = {id(plan) for plan in producing + done}
    rest = [plan for plan in order[:-20] if id(plan) not in quick_ids]
    rng.shuffle(rest)
    building = big[:12] + rest[: NEW_BUILDING - 12]
    waiting = big[12:] + rest[NEW_BUILDING - 12 :]
    for plan in producing:
        _quick_build(plan, rng, produce_in_window=True)
    for plan in done:
        _quick_build(plan, rng, produce_in_window=False)
    for plan in building:
        start = between(rng, day(2023, 2, 10), day(2023, 9, 28))
        _signed_before(plan, start, rng, earliest=WINDOW[0])
        plan.actual[STARTED] = start
        _finish_later(plan, rng)
    for plan in waiting:
        _not_started(plan, rng)


def _quick_build(plan: ProjectPlan, rng: random.Random, *, produce_in_window: bool) -> None:
    plan.construction_type = rng.choice([ConstructionType.EXPANSION, ConstructionType.UPGRADE])
    if produce_in_window:
        production = between(rng, day(2023, 5, 20), day(2023, 9, 25))
        completed = plus(production, -rng.randint(5, 25))
    else:
        completed = between(rng, day(2023, 6, 15), day(2023, 9, 28))
        production = plus(day(2023, 10, 8), rng.randint(0, 60))
    started = max(plus(completed, -rng.randint(45, 100)), day(2023, 1, 15))
    _signed_before(plan, started, rng, earliest=WINDOW[0])
    plan.actual.update({STARTED: started, COMPLETED: completed, PRODUCTION: production})


def _signed_before(
    plan: ProjectPlan, started: dt.date, rng: random.Random, *, earliest: dt.date
) -> None:
    """Signing, filing and (for new builds) land supply in the weeks before the start."""
    signed = max(plus(started, -rng.randint(20, 75)), plus(earliest, 2))
    signed = min(signed, plus(started, -8))
    plan.actual[SIGNED] = signed
    plan.actual[APPROVED] = between(rng, plus(signed, 2), plus(started, -5))
    if plan.construction_type == ConstructionType.NEW:
        plan.actual[LAND] = between(rng, plus(plan.actual[APPROVED], 1), plus(started, -2))


def _finish_later(plan: ProjectPlan, rng: random.Random) -> None:
    """Under construction on 30 September 2023; most finish on time later, some are late."""
    start = plan.actual[STARTED]
    planned_completion = plus(start, rng.randint(300, 640))
    plan.planned[COMPLETED] = planned_completion
    plan.planned[PRODUCTION] = plus(planned_completion, rng.randint(20, 60))
    if planned_completion > plus(DEMO_AS_OF, -15) or rng.random() < 0.25:
        return  # still building (late if the planned date has passed)
    completed = max(plus(planned_completion, rng.randint(-15, 45)), plus(WINDOW[1], 1))
    if completed <= DEMO_AS_OF:
        plan.actual[COMPLETED] = completed
        production = plus(completed, rng.randint(10, 50))
        if production <= DEMO_AS_OF:
            plan.actual[PRODUCTION] = production


def _not_started(plan: ProjectPlan, rng: random.Random) -> None:
    """Signed in 2023, not started by 30 September; some start later, some are late."""
    signed = between(rng, day(2023, 1, 3), day(2023, 9, 28))
    plan.actual[SIGNED] = signed
    approved = plus(signed, rng.randint(7, 60))
    plan.actual[APPROVED] = approved
    land = plus(approved, rng.randint(10, 90))
    plan.planned[LAND] = land
    if land <= DEMO_AS_OF and rng.random() < 0.7:
        plan.actual[LAND] = land
    planned_start = plus(land, rng.randint(20, 150))
    plan.planned[STARTED] = planned_start
    plan.planned[COMPLETED] = plus(planned_start, rng.randint(300, 600))
    start = max(plus(planned_start, rng.randint(-20, 60)), plus(WINDOW[1], 1))
    start = max(start, plus(plan.actual.get(LAND, DEMO_AS_OF), 1))
    if start <= DEMO_AS_OF and rng.random() < 0.65:
        plan.actual[STARTED] = start


def _earlier_projects(rng: random.Random) -> list[ProjectPlan]:
    """Projects introduced in 2021–2022 whose 2023 milestones complete the published counts."""
    groups = [
        (EARLIER_DONE_AND_PRODUCING, _done_in_2023, True),
        (EARLIER_DONE, _done_in_2023, False),
        (EARLIER_PRODUCING, _producing_in_2023, None),
        (EARLIER_STARTING, _starting_in_2023, None),
        (EARLIER_BUILDING, _building_through_2023, None),
    ]
    zones = [slug for slug, count in OTHER_ZONES.items() for _ in range(count)]
    plans: list[ProjectPlan] = []
    for count, lifecycle, flag in groups:
        for _ in range(count):
            index = len(plans) + 1
            plan = _earlier_plan(index, rng.choice(zones), rng)
            lifecycle(plan, rng) if flag is None else lifecycle(plan, rng, flag)
            plans.append(plan)
    return plans


def _earlier_plan(index: int, zone: str, rng: random.Random) -> ProjectPlan:
    industry, product = rng.choice(PRODUCTS)
    median = 60_000
    wan = int(math.exp(rng.gauss(math.log(median), 0.8)))
    wan = min(max(wan // 500 * 500, 5_000), 900_000)
    return ProjectPlan(
        zone=zone,
        name=f"{product}项目（肇庆续建-{index:03d}）",
        planned_wan=wan,
        industry=industry,
        source=GENERATED_EARLIER,
    )


def _done_in_2023(plan: ProjectPlan, rng: random.Random, produce_in_window: bool) -> None:
    started = between(rng, day(2022, 1, 15), day(2022, 11, 30))
    _signed_before(plan, started, rng, earliest=day(2021, 6, 1))
    if produce_in_window:
        completed = between(rng, max(day(2023, 1, 10), plus(started, 150)), day(2023, 8, 31))
        production = plus(completed, rng.randint(5, 28))
    else:
        completed = between(rng, max(day(2023, 2, 1), plus(started, 150)), day(2023, 9, 28))
        production = plus(day(2023, 10, 8), rng.randint(0, 90))
    plan.actual.update({STARTED: started, COMPLETED: completed, PRODUCTION: production})


def _producing_in_2023(plan: ProjectPlan, rng: random.Random) -> None:
    started = between(rng, day(2021, 9, 1), day(2022, 3, 1))
    _signed_before(plan, started, rng, earliest=day(2021, 6, 1))
    completed = between(rng, day(2022, 7, 1), day(2022, 12, 20))
    production = between(rng, day(2023, 1, 5), day(2023, 9, 25))
    plan.actual.update({STARTED: started, COMPLETED: completed, PRODUCTION: production})


def _starting_in_2023(plan: ProjectPlan, rng: random.Random) -> None:
    start = between(rng, day(2023, 1, 5), day(2023, 9, 28))
    _signed_before(plan, start, rng, earliest=day(2022, 3, 1))
    plan.actual[SIGNED] = min(plan.actual[SIGNED], day(2022, 12, 28))
    plan.actual[APPROVED] = max(plan.actual[APPROVED], plus(plan.actual[SIGNED], 1))
    plan.actual[STARTED] = start
    _finish_later(plan, rng)


def _building_through_2023(plan: ProjectPlan, rng: random.Random) -> None:
    start = between(rng, day(2022, 1, 10), day(2022, 9, 30))
    _signed_before(plan, start, rng, earliest=day(2021, 6, 1))
    plan.actual[STARTED] = start
    planned_completion = plus(start, rng.randint(650, 950))
    plan.planned[COMPLETED] = planned_completion
    plan.planned[PRODUCTION] = plus(planned_completion, rng.randint(20, 60))
    completed = plus(planned_completion, rng.randint(-10, 60))
    if completed <= DEMO_AS_OF and rng.random() < 0.7:
        plan.actual[COMPLETED] = completed


def _mark_stalled(plans: list[ProjectPlan], rng: random.Random) -> None:
    """A few builds stop reporting after the window: stalled as of ``DEMO_AS_OF``."""
    candidates = [
        plan
        for plan in plans
        if STARTED in plan.actual
        and plan.actual[STARTED] <= WINDOW[1]
        and COMPLETED not in plan.actual
    ]
    for plan in rng.sample(sorted(candidates, key=lambda p: p.name), STALLED):
        plan.last_report = between(rng, day(2023, 10, 1), day(2024, 5, 1)).replace(day=1)


def _report(plans: list[ProjectPlan], rng: random.Random) -> None:
    """Monthly reports: steady before and after the window, exactly 31.66 bn inside it."""
    window = (WINDOW[0], WINDOW[1].replace(day=1))
    for plan in plans:
        report_steadily(plan, plan.months_under_way(day(2021, 1, 1), day(2022, 12, 1)), rng)
    active = [(plan, plan.months_under_way(*window)) for plan in plans]
    active = [(plan, months) for plan, months in active if months]
    weights = [
        plan.planned_wan * len(months) / plan.planned_months() * rng.uniform(0.6, 1.4)
        for plan, months in active
    ]
    caps = [int((plan.planned_wan - plan.invested()) * 0.9) for plan, _ in active]
    budgets = allocate(REPORTED_TOTAL, weights, caps, rng)
    for (plan, months), budget in zip(active, budgets, strict=True):
        spread_over_months(plan, budget, months, rng)
    for plan in plans:
        report_steadily(plan, plan.months_under_way(day(2023, 10, 1), DEMO_AS_OF), rng)
