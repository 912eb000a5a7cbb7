"""The briefing as a workbook (openpyxl): one sheet per section, links kept as hyperlinks."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from devzone.reports.briefing import Briefing
from devzone.reports.layout import Section, sections

SHEET_NAME_LENGTH = 31  # Excel's limit
FORBIDDEN = str.maketrans({ch: " " for ch in "[]:*?/\\"})


def render_xlsx(briefing: Briefing, *, base_url: str = "") -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for section in sections(briefing):
        sheet = workbook.create_sheet(_sheet_name(section.title, used))
        _fill(sheet, section, base_url)
    _investment_sheet(workbook, briefing)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    name = title.translate(FORBIDDEN)[:SHEET_NAME_LENGTH]
    base, index = name, 2
    while name in used:
        suffix = f" {index}"
        name, index = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix, index + 1
    used.add(name)
    return name


def _fill(sheet, section: Section, base_url: str) -> None:  # type: ignore[no-untyped-def]
    sheet.append(section.columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in section.rows:
        sheet.append([cell.text for cell in row])
        for column, cell in enumerate(row, start=1):
            if cell.url and not cell.url.startswith("#"):
                target = sheet.cell(row=sheet.max_row, column=column)
                target.hyperlink = base_url + cell.url
                target.style = "Hyperlink"
    for index, _column in enumerate(section.columns, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 22


def _investment_sheet(workbook: Workbook, briefing: Briefing) -> None:
    """Raw numbers (yuan) of investment by month with a bar chart, for further work."""
    sheet = workbook.create_sheet(_("Data")[:SHEET_NAME_LENGTH])
    sheet.append([_("Month"), _("Investment (yuan)")])
    for row in briefing.investment_by_month:
        sheet.append([f"{row.month:%Y-%m}", float(row.amount)])
    chart = BarChart()
    chart.title = _("Investment by month")
    count = len(briefing.investment_by_month)
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=count + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=count + 1))
    sheet.add_chart(chart, "D2")
