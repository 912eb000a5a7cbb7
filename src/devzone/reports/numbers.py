"""How the briefing and the targets pages write a value of a given unit kind."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

from devzone.core.units import format_area, format_money, format_points

DAYS_WORD = {"zh-hans": "天", "en": " days"}


def language() -> str:
    return "en" if (get_language() or "zh-hans").startswith("en") else "zh-hans"


def format_value(value: Decimal | int | None, unit_kind: str = "count") -> str:
    if value is None:
        return "—"
    value = Decimal(value)
    lang = language()
    if unit_kind == "money":
        return format_money(value, language=lang, places=2)
    if unit_kind == "area":
        return format_area(_round(value, "1"), language=lang)
    if unit_kind == "rate":
        return f"{_round(value, '0.1')}%"
    if unit_kind == "days":
        return f"{_round(value, '0.1')}{DAYS_WORD[lang]}"
    return f"{_round(value, '1'):,}" if lang == "en" else str(_round(value, "1"))


def format_margin(points: Decimal | None) -> str:
    if points is None:
        return "—"
    rounded = _round(points, "0.1")
    sign = "+" if rounded > 0 else ""
    return sign + format_points(rounded, language())


def _round(value: Decimal, step: str) -> Decimal:
    return value.quantize(Decimal(step), ROUND_HALF_UP)
