"""`devzone enterprises import`: headers in two languages, encodings, bad rows, updates, history."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from devzone.cli import main
from devzone.core.models import ChangeRecord
from devzone.enterprises.models import Enterprise
from devzone.enterprises.registry import ImportFailed, import_registry

from .conftest import CATL, credit_code, write_csv

CATL_CODE = credit_code("91350900587527783")
BYD_CODE = credit_code("91440300192317458")


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, the source language (another test may leave Chinese
    active in this worker)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_english_headers_create_enterprises_with_their_name_parts(regions, industries, tmp_path):
    path = write_csv(
        tmp_path / "registry.csv",
        [
            ["name", "short_name", "credit_code", "region", "industry", "registered_capital"],
            [CATL, "宁德时代", CATL_CODE.lower(), "330700", "C38", "24.4亿元"],
            ["浙江金华康恩贝生物制药有限公司", "", "", "金华", "", ""],
        ],
    )

    summary = import_registry(path, actor=None)

    assert (summary.rows, summary.created, summary.updated) == (2, 2, 0)
    catl = Enterprise.objects.get(legal_name=CATL)
    assert catl.credit_code == CATL_CODE  # canonical upper case
    assert catl.short_name == "宁德时代"
    assert catl.legal_form == "股份有限公司"
    assert catl.region == regions["jinhua"]
    assert catl.industry.code == "C38"
    assert catl.registered_capital == Decimal("2440000000")
    kangenbei = Enterprise.objects.get(legal_name="浙江金华康恩贝生物制药有限公司")
    assert (kangenbei.region_part, kangenbei.legal_form) == ("浙江金华", "有限公司")
    assert kangenbei.region == regions["jinhua"]  # by name, without the 市


def test_chinese_headers_in_a_gbk_file_with_a_unit_in_the_capital_header(regions, tmp_path):
    path = write_csv(
        tmp_path / "名录.csv",
        [
            [
                "企业名称",
                "简称",
                "统一社会信用代码",
                "所属地区",
                "注册资本（万元）",
                "地址",
                "经营范围",
            ],
            [
                "比亚迪股份有限公司",
                "比亚迪",
                BYD_CODE,
                "肇庆市",
                "5000",
                "深圳市坪山区",
                "汽车制造",
            ],
        ],
        encoding="gbk",
    )

    summary = import_registry(path, actor=None)

    assert summary.format == "csv (gb18030)"
    byd = Enterprise.objects.get(credit_code=BYD_CODE)
    assert byd.legal_name == "比亚迪股份有限公司"
    assert byd.region == regions["zhaoqing"]
    assert byd.registered_capital == Decimal("50000000")
    assert (byd.address, byd.scope) == ("深圳市坪山区", "汽车制造")


def test_a_spreadsheet_is_read_too(db, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["企业名称", "统一社会信用代码"])
    workbook.active.append([CATL, CATL_CODE])
    workbook.save(tmp_path / "registry.xlsx")

    summary = import_registry(tmp_path / "registry.xlsx", actor=None)

    assert summary.created == 1
    assert Enterprise.objects.get().credit_code == CATL_CODE


def test_a_spreadsheet_with_blank_rows_above_its_header_keeps_its_row_numbers(db, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    rows = [["企业名称", "统一社会信用代码"], [CATL, CATL_CODE], ["比亚迪股份有限公司", "123"]]
    for number, row in enumerate(rows, start=3):  # rows 1 and 2 left blank
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    workbook.save(tmp_path / "registry.xlsx")

    with pytest.raises(ImportFailed) as failure:
        import_registry(tmp_path / "registry.xlsx", actor=None)

    [error] = failure.value.summary.errors
    assert (error.row, error.column) == (5, "统一社会信用代码")


def test_a_wrong_check_character_names_row_and_column_and_nothing_is_written(db, tmp_path):
    wrong = CATL_CODE[:17] + ("0" if CATL_CODE[17] != "0" else "1")
    path = write_csv(
        tmp_path / "bad.csv",
        [["企业名称", "统一社会信用代码"], ["比亚迪股份有限公司", BYD_CODE], [CATL, wrong]],
    )

    with pytest.raises(ImportFailed) as failure:
        import_registry(path, actor=None)

    [error] = failure.value.summary.errors
    assert (error.row, error.column) == (3, "统一社会信用代码")
    assert "check character" in error.message
    assert not Enterprise.objects.exists()
    assert not ChangeRecord.objects.exists()


def test_skip_invalid_writes_the_good_rows(db, tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [["name", "credit_code"], ["比亚迪股份有限公司", BYD_CODE], [CATL, "123"]],
    )

    summary = import_registry(path, actor=None, skip_invalid=True)

    assert (summary.created, summary.invalid, summary.committed) == (1, 1, True)
    assert list(Enterprise.objects.values_list("legal_name", flat=True)) == ["比亚迪股份有限公司"]


def test_the_same_enterprise_twice_in_a_file_is_refused(db, tmp_path):
    path = write_csv(tmp_path / "twice.csv", [["name"], [CATL], [CATL]])

    with pytest.raises(ImportFailed) as failure:
        import_registry(path, actor=None)

    assert (
        str(failure.value.summary.errors[0])
        == "row 3, column name: The same legal name is on row 2."
    )


def test_reimport_updates_by_credit_code_or_legal_name_and_records_history(admin_user, tmp_path):
    first = write_csv(
        tmp_path / "first.csv",
        [
            ["name", "credit_code", "address"],
            [CATL, CATL_CODE, "宁德"],
            ["比亚迪股份有限公司", "", ""],
        ],
    )
    import_registry(first, actor=admin_user)
    renamed = "宁德时代新能源科技股份有限公司（原宁德新能源）"
    second = write_csv(
        tmp_path / "second.csv",
        [
            ["name", "credit_code", "address"],
            [renamed, CATL_CODE, "福建省宁德市"],  # found by credit code, renamed
            ["比亚迪股份有限公司", BYD_CODE, ""],  # found by legal name, gains a code
        ],
    )

    summary = import_registry(second, actor=admin_user)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 2, 0)
    assert Enterprise.objects.count() == 2
    catl = Enterprise.objects.get(credit_code=CATL_CODE)
    assert (catl.legal_name, catl.address) == (renamed, "福建省宁德市")
    assert Enterprise.objects.get(legal_name="比亚迪股份有限公司").credit_code == BYD_CODE
    history = ChangeRecord.objects.for_object(catl).order_by("id")
    assert [record.action for record in history] == ["create", "update"]
    update = history.last()
    assert update.actor == admin_user
    assert update.before["address"] == "宁德" and update.after["address"] == "福建省宁德市"


def test_an_unchanged_file_changes_nothing(db, tmp_path):
    path = write_csv(tmp_path / "r.csv", [["name", "credit_code"], [CATL, CATL_CODE]])
    import_registry(path, actor=None)

    summary = import_registry(path, actor=None)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)
    assert ChangeRecord.objects.count() == 1


def test_viewers_may_not_import(viewer, tmp_path):
    from django.core.exceptions import PermissionDenied

    path = write_csv(tmp_path / "r.csv", [["name"], [CATL]])

    with pytest.raises(PermissionDenied):
        import_registry(path, actor=viewer)


def test_cli_dry_run_prints_a_json_summary_and_writes_nothing(db, tmp_path, capsys):
    path = write_csv(tmp_path / "r.csv", [["name", "credit_code"], [CATL, CATL_CODE]])

    status = main(["enterprises", "import", str(path), "--dry-run", "--json"])

    summary = json.loads(capsys.readouterr().out)
    assert status == 0
    assert (summary["created"], summary["dry_run"], summary["committed"]) == (1, True, False)
    assert not Enterprise.objects.exists()


def test_a_dry_run_with_bad_rows_still_counts_what_the_good_rows_would_do(db, tmp_path):
    rows = [["name", "credit_code"], ["坏公司", "9135"], [CATL, CATL_CODE], ["比亚迪有限公司", ""]]
    path = write_csv(tmp_path / "r.csv", rows)

    with pytest.raises(ImportFailed) as failed:
        import_registry(path, actor=None, dry_run=True)

    summary = failed.value.summary
    assert (summary.created, summary.invalid, summary.committed) == (2, 1, False)
    assert not Enterprise.objects.exists()
    assert not ChangeRecord.objects.exists()


def test_cli_reports_bad_rows_and_exits_1(db, tmp_path, capsys):
    path = write_csv(tmp_path / "r.csv", [["name", "credit_code"], [CATL, "9135"]])

    status = main(["enterprises", "import", str(path), "--no-progress"])

    out = capsys.readouterr().out
    assert status == 1
    assert "row 2, column credit_code" in out
    assert "Nothing was imported" in out


def test_cli_lists_enterprises(db, tmp_path, capsys):
    path = write_csv(tmp_path / "r.csv", [["name"], [CATL], ["比亚迪股份有限公司"]])
    main(["enterprises", "import", str(path), "--no-progress"])
    capsys.readouterr()

    main(["enterprises", "list", "--search", "比亚迪", "--json"])

    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["legal_name"] for row in rows] == ["比亚迪股份有限公司"]


def test_a_registry_files_problems_read_in_the_users_language(db, tmp_path):
    from django.utils import translation

    wrong = CATL_CODE[:17] + ("0" if CATL_CODE[17] != "0" else "1")
    path = write_csv(
        tmp_path / "bad.csv",
        [["企业名称", "统一社会信用代码", "所属地区"], [CATL, wrong, "火星"]],
    )

    with translation.override("zh-hans"):
        with pytest.raises(ImportFailed) as failure:
            import_registry(path, actor=None)
        messages = [str(error) for error in failure.value.summary.errors]
    assert any("校验码" in message and message.startswith("第 2 行") for message in messages)
    assert any("不是已知地区" in message for message in messages)
