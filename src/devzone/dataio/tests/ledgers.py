"""Real-looking ledgers, built by the tests: title rows, merged headers, 合计, units, GBK."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

ZH_TITLE = "2024年金华经济技术开发区重大项目台账"
ZH_HEADER_TOP = [
    "序号",
    "项目名称",
    "项目代码",
    "所属园区",
    "投资方",
    "计划总投资（亿元）",
    "其中：固定资产投资（亿元）",
    "用地面积（亩）",
    "项目类型",
    "建设性质",
    "责任单位",
    "责任领导",
    "签约时间",
    "开工时间",
    None,
    "备注",
]
ZH_HEADER_SUB = [None] * 13 + ["计划", "实际", None]


def zh_rows(zone: str) -> list[list[Any]]:
    return [
        [
            1,
            "康佳新能源电池产业基地",
            "2301-330701-04-01-123456",
            zone,
            "宁德时代",
            5.5,
            4,
            "120",
            "制造业",
            "新建",
            "投资促进局",
            "张三",
            dt.date(2023, 3, 1),
            "2023年9月",
            45170,
            "",
        ],
        [
            2,
            "金开智能装备产业园",
            "JK-2023-017",
            zone,
            "金华智能装备有限公司",
            "约3亿元",
            "2",
            None,
            "制造业",
            "扩建",
            "投资促进局",
            "李四",
            "2023/5/8",
            "2024-01-15",
            None,
            "",
        ],
        [
            3,
            "物流中心二期",
            None,
            zone,
            None,
            "5000万元",
            None,
            "35.5",
            "服务业",
            "新建",
            None,
            "王五",
            "2023.6",
            None,
            None,
            "待核实",
        ],
    ]


def write_zh_ledger(path: Path, zone: str, *, extra_rows: list[list[Any]] = ()) -> Path:
    """The way a zone office keeps it: title, unit line, two header rows, 合计, blank rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "项目台账"
    sheet.append([ZH_TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(ZH_HEADER_TOP))
    sheet.append(["填报单位：投资促进局", None, None, None, None, None, "单位：亿元、亩"])
    sheet.append(ZH_HEADER_TOP)
    sheet.append(ZH_HEADER_SUB)
    for column in range(1, 14):  # the single headers span both header rows
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    sheet.merge_cells(start_row=3, start_column=14, end_row=3, end_column=15)
    sheet.append(["一、新开工项目"])
    for row in zh_rows(zone) + list(extra_rows):
        sheet.append(row)
    sheet.append([])
    sheet.append(["合计", None, None, None, None, "=SUM(F6:F8)"])
    workbook.save(path)
    return path


EN_HEADER = [
    "No.",
    "Project name",
    "Project code",
    "Zone",
    "Investors",
    "Planned investment (10k yuan)",
    "Land (mu)",
    "Kind",
    "Planned construction start",
    "Actual construction start",
    "Responsible leader",
]


def en_rows(zone: str) -> list[list[Any]]:
    return [
        [
            1,
            "Battery plant",
            "EN-001",
            zone,
            "",
            50000,
            80,
            "manufacturing",
            "2024-03-01",
            "2023-11-20",
            "Zhang San",
        ],
        [2, "Logistics hub", "EN-002", zone, "", "12,000", "", "services", "", "", "Li Si"],
    ]


def write_en_ledger(path: Path, zone: str) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Major projects ledger, 2024"])
    sheet.append([])
    sheet.append(EN_HEADER)
    for row in en_rows(zone):
        sheet.append(row)
    sheet.append(["Total", None, None, None, None, 62000])
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list[Any]], *, encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path
