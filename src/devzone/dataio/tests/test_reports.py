"""Monthly figures: matched to projects by code or name, corrected by re-submission."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from devzone.core.history import history_of
from devzone.dataio.reports import import_reports
from devzone.dataio.tests.ledgers import write_xlsx
from devzone.projects.models import InvestmentReport

HEADER = ["项目名称", "所属园区", "月份", "本月完成投资（万元）", "形象进度", "进度%"]


def test_reports_by_name_with_chinese_months(tmp_path, project_a, zone_a, staff_a):
    rows = [
        ["2024年1-2月重点项目投资完成情况"],
        HEADER,
        [project_a.name, zone_a.name, "2024年1月", 1200, "主体结构施工", 0.35],
        [project_a.name, zone_a.name, dt.date(2024, 2, 1), "800", "设备安装", "40%"],
    ]

    result = import_reports(write_xlsx(tmp_path / "r.xlsx", rows), actor=staff_a)

    assert result.committed and result.created == 2, result.errors
    january = InvestmentReport.objects.get(month=dt.date(2024, 1, 1))
    assert january.amount == Decimal("12000000")
    assert january.progress_percent == Decimal("35")
    assert january.submitted_by == staff_a
    assert history_of(january).get().action == "create"


def test_resubmitting_a_month_corrects_it(tmp_path, project_a, zone_a, staff_a):
    first = [HEADER, [project_a.name, zone_a.name, "2024-01", 1200, "", ""]]
    import_reports(write_xlsx(tmp_path / "a.xlsx", first), actor=staff_a)
    second = [HEADER, [project_a.name, zone_a.name, "2024-01", 1500, "", ""]]

    result = import_reports(write_xlsx(tmp_path / "b.xlsx", second), actor=staff_a)

    assert (result.created, result.updated) == (0, 1)
    assert InvestmentReport.objects.get().amount == Decimal("15000000")


def test_unknown_project_future_month_and_other_zone_are_rejected(
    tmp_path, project_a, project_b, zone_a, zone_b, staff_a
):
    future = (dt.date.today().replace(day=1) + dt.timedelta(days=62)).isoformat()
    rows = [
        HEADER,
        ["不存在的项目", zone_a.name, "2024-01", 1, "", ""],
        [project_a.name, zone_a.name, future, 1, "", ""],
        [project_b.name, zone_b.name, "2024-01", 1, "", ""],
    ]

    result = import_reports(write_xlsx(tmp_path / "r.xlsx", rows), actor=staff_a)

    assert [e.row for e in result.errors] == [2, 3, 4]
    assert not result.committed and not InvestmentReport.objects.exists()


def test_an_amount_in_another_currency_is_refused(tmp_path, project_a, zone_a, staff_a):
    from django.utils import translation

    rows = [HEADER, [project_a.name, zone_a.name, "2024-01", "1000万美元", "", ""]]

    with translation.override("en"):
        result = import_reports(write_xlsx(tmp_path / "r.xlsx", rows), actor=staff_a)

    [error] = result.errors
    assert (error.row, "another currency" in error.message) == (2, True)
    assert not InvestmentReport.objects.exists()


def test_a_name_without_code_or_zone_asks_for_the_zone(tmp_path, project_a, staff_a):
    from django.utils import translation

    rows = [["项目名称", "月份", "本月完成投资（万元）"], [project_a.name, "2024-01", 1200]]

    with translation.override("en"):
        result = import_reports(write_xlsx(tmp_path / "r.xlsx", rows), actor=staff_a)

    [error] = result.errors
    assert "no zone" in error.message and "--zone" in error.message


def test_an_amount_column_without_a_unit_warns_that_it_is_read_as_yuan(
    tmp_path, project_a, zone_a, staff_a
):
    from django.utils import translation

    rows = [
        ["项目名称", "所属园区", "月份", "本月完成投资"],
        [project_a.name, zone_a.name, "2024-01", 300],
    ]

    with translation.override("en"):
        result = import_reports(write_xlsx(tmp_path / "r.xlsx", rows), actor=staff_a, dry_run=True)

    assert any("read as yuan" in str(warning) for warning in result.warnings)
