"""The briefing as a workbook (openpyxl): one sheet per section, links kept as hyperlinks."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from devzone.reports.briefing import Briefing
from devzone.reports.layout import Cell, Section, sections
from devzone.reports.numbers import language

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
    english = language() == "en"
    for row in section.rows:
        sheet.append([_number(cell) if cell.value is not None else cell.text for cell in row])
        for column, cell in enumerate(row, start=1):
            target = sheet.cell(row=sheet.max_row, column=column)
            if cell.url and not cell.url.startswith("#"):
                target.hyperlink = base_url + cell.url
                target.style = "Hyperlink"
            if cell.value is not None:
                target.number_format = _FORMATS[english].get(cell.kind, "General")
    for index, _column in enumerate(section.columns, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 22


# Numbers stay numbers (they can be summed and sorted) and read as the pages write them: money
# in 亿元 (billions of yuan in English), percentages as percentages, points with their sign.
_HUNDRED_MILLION, _BILLION = Decimal(10) ** 8, Decimal(10) ** 9
_FORMATS = {
    False: {
        "money": '#,##0.00"亿元"', "percent": "0.0%", "rate": "0.0%",
        "points": '+0.0"个百分点";-0.0"个百分点";0"个百分点"', "area": '#,##0"亩"',
        "days": '0.0"天"', "count": "#,##0.##",
    },
    True: {
        "money": '#,##0.00" billion yuan"', "percent": "0.0%", "rate": "0.0%",
        "points": '+0.0" points";-0.0" points";0" points"', "area": '#,##0" mu"',
        "days": '0.0" days"', "count": "#,##0.##",
    },
}  # fmt: skip


def _number(cell: Cell) -> Decimal:
    """The value in the unit its cell format shows: 亿元 or billions, fractions for %."""
    value = cell.value
    assert value is not None
    if cell.kind == "money":
        return value / (_BILLION if language() == "en" else _HUNDRED_MILLION)
    if cell.kind in ("percent", "rate"):
        return value / 100
    return value


def _investment_sheet(workbook: Workbook, briefing: Briefing) -> None:
    """Raw numbers (yuan) of investment by month with a bar chart, for further work."""
    sheet = workbook.create_sheet(_("Data")[:SHEET_NAME_LENGTH])
    sheet.append([_("Month"), _("Investment (yuan)")])
    for row in briefing.investment_by_month:
        sheet.append([f"{row.month:%Y-%m}", row.amount])
    chart = BarChart()
    chart.title = _("Investment by month")
    count = len(briefing.investment_by_month)
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=count + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=count + 1))
    sheet.add_chart(chart, "D2")
