"""Server-rendered SVG bar charts for the HTML briefing: no JavaScript, no CDN.

Only presentation attributes are used (no ``style``), so the pages keep their strict
Content-Security-Policy. Each bar is a link to the records behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe

BAR_COLOUR = "#2f6fab"
TEXT_COLOUR = "#333333"


@dataclass
class Bar:
    label: str
    value: Decimal
    url: str
    caption: str  # the value as written under the bar's tooltip


def bar_chart(bars: list[Bar], *, title: str, width: int = 720, height: int = 240) -> SafeString:
    """A vertical bar chart; the tallest bar fills the plot."""
    top, bottom, left = 24, 40, 8
    plot = height - top - bottom
    peak = max((bar.value for bar in bars), default=Decimal(0)) or Decimal(1)
    step = (width - left) / max(len(bars), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
    ]
    for index, bar in enumerate(bars):
        bar_height = float(bar.value / peak) * plot
        x = left + index * step + step * 0.15
        y = top + plot - bar_height
        parts.append(
            f"<a href={quoteattr(bar.url)}><rect x='{x:.1f}' y='{y:.1f}' "
            f"width='{step * 0.7:.1f}' height='{bar_height:.1f}' fill='{BAR_COLOUR}'>"
            f"<title>{escape(bar.label)}: {escape(bar.caption)}</title></rect></a>"
        )
        centre = x + step * 0.35
        parts.append(
            f"<text x='{centre:.1f}' y='{height - bottom + 16}' font-size='11' "
            f"text-anchor='middle' fill='{TEXT_COLOUR}'>{escape(bar.label)}</text>"
        )
        parts.append(
            f"<text x='{centre:.1f}' y='{max(y - 4, 12):.1f}' font-size='10' "
            f"text-anchor='middle' fill='{TEXT_COLOUR}'>{escape(bar.caption)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
