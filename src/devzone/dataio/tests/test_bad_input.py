"""Every kind of bad file or cell gets a clear message, and nothing is written."""

from __future__ import annotations

import datetime as dt
import struct
import time
import zipfile

import pytest
from openpyxl import Workbook

from devzone.core.models import ChangeRecord
from devzone.dataio.importing import import_projects
from devzone.dataio.tests.ledgers import write_csv, write_xlsx
from devzone.projects.models import Project

HEADER = ["项目名称", "项目代码", "所属园区", "计划总投资（亿元）", "实际开工时间"]


@pytest.fixture
def nothing_written(db):
    before = ChangeRecord.objects.count()
    yield
    assert not Project.objects.exists()
    assert ChangeRecord.objects.count() == before


def _import(path, actor):
    return import_projects(path, actor=actor)


def _errors(result):
    return [(e.row, e.column, e.message) for e in result.errors]


def test_empty_file(tmp_path, staff_a, nothing_written):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert _import(path, staff_a).file_error == "The file is empty."


def test_not_a_spreadsheet(tmp_path, staff_a, nothing_written):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert "not a spreadsheet" in _import(path, staff_a).file_error


def test_a_word_document_renamed_to_xlsx(tmp_path, staff_a, nothing_written):
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "zip archive but not a spreadsheet" in _import(path, staff_a).file_error


