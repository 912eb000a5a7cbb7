"""Zhaoqing's published 2023 targets ("Ten Actions") and a race of its zones, for the demo.

Every target cites the sentence of "Invest in Zhaoqing" (2023-10-11, seed 003) it comes from.
With the demo ledger (310 manufacturing projects signed January–September 2023 for 68.9 bn
yuan, 31.66 bn yuan reported) the plan's progress on 2023-09-30 reads: planned investment 98.4 %
at 75 % of the year, ahead; actual investment 57.6 %, behind.

:func:`load_demo_targets` is idempotent: a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from devzone.demo.sources import ZHAOQING_2023
from devzone.projects.querysets import add_months
from devzone.regions.models import Region
from devzone.targets import services
from devzone.targets.choices import UnitKind
from devzone.targets.models import Action, Indicator, Plan, Scorecard
from devzone.targets.race import run_race

YI = Decimal(10) ** 8
PLAN_NAME = "肇庆市2023年制造业当家“十大行动”实施方案"
SCORECARD_NAME = "肇庆市制造业项目赛马比拼"

TEN_ACTIONS = [
    ("nest", "筑巢", "Building a nest"),
    ("phoenix", "引凤", "Attracting the phoenix"),
    ("investment", "投资", "Investment"),
    ("chain", "强链", "Strengthening the chain"),
    ("bay", "融湾", "Integrating with the Bay Area"),
    ("city", "兴城", "Prosperous city"),
    ("business", "安商", "Securing business"),
    ("nurture", "育苗", "Nurturing"),
    ("innovation", "科创", "Technological innovation"),
    ("finance", "金融", "Finance"),
]

QUOTES = {
    "actions": 'including "building a nest", "attracting Phoenix", "investing", "strengthening '
    'the chain", "integrating the bay", "prosperous city", "securing business", "nurturing", '
    '"technological innovation" and "financing" " content',
    "nest": "In 2023, we will strive to complete an investment of more than 20 billion yuan in "
    "infrastructure and supporting facilities projects in the city's industrial parks during "
    'the year, ensuring that the city\'s parks reserve "cooked land" throughout the year. More '
    "than 8,800 acres.",
    "phoenix": "ensuring that the total planned investment in newly introduced manufacturing "
    "projects within the year exceeds 70 billion yuan, and strives to complete the actual "
    "investment amount of 55 billion yuan.",
    "chain": "to ensure that the added value of industrial products within the year increases by "
    "more than 8%",
}

# code, name, English name, unit, accumulates, actual source
INDICATORS = [
    ("new_manufacturing_planned_investment", "新引进制造业项目计划总投资",
     "Planned investment of new manufacturing projects", UnitKind.MONEY, True,
     "ledger:planned_investment_of_manufacturing_projects_signed"),
    ("project_actual_investment", "项目完成投资", "Actual investment of projects",
     UnitKind.MONEY, True, "ledger:actual_investment"),
    ("new_manufacturing_projects", "新引进制造业项目数", "New manufacturing projects",
     UnitKind.COUNT, True, "ledger:count_manufacturing_signed"),
    ("projects_over_1bn", "10亿元以上制造业项目数", "Manufacturing projects of 1 bn yuan or more",
     UnitKind.COUNT, True, "ledger:count_projects_over"),
    ("projects_started", "新开工项目数", "Projects started", UnitKind.COUNT, True,
     "ledger:count_started"),
    ("projects_completed", "竣工项目数", "Projects completed", UnitKind.COUNT, True,
     "ledger:count_completed"),
    ("projects_in_production", "投产项目数", "Projects put into production", UnitKind.COUNT,
     True, "ledger:count_in_production"),
    ("days_per_100m_project", "平均每引进一个亿元以上项目天数",
     "Days per project of 100 million yuan or more", UnitKind.DAYS, False,
     "ledger:average_days_between_100m_projects"),
    ("park_infrastructure_investment", "园区基础设施和配套项目完成投资",
     "Investment in park infrastructure and supporting projects", UnitKind.MONEY, True,
     "manual"),
    ("cooked_land_reserve", "园区“熟地”储备", "Reserve of serviced (cooked) land",
     UnitKind.AREA, False, "manual"),
    ("industrial_value_added_growth", "规模以上工业增加值增速",
     "Growth of industrial value added", UnitKind.RATE, False,
     "series:industrial_value_added"),
]  # fmt: skip

# action code, indicator code, value, qualifier, quote
TARGETS = [
    ("nest", "park_infrastructure_investment", 200 * YI, "超过", "nest"),
    ("nest", "cooked_land_reserve", Decimal(8800), "超过", "nest"),
    ("phoenix", "new_manufacturing_planned_investment", 700 * YI, "超过", "phoenix"),
    ("phoenix", "project_actual_investment", 550 * YI, "力争", "phoenix"),
    ("chain", "industrial_value_added_growth", Decimal(8), "超过", "chain"),
]

# indicator code, weight, higher is better
RACE = [
    ("new_manufacturing_planned_investment", Decimal(40), True),
    ("project_actual_investment", Decimal(40), True),
    ("projects_started", Decimal(20), True),
]
RACE_MONTHS = (dt.date(2023, 1, 1), dt.date(2023, 9, 1))


def cite(key: str) -> str:
    published = ZHAOQING_2023.published.isoformat() if ZHAOQING_2023.published else "undated"
    return f"{ZHAOQING_2023.id} «{ZHAOQING_2023.title}» ({published}): “{QUOTES[key]}”"


@transaction.atomic
def load_demo_targets(*, actor: Any = None, race: bool = True) -> Plan:
    """Create (or leave as they are) Zhaoqing's 2023 plan, targets and scorecard."""
    zhaoqing = Region.objects.get(code="441200")
    indicators = {row[0]: _indicator(row, actor) for row in INDICATORS}
    plan = Plan.objects.filter(name=PLAN_NAME).first() or services.create_plan(
        actor=actor,
        name=PLAN_NAME,
        name_en='Zhaoqing 2023: "Ten Actions" for manufacturing to take the lead',
        year=2023,
        region=zhaoqing,
        source=cite("actions"),
    )
    actions = {spec[0]: _action(plan, spec, order, actor) for order, spec in enumerate(TEN_ACTIONS)}
    for action_code, indicator_code, value, qualifier, quote in TARGETS:
        services.set_target(
            plan,
            indicators[indicator_code],
            zhaoqing,
            value,
            actor=actor,
            action=actions[action_code],
            qualifier=qualifier,
            source=cite(quote),
        )
    scorecard = _scorecard(zhaoqing, indicators, actor)
    if race:
        month = RACE_MONTHS[0]
        while month <= RACE_MONTHS[1]:
            run_race(scorecard, month, actor=actor)
            month = add_months(month, 1)
    return plan


def _indicator(row: tuple, actor: Any) -> Indicator:
    code, name, name_en, unit_kind, accumulates, source = row
    existing = Indicator.objects.filter(code=code).first()
    if existing is not None:
        return existing
    return services.define_indicator(
        actor=actor,
        code=code,
        name=name,
        name_en=name_en,
        unit_kind=unit_kind,
        accumulates=accumulates,
        actual_source=source,
    )


def _action(plan: Plan, spec: tuple[str, str, str], order: int, actor: Any) -> Action:
    code, name, name_en = spec
    existing = Action.objects.filter(plan=plan, code=code).first()
    if existing is not None:
        return existing
    return services.add_action(
        plan, actor=actor, code=code, name=name, name_en=name_en, order=order
    )


def _scorecard(region: Region, indicators: dict[str, Indicator], actor: Any) -> Scorecard:
    existing = Scorecard.objects.filter(name=SCORECARD_NAME).first()
    if existing is not None:
        return existing
    return services.create_scorecard(
        actor=actor,
        name=SCORECARD_NAME,
        region=region,
        items=[(indicators[code], weight, higher) for code, weight, higher in RACE],
        source="Weights chosen for the demo; the rule is the normalised rule of docs/targets.md.",
    )
