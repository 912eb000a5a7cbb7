"""The words figures are written with, in Chinese and in the English of official translations.

Every table maps surface words to meaning; the regular expressions built from them try the
longest word first ("将近" before "近", "个百分点" before "个"), and English words must end at a
word boundary so that "5 bananas" is not read as 5 billion anas.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .quantity import (
    DIRECTION_DOWN,
    DIRECTION_UP,
    KIND_AREA,
    KIND_MONEY,
    KIND_POINTS,
    KIND_RATE,
    QUALIFIER_ABOUT,
    QUALIFIER_AT_LEAST,
    QUALIFIER_LESS_THAN,
    QUALIFIER_MORE_THAN,
    QUALIFIER_NEARLY,
    SCALE_BILLION,
    SCALE_MILLION,
    SCALE_THOUSAND,
    SCALE_TRILLION,
    SQUARE_METRES_PER_HECTARE,
    SQUARE_METRES_PER_SQUARE_KILOMETRE,
    UNIT_MU,
    UNIT_PERCENT,
    UNIT_POINTS,
    UNIT_SQUARE_METRE,
)


@dataclass(frozen=True)
class UnitSpec:
    """What a unit word means: the kind, the canonical unit, and the factor to reach it."""

    kind: str
    unit: str
    factor: Decimal = Decimal(1)


_MONEY_WORDS = {
    "CNY": ("元人民币", "元", "人民币", "yuan", "RMB", "CNY", "renminbi"),
    "USD": (
        "美元",
        "美金",
        "US dollars",
        "US dollar",
        "U.S. dollars",
        "U.S. dollar",
        "USD",
        "dollars",
    ),
    "EUR": ("欧元", "euros", "euro", "EUR"),
    "HKD": ("港元", "港币", "Hong Kong dollars", "Hong Kong dollar", "HK dollars", "HKD"),
    "GBP": ("英镑", "pounds sterling", "pound sterling", "GBP"),
    "JPY": ("日元", "yen", "JPY"),
}
# "acres" is how official English translations render 亩 ("万亩千亿" = "10,000 acres and 100
# billion"); the land is still measured in mu, so it stays mu.
_AREA_WORDS = {
    (UNIT_MU, Decimal(1)): ("亩", "mu", "acres", "acre"),
    (UNIT_SQUARE_METRE, Decimal(1)): (
        *("平方米", "平米", "square meters", "square metres", "square meter", "square metre"),
        *("sq m", "sqm", "m2"),
    ),
    (UNIT_SQUARE_METRE, SQUARE_METRES_PER_HECTARE): ("公顷", "hectares", "hectare", "ha"),
    (UNIT_SQUARE_METRE, SQUARE_METRES_PER_SQUARE_KILOMETRE): (
        *("平方公里", "平方千米", "square kilometers", "square kilometres"),
        *("square kilometer", "square kilometre", "sq km", "km2"),
    ),
}
# Percentage points need the word "percentage" (or 百分点): "1.3 points" could be index points.
_RATE_WORDS = ("%", "percent", "per cent")
_POINTS_WORDS = ("个百分点", "百分点", "percentage points", "percentage point", "pp")


def _unit_table() -> dict[str, UnitSpec]:
    table: dict[str, UnitSpec] = {}
    for currency, words in _MONEY_WORDS.items():
        table.update({w.lower(): UnitSpec(KIND_MONEY, currency) for w in words})
    for (unit, factor), words in _AREA_WORDS.items():
        table.update({w.lower(): UnitSpec(KIND_AREA, unit, factor) for w in words})
    table.update({w: UnitSpec(KIND_RATE, UNIT_PERCENT) for w in _RATE_WORDS})
    table.update({w: UnitSpec(KIND_POINTS, UNIT_POINTS) for w in _POINTS_WORDS})
    return table


UNITS = _unit_table()

CURRENCY_PREFIXES = {
    "¥": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "人民币": "CNY",
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "hk$": "HKD",
    "hkd": "HKD",
    "港币": "HKD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "jpy": "JPY",
}

QUALIFIER_PREFIXES = {
    **dict.fromkeys(
        ("超过", "逾", "超", "多于", "高于", "more than", "over", "exceeding", "above"),
        QUALIFIER_MORE_THAN,
    ),
    **dict.fromkeys(("in excess of",), QUALIFIER_MORE_THAN),
    **dict.fromkeys(("将近", "接近", "近", "nearly", "almost", "close to"), QUALIFIER_NEARLY),
    **dict.fromkeys(
        ("约合", "大约", "约", "about", "around", "approximately", "roughly", "some"),
        QUALIFIER_ABOUT,
    ),
    **dict.fromkeys(
        ("不到", "不足", "少于", "低于", "less than", "fewer than", "under", "below"),
        QUALIFIER_LESS_THAN,
    ),
    **dict.fromkeys(
        ("至少", "不低于", "不少于", "at least", "no less than", "not less than"),
        QUALIFIER_AT_LEAST,
    ),
}
QUALIFIER_SUFFIXES = {
    "以上": QUALIFIER_MORE_THAN,
    "左右": QUALIFIER_ABOUT,
    "or more": QUALIFIER_AT_LEAST,
}

_UP_WORDS = ("增长", "提高", "上升", "增加", "上涨", "增")
_DOWN_WORDS = ("下降", "减少", "回落", "下滑", "降低", "下跌", "降", "减")
CHINESE_DIRECTIONS = {
    **dict.fromkeys(_UP_WORDS, DIRECTION_UP),
    **dict.fromkeys(_DOWN_WORDS, DIRECTION_DOWN),
}
ENGLISH_DIRECTIONS = {
    **dict.fromkeys(
        ("increase", "growth", "rise", "increased", "rose", "grew", "up"), DIRECTION_UP
    ),
    **dict.fromkeys(
        ("decrease", "decline", "fall", "drop", "decreased", "declined", "fell", "dropped", "down"),
        DIRECTION_DOWN,
    ),
}
# Only year-on-year comparisons: month-on-month (环比) is a different figure that a Quantity
# cannot tell apart, so it is left unread rather than silently mislabelled.
CHINESE_BASES = (
    "同比",
    *(p + y + s for p in "比较" for y in ("上年", "去年") for s in ("同期", "")),
)
ENGLISH_BASES = ("year-on-year", "year on year", "y-o-y", "yoy", "y/y")
ENGLISH_BASIS_SUFFIXES = (*ENGLISH_BASES, "over the previous year", "from a year earlier")

ENGLISH_SCALES = {
    "trillion": SCALE_TRILLION,
    "billion": SCALE_BILLION,
    "bn": SCALE_BILLION,
    "b": SCALE_BILLION,
    "million": SCALE_MILLION,
    "mn": SCALE_MILLION,
    "m": SCALE_MILLION,
    "thousand": SCALE_THOUSAND,
    "k": SCALE_THOUSAND,
    "hundred": Decimal(100),
}

# Measure words and English count nouns say what is counted; they are not units ("近500人" is
# the number 500). The English list is closed so that "5 zorkmids" stays an unknown unit.
MEASURE_WORDS = (
    *("人次", "个", "家", "项", "人", "辆", "台", "套", "户", "名", "件", "座", "所", "位", "次"),
    *("projects", "project", "enterprises", "enterprise", "companies", "company", "firms"),
    *("people", "persons", "households", "vehicles", "jobs"),
)
PERCENT_PREFIX = "百分之"


def alternation(words: Iterable[str]) -> str:
    """A regex alternation, longest word first, English words ending at a word boundary."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) + (r"(?![A-Za-z])" if w[-1].isalpha() else "") for w in ordered)


