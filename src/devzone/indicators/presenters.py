"""Writing observations for people (in the page's language) and drawing a series as SVG.

The chart is drawn on the server: no JavaScript, no chart library, no CDN, and under the
strict CSP colours are SVG presentation attributes, not inline styles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from devzone.core.units import CURRENCIES, format_money, format_points, format_rate
from devzone.core.units.quantity import plain_decimal
from devzone.indicators.choices import UNIT_PERCENT, UNIT_PERMILLE, UNIT_PERSON
from devzone.reports.numbers import language

QUALIFIER_WORDS = {
    "zh-hans": {"more_than": "超过", "nearly": "近", "about": "约", "less_than": "不到",
                "at_least": "至少"},
    "en": {"more_than": "more than ", "nearly": "nearly ", "about": "about ",
           "less_than": "less than ", "at_least": "at least "},
}  # fmt: skip
_UNIT_WORDS = {
    "zh-hans": {"m2": "平方米", "mu": "亩", UNIT_PERSON: "人", "hour": "小时"},
    "en": {"m2": " m²", "mu": " mu", UNIT_PERSON: " people", "hour": " hours"},
}


def _rounded(value: Decimal, places: int = 2) -> Decimal:
    if value.as_tuple().exponent < -places:  # type: ignore[operator]
        return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return value


def format_figure(value: Decimal | None, unit: str, qualifier: str = "") -> str:
    """ "超过16.09亿元" / "more than 1.609 billion yuan", "68.7%", "20000人"."""
    if value is None:
        return "—"
    lang = language()
    prefix = QUALIFIER_WORDS[lang].get(qualifier, "")
    if unit in CURRENCIES:
        return prefix + format_money(value, unit, language=lang, places=4)
    if unit == UNIT_PERCENT:
        return f"{prefix}{plain_decimal(_rounded(value))}%"
    if unit == UNIT_PERMILLE:
        return f"{prefix}{plain_decimal(_rounded(value))}‰"
    digits = plain_decimal(_rounded(value))
    if lang == "en" and "." not in digits:
        digits = f"{int(digits):,}"
    return f"{prefix}{digits}{_UNIT_WORDS[lang].get(unit, '')}"


def format_growth(rate: Decimal | None) -> str:
    return "—" if rate is None else format_rate(_rounded(rate, 1), language=language())


def format_gap(points: Decimal | None) -> str:
    if points is None:
        return "—"
    sign = "+" if points > 0 else ""
    return sign + format_points(points, language())


# --- chart ----------------------------------------------------------------------------------

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 260, 70, 20, 20, 40
BAR, LINE = "#4f7cac", "#c0392b"


def _scale(values: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    low, high = min([*values, Decimal(0)]), max([*values, Decimal(0)])
    return (low, high) if high != low else (low, low + 1)


def series_svg(
    points: Sequence[tuple[str, Decimal | None]],
    *,
    title: str,
    label: Callable[[Decimal], str] | None = None,
) -> SafeString:
    """Bars of ``(label, value)`` in time order, with every few labels on the axis; ``label``
    writes a value (689亿元, +6.9%) on the axis and in the tooltips."""
    write = label or (lambda value: plain_decimal(_rounded(value)))
    shown = [(label, value) for label, value in points if value is not None][-60:]
    if not shown:
        return mark_safe("")
    values = [value for _label, value in shown]
    low, high = _scale(values)
    span = high - low
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = Decimal(plot_w) / len(shown)

    def y(value: Decimal) -> int:
        return int(TOP + plot_h - (value - low) / span * plot_h)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="series-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%"><title>{escape(title)}</title>',
        f'<line x1="{LEFT}" y1="{y(Decimal(0))}" x2="{WIDTH - RIGHT}" y2="{y(Decimal(0))}" '
        f'stroke="#8a96a3"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" font-size="11">'
        f"{escape(write(high))}</text>",
        f'<text x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end" font-size="11">'
        f"{escape(write(low))}</text>",
    ]
    every = max(1, len(shown) // 8)
    for index, (period, value) in enumerate(shown):
        x = LEFT + int(step * index)
        top, bottom = sorted((y(value), y(Decimal(0))))
        parts.append(
            f'<rect x="{x + 1}" y="{top}" width="{max(1, int(step) - 2)}" '
            f'height="{max(1, bottom - top)}" fill="{BAR if value >= 0 else LINE}">'
            f"<title>{escape(period)}: {escape(write(value))}</title></rect>"
        )
        if index % every == 0:
            parts.append(
                f'<text x="{x}" y="{HEIGHT - BOTTOM + 16}" font-size="10">{escape(period)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def no_data() -> str:
    return _("No figures yet.")
