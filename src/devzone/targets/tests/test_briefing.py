"""The weekly briefing: its contents, its links, and the PDF / XLSX / HTML read back."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from devzone.projects import services as projects
from devzone.reports.briefing import build_briefing, parse_week
from devzone.reports.html import render_html
from devzone.reports.xlsx import render_xlsx
from devzone.targets.demo import load_demo_targets

from .conftest import YI

WEEK = "2023-W40"  # Monday 2 – Sunday 8 October 2023


@pytest.fixture
def week_ledger(zq_ledger, zq_zones):
    """What happened in week 40 of 2023 in the small Zhaoqing ledger."""
    hitech, dinghu = zq_zones["hitech"], zq_zones["dinghu"]
    new = projects.create_project(
        actor=None, zone=hitech, name="储能新项目", planned_investment=50 * YI,
        milestones={"signed": {"actual_date": dt.date(2023, 10, 5)}},
    )  # fmt: skip
    projects.set_milestone(
        zq_ledger["chemicals"], "approved", actor=None, actual_date=dt.date(2023, 10, 4)
    )
    projects.set_milestone(
        zq_ledger["parts"], "completed", actor=None, planned_date=dt.date(2023, 10, 6)
    )
    stalled = projects.create_project(
        actor=None, zone=dinghu, name="停工的项目", planned_investment=3 * YI,
        milestones={"construction_started": {"actual_date": dt.date(2022, 3, 1)}},
    )  # fmt: skip
    projects.submit_investment_report(stalled, dt.date(2022, 5, 1), YI, actor=None)
    early = projects.hold_meeting(hitech, actor=None, title="九月例会", held_on=dt.date(2023, 9, 1))
    this_week = projects.hold_meeting(
        hitech, actor=None, title="周例会", held_on=dt.date(2023, 10, 3)
    )
    battery = zq_ledger["battery"]
    projects.open_problem(battery, actor=None, title="用电指标不足", raised_at=this_week)
    projects.open_problem(
        battery, actor=None, title="施工许可延误", raised_at=early, due_date=dt.date(2023, 9, 15)
    )
    solved = projects.open_problem(battery, actor=None, title="道路未通", raised_at=early)
    projects.resolve_problem(
        solved, actor=None, resolution="已通车", resolved_on=dt.date(2023, 10, 6)
    )
    load_demo_targets()
    return {"new": new, "stalled": stalled}


def test_parse_week_gives_monday_to_sunday():
    assert parse_week(WEEK) == (dt.date(2023, 10, 2), dt.date(2023, 10, 8))


def test_briefing_contents(week_ledger, regions):
    briefing = build_briefing("441200", WEEK)
    assert [line.project for line in briefing.new_signed] == ["储能新项目"]
    assert briefing.new_signed[0].amount == 50 * YI
    assert briefing.new_signed[0].url == f"/projects/{week_ledger['new'].pk}/"
    met = [(line.project, line.note) for line in briefing.milestones_met]
    assert [project for project, _step in met] == ["精细化工新材料", "储能新项目"]
    assert [line.project for line in briefing.milestones_missed] == ["汽车零部件产业园"]
    assert [line.project for line in briefing.stalled] == ["停工的项目"]
    assert [line.note for line in briefing.problems_opened] == ["用电指标不足"]
    assert [line.note for line in briefing.problems_closed] == ["道路未通"]
    assert [line.note for line in briefing.problems_overdue] == ["施工许可延误"]
    behind = {result.target.indicator.code: result for result in briefing.targets_behind}
    # 316.6/550: the reports up to September; October's, on file, has not ended by the 8th
    assert behind["project_actual_investment"].progress_percent == Decimal("57.6")
    assert "new_manufacturing_planned_investment" not in behind  # 739 of 700: ahead
    race = briefing.races[0]
    assert race.period == dt.date(2023, 9, 1)
    assert race.rows[0].zone.name == "肇庆高新区(测)"
    months = {row.month: row.amount for row in briefing.investment_by_month}
    assert dt.date(2023, 10, 1) not in months  # October's 50亿 counts once October is over
    assert (min(months), max(months), len(months)) == (
        dt.date(2022, 10, 1),
        dt.date(2023, 9, 1),
        12,
    )
    stages = {row.stage: row for row in briefing.pipeline}
    assert stages["construction_started"].count == 4  # battery, parts, older, stalled
    assert stages["construction_started"].url == (
        "/projects/?region=441200&as_of=2023-10-08&stage=construction_started"
    )


def test_every_figure_in_the_html_links_to_its_records(week_ledger):
    html = render_html(build_briefing("441200", WEEK))
    assert f'href="/projects/{week_ledger["new"].pk}/"' in html
    assert (
        'href="/projects/?region=441200&amp;as_of=2023-10-08&amp;stage=construction_started"'
        in html
    )
    assert 'href="/projects/?region=441200&amp;as_of=2023-10-08&amp;status=stalled"' in html
    assert re.search(r'href="/targets/plans/\d+/\?as_of=2023-10-08#target-\d+"', html)
    assert "<svg" in html and "<script" not in html
    assert "储能新项目" in html


def _pdf_text(data: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "briefing.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode()


def test_pdf_has_legible_chinese_and_the_figures(week_ledger, tmp_path):
    from devzone.reports.pdf import render_pdf

    data = render_pdf(build_briefing("441200", WEEK))
    assert data.startswith(b"%PDF")
    text = _pdf_text(data, tmp_path)
    assert "肇庆市" in text
    assert "储能新项目" in text
    assert "用电指标不足" in text
    assert "57.6%" in text  # actual investment behind pace
    assert "50亿元" in text  # the new project's planned investment
    assert "00000000" not in text  # the chart's axis is written in 亿元, not in yuan digits
    assert b"/FontFile2" in data  # the TrueType font is embedded


def test_xlsx_has_a_sheet_per_section_with_links(week_ledger):
    workbook = load_workbook(io.BytesIO(render_xlsx(build_briefing("441200", WEEK))))
    cells = [
        (cell.value, cell.hyperlink.target if cell.hyperlink else None)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]
    assert ("储能新项目", f"/projects/{week_ledger['new'].pk}/") in cells
    assert len(workbook.worksheets) >= 10


def test_xlsx_figures_are_numbers_shown_in_their_units(week_ledger):
    from django.utils import translation

    with translation.override("zh-hans"):
        workbook = load_workbook(io.BytesIO(render_xlsx(build_briefing("441200", WEEK))))
    targets = next(sheet for sheet in workbook.worksheets if "序时" in sheet.title or "落后" in
                   sheet.title)  # fmt: skip
    row = [cell for cell in targets[2]]
    target, progress = row[2], row[4]
    assert (target.value, target.number_format) == (550, '#,##0.00"亿元"')  # 550亿元, a number
    assert (progress.value, progress.number_format) == (0.576, "0.0%")  # as Excel reads it


def test_a_zone_user_sees_only_its_zones_in_the_briefing(week_ledger, staff_dinghu):
    briefing = build_briefing("441200", WEEK, user=staff_dinghu)
    assert briefing.new_signed == []  # signed in the high-tech zone
    assert [line.project for line in briefing.stalled] == ["停工的项目"]
    assert briefing.targets_behind == []  # city targets are not a zone's to see
    assert [row.zone.name for row in briefing.races[0].rows]  # the race is published to all


def test_missing_cjk_font_fails_clearly(settings):
    from devzone.reports.fonts import CJKFontMissing, cjk_font_path

    settings.DEVZONE_CJK_FONT = "/nonexistent/font.ttc"
    with pytest.raises(CJKFontMissing, match="DEVZONE_CJK_FONT"):
        cjk_font_path()
