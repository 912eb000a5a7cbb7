"""Importing official statistics from spreadsheets (the Choice / NBS export layout).

Each sheet has a header block and one row per period::

    序号 | 日期     | 中国:GDP:现价:累计值 | 中国:GDP:不变价:累计同比 | …
         | 指标名称 | …
         | 频率     | 季                   | 季
         | 单位     | 亿元                 | %
    1    | 2025-03  | 318758               | 5.4

A column name ends in its measure: ``累计值`` (year-to-date value), ``当月值``/``当季值``
(value of the period), ``累计同比``/``当月同比``/``同比`` (growth, stored as the year-on-year
rate of the same observation) — anything else is a level of the period (M2, a price index).
Units go through :mod:`devzone.core.units` ("亿元" → ×10^8 CNY, "千美元" → ×1000 USD,
"万人" → ×10^4 people). The whole file is one transaction: a single unreadable cell (named by
sheet, row and column) and nothing is written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from devzone.core.units import UnitError, parse_amount
from devzone.core.units.quantity import EXACT_CONTEXT, canonical_decimal
from devzone.indicators.choices import (
    UNIT_HOUR,
    UNIT_INDEX,
    UNIT_NONE,
    UNIT_PERCENT,
    UNIT_PERMILLE,
    UNIT_PERSON,
    UnitKind,
)
from devzone.indicators.periods import PeriodError, SeriesPeriod, parse_period, widen

HEADER_LABELS = {
    "指标名称": "name", "指标ID": "id", "频率": "frequency", "单位": "unit", "发布方": "publisher",
    "日期": "date",
}  # fmt: skip
_SEPARATOR = re.compile(r"[:：]")
_VALUE_MEASURES = {"累计值": True, "当月值": False, "当季值": False, "当期值": False}
_GROWTH_MEASURES = {"累计同比": True, "当月同比": False, "当季同比": False, "同比": False}
_PLAIN_UNITS = {
    "%": (UnitKind.RATE, UNIT_PERCENT),
    "‰": (UnitKind.RATIO, UNIT_PERMILLE),
    "小时": (UnitKind.NUMBER, UNIT_HOUR),
    "": (UnitKind.NUMBER, UNIT_NONE),
}
_MAX_PLACES = 8


class SeriesImportError(ValueError):
    """The file cannot be imported; ``errors`` name the sheet, row and column of each cell."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors[:20]) + (" …" if len(errors) > 20 else ""))
        self.errors = errors


@dataclass(frozen=True)
class HeaderUnit:
    """What a unit header means: multiply cells by ``factor`` to get ``unit``."""

    factor: Decimal
    unit: str
    kind: str


@dataclass
class Column:
    index: int
    name: str
    source_id: str
    frequency: str
    unit: HeaderUnit
    base: str
    growth: bool
    cumulative: bool
    indicator_key: str = ""
    region: str = ""  # the code of the region a "北京:…" column names; "" for the file's

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class Planned:
    """The figures the file gives for one observation, before they are written."""

    indicator_key: str
    period: SeriesPeriod
    region: str = ""  # a region code from the column name; "" for the region imported into
    value: Decimal | None = None
    unit: str = ""
    yoy: Decimal | None = None
    cells: list[str] = field(default_factory=list)


@dataclass
class IndicatorSpec:
    key: str
    name: str
    unit_kind: str
    default_unit: str
    source_name: str


@dataclass
class ImportSummary:
    path: str
    region: str
    sheets: int = 0
    columns: int = 0
    observations: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    indicators_created: int = 0
    new_indicators: list[str] = field(default_factory=list)
    dry_run: bool = False
    first_period: str = ""
    last_period: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as the spreadsheet shows it)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def header_unit(text: str) -> HeaderUnit:
    """Read a unit header through the units module ("亿元" → 10^8 CNY)."""
    text = (text or "").strip()
    if text in _PLAIN_UNITS:
        kind, unit = _PLAIN_UNITS[text]
        return HeaderUnit(Decimal(1), unit, kind)
    if text.endswith("=100"):  # 上月=100, 1982年-1984年=100: an index, not an amount
        return HeaderUnit(Decimal(1), UNIT_INDEX, UnitKind.INDEX)
    quantity = parse_amount(f"1{text}")
    if quantity.kind == "number":
        people = "人" in text
        kind = UnitKind.PEOPLE if people else UnitKind.NUMBER
        return HeaderUnit(quantity.value, UNIT_PERSON if people else UNIT_NONE, kind)
    kinds = {"money": UnitKind.MONEY, "area": UnitKind.AREA, "rate": UnitKind.RATE}
    return HeaderUnit(quantity.value, quantity.unit or "", kinds.get(quantity.kind, "points"))


def split_measure(name: str) -> tuple[str, bool, bool]:
    """(base name, is growth, is cumulative) of a column name."""
    parts = _SEPARATOR.split(name.strip())
    last = parts[-1]
    if len(parts) > 1 and last in _VALUE_MEASURES:
        return ":".join(parts[:-1]), False, _VALUE_MEASURES[last]
    if len(parts) > 1 and last in _GROWTH_MEASURES:
        return ":".join(parts[:-1]), True, _GROWTH_MEASURES[last]
    return ":".join(parts), False, False


