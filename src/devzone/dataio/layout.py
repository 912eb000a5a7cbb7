"""Finding the header of a ledger and the rows that hold data.

Real ledgers start with a title ("2024年全区重大项目台账"), a unit line ("单位：万元"), maybe a
blank row, then a header that may span two rows under merged cells (开工时间 over 计划 | 实际).
Below come data rows, spacer rows, section headings ("一、续建项目") and totals (合计). The
header is the row, among the first few, where most cells name a known column; everything that
is not a data row is skipped without a word, because a person would skip it too.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from devzone.dataio.headers import (
    IGNORED,
    MONEY,
    FieldSpec,
    HeaderMatch,
    HeaderUnit,
    HeaderUnitError,
    header_unit,
    match_header,
    normalise_header,
)
from devzone.dataio.reading import Row, SpreadsheetError, Table

HEADER_SCAN_ROWS = 30
BLANK_RUN_LIMIT = 1000  # a run this long of empty rows ends the data, however big the sheet
_TOTALS = re.compile(
    r"^(合计|总计|小计|总合计|total|totals|subtotal|grandtotal|sum)(\(.*\)|\d+个?)?$"
)
_SECTION = re.compile(
    r"^[(（]?[一二三四五六七八九十]+[)）、.．]|^第[一二三四五六七八九十]+[部类批]"
)
_UNIT_LINE = re.compile(
    r"单位[:：]\s*(?P<unit>[^\s,，;；、]+)|unit[:：]?\s*(?P<en>[\w ]+yuan)", re.I
)


@dataclass
class Column:
    index: int
    header: str  # as written in the file (parent and sub-header joined for two-row headers)
    spec: FieldSpec
    unit: HeaderUnit


@dataclass
class Layout:
    header_row: int
    columns: list[Column]
    unknown: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # the header of every column, as read

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.spec.key == key), None)

    @property
    def keys(self) -> set[str]:
        return {c.spec.key for c in self.columns}


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _filled(value: object) -> bool:
    """``not is_blank(value)``, cheapest test first: most cells of a data row are filled."""
    return value is not None and (value.__class__ is not str or bool(value.strip()))


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def find_layout(
    table: Table, lookup: dict[str, FieldSpec], *, required_any: tuple[str, ...]
) -> tuple[Layout, Iterator[Row]]:
    """The header of ``table`` and an iterator over the rows below it."""
    rows = iter(table.rows)
    head: list[Row] = []
    blank_run = 0
    for row in rows:
        if any(not is_blank(v) for v in row[1]):
            head.append(row)
            blank_run = 0
        else:
            blank_run += 1
        if len(head) >= HEADER_SCAN_ROWS:
            break
        if blank_run >= BLANK_RUN_LIMIT:
            rows = iter(())
            break
    if not head:
        raise SpreadsheetError("empty", _("The sheet has no data."))
    filled = _fill_merged(head, table)
    position = _best_header(filled, lookup, required_any)
    default_unit = _unit_line(head[:position])
    layout, used = _build_layout(filled, position, lookup, default_unit)
    rest = head[position + used :]
    return layout, _data_rows(rest, rows, layout, _vertical_merges(table, layout.header_row))


def _fill_merged(head: list[Row], table: Table) -> list[Row]:
    """Header rows with the value of each merged range copied into every cell it covers."""
    by_number = {number: list(values) for number, values in head}
    for (r0, c0), (r1, c1) in table.merged:
        origin = by_number.get(r0 + 1)
        value = origin[c0] if origin is not None and c0 < len(origin) else ""
        for number in range(r0 + 1, r1 + 2):
            filled = by_number.get(number)
            if filled is None:
                continue
            filled.extend([""] * (c1 + 1 - len(filled)))
            for col in range(c0, c1 + 1):
                if is_blank(filled[col]):
                    filled[col] = value
    return [(number, by_number[number]) for number, _values in head]


def _matches(values: list[object], lookup: dict[str, FieldSpec]) -> list[HeaderMatch | None]:
    found = []
    for value in values:
        try:
            found.append(match_header(value, lookup) if isinstance(value, str) else None)
        except HeaderUnitError as exc:  # a known column with an unknown unit: still a header
            found.append(HeaderMatch(exc.spec, HeaderUnit()) if exc.spec else None)
    return found


def _best_header(
    head: list[Row], lookup: dict[str, FieldSpec], required_any: tuple[str, ...]
) -> int:
    best, best_score = -1, 1
    for position, (_number, values) in enumerate(head):
        matches = [m for m in _matches(values, lookup) if m]
        keys = {m.spec.key for m in matches}
        score = len(keys)
        if score > best_score and keys & set(required_any):
            best, best_score = position, score
    if best < 0:
        raise SpreadsheetError(
            "no_header",
            _(
                "No header row found: none of the first %(count)d rows names the columns devzone "
                "knows (for example 项目名称 / Project name, 计划总投资 / Planned investment). "
                "See the list of column names in the import guide."
            )
            % {"count": HEADER_SCAN_ROWS},
        )
    return best


def _unit_line(above: list[Row]) -> HeaderUnit | None:
    """A line such as "单位：万元" above the header sets the unit of every money column."""
    for _number, values in above:
        for value in values:
            found = _UNIT_LINE.search(_text(value)) if isinstance(value, str) else None
            if found:
                unit = normalise_header(found.group("unit") or found.group("en"))
                try:
                    return header_unit(MONEY, unit)
                except HeaderUnitError:
                    continue
    return None


def _build_layout(
    head: list[Row],
    position: int,
    lookup: dict[str, FieldSpec],
    default_unit: HeaderUnit | None,
) -> tuple[Layout, int]:
    number, parents = head[position]
    subs = _sub_header(head, position, parents, lookup)
    layout = Layout(header_row=number if subs is None else head[position + 1][0], columns=[])
    seen: set[str] = set()
    for index, parent in enumerate(parents):
        header, match = _column_match(
            parent, subs[index] if subs and index < len(subs) else "", lookup
        )
        layout.headers.append(header)
        if match is None:
            if isinstance(header, str) and header.strip():
                layout.unknown.append(header.strip())
            continue
        if match.spec.key in seen:
            layout.duplicates.append(header)
            continue
        seen.add(match.spec.key)
        unit = match.unit
        if default_unit and match.spec.kind == MONEY and unit == HeaderUnit():
            unit = default_unit
        if match.spec.kind != IGNORED:
            layout.columns.append(Column(index, header, match.spec, unit))
    return layout, 1 if subs is None else 2


def _column_match(
    parent: object, sub: object, lookup: dict[str, FieldSpec]
) -> tuple[str, HeaderMatch | None]:
    parent_text, sub_text = _text(parent), _text(sub)
    candidates = [(parent_text, parent_text)]
    if sub_text:
        candidates = [
            (f"{parent_text}·{sub_text}", f"{sub_text}{parent_text}"),
            (f"{parent_text}·{sub_text}", f"{parent_text}{sub_text}"),
            (sub_text, sub_text),
            *candidates,
        ]
    for shown, text in candidates:
        try:
            match = match_header(text, lookup) if text else None
        except HeaderUnitError as exc:
            raise SpreadsheetError(
                "header_unit",
                _("Column “%(header)s”: the unit “%(unit)s” is not one devzone reads.")
                % {"header": shown, "unit": exc},
            ) from exc
        if match:
            return shown, match
    return parent_text, None


def _sub_header(
    head: list[Row],
    position: int,
    parents: list[object],
    lookup: dict[str, FieldSpec],
) -> list[object] | None:
    """The row under the header when it continues it (计划 | 实际 under a merged 开工时间)."""
    if position + 1 >= len(head) or head[position + 1][0] != head[position][0] + 1:
        return None
    # A header merged down over both rows repeats in the second: that is not a sub-header.
    subs = [
        "" if index < len(parents) and value == parents[index] else value
        for index, value in enumerate(head[position + 1][1])
    ]
    parent_matches = _matches(parents, lookup)
    name_columns = [i for i, m in enumerate(parent_matches) if m and m.spec.key in ("name", "code")]
    if any(i < len(subs) and not is_blank(subs[i]) for i in name_columns):
        return None  # the next row has a project name: it is data
    gained = 0
    for index, sub in enumerate(subs):
        if not isinstance(sub, str) or not sub.strip() or index >= len(parents):
            continue
        _shown, match = _column_match(parents[index], sub, lookup)
        if match and (parent_matches[index] is None or match.spec != parent_matches[index].spec):
            gained += 1
    return subs if gained else None


def _vertical_merges(table: Table, header_row: int) -> dict[int, list[tuple[int, int]]]:
    """Row number → (column, origin row) for cells that repeat a value merged down over them.

    Ledgers merge a zone or a leader down over the projects it covers; each row gets the value.
    """
    covered: dict[int, list[tuple[int, int]]] = {}
    for (r0, c0), (r1, c1) in table.merged:
        if c0 == c1 and r1 > r0 and r0 + 1 > header_row:
            for number in range(r0 + 2, r1 + 2):
                covered.setdefault(number, []).append((c0, r0 + 1))
    return covered


def _data_rows(
    buffered: list[Row],
    rest: Iterator[Row],
    layout: Layout,
    covered: dict[int, list[tuple[int, int]]],
) -> Iterator[Row]:
    name = layout.column("name")
    name_index = name.index if name else None
    quick = name_index is not None and name_index > 0
    blank_run = 0
    origins: dict[tuple[int, int], object] = {}
    for row in itertools.chain(buffered, rest):
        number, values = row
        if covered:
            for col, value in enumerate(values):
                origins[(number, col)] = value
            for col, origin in covered.get(number, ()):
                if col < len(values) and is_blank(values[col]):
                    values[col] = origins.get((origin, col), "")
        elif quick and len(values) > name_index and values[0].__class__ in _SERIALS:
            # The usual data row, settled without the checks below: a serial number first and
            # a name that does not start like 合计 — not blank, not a total, not a heading.
            text = values[name_index]
            if text.__class__ is str and (head := text.strip()[:1]) and head not in _TOTALS_START:
                blank_run = 0
                yield row
                continue
        if not any(_filled(v) for v in values):
            blank_run += 1
            if blank_run >= BLANK_RUN_LIMIT:
                return
            continue
        blank_run = 0
        if _is_totals(values, name_index) or _is_section(values):
            continue
        yield row


_TOTALS_START = frozenset("合总小TtSs")
_SERIALS = (int, float)  # a 序号 column as calamine reads it (not bool: True is not a serial)


def _is_totals(values: list[object], name_index: int | None) -> bool:
    first = next((v for v in values if not is_blank(v)), None)
    cells = [first]
    if name_index is not None and name_index < len(values):
        cells.append(values[name_index])
    for cell in cells:
        short = isinstance(cell, str) and cell.strip()[:1] in _TOTALS_START and len(cell) < 30
        if short and _TOTALS.match(normalise_header(cell)):  # type: ignore[arg-type]
            return True
    return False


def _is_section(values: list[object]) -> bool:
    """A heading row such as "一、续建项目（20个）": one text cell, numbered with 一二三."""
    filled = (v for v in values if not is_blank(v))
    first = next(filled, None)
    if not isinstance(first, str) or next(filled, None) is not None:
        return False  # a data row: more than one cell (the common case, settled first)
    return bool(_SECTION.match(unicodedata.normalize("NFKC", first.strip())))


def scale_of(column: Column) -> Decimal:
    return column.unit.scale
