"""Template filters that show ledger figures the way the reader's language writes them.

``{{ value|money }}`` → "19.545亿元" in Chinese, "1.9545 billion yuan" in English;
``{{ value|mu }}`` → land in mu. The formatting itself lives in :mod:`devzone.core.units`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.translation import get_language

from devzone.core import units
from devzone.projects.choices import Stage, Status

register = template.Library()

EMPTY = "—"


def current_language() -> str:
    """The units module's language code for the active Django language."""
    return "zh-hans" if (get_language() or "").lower().startswith("zh") else "en"


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def money(value: Any, currency: str = "CNY") -> str:
    return money_text(value, current_language(), currency)


def money_text(value: Any, language: str, currency: str = "CNY") -> str:
    """An amount as the ``money`` filter writes it, for views that format a page of rows at once."""
    amount = _decimal(value)
    if amount is None:
        return EMPTY
    return units.format_money(amount, currency or "CNY", language=language)


@register.filter
def localized(record: Any) -> str:
    """A target indicator's or chain link's name in the reader's language, where it has one."""
    from devzone.core.names import shown_name

    return shown_name(record) if record is not None else EMPTY


@register.filter
def qualifier(word: Any) -> str:
    """A target's qualifier as published (超过, 力争) in the reader's language."""
    from devzone.targets.choices import PUBLISHED_QUALIFIERS

    return str(PUBLISHED_QUALIFIERS.get(word, word or ""))


@register.filter
def mu(value: Any) -> str:
    area = _decimal(value)
    if area is None:
        return EMPTY
    return units.format_area(area, language=current_language())


@register.filter
def stage_label(value: str) -> str:
    """The label of a derived stage (annotations carry the bare value)."""
    return str(dict(Stage.choices).get(value, value or EMPTY))


@register.filter
def status_label(value: str) -> str:
    return str(dict(Status.choices).get(value, value or EMPTY))


@register.filter
def meter_width(value: Any) -> str:
    """A percentage clamped to 0–100 and written with a dot, for a CSS width."""
    number = _decimal(value)
    if number is None:
        return "0"
    return format(min(max(number, Decimal(0)), Decimal(100)).quantize(Decimal("0.1")), "f")


@register.filter
def pace_label(value: str) -> str:
    from devzone.targets.choices import Pace

    return str(dict(Pace.choices).get(value, value or EMPTY))


@register.filter
def period_text(label: str) -> str:
    """``{{ observation.period_label|period_text }}``: 2024H1 as 2024年上半年 or H1 2024."""
    from devzone.indicators.periods import readable_period

    return readable_period(label or "", get_language() or "zh-hans") if label else ""