_REGION_SUFFIXES = re.compile(
    r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市|地区|盟)$"
)


def region_prefixes() -> dict[str, str]:
    """Region code of each name a column may open with: 北京, 广东, 石家庄 (provinces and
    cities, full or without 省/市/自治区). A short name two regions share (吉林) is left out,
    so its columns stay as they are; so are countries (美国:失业率 keeps its country)."""
    from devzone.regions.models import Region

    found: dict[str, set[str]] = defaultdict(set)
    for code, name in Region.objects.filter(level__in=["province", "prefecture"]).values_list(
        "code", "name"
    ):
        if name in ("市辖区", "县"):
            continue
        found[name].add(code)
        found[_REGION_SUFFIXES.sub("", name)].add(code)
    found.pop("中国", None)  # the country is the national data set, not a region prefix
    return {name: codes.pop() for name, codes in found.items() if len(codes) == 1 and name}


def read_workbook(path: Path) -> dict[str, list[list[Any]]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    # From A1, blank rows and columns included: row numbers and column letters are the sheet's.
    return {
        name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in workbook.sheet_names
    }


class _Reader:
    """Turns the sheets of one file into planned observations, collecting every error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[str] = []
        self.planned: dict[tuple[str, str, Any, Any, bool], Planned] = {}
        self.specs: dict[str, IndicatorSpec] = {}
        self.columns = 0
        from devzone.indicators.catalogue import source_name_index

        self.catalogue = source_name_index()
        self.places = region_prefixes()

    def error(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        where = _("sheet %(sheet)s") % {"sheet": repr(sheet)}
        if row:
            where += _(", row %(row)d") % {"row": row}
        if column:
            where += _(", column %(column)s") % {"column": column}
        self.errors.append(_("%(where)s: %(message)s") % {"where": where, "message": message})

    def read(self) -> int:
        from python_calamine import CalamineError

        try:
            sheets = read_workbook(self.path)
        except (CalamineError, ValueError, OSError) as error:  # ZipError is a CalamineError
            self.errors.append(
                _("%(file)s: not a spreadsheet that can be read (%(error)s)")
                % {"file": self.path.name, "error": error}
            )
            return 0
        for sheet, rows in sheets.items():
            self._sheet(sheet, rows)
        return len(sheets)

    def _sheet(self, sheet: str, rows: list[list[Any]]) -> None:
        headers = {
            HEADER_LABELS[str(row[1]).strip()]: (number, row)
            for number, row in enumerate(rows[:12], start=1)
            if len(row) > 1 and str(row[1]).strip() in HEADER_LABELS
        }
        missing = {"name", "frequency", "unit"} - set(headers)
        if missing:
            label = {v: k for k, v in HEADER_LABELS.items()}
            names = ", ".join(label[m] for m in sorted(missing))
            message = _("no header row %(names)s (is this an indicator export?)")
            self.error(sheet, None, "B", message % {"names": names})
            return
        columns = self._columns(sheet, headers)
        self.columns += len(columns)
        first_data = max(number for number, _row in headers.values()) + 1
        for number, row in enumerate(rows[first_data - 1 :], start=first_data):
            self._row(sheet, number, row, columns)

    def _columns(self, sheet: str, headers: dict[str, tuple[int, list[Any]]]) -> list[Column]:
        names = headers["name"][1]
        ids = headers.get("id", (0, []))[1]
        columns = []
        for index in range(2, len(names)):
            name = str(names[index] or "").strip()
            if not name:
                continue
            column = self._column(sheet, headers, index, name, ids)
            if column is not None:
                columns.append(column)
        value_keys: dict[str, str] = {}
        for column in sorted(columns, key=lambda c: c.growth):
            self._register(column, value_keys)
        return columns

    def _column(
        self, sheet: str, headers: dict, index: int, name: str, ids: list[Any]
    ) -> Column | None:
        letter = column_letter(index)
        unit_row, unit_cells = headers["unit"]
        frequency = str(_cell(headers["frequency"][1], index)).strip()
        try:
            unit = header_unit(str(_cell(unit_cells, index)))
        except UnitError:
            message = _("the unit %(unit)s is not one devzone reads")
            self.error(sheet, unit_row, letter, message % {"unit": repr(_cell(unit_cells, index))})
            return None
        base, growth, cumulative = split_measure(name)
        place, _sep, rest = base.partition(":")
        region = self.places.get(place, "") if rest else ""
        if region:  # 北京:新建商品住宅价格指数: Beijing's series of the index every city has
            base = rest
        # A growth column is in percent whatever base its unit header names (美国:CPI:当月同比
        # is headed "1982年-1984年=100", the index the growth is computed on).
        if growth and unit.unit not in (UNIT_PERCENT, UNIT_INDEX):
            message = _("the growth column %(name)s is not in %%")
            self.error(sheet, unit_row, letter, message % {"name": repr(name)})
            return None
        source_id = str(_cell(ids, index) or "").strip() or f"{sheet}-{letter}"
        return Column(
            index, name, source_id, frequency, unit, base, growth, cumulative, region=region
        )

    def _register(self, column: Column, value_keys: dict[str, str]) -> None:
        """A column's indicator: the catalogue's, a value column's of the same base, or its own."""
        if column.growth:
            key = (
                self.catalogue.get(f"{column.base}#yoy")
                or self.catalogue.get(column.base)
                or value_keys.get(column.base)
            )
        else:
            key = self.catalogue.get(column.base)
            if key is None and column.region:  # one indicator for all the cities' columns
                key = value_keys.get(column.base)
            if key is None:
                key = f"choice-{column.source_id.lower()}"
            value_keys.setdefault(column.base, key)
        if key is None:
            key = f"choice-{column.source_id.lower()}"
        column.indicator_key = key
        if key not in self.specs:
            kind = UnitKind.RATE if column.growth else column.unit.kind
            unit = UNIT_PERCENT if column.growth else column.unit.unit
            self.specs[key] = IndicatorSpec(key, column.base[:200], str(kind), unit, column.base)

    def _row(self, sheet: str, number: int, row: list[Any], columns: list[Column]) -> None:
        date_text = str(_cell(row, 1)).strip()
        if not date_text:
            return  # blank rows and the "数据来源" footer
        try:
            month = parse_period(date_text)
        except PeriodError as error:
            self.error(sheet, number, "B", str(error))
            return
        for column in columns:
            raw = _cell(row, column.index)
            if raw is None or raw == "":
                continue
            self._cell(sheet, number, column, month, raw)

    def _cell(self, sheet: str, number: int, column: Column, month: SeriesPeriod, raw: Any) -> None:
        where = f"{column.letter}{number}"
        try:
            period = widen(month, _granularity(column.frequency), cumulative=column.cumulative)
            value = _decimal(raw)
        except (PeriodError, ValueError) as error:
            self.error(sheet, number, column.letter, f"{raw!r}: {error}")  # error: translated
            return
        if not column.growth:
            with localcontext(EXACT_CONTEXT):
                value = canonical_decimal(value * column.unit.factor)
        if -value.as_tuple().exponent > _MAX_PLACES:  # type: ignore[operator]
            message = _("%(value)s has more than 8 decimals")
            self.error(sheet, number, column.letter, message % {"value": repr(raw)})
            return
        key = (column.region, column.indicator_key, period.start, period.end, period.cumulative)
        planned = self.planned.setdefault(
            key, Planned(column.indicator_key, period, region=column.region)
        )
        field_name = "yoy" if column.growth else "value"
        first = getattr(planned, field_name)
        if first is not None and first == value:
            planned.cells.append(f"{sheet}!{where}")  # the same series twice, in agreement
            return
        if first is not None:
            self.error(
                sheet, number, column.letter,
                _("a second %(what)s for %(series)s %(period)s (first in %(cells)s)")
                % {
                    "what": _("growth rate") if column.growth else _("value"),
                    "series": column.base,
                    "period": period.label,
                    "cells": ", ".join(planned.cells),
                },
            )  # fmt: skip
            return
        setattr(planned, field_name, value)
        if not column.growth:
            planned.unit = column.unit.unit
        planned.cells.append(f"{sheet}!{where}")


def _cell(row: list[Any], index: int) -> Any:
    return row[index] if index < len(row) else ""


def _granularity(frequency: str) -> str:
    from devzone.indicators.periods import _frequency

    return _frequency(frequency) if frequency else "month"


def _decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError(_("not a number"))
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))  # the shortest text that reads back as this float
    text = str(raw).strip().replace(",", "")
    try:
        return Decimal(text)
    except ArithmeticError as error:
        raise ValueError(_("not a number")) from error


