"""Reading a column at a time gives the rows that reading cell by cell gives, odd cells and all."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from devzone.dataio.headers import PROJECT_TABLE
from devzone.dataio.layout import find_layout
from devzone.dataio.ledger import ProjectRowReader
from devzone.dataio.lookups import Investors, Places
from devzone.dataio.reading import Table

HEADER = [
    "项目代码",
    "项目名称",
    "所属园区",
    "投资方",
    "计划总投资（亿元）",
    "固定资产投资（万元）",
    "用地面积（公顷）",
    "预计就业",
    "项目类型",
    "建设性质",
    "责任单位",
    "责任领导",
    "签约时间",
    "计划开工时间",
    "实际开工时间",
]
# Cells a ledger really holds, plain and odd, for each kind of column.
CODES = ["JK-2023-017", " JK-7 ", "2301-330701-04-01-123456", "２３０１-330701-04-01-123456"]
CODES += ["金开〔2023〕5号", "JK\u200b-1", "x" * 65, "", "   ", None, 12345.0, "#REF!"]
NAMES = ["康佳新能源电池产业基地", "  物流中心  ", "", " ", None, "名" * 201, 42.0, True]
MONEY = [5.5, 0.5, 16.4, 0.123456789, -1.0, 1e20, float("inf"), 0.0, -0.0, 3, True]
MONEY += ["约5亿元", "5000万元", "1,234.5", "待定", "3-5亿", "#REF!", "", None, "500万美元"]
LAND = [120.0, 8.0, 0.001, -3.0, 1e12, "120亩", "8公顷", "约100亩", "待定", None, ""]
JOBS = [500.0, 0.0, 12.5, -3.0, 2e9, 300, "500人", "约500人", "很多", None]
DATES = ["2023-09-01", "2023/9/1", "2023.9.1", "2023年9月1日", "20230901", "2023年9月"]
DATES += ["2023年9月上旬", "2023-9", "2023-02-30", "1899-01-01", " 2023-09-01", "待定"]
DATES += [45170.0, 45170, "45170", 1.0, dt.date(2023, 3, 1), dt.datetime(2023, 3, 1, 8, 30)]
DATES += [dt.date(2099, 1, 1), "2099-01-01", True, None, ""]
WORDS = ["制造业", "工业", "基建", "待定", None, "", 1.0, True, 1]  # 1.0 == True == 1, not as text
TYPES = ["新建", "扩建", "技术改造", "重建", None]
ZONES = ["金华经济技术开发区", "jdz", "不存在的园区", "", None]
INVESTORS = ["宁德时代", "宁德时代、不认识的公司", "不认识的公司；宁德时代", "", None]


def _table(rows: list[list[object]]) -> Table:
    numbered = [(1, ["2024年重大项目台账"]), (2, list(HEADER))]
    numbered += [(number, values) for number, values in enumerate(rows, start=3)]
    return Table(rows=iter(numbered), format="xlsx")


def _reader(rows: list[list[object]], actor=None):
    layout, data = find_layout(_table(rows), PROJECT_TABLE, required_any=("name", "code"))
    raw = list(data)
    reader = ProjectRowReader(
        layout,
        places=Places.load(),
        industries=None,
        investors=Investors(["宁德时代", "不认识的公司"]),
        default_zone=None,
        actor=actor,
        today=timezone.localdate(),
    )
    return reader, raw


def _assert_same_rows(reader, raw):
    one_by_one = [reader.read(number, values) for number, values in raw]
    by_columns = reader.read_rows(raw)
    assert len(by_columns) == len(one_by_one)
    for slow, fast in zip(one_by_one, by_columns, strict=True):
        # repr, not ==: Decimal("5.50") == Decimal("5.5"), but the history keeps the digits.
        assert repr(vars(fast)) == repr(vars(slow)), f"row {slow.number}"


def _row(code, name, money, land, jobs, word, kind):
    zone = "金华经济技术开发区"
    return [
        code,
        name,
        zone,
        "宁德时代",
        money,
        money,
        land,
        jobs,
        word,
        kind,
        "投资促进局",
        "张三",
    ]


@pytest.mark.django_db
def test_every_odd_cell_reads_the_same_column_by_column(zone_a, department_a, catl):
    """Each odd value in every column it can appear in, against a plain row."""
    cases = itertools.zip_longest(CODES, NAMES, MONEY, LAND, JOBS, DATES, WORDS, TYPES)
    rows = []
    for code, name, money, land, jobs, date, word, kind in cases:
        values = _row(code, name or "项目", money, land, jobs, word or "", kind or "")
        rows.append([*values, date, date, date])
    reader, raw = _reader(rows)

    _assert_same_rows(reader, raw)


@pytest.mark.django_db
def test_dates_in_every_milestone_column_and_repeated(zone_a, catl):
    """Repeated dates are read once per column: later rows, warnings and errors still match."""
    rows = [
        [f"JK-{i}", f"项目{i}", "jdz", "", 1.0, 100.0, 1.0, 10.0, "制造业", "新建", "", "", a, b, c]
        for i, (a, b, c) in enumerate(itertools.product(DATES, repeat=3))
        if i % 7 == 0
    ]
    reader, raw = _reader(rows * 2)

    _assert_same_rows(reader, raw)


@pytest.mark.django_db
def test_names_resolved_once_are_replayed_with_each_rows_own_number(
    zone_a, zone_b, department_a, catl, staff_a
):
    """Zones, kinds, departments and investors, known and unknown, for a user of zone A only."""
    rows = [
        [f"JK-{i}", f"项目{i}", zone, investor, 2.0, 100.0, 1.0, 10.0, word, kind, dept, "", None]
        for i, (zone, investor, word, kind, dept) in enumerate(
            itertools.product(
                [*ZONES, "肇庆高新区", 1.0, True],
                INVESTORS,
                WORDS[:4] + WORDS[-3:],
                TYPES[:4],
                ["投资促进局", "财政局"],
            )
        )
    ]
    reader, raw = _reader(rows * 2, actor=staff_a)

    _assert_same_rows(reader, raw)
    rows = reader.read_rows(raw)
    assert {r.number for r in rows} == {number for number, _values in raw}
    assert all(issue.row == row.number for row in rows for issue in row.errors + row.reviews)
