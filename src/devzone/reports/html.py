"""The briefing as HTML: the page of the web application, or a standalone file."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from devzone.reports.briefing import Briefing
from devzone.reports.charts import bar_chart
from devzone.reports.layout import month_bars, sections, stage_bars


def briefing_context(briefing: Briefing) -> dict[str, Any]:
    return {
        "briefing": briefing,
        "sections": sections(briefing),
        "month_chart": bar_chart(month_bars(briefing), title=_("Investment by month")),
        "stage_chart": bar_chart(stage_bars(briefing), title=_("Pipeline by stage")),
    }


def render_html(briefing: Briefing) -> str:
    """A standalone HTML document (the command line's ``--format html``)."""
    return render_to_string("targets/briefing_document.html", briefing_context(briefing))
