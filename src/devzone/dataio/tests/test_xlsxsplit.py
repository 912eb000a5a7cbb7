"""A large sheet read in two halves at once gives exactly the rows of the sheet read whole."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from devzone.dataio import xlsxsplit
from devzone.dataio.reading import open_table


def _ledger(path, rows=3000):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "台账"
    sheet["B1"] = "2024年重大项目台账"
    sheet.merge_cells("B1:E1")
    sheet.append([None, "序号", "项目名称", "计划总投资（亿元）", "签约时间"])
    for number in range(1, rows + 1):
        if rows // 2 - 3 < number < rows // 2 + 3:
            sheet.append([])  # blank rows around the middle, where the sheet is cut
            continue
        sheet.append([None, number, f"第{number}号项目", number / 7, dt.date(2023, 1, 1)])
    sheet[f"D{rows}"] = "=1/0"  # a formula never computed, in the second half
    workbook.save(path)
    return path


def _read(path):
    table = open_table(path)
    return list(table.rows), table.merged, table.cell_problems


def test_a_sheet_cut_in_two_reads_as_the_whole(tmp_path, monkeypatch):
    path = _ledger(tmp_path / "ledger.xlsx")
    whole = _read(path)
    monkeypatch.setattr(xlsxsplit, "SPLIT_BYTES", 0)
    halves = xlsxsplit.split_sheet(path, "台账")
    assert halves is not None and len(halves.workbooks) == 2

    cut = _read(path)

    assert cut == whole
    rows, merged, problems = cut
    assert [number for number, _values in rows] == list(range(1, 3003))  # blank rows too
    assert rows[2][1][2] == "第1号项目" and rows[-1][1][2] == "第3000号项目"
    assert merged and problems == {(3000, 3): "formula"}


def test_small_sheets_are_read_whole(tmp_path):
    assert xlsxsplit.split_sheet(_ledger(tmp_path / "small.xlsx", rows=50), "台账") is None


@pytest.mark.parametrize(
    "xml",
    [b"<worksheet><x:sheetData><x:row r='1'/></x:sheetData></worksheet>", b"<sheetData/>"],
)
def test_xml_not_laid_out_as_expected_is_not_cut(xml):
    assert xlsxsplit._cut(xml) is None
