"""A generated ledger with the edge cases the engine must get right, written through the services.

Zhaoqing has two zones (one with a child zone) and Jinhua one zone with a department. Beside
a seeded random set of projects at every step of the lifecycle, named projects cover:

* under construction with no report at all, and with reports only after the weeks asked about;
* a report of zero money (not progress), and reports before, inside and after the periods;
* a project cancelled (deleted, with its reports and milestones);
* a signing withdrawn (its actual date cleared, the planned one kept);
* in production without a completion date, and steps reached out of order;
* money with fen, planned investment exactly 1亿 and exactly 1 bn (the thresholds);
* planned dates ahead (what the year-end projection adds) and planned dates missed.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from devzone.projects import services as projects
from devzone.projects.choices import MILESTONE_ORDER, ProjectKind
from devzone.regions.services import create_department, create_zone

YI = Decimal(10) ** 8
LAST_DAY = dt.date(2024, 5, 31)  # nothing in the ledger happens after it
SEED = 44120


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def make_project(zone, name, planned, kind="manufacturing", department=None, **milestones):
    """``milestones``: step → actual date, or step → {"planned_date": …, "actual_date": …}."""
    dates = {
        step: value if isinstance(value, dict) else {"actual_date": value}
        for step, value in milestones.items()
    }
    return projects.create_project(
        actor=None,
        zone=zone,
        name=name,
        planned_investment=Decimal(planned),
        kind=kind,
        department=department,
        milestones=dates,
    )


def report(project, month: dt.date, amount) -> None:
    projects.submit_investment_report(project, month, Decimal(amount), actor=None)


@pytest.fixture
def places(regions, zone_a, zone_b, department_a):
    zhaoqing = regions["zhaoqing"]
    zone_c = create_zone(
        actor=None, region=zhaoqing, slug="zq-dinghu", name="鼎湖园区", kind="park"
    )
    child = create_zone(
        actor=None, region=zhaoqing, slug="zq-start", name="高新区起步区", kind="park",
        parent=zone_b,
    )  # fmt: skip
    department_b = create_department(actor=None, region=zhaoqing, name="肇庆市发展改革局")
    return {
        "zone_a": zone_a,
        "zone_b": zone_b,
        "zone_c": zone_c,
        "child": child,
        "department_a": department_a,
        "department_b": department_b,
    }


@pytest.fixture
def ledger(places):
    """The named edge cases and a seeded random ledger (see the module's docstring)."""
    named = _edge_cases(places)
    _random_projects(places, random.Random(SEED), count=36)
    return named


def _edge_cases(places) -> dict:
    zone_a, zone_b, zone_c, child = (places[k] for k in ("zone_a", "zone_b", "zone_c", "child"))
    silent = make_project(
        zone_b, "无报表在建项目", 3 * YI, construction_started=dt.date(2023, 3, 1)
    )
    late = make_project(
        zone_c, "十一月才填报", 12 * YI, signed=dt.date(2023, 4, 1),
        construction_started=dt.date(2023, 5, 20),
    )  # fmt: skip
    report(late, dt.date(2023, 11, 1), Decimal("2.5") * YI)
    report(late, dt.date(2024, 1, 1), YI)
    zero = make_project(child, "零投资月报", YI, construction_started=dt.date(2023, 1, 10))
    report(zero, dt.date(2023, 9, 1), 0)
    report(zero, dt.date(2023, 3, 1), Decimal("0.37"))
    cancelled = make_project(
        zone_b, "已取消项目", 50 * YI, signed=dt.date(2023, 2, 2),
        construction_started=dt.date(2023, 3, 3),
    )  # fmt: skip
    report(cancelled, dt.date(2023, 4, 1), 7 * YI)
    cancelled_id = cancelled.pk
    projects.delete_project(cancelled, actor=None)
    withdrawn = make_project(zone_c, "撤回签约", 10 * YI, signed=dt.date(2023, 6, 1))
    projects.set_milestone(
        withdrawn, "signed", actor=None, actual_date=None, planned_date=dt.date(2023, 10, 4)
    )
    producing = make_project(
        zone_a, "直接投产", 10**9, department=places["department_a"],
        signed=dt.date(2022, 11, 11), construction_started=dt.date(2023, 1, 5),
        in_production=dt.date(2023, 8, 8),
    )  # fmt: skip
    out_of_order = make_project(
        zone_b, "先竣工后开工", Decimal("120.37") * YI + Decimal("0.01"),
        signed=dt.date(2023, 10, 5), completed=dt.date(2023, 10, 7),
        construction_started=dt.date(2023, 10, 6),
    )  # fmt: skip
    # Dates that run backwards are refused today, but a database may hold them from before:
    # the rollups must still agree with the ORM on them.
    out_of_order.milestones.filter(kind="completed").update(actual_date=dt.date(2023, 7, 1))
    ahead = make_project(
        zone_c, "计划中项目", Decimal("0.8") * YI,
        signed={"planned_date": dt.date(2023, 11, 15)},
        construction_started={"planned_date": dt.date(2023, 12, 1)},
        approved={"planned_date": dt.date(2023, 10, 3)},
    )  # fmt: skip
    return {
        "silent": silent,
        "late": late,
        "zero": zero,
        "cancelled_id": cancelled_id,
        "withdrawn": withdrawn,
        "producing": producing,
        "out_of_order": out_of_order,
        "ahead": ahead,
    }


PLANNED = [
    Decimal("0.3") * YI,
    Decimal("0.99") * YI,
    YI,
    5 * YI,
    10 * YI,
    Decimal("25.55") * YI + Decimal("0.07"),
    120 * YI,
]
KINDS = [ProjectKind.MANUFACTURING] * 3 + [ProjectKind.INFRASTRUCTURE, ProjectKind.SERVICES]


def _random_projects(places, rng: random.Random, count: int) -> None:
    zones = [places["zone_a"], places["zone_b"], places["zone_c"], places["child"]]
    for index in range(count):
        zone = rng.choice(zones)
        department = None
        if zone == places["zone_a"] and rng.random() < 0.5:
            department = places["department_a"]
        elif zone != places["zone_a"] and rng.random() < 0.3:
            department = places["department_b"]
        steps = _steps(rng)
        project = make_project(
            zone, f"随机项目{index}", rng.choice(PLANNED), rng.choice(KINDS), department, **steps
        )
        _reports(project, steps, rng)


def _steps(rng: random.Random) -> dict:
    """Milestones in lifecycle order: reached ones with an actual (and sometimes a planned)
    date, then perhaps one planned ahead; now and then a step is skipped."""
    day = dt.date(2021, 9, 1) + dt.timedelta(days=rng.randrange(900))
    steps: dict = {}
    for kind in MILESTONE_ORDER:
        if rng.random() < 0.15:
            continue  # a step the ledger never recorded
        if day > LAST_DAY or rng.random() < 0.25:
            steps[kind] = {"planned_date": day}
            break
        planned = day + dt.timedelta(days=rng.randrange(-40, 40))
        steps[kind] = {"actual_date": day, "planned_date": planned} if rng.random() < 0.5 else day
        day += dt.timedelta(days=rng.randrange(5, 240))
    return steps


def _reports(project, steps: dict, rng: random.Random) -> None:
    started = _actual(steps.get("construction_started"))
    if started is None:
        return
    done = _actual(steps.get("completed")) or LAST_DAY
    month = started.replace(day=1)
    while month <= min(done, LAST_DAY):
        if rng.random() < 0.75:
            amount = 0 if rng.random() < 0.1 else Decimal(rng.randrange(1, 10**11)) / 100
            report(project, month, amount)
        month = add_months(month, 1)


def _actual(value) -> dt.date | None:
    if isinstance(value, dict):
        return value.get("actual_date")
    return value
