"""Real-looking ledgers in both languages go in, and a second import updates, not duplicates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from devzone.core.history import history_of
from devzone.core.models import ChangeRecord
from devzone.dataio.importing import import_projects
from devzone.dataio.tests.ledgers import EN_HEADER, en_rows, write_csv, write_en_ledger, zh_rows
from devzone.projects.models import Milestone, Project, ProjectInvestor


def test_chinese_ledger_with_title_merged_headers_units_and_totals(zh_ledger, staff_a, catl):
    result = import_projects(zh_ledger, actor=staff_a)

    assert result.ok and result.committed
    assert (result.rows, result.created, result.rejected) == (3, 3, 0)
    battery = Project.objects.get(code="2301-330701-04-01-123456")
    assert battery.planned_investment == Decimal("550000000")  # 5.5 in a 亿元 column
    assert battery.fixed_asset_investment == Decimal("400000000")
    assert battery.land_mu == Decimal("120")
    assert battery.department.name == "投资促进局"
    assert battery.leader == "张三"
    milestones = {m.kind: m for m in battery.milestones.all()}
    assert milestones["signed"].actual_date == dt.date(2023, 3, 1)  # a real date cell
    assert milestones["construction_started"].planned_date == dt.date(2023, 9, 1)  # 2023年9月
    assert milestones["construction_started"].actual_date == dt.date(2023, 9, 1)  # serial 45170
    assert [link.enterprise for link in ProjectInvestor.objects.filter(project=battery)] == [catl]


def test_text_amounts_keep_their_own_unit_and_approximations_warn(zh_ledger, staff_a):
    result = import_projects(zh_ledger, actor=staff_a)

    assert Project.objects.get(code="JK-2023-017").planned_investment == Decimal("300000000")
    assert Project.objects.get(name="物流中心二期").planned_investment == Decimal("50000000")
    assert [(w.row, w.value) for w in result.warnings] == [(7, "约3亿元")]
    assert "approximate" in result.warnings[0].message


def test_unmatched_investor_is_flagged_for_review_not_guessed(zh_ledger, staff_a):
    result = import_projects(zh_ledger, actor=staff_a)

    project = Project.objects.get(code="JK-2023-017")
    assert not ProjectInvestor.objects.filter(project=project).exists()
    assert [(r.row, r.column, r.value) for r in result.reviews] == [
        (7, "投资方", "金华智能装备有限公司")
    ]


def test_every_write_leaves_a_change_record(zh_ledger, staff_a):
    import_projects(zh_ledger, actor=staff_a)

    project = Project.objects.get(code="2301-330701-04-01-123456")
    record = history_of(project).get()
    assert record.action == "create" and record.actor == staff_a
    assert record.after["planned_investment"] == "550000000"
    assert record.after["name"] == project.name
    milestone = Milestone.objects.filter(project=project).first()
    assert history_of(milestone).get().action == "create"


def test_reimport_updates_instead_of_duplicating(zh_ledger, staff_a, tmp_path, zone_a):
    from devzone.dataio.tests.ledgers import write_zh_ledger

    import_projects(zh_ledger, actor=staff_a)
    changed = zh_rows(zone_a.name)
    changed[0][5] = 6  # 5.5亿 → 6亿
    path = tmp_path / "second.xlsx"
    write_zh_ledger(path, zone_a.name)
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook.active["F6"] = 6
    workbook.save(path)

    result = import_projects(path, actor=staff_a)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Project.objects.count() == 3
    project = Project.objects.get(code="2301-330701-04-01-123456")
    assert project.planned_investment == Decimal("600000000")
    update = history_of(project).filter(action="update").get()
    assert (update.before["planned_investment"], update.after["planned_investment"]) == (
        "550000000",
        "600000000",
    )


def test_rows_without_code_match_by_name_within_the_zone(zh_ledger, staff_a):
    import_projects(zh_ledger, actor=staff_a)
    result = import_projects(zh_ledger, actor=staff_a)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Project.objects.filter(name="物流中心二期").count() == 1


def test_english_ledger(tmp_path, zone_a, staff_a):
    path = write_en_ledger(tmp_path / "ledger.xlsx", zone_a.slug)

    result = import_projects(path, actor=staff_a)

    assert result.ok and result.created == 2
    battery = Project.objects.get(code="EN-001")
    assert battery.planned_investment == Decimal("500000000")  # 50000 × 10k yuan
    assert battery.land_mu == Decimal("80")
    started = battery.milestones.get(kind="construction_started")
    assert (started.planned_date, started.actual_date) == (
        dt.date(2024, 3, 1),
        dt.date(2023, 11, 20),
    )
    assert Project.objects.get(code="EN-002").kind == "services"


def test_gbk_csv_with_excel_serials_and_dotted_months(tmp_path, zone_a, staff_a):
    rows = [
        ["项目名称", "所属园区", "总投资（万元）", "签约日期", "计划竣工时间"],
        ["年产10GWh电池项目", zone_a.name, "120,000", "45170", "2025.6"],
        ["合计", "", "120000", "", ""],
    ]
    path = write_csv(tmp_path / "gbk.csv", rows, encoding="gbk")

    result = import_projects(path, actor=staff_a)

    assert result.ok, result.errors
    project = Project.objects.get()
    assert project.planned_investment == Decimal("1200000000")
    assert project.milestones.get(kind="signed").actual_date == dt.date(2023, 9, 1)
    assert project.milestones.get(kind="completed").planned_date == dt.date(2025, 6, 1)


def test_utf8_csv_without_bom_and_default_zone(tmp_path, zone_a, staff_a):
    rows = [["Project name", "Planned investment (100M yuan)"], ["Wind farm", "1.2"]]
    path = write_csv(tmp_path / "plain.csv", rows, encoding="utf-8")

    result = import_projects(path, actor=staff_a, default_zone=zone_a)

    assert result.ok
    assert Project.objects.get(name="Wind farm").zone == zone_a


def test_dry_run_reports_and_writes_nothing(zh_ledger, staff_a):
    before = ChangeRecord.objects.count()

    result = import_projects(zh_ledger, actor=staff_a, dry_run=True)

    assert (result.created, result.committed) == (3, False)
    assert not Project.objects.exists()
    assert ChangeRecord.objects.count() == before


def test_english_headers_are_the_en_rows(tmp_path, zone_a):
    assert len(EN_HEADER) == len(en_rows(zone_a.slug)[0])


def test_bulk_snapshots_match_the_services_snapshots(zh_ledger, staff_a):
    """Hand-encoded history (for speed) says exactly what core.history.snapshot says."""
    from devzone.core.history import snapshot

    import_projects(zh_ledger, actor=staff_a)

    for model in (Project, Milestone, ProjectInvestor):
        for record in model.objects.all():
            after = history_of(record).get(action="create").after
            expected = snapshot(record)
            expected.pop("investors", None)
            assert after == expected, model


def test_snapshots_made_by_the_database_keep_cents_and_booleans(tmp_path, zone_a):
    """Decimals with cents, whole amounts and booleans read as core.history.snapshot has them."""
    from devzone.core.history import snapshot

    path = tmp_path / "cents.csv"
    path.write_text(
        "项目名称,所属园区,计划总投资（元）,固定资产投资（元）,用地面积（亩）\n"
        f"分毫项目,{zone_a.name},123456789.40,100000000,12.5\n",
        encoding="utf-8",
    )

    result = import_projects(path, actor=None)

    assert result.committed, result.errors
    project = Project.objects.get(name="分毫项目")
    after = history_of(project).get(action="create").after
    expected = snapshot(project)
    expected.pop("investors", None)
    assert after == expected
    assert after["planned_investment"] == "123456789.40"
    assert after["fixed_asset_investment"] == "100000000"
    assert after["land_mu"] == "12.50" and after["is_generated"] is False


def test_a_sheet_starting_below_and_right_of_a1_keeps_its_row_numbers(tmp_path, zone_a, staff_a):
    """Offices leave a margin: a blank first column and row. Rows keep the sheet's numbers."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    cells = [
        ["项目名称", "所属园区", "计划总投资（亿元）"],
        ["甲项目", zone_a.name, "#REF!"],  # an error cell, found by scanning the sheet's XML
        ["乙项目", zone_a.name, "待定"],
        ["丙项目", zone_a.name, 2],
    ]
    for row, values in enumerate(cells, start=2):
        for column, value in enumerate(values, start=2):
            sheet.cell(row=row, column=column, value=value)
    path = tmp_path / "margin.xlsx"
    workbook.save(path)

    result = import_projects(path, actor=staff_a, dry_run=True)

    header = "计划总投资（亿元）"
    assert [(e.row, e.column, e.value) for e in result.errors] == [
        (3, header, "#REF!"),
        (4, header, "待定"),
    ]
    assert result.rows == 3


def test_a_money_column_without_a_unit_is_read_as_yuan_with_a_warning(tmp_path, zone_a, staff_a):
    rows = [["项目名称", "所属园区", "计划总投资"], ["甲项目", zone_a.name, 5000]]
    path = write_csv(tmp_path / "bare.csv", rows)

    result = import_projects(path, actor=staff_a, dry_run=True)

    [warning] = result.warnings
    assert (warning.row, warning.column) == (None, "计划总投资")
    assert "万元" in warning.message and result.created == 1

    rows[0][2] = "计划总投资（万元）"
    with_unit = import_projects(write_csv(tmp_path / "unit.csv", rows), actor=staff_a)
    assert with_unit.warnings == []
    assert Project.objects.get().planned_investment == Decimal(5000 * 10**4)