def compile_words(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(words)})", re.IGNORECASE)


UNIT_RE = compile_words(UNITS)
CURRENCY_PREFIX_RE = compile_words(CURRENCY_PREFIXES)
QUALIFIER_PREFIX_RE = compile_words(QUALIFIER_PREFIXES)
QUALIFIER_SUFFIX_RE = compile_words(QUALIFIER_SUFFIXES)
CHINESE_DIRECTION_RE = re.compile(f"(?:{alternation(CHINESE_DIRECTIONS)})了?")
CHINESE_BASIS_RE = compile_words(CHINESE_BASES)
ENGLISH_DIRECTION_RE = re.compile(
    rf"(?:an?\s+)?(?:(?:{alternation(ENGLISH_BASES)})\s+)?"
    rf"(?P<word>{alternation(ENGLISH_DIRECTIONS)})(?:\s+(?:of|by)(?![A-Za-z]))?",
    re.IGNORECASE,
)
ENGLISH_BASIS_SUFFIX_RE = compile_words(ENGLISH_BASIS_SUFFIXES)
# Single letters only directly after the number ("5m", "2bn" is spelled out below), so that
# "5 m" is never read as five million.
SPACED_SCALE_RE = re.compile(
    rf"\s*(?:{alternation(w for w in ENGLISH_SCALES if len(w) > 1)})", re.IGNORECASE
)
ATTACHED_SCALE_RE = re.compile(r"[bmk](?![A-Za-z])", re.IGNORECASE)
MEASURE_RE = compile_words(MEASURE_WORDS)
PERCENT_PREFIX_RE = re.compile(PERCENT_PREFIX)
SIGN_RE = re.compile(r"[+-]")