def _fake_encrypted_workbook(path):
    """An OLE2 compound file whose directory names an EncryptedPackage stream, as Excel's are."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = struct.pack("<H", 0x3E)
    header[26:28] = struct.pack("<H", 3)
    directory = bytearray(512)
    for index, name in enumerate(("Root Entry", "EncryptionInfo", "EncryptedPackage")):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        directory[index * 128 : index * 128 + len(encoded)] = encoded
        directory[index * 128 + 64 : index * 128 + 66] = struct.pack("<H", len(encoded))
    path.write_bytes(bytes(header) + bytes(directory) + b"\x00" * 1024)
    return path


def test_password_protected_workbook(tmp_path, staff_a, nothing_written):
    path = _fake_encrypted_workbook(tmp_path / "locked.xlsx")
    assert "protected by a password" in _import(path, staff_a).file_error


def test_corrupted_xlsx(tmp_path, staff_a, zone_a, nothing_written):
    good = write_xlsx(tmp_path / "good.xlsx", [HEADER, ["项目", "", zone_a.name, 1, ""]])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "damaged" in _import(broken, staff_a).file_error


def test_no_recognisable_header(tmp_path, staff_a, nothing_written):
    path = write_xlsx(tmp_path / "x.xlsx", [["姓名", "电话"], ["张三", "13800000000"]])
    assert "No header row found" in _import(path, staff_a).file_error


def test_unknown_unit_in_a_header(tmp_path, staff_a, nothing_written):
    path = write_xlsx(tmp_path / "x.xlsx", [["项目名称", "计划总投资（斤）"], ["项目", 1]])
    assert "the unit" in _import(path, staff_a).file_error


def test_duplicate_codes_within_the_file(tmp_path, staff_a, zone_a, nothing_written):
    rows = [HEADER, ["甲", "JK-1", zone_a.name, 1, ""], ["乙", "JK-1", zone_a.name, 2, ""]]
    result = _import(write_xlsx(tmp_path / "x.xlsx", rows), staff_a)
    assert [e.row for e in result.errors] == [2, 3]
    assert "rows 2, 3" in result.errors[0].message


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("待定", "is not an amount of money"),
        ("3-5亿", "not one exact amount"),
        (-5, "cannot be negative"),
        ("1000000亿", "more than 10 trillion"),
        ("5000万美元", "another currency"),
    ],
)
def test_bad_money(tmp_path, staff_a, zone_a, nothing_written, cell, reason):
    rows = [HEADER, ["甲", "", zone_a.name, cell, ""]]
    result = _import(write_xlsx(tmp_path / "x.xlsx", rows), staff_a)
    assert [(e.row, e.column) for e in result.errors] == [(2, "计划总投资（亿元）")]
    assert reason in result.errors[0].message


def test_approximate_chinese_numerals_are_read_with_a_warning(tmp_path, staff_a, zone_a):
    rows = [HEADER, ["甲", "", zone_a.name, "约五亿", ""]]
    result = _import(
        write_xlsx(tmp_path / "x.xlsx", rows),
        staff_a,
    )
    assert result.committed
    assert Project.objects.get().planned_investment == 500_000_000
    assert "approximate" in result.warnings[0].message


def test_future_date_for_an_actual_milestone(tmp_path, staff_a, zone_a, nothing_written):
    future = dt.date.today() + dt.timedelta(days=40)
    rows = [HEADER, ["甲", "", zone_a.name, 1, future]]
    result = _import(write_xlsx(tmp_path / "x.xlsx", rows), staff_a)
    assert [(e.row, e.column) for e in result.errors] == [(2, "实际开工时间")]
    assert "in the future" in result.errors[0].message


def test_bad_dates(tmp_path, staff_a, zone_a, nothing_written):
    rows = [HEADER, ["甲", "", zone_a.name, 1, "明年"], ["乙", "", zone_a.name, 1, "2023-02-30"]]
    result = _import(write_xlsx(tmp_path / "x.xlsx", rows), staff_a)
    assert [e.row for e in result.errors] == [2, 3]


def test_unknown_zone_and_region(tmp_path, staff_a, zone_a, nothing_written):
    rows = [
        ["项目名称", "所属地区", "所属园区", "总投资（万元）"],
        ["甲", "火星市", zone_a.name, 1],
        ["乙", "金华市", "不存在园区", 1],
    ]
    result = _import(write_xlsx(tmp_path / "x.xlsx", rows), staff_a)
    assert [(e.row, e.column) for e in result.errors] == [(2, "所属地区"), (3, "所属园区")]
    assert "Unknown region" in result.errors[0].message
    assert "Unknown zone" in result.errors[1].message


def test_formulas_and_error_cells(tmp_path, staff_a, zone_a, nothing_written):
    rows = [
        HEADER,
        ["甲", "", zone_a.name, "#REF!", ""],
        ["乙", "", zone_a.name, "=1/0", ""],
        ["丙", "", zone_a.name, "#N/A", ""],
    ]
    result = _import(write_xlsx(tmp_path / "x.xlsx", rows), staff_a)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "计划总投资（亿元）"),
        (3, "计划总投资（亿元）"),
        (4, "计划总投资（亿元）"),
    ]
    assert "the error #REF!" in result.errors[0].message
    assert "never calculated" in result.errors[1].message
    assert "#N/A" in result.errors[2].message


def test_a_million_blank_rows_at_the_end_are_not_read(tmp_path, staff_a, zone_a):
    path = tmp_path / "long.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["项目名称", "计划总投资（亿元）"])
    sheet.append(["甲", 1])
    for _ in range(1_000_000):
        sheet.append([None])
    sheet.append([" "])
    workbook.save(path)
    started = time.monotonic()

    result = import_projects(path, actor=staff_a, default_zone=zone_a)

    assert result.ok and result.rows == 1
    assert time.monotonic() - started < 20


def test_a_million_blank_csv_lines_stop_early(tmp_path, staff_a, zone_a):
    path = tmp_path / "long.csv"
    path.write_text(
        "项目名称,计划总投资（亿元）\n甲,1\n" + ",\n" * 1_000_000 + "乙,2\n", encoding="utf-8"
    )
    started = time.monotonic()

    result = import_projects(path, actor=staff_a, default_zone=zone_a)

    assert result.ok and result.rows == 1
    assert time.monotonic() - started < 10


def test_text_file_in_an_unknown_encoding(tmp_path, staff_a, nothing_written):
    path = tmp_path / "x.csv"
    path.write_bytes("项目名称,总投资\n甲,1\n".encode("utf-16-le").replace(b"\x00", b"\x01"))
    assert _import(path, staff_a).file_error


def test_header_without_rows(tmp_path, staff_a, nothing_written):
    path = write_csv(tmp_path / "x.csv", [HEADER])
    assert "no data rows" in _import(path, staff_a).file_error


def test_missing_required_values_for_a_new_project(tmp_path, staff_a, zone_a, nothing_written):
    rows = [HEADER, ["", "JK-9", zone_a.name, 1, ""], ["甲", "", zone_a.name, "", ""]]
    result = _import(write_xlsx(tmp_path / "x.xlsx", rows), staff_a)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "项目名称"),
        (3, "计划总投资（亿元）"),
    ]


FOREIGN_HEADER = ["项目名称", "所属园区", "计划总投资（亿元）", "外资", "币种"]


@pytest.mark.parametrize(
    ("capital", "currency", "reason"),
    [
        ("100万美元", "欧元", "differs from the foreign capital's unit (USD)"),
        ("100万", "XYZ", "is not a currency"),
        ("100万", "", "Give the currency of the foreign capital"),
    ],
)
def test_bad_foreign_currency(
    tmp_path, staff_a, zone_a, nothing_written, capital, currency, reason
):
    rows = [FOREIGN_HEADER, ["甲", zone_a.name, 1, capital, currency]]
    result = _import(write_xlsx(tmp_path / "x.xlsx", rows), staff_a)
    assert len(result.errors) == 1, _errors(result)
    assert result.errors[0].row == 2
    assert reason in result.errors[0].message


@pytest.mark.parametrize(
    ("capital", "currency", "stored"),
    [("100万美元", "", "USD"), ("100万美元", "美元", "USD"), ("100万", "韩元", "KRW")],
)
def test_foreign_capital_currency_from_its_unit_or_column(
    tmp_path, staff_a, zone_a, capital, currency, stored
):
    rows = [FOREIGN_HEADER, ["甲", zone_a.name, 1, capital, currency]]
    result = _import(write_xlsx(tmp_path / "x.xlsx", rows), staff_a)
    assert result.committed, _errors(result)
    project = Project.objects.get()
    assert (project.foreign_capital, project.foreign_currency) == (1_000_000, stored)


def test_a_text_file_named_xlsx_is_not_taken_for_a_table(tmp_path, staff_a, nothing_written):
    path = tmp_path / "ledger.xlsx"
    path.write_text("项目名称,计划总投资\n甲,1\n", encoding="utf-8")
    assert "is not an Excel or OpenDocument workbook" in _import(path, staff_a).file_error


def test_actual_dates_that_run_backwards_are_refused(tmp_path, staff_a, zone_a, nothing_written):
    header = ["项目名称", "所属园区", "计划总投资（亿元）", "实际签约时间", "实际竣工时间"]
    rows = [header, ["甲", zone_a.name, 1, "2024-02-01", "2023-01-01"]]

    result = _import(write_xlsx(tmp_path / "x.xlsx", rows), staff_a)

    assert [(e.row, e.column) for e in result.errors] == [(2, "实际竣工时间")]
    assert "2023-01-01" in result.errors[0].message and "2024-02-01" in result.errors[0].message
