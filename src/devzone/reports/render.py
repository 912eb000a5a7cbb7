"""One entry point for every format of the briefing."""

from __future__ import annotations

from devzone.reports.briefing import Briefing

FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "html": ("text/html; charset=utf-8", "html"),
}


def render_briefing(briefing: Briefing, kind: str) -> bytes:
    """The briefing as ``kind``: pdf, xlsx or html (a standalone document)."""
    if kind == "pdf":
        from devzone.reports.pdf import render_pdf

        return render_pdf(briefing)
    if kind == "xlsx":
        from devzone.reports.xlsx import render_xlsx

        return render_xlsx(briefing)
    if kind == "html":
        from devzone.reports.html import render_html

        return render_html(briefing).encode()
    raise ValueError(f"unknown briefing format {kind!r}")