def import_series_file(
    path: str | Path, *, actor: Any, region: Any = None, dry_run: bool = False
) -> ImportSummary:
    """Import every series of ``path`` for ``region`` (default: the national pseudo-region).

    All rows or none: errors raise :class:`SeriesImportError` before anything is written.
    Importing the same file again changes nothing (observations are matched by subject,
    indicator and period).
    """
    from devzone.indicators.writing import write_planned

    path = Path(path)
    reader = _Reader(path)
    sheets = reader.read()
    if reader.errors:
        raise SeriesImportError(reader.errors)
    summary = ImportSummary(str(path), "", sheets=sheets, columns=reader.columns, dry_run=dry_run)
    planned = list(reader.planned.values())
    summary.observations = len(planned)
    if planned:
        ends = sorted(p.period.end for p in planned)
        summary.first_period, summary.last_period = ends[0].isoformat(), ends[-1].isoformat()
    by_region: dict[str, list[Planned]] = defaultdict(list)
    for item in planned:
        by_region[item.region].append(item)
    for code, items in sorted(by_region.items()):
        place = _region(code) if code else region
        write_planned(items, reader.specs, summary, actor=actor, region=place, source=path.name)
    return summary


def _region(code: str) -> Any:
    from devzone.regions.models import Region

    return Region.objects.get(code=code)


def plan_counts(planned: list[Planned]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in planned:
        counts[item.indicator_key] += 1
    return dict(counts)
