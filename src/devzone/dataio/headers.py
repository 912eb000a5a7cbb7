"""The column headers devzone understands, in Chinese and English, and the units they carry.

Every zone office names its ledger columns a little differently (项目名称, 名称, 项目; 计划总投资,
总投资, 投资总额), so a header is matched through a table of synonyms rather than by position.
The table is documented in ``docs/import.md``; a test keeps the two in step. A unit in brackets
at the end of a header (``计划总投资（亿元）``, ``Land (mu)``) applies to every bare number of
that column; a unit written in the cell itself ("5000万元") always wins.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from devzone.projects.choices import MilestoneKind

TEXT = "text"
MONEY = "money"
AREA = "area"
DATE = "date"
MONTH = "month"
INTEGER = "integer"
PERCENT = "percent"
IGNORED = "ignored"

PLANNED = "planned"
ACTUAL = "actual"


@dataclass(frozen=True)
class FieldSpec:
    """One column devzone reads and writes: its key, the kind of value and its export headers."""

    key: str
    kind: str
    zh: str
    en: str
    synonyms: tuple[str, ...] = ()


def _spec(key: str, kind: str, zh: str, en: str, *others: str) -> FieldSpec:
    return FieldSpec(key, kind, zh, en, (zh, en, *others))


# The order is the order of the exported ledger.
PROJECT_FIELDS: tuple[FieldSpec, ...] = (
    _spec(
        "code",
        TEXT,
        "项目代码",
        "Project code",
        "项目编码",
        "项目编号",
        "统一项目代码",
        "代码",
        "编码",
        "code",
        "project id",
        "project number",
    ),
    _spec("name", TEXT, "项目名称", "Project name", "名称", "项目", "name", "project", "title"),
    _spec(
        "zone",
        TEXT,
        "所属园区",
        "Zone",
        "园区",
        "所属开发区",
        "开发区",
        "所在园区",
        "功能区",
        "所属平台",
        "park",
        "development zone",
    ),
    _spec(
        "region",
        TEXT,
        "所属地区",
        "Region",
        "地区",
        "所属区域",
        "区域",
        "所在地区",
        "县市区",
        "行政区划",
    ),
    _spec("industry_code", TEXT, "行业代码", "Industry code", "国民经济行业代码", "行业分类代码"),
    _spec("industry", TEXT, "行业", "Industry", "所属行业", "行业类别", "行业分类", "sector"),
    _spec(
        "kind",
        TEXT,
        "项目类型",
        "Kind",
        "项目类别",
        "类型",
        "类别",
        "project type",
        "type",
        "category",
    ),
    _spec(
        "construction_type",
        TEXT,
        "建设性质",
        "Construction type",
        "建设类型",
        "nature of construction",
    ),
    _spec(
        "investors",
        TEXT,
        "投资方",
        "Investors",
        "投资主体",
        "投资单位",
        "投资企业",
        "项目单位",
        "建设单位",
        "业主单位",
        "实施主体",
        "investor",
        "investor(s)",
    ),
    _spec(
        "planned_investment",
        MONEY,
        "计划总投资",
        "Planned investment",
        "总投资",
        "项目总投资",
        "计划投资",
        "投资总额",
        "总投资额",
        "planned total investment",
        "total investment",
        "investment",
    ),
    _spec(
        "fixed_asset_investment",
        MONEY,
        "固定资产投资",
        "Fixed-asset investment",
        "其中固定资产投资",
        "其中:固定资产投资",
        "固定资产",
        "fixed asset investment",
        "fixed assets",
    ),
    _spec(
        "foreign_capital",
        MONEY,
        "外资",
        "Foreign capital",
        "利用外资",
        "外资金额",
        "合同外资",
        "foreign investment",
        "fdi",
    ),
    _spec(
        "foreign_currency", TEXT, "币种", "Currency", "外资币种", "币别", "foreign capital currency"
    ),
    _spec(
        "land_mu",
        AREA,
        "用地面积",
        "Land",
        "用地",
        "土地面积",
        "占地面积",
        "用地规模",
        "供地面积",
        "land area",
        "land use",
        "site area",
    ),
    _spec(
        "expected_output",
        MONEY,
        "预计产值",
        "Expected output",
        "预计年产值",
        "达产产值",
        "预计达产产值",
        "年产值",
        "expected annual output",
        "annual output",
    ),
    _spec(
        "expected_tax",
        MONEY,
        "预计税收",
        "Expected tax",
        "预计年税收",
        "达产税收",
        "年税收",
        "expected annual tax",
        "annual tax",
    ),
    _spec(
        "expected_jobs",
        INTEGER,
        "预计就业",
        "Expected jobs",
        "预计用工",
        "新增就业",
        "就业人数",
        "用工人数",
        "带动就业",
        "jobs",
        "employment",
    ),
    _spec(
        "leader",
        TEXT,
        "责任领导",
        "Responsible leader",
        "联系领导",
        "挂点领导",
        "牵头领导",
        "分管领导",
        "leader",
    ),
    _spec(
        "department",
        TEXT,
        "责任单位",
        "Responsible department",
        "责任部门",
        "牵头单位",
        "主管部门",
        "department",
        "responsible unit",
    ),
    _spec(
        "description",
        TEXT,
        "建设内容",
        "Description",
        "项目简介",
        "主要建设内容",
        "建设规模及内容",
        "scope",
    ),
)

# (milestone, Chinese stems, English stems, Chinese export stem, English export stem)
_MILESTONE_WORDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (MilestoneKind.SIGNED, ("签约",), ("signing", "signed", "contract signing")),
    (
        MilestoneKind.APPROVED,
        ("立项/备案", "立项", "备案", "立项(备案)", "立项备案"),
        ("approval", "approved", "filing"),
    ),
    (
        MilestoneKind.LAND_SUPPLIED,
        ("供地", "土地摘牌", "拿地"),
        ("land supply", "land supplied", "land acquired"),
    ),
    (
        MilestoneKind.CONSTRUCTION_STARTED,
        ("开工",),
        ("construction start", "construction started", "start of construction"),
    ),
    (MilestoneKind.COMPLETED, ("竣工", "完工"), ("completion", "completed")),
    (MilestoneKind.IN_PRODUCTION, ("投产",), ("production start", "in production", "operation")),
)
_ZH_PREFIXES = {PLANNED: ("计划", "预计", "拟"), ACTUAL: ("实际",)}
_EN_PREFIXES = {PLANNED: ("planned", "expected", "target"), ACTUAL: ("actual",)}


def milestone_key(kind: str, which: str) -> str:
    return f"milestone:{kind}:{which}"


def _milestone_specs() -> tuple[FieldSpec, ...]:
    specs = []
    for kind, zh_stems, en_stems in _MILESTONE_WORDS:
        for which in (PLANNED, ACTUAL):
            zh = f"{_ZH_PREFIXES[which][0]}{zh_stems[0]}时间"
            en = f"{_EN_PREFIXES[which][0].capitalize()} {en_stems[0]}"
            names = [
                f"{p}{s}{t}"
                for p in _ZH_PREFIXES[which]
                for s in zh_stems
                for t in ("时间", "日期", "")
            ]
            names += [
                f"{p} {s}{t}" for p in _EN_PREFIXES[which] for s in en_stems for t in (" date", "")
            ]
            if which == ACTUAL:  # a bare "开工时间" is the date it actually happened
                names += [f"{s}{t}" for s in zh_stems for t in ("时间", "日期")]
                names += [f"{s} date" for s in en_stems]
            specs.append(FieldSpec(milestone_key(kind, which), DATE, zh, en, tuple(names)))
    return tuple(specs)


MILESTONE_FIELDS = _milestone_specs()

REPORT_FIELDS: tuple[FieldSpec, ...] = (
    PROJECT_FIELDS[0],
    PROJECT_FIELDS[1],
    PROJECT_FIELDS[2],
    _spec(
        "month",
        MONTH,
        "月份",
        "Month",
        "填报月份",
        "报告期",
        "统计月份",
        "年月",
        "reporting month",
        "period",
    ),
    _spec(
        "amount",
        MONEY,
        "本月完成投资",
        "Amount",
        "当月完成投资",
        "本月投资",
        "月度完成投资",
        "本月完成",
        "完成投资",
        "investment in the month",
        "invested this month",
        "monthly investment",
    ),
    _spec(
        "progress_text",
        TEXT,
        "形象进度",
        "Progress",
        "工程形象进度",
        "进展情况",
        "项目进展",
        "physical progress",
    ),
    _spec(
        "progress_percent",
        PERCENT,
        "进度%",
        "Progress %",
        "进度",
        "完成进度",
        "进度百分比",
        "形象进度百分比",
        "percent complete",
        "progress percent",
    ),
)

# Recognised so they do not count as unknown columns, and then left alone.
IGNORED_FIELDS: tuple[FieldSpec, ...] = (
    _spec("seq", IGNORED, "序号", "No.", "no", "#", "number"),
    _spec("remarks", IGNORED, "备注", "Remarks", "notes", "note", "说明"),
    _spec("problems", IGNORED, "存在问题", "Problems", "存在的问题", "问题"),
    _spec("reason", IGNORED, "错误原因", "Rejected because", "reason", "原因", "未通过原因"),
)

ALL_PROJECT_FIELDS = PROJECT_FIELDS + MILESTONE_FIELDS


# --- normalising a header ----------------------------------------------------------------

_DROP = re.compile(r"[\s\-_.'’/:：*※、]+")
_UNIT_AT_END = re.compile(r"^(?P<base>.+?)\((?P<unit>[^()]*)\)$")
_PERCENT_AT_END = re.compile(r"^(?P<base>.+?)(?P<unit>%)$")


def normalise_header(text: object) -> str:
    """Full-width to half-width, case folded, spaces and punctuation that vary dropped."""
    value = unicodedata.normalize("NFKC", str(text or "")).casefold()
    value = value.replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")
    return _DROP.sub("", value)


def _table(specs: tuple[FieldSpec, ...]) -> dict[str, FieldSpec]:
    table: dict[str, FieldSpec] = {}
    for spec in specs:
        for name in spec.synonyms:
            table.setdefault(normalise_header(name), spec)
    return table


PROJECT_TABLE = _table(ALL_PROJECT_FIELDS + IGNORED_FIELDS)
REPORT_TABLE = _table(REPORT_FIELDS + IGNORED_FIELDS)


# --- units in headers --------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderUnit:
    """What a bare number in the column means: money scale and currency, or mu per unit."""

    scale: Decimal = Decimal(1)
    currency: str | None = None


_MONEY_UNITS = {
    **{u: (Decimal(1), "CNY") for u in ("元", "yuan", "cny", "rmb", "人民币")},
    **{u: (Decimal(10**3), "CNY") for u in ("千元", "thousandyuan")},
    **{
        u: (Decimal(10**4), "CNY")
        for u in ("万元", "万", "10kyuan", "tenthousandyuan", "万元人民币")
    },
    **{u: (Decimal(10**6), "CNY") for u in ("百万元", "millionyuan", "myuan")},
    **{
        u: (Decimal(10**8), "CNY")
        for u in ("亿元", "亿", "100myuan", "100millionyuan", "亿元人民币")
    },
    **{u: (Decimal(10**9), "CNY") for u in ("billionyuan",)},
    **{u: (Decimal(1), "USD") for u in ("美元", "usd", "usdollars")},
    **{u: (Decimal(10**4), "USD") for u in ("万美元", "10kusd")},
    **{u: (Decimal(10**6), "USD") for u in ("millionusd", "millionusdollars")},
    **{u: (Decimal(10**8), "USD") for u in ("亿美元",)},
}
_AREA_UNITS = {
    **{u: Decimal(1) for u in ("亩", "mu")},
    **{u: Decimal(15) for u in ("公顷", "ha", "hectares", "hectare")},
    **{u: Decimal("0.0015") for u in ("平方米", "m2", "m²", "㎡", "sqm")},
    **{u: Decimal(1500) for u in ("平方公里", "km2", "km²")},
}
_COUNT_UNITS = frozenset({"人", "个", "people", "persons", "person", "jobs"})
_PERCENT_UNITS = frozenset({"%", "percent", "百分比"})


class HeaderUnitError(ValueError):
    """A header names a unit devzone cannot read for that column."""

    spec: FieldSpec | None = None


def header_unit(kind: str, unit: str) -> HeaderUnit:
    """The meaning of the bracketed ``unit`` (already normalised) for a column of ``kind``."""
    if kind == MONEY and unit in _MONEY_UNITS:
        scale, currency = _MONEY_UNITS[unit]
        return HeaderUnit(scale, currency)
    if kind == AREA and unit in _AREA_UNITS:
        return HeaderUnit(_AREA_UNITS[unit])
    if (kind == INTEGER and unit in _COUNT_UNITS) or (kind == PERCENT and unit in _PERCENT_UNITS):
        return HeaderUnit()
    if kind in (TEXT, DATE, MONTH, IGNORED):
        return HeaderUnit()  # "项目名称（必填）": a note, not a unit
    raise HeaderUnitError(unit)


@dataclass(frozen=True)
class HeaderMatch:
    spec: FieldSpec
    unit: HeaderUnit


def match_header(text: object, table: dict[str, FieldSpec]) -> HeaderMatch | None:
    """The field a header names, with its unit; ``None`` for a header devzone does not know.

    Raises :class:`HeaderUnitError` when the field is known but its unit is not.
    """
    norm = normalise_header(text)
    if not norm:
        return None
    if norm in table:
        return HeaderMatch(table[norm], HeaderUnit())
    for pattern in (_UNIT_AT_END, _PERCENT_AT_END):
        found = pattern.match(norm)
        if found and found.group("base") in table:
            spec = table[found.group("base")]
            try:
                return HeaderMatch(spec, header_unit(spec.kind, found.group("unit")))
            except HeaderUnitError as exc:
                exc.spec = spec
                raise
    return None


# --- export headers ----------------------------------------------------------------------

SCALES = {"wan": (Decimal(10**4), "万元", "10k yuan"), "yi": (Decimal(10**8), "亿元", "100M yuan")}


def export_header(spec: FieldSpec, *, language: str, scale: str) -> str:
    """The header devzone writes; it reads back through :func:`match_header`."""
    chinese = not language.startswith("en")
    label = spec.zh if chinese else spec.en
    if spec.kind == MONEY and spec.key != "foreign_capital":
        unit = SCALES[scale][1 if chinese else 2]
        return f"{label}（{unit}）" if chinese else f"{label} ({unit})"
    if spec.kind == AREA:
        return f"{label}（亩）" if chinese else f"{label} (mu)"
    return label
