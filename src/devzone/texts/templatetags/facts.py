"""How a figure read from a text is shown to the person reviewing it: the metric's name, the
amount in 亿元 or billion yuan with its qualifier, the change as "+6.9%" or "+1.9个百分点"."""

from __future__ import annotations

from typing import Any

from django import template

from devzone.core.units import format_points
from devzone.indicators.presenters import format_figure, format_growth
from devzone.reports.numbers import language
from devzone.texts.extraction.metrics import label

register = template.Library()


@register.filter
def metric_name(key: str) -> str:
    return label(key or "", language())


@register.filter
def figure(fact: Any) -> str:
    return format_figure(fact.value, fact.unit or "", fact.qualifier or "")


@register.filter
def change(fact: Any) -> str:
    value = fact.signed_change
    if value is None:
        return "—"
    if fact.change_kind == "points":
        sign = "+" if value > 0 else ""
        return sign + format_points(value, language())
    if fact.change_kind == "rate":
        return format_growth(value)
    return str(value)
