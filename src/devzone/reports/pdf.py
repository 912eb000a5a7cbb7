"""The briefing as a PDF (reportlab) with an embedded CJK font and reportlab charts."""

from __future__ import annotations

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from devzone.reports.briefing import Briefing
from devzone.reports.charts import Bar
from devzone.reports.fonts import register_cjk_font
from devzone.reports.layout import Section, month_bars, sections, stage_bars
from devzone.reports.numbers import format_value

WIDTH = A4[0] - 30 * mm


def render_pdf(briefing: Briefing) -> bytes:
    font = register_cjk_font()
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, spaceAfter=6)
    heading = ParagraphStyle("heading", fontName=font, fontSize=12, leading=16, spaceBefore=8)
    body = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
    story: list = [
        Paragraph(escape(briefing.title), title),
        Paragraph(f"{briefing.start.isoformat()} – {briefing.end.isoformat()}", body),
    ]
    for section in sections(briefing):
        story += [Paragraph(escape(section.title), heading), _table(section, body, font)]
    story += [
        Paragraph(escape(_("Investment by month")), heading),
        _chart(month_bars(briefing), font, money=True),
        Paragraph(escape(_("Pipeline by stage")), heading),
        _chart(stage_bars(briefing), font),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, title=briefing.title
    )
    document.build(story)
    return buffer.getvalue()


def _table(section: Section, body: ParagraphStyle, font: str) -> Table | Paragraph:
    if not section.rows:
        return Paragraph(escape(section.empty or "—"), body)
    data = [[Paragraph(escape(column), body) for column in section.columns]]
    data += [[Paragraph(escape(cell.text), body) for cell in row] for row in section.rows]
    table = Table(data, colWidths=[WIDTH / len(section.columns)] * len(section.columns))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c8c8c8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _chart(bars: list[Bar], font: str, *, money: bool = False) -> Drawing:
    drawing = Drawing(WIDTH, 150)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 30, WIDTH - 40, 100
    chart.data = [[float(bar.value) for bar in bars] or [0]]
    chart.categoryAxis.categoryNames = [bar.label for bar in bars] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    if money:  # 10亿元 on the axis, not 1000000000
        chart.valueAxis.labelTextFormat = lambda value: format_value(Decimal(str(value)), "money")
    chart.bars[0].fillColor = colors.HexColor("#2f6fab")
    drawing.add(chart)
    if bars:
        peak = max(bars, key=lambda bar: bar.value)
        line = _("highest: %(label)s, %(value)s") % {"label": peak.label, "value": peak.caption}
        drawing.add(String(30, 138, line, fontName=font, fontSize=7))
    return drawing
