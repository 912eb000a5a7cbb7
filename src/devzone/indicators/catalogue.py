"""The catalogue of common indicators, seeded idempotently by :func:`ensure_catalogue`.

Keys are the metric keys of the extraction engine (:mod:`devzone.texts.extraction.metrics`),
so a fact read from a bulletin lands in the right series. ``source_names`` are the names the
official spreadsheets give the same indicator (``中国:GDP:现价`` once the measure suffix such
as ``:累计值`` is cut off); the importer attaches those columns to the catalogue indicator.

A function rather than a data migration: the catalogue grows with the code, and calling it
again only adds what is missing (it never overwrites a name someone edited).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from devzone.indicators.choices import (
    UNIT_MU,
    UNIT_PERCENT,
    UNIT_PERSON,
    UNIT_SQUARE_METRE,
    UnitKind,
)


@dataclass(frozen=True)
class Entry:
    key: str
    name: str
    name_en: str
    unit_kind: str
    default_unit: str
    description: str = ""
    source_names: tuple[str, ...] = ()


CATALOGUE: tuple[Entry, ...] = (
    Entry("gdp", "地区生产总值", "GDP", UnitKind.MONEY, "CNY",
          "Gross domestic (regional) product at current prices; growth at constant prices.",
          ("中国:GDP:现价", "中国:GDP:不变价#yoy")),
    Entry("industrial_value_added", "规模以上工业增加值",
          "Value added of industry above designated size", UnitKind.MONEY, "CNY",
          "Enterprises with annual revenue of 20 million yuan or more."),
    Entry("manufacturing_value_added", "制造业增加值", "Manufacturing value added",
          UnitKind.MONEY, "CNY"),
    Entry("equipment_manufacturing_value_added", "装备制造业增加值",
          "Equipment manufacturing value added", UnitKind.MONEY, "CNY"),
    Entry("high_tech_manufacturing_value_added", "高技术制造业增加值",
          "High-tech manufacturing value added", UnitKind.MONEY, "CNY"),
    Entry("output_value", "规上工业总产值", "Industrial output above designated size",
          UnitKind.MONEY, "CNY"),
    Entry("fixed_asset_investment", "固定资产投资", "Fixed-asset investment", UnitKind.MONEY,
          "CNY", "", ("固定资产投资完成额",)),
    Entry("tech_transformation_investment", "工业技术改造投资",
          "Investment in industrial technological transformation", UnitKind.MONEY, "CNY"),
    Entry("retail_sales", "社会消费品零售总额", "Retail sales of consumer goods",
          UnitKind.MONEY, "CNY", "", ("社会消费品零售总额",)),
    Entry("import_export", "进出口总额", "Imports and exports", UnitKind.MONEY, "CNY",
          "Total value of goods traded across the border.", ("进出口金额",)),
    Entry("export", "出口总额", "Exports", UnitKind.MONEY, "CNY", "", ("出口金额",)),
    Entry("foreign_capital_used", "实际使用外资", "Foreign capital actually used",
          UnitKind.MONEY, "USD"),
    Entry("public_budget_revenue", "一般公共预算收入", "General public budget revenue",
          UnitKind.MONEY, "CNY", "", ("一般公共预算收入",)),
    Entry("new_market_entities", "新登记市场主体", "Newly registered market entities",
          UnitKind.COUNT, ""),
    Entry("new_enterprises", "新登记企业", "Newly registered companies", UnitKind.COUNT, ""),
    Entry("urbanization_rate", "常住人口城镇化率", "Urbanisation rate", UnitKind.RATE,
          UNIT_PERCENT, "", ("城镇化率",)),
    Entry("population", "常住人口", "Resident population", UnitKind.PEOPLE, UNIT_PERSON, "",
          ("总人口",)),
    Entry("unemployment_rate", "城镇调查失业率", "Surveyed urban unemployment rate",
          UnitKind.RATE, UNIT_PERCENT, "", ("城镇调查失业率:全国",)),
    Entry("cpi", "居民消费价格指数", "Consumer price index (CPI)", UnitKind.RATE, UNIT_PERCENT,
          "Change against the same month of the previous year.", ("CPI",)),
    Entry("ppi", "工业生产者出厂价格指数", "Producer price index (PPI)", UnitKind.RATE,
          UNIT_PERCENT, "Change against the same month of the previous year.",
          ("PPI:全部工业品",)),
    Entry("pmi", "制造业采购经理指数", "Manufacturing purchasing managers' index (PMI)",
          UnitKind.INDEX, UNIT_PERCENT, "50 separates expansion from contraction.", ("PMI",)),
    Entry("tenants", "租住人口", "Tenants", UnitKind.PEOPLE, UNIT_PERSON),
    Entry("jobs", "就业岗位", "Jobs", UnitKind.COUNT, ""),
    Entry("occupancy_rate", "出租率", "Occupancy rate", UnitKind.RATE, UNIT_PERCENT),
    Entry("storefront_occupancy_rate", "商铺出租率", "Storefront occupancy rate", UnitKind.RATE,
          UNIT_PERCENT),
    Entry("share", "占比", "Share", UnitKind.RATE, UNIT_PERCENT,
          "A part's share of a whole, e.g. a zone's share of the province's trade."),
    Entry("planned_investment", "签约项目计划总投资", "Planned investment of projects signed",
          UnitKind.MONEY, "CNY"),
    Entry("projects_signed", "签约项目数", "Projects signed", UnitKind.COUNT, ""),
    Entry("land_area", "面积", "Area", UnitKind.AREA, UNIT_SQUARE_METRE),
    Entry("land_supplied", "供地", "Land supplied", UnitKind.AREA, UNIT_MU,
          "Industrial land supplied (供地, 出让) in the period, in mu."),
)  # fmt: skip


def _values(entry: Entry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "name_en": entry.name_en,
        "unit_kind": str(entry.unit_kind),
        "default_unit": entry.default_unit,
        "description": entry.description,
        "source_name": entry.source_names[0].partition("#")[0] if entry.source_names else "",
        "in_catalogue": True,
    }


def source_name_index() -> dict[str, str]:
    """Spreadsheet base name → catalogue key.

    ``name#yoy`` attaches only the growth columns of ``name``: GDP values are published at
    current prices, its growth at constant prices (中国:GDP:不变价:累计同比).
    """
    return {name: entry.key for entry in CATALOGUE for name in entry.source_names}


def ensure_catalogue(*, actor: Any = None) -> int:
    """Create the catalogue indicators that are missing; returns how many were created."""
    from devzone.indicators.models import Indicator
    from devzone.indicators.services import create_indicator

    existing = set(Indicator.objects.values_list("key", flat=True))
    created = 0
    for entry in CATALOGUE:
        if entry.key not in existing:
            create_indicator(key=entry.key, actor=actor, **_values(entry))
            created += 1
    return created


def ensure_indicator(key: str, *, actor: Any = None) -> Any:
    """The indicator ``key``, created from the catalogue or the extraction metrics if needed."""
    from devzone.indicators.models import Indicator
    from devzone.indicators.services import create_indicator

    found = Indicator.objects.filter(key=key).first()
    if found is not None:
        return found
    for entry in CATALOGUE:
        if entry.key == key:
            return create_indicator(key=key, actor=actor, **_values(entry))
    from devzone.texts.extraction import METRICS
    from devzone.texts.extraction.metrics import label

    whole = key.partition(":")[0]  # a segment of a known metric: industrial_value_added:…
    unit_kind = next((e.unit_kind for e in CATALOGUE if e.key == whole), UnitKind.NUMBER)
    known = key in METRICS or whole in METRICS
    name, name_en = (label(key, "zh-hans"), label(key, "en")) if known else (key, key)
    return create_indicator(
        key=key, name=name, name_en=name_en, unit_kind=str(unit_kind), actor=actor
    )
