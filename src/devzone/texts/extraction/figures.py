"""Finding the figures in a sentence and reading each through the units module.

One precompiled regex finds candidate spans (qualifier, currency, number, scale, unit, suffix);
`devzone.core.units.parse_amount` turns the number part into an exact `Quantity`. Units the
units module does not know (斤, 吨, 公里, 千瓦…) are read here as a factor on the parsed number,
never by re-parsing digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from devzone.core.units import KIND_RATE, UNIT_PERCENT, Quantity, UnitError, parse_amount
from devzone.core.units.vocabulary import MEASURE_WORDS, QUALIFIER_PREFIXES, UNITS, alternation

from .periods import WORD_NUMBERS

# Length-preserving: full-width digits and signs become ASCII, so offsets stay valid.
_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
FULL_WIDTH = str.maketrans({**_WIDE, 0x3000: 0x20, 0xA0: 0x20, 0x200B: 0x20})

EXTRA_UNITS = {
    "万亿斤": ("jin", Decimal(10) ** 12),
    "斤": ("jin", Decimal(1)),
    "公斤": ("kg", Decimal(1)),
    "千克": ("kg", Decimal(1)),
    "吨": ("t", Decimal(1)),
    "千瓦": ("kW", Decimal(1)),
    "公里": ("km", Decimal(1)),
    "千米": ("km", Decimal(1)),
}
EXTRA_QUALIFIERS = {
    "surpassing": "more_than",
    "surpassed": "more_than",
    "exceeded": "more_than",
    "exceeds": "more_than",
    "exceed": "more_than",
    "just over": "more_than",
    "over": "more_than",
    "突破": "more_than",
    "超过": "more_than",
    "接近": "nearly",
    "approximately": "about",
}
QUALIFIERS = {**{k.lower(): v for k, v in QUALIFIER_PREFIXES.items()}, **EXTRA_QUALIFIERS}
_MEASURES = [w for w in MEASURE_WORDS if not w.isascii()] + ["门", "册", "万人次"]
_UNIT_WORDS = [w for w in UNITS if w not in ("pp", "m2", "ha", "b")] + list(EXTRA_UNITS)
_WORD_NUMBER = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_CN_NUMERAL = "零〇一二两三四五六七八九十百千"
_ARABIC = (
    r"(?<![A-Za-z\d.])(?<!\d,)(?<!\d:)(?<!第)"  # 第5: an ordinal (a rank), not a figure
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:[多余])?(?:[十百千]?[万亿]+)?"
)
_CHINESE = rf"百分之[{_CN_NUMERAL}点點]+|(?<![上数几成多第{_CN_NUMERAL}])[{_CN_NUMERAL}]+[万亿]+"
# Spelled-out English numbers only before a scale or a closed list of counted things:
# "one billion RMB", "two projects", "five CRE trains" — not "four aspects", "the two parties".
_COUNTED = (
    r"(?:[a-z-]+\s+|[A-Z]{2,5}\s+|\([^)]{0,40}\)\s+){0,2}"
    r"(?:projects|companies|enterprises|trains)\b"
)
_ENGLISH = rf"(?<![A-Za-z])(?<!the )(?:{_WORD_NUMBER})(?=\s+(?:billion|million)\b|\s+{_COUNTED})"

_STARTS = rf"(?=[0-9超逾多高将接近约大不少低至突¥百{_CN_NUMERAL}]|\b[A-Za-z])"
HAS_NUMBER_RE = re.compile(
    rf"[0-9]|百分之|[{_CN_NUMERAL}][万亿]|\b(?:{_WORD_NUMBER})\b", re.IGNORECASE
)
FIGURE_RE = re.compile(
    _STARTS + rf"(?:(?P<qual>{alternation(QUALIFIERS)})\s*)?"
    r"(?P<cur>RMB|US\$|HK\$|¥)?\s*"
    rf"(?P<num>{_ARABIC}|{_CHINESE}|{_ENGLISH})"
    r"(?P<scale>\s*(?:trillion|billion|bn|million|mn)(?![A-Za-z]))?"
    rf"(?:\s*(?P<unit>{alternation(_UNIT_WORDS)}))?"
    rf"(?P<measure>(?:{alternation(_MEASURES)})(?!口))?"
    r"(?P<suffix>\s*(?:以上|左右|or more(?![A-Za-z])))?",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_MONTH_RANGE_RE = re.compile(r"\s*[-—–~至到]\s*\d{1,2}\s*月")
_DATE_AFTER_RE = re.compile(r"\s*(?:年|月|日|号|世纪|周年|届|次|倍|st\b|nd\b|rd\b|th\b)")


@dataclass
class Figure:
    """A number found in a sentence, before it is given a metric."""

    start: int
    end: int
    quantity: Quantity
    unit: str | None  # the base unit code: CNY, USD, m2, mu, percent, pp, jin, t, kW…
    kind: str
    qualifier: str | None
    qualifier_start: int
    has_unit: bool


def find_figures(sentence: str, base: int) -> list[Figure]:
    """Figures in ``sentence`` (already full-width-normalised); offsets are ``base`` + index."""
    figures: list[Figure] = []
    if not HAS_NUMBER_RE.search(sentence):
        return figures
    for match in FIGURE_RE.finditer(sentence):
        figure = _read(match, sentence, base)
        if figure is not None:
            figures.append(figure)
    return figures


def _read(match: re.Match[str], sentence: str, base: int) -> Figure | None:
    num = match.group("num")
    unit_word = match.group("unit")
    has_unit = bool(unit_word or match.group("cur") or match.group("scale") or num[-1] in "万亿")
    if (
        not has_unit
        and _TIMES_GROWTH_RE.search(sentence, 0, match.start())
        and (sentence[match.end() : match.end() + 1] == "倍")
    ):
        return _times(match, base)
    if not has_unit and _is_date_or_name(match, sentence):
        return None
    number = num.lower()
    if number in WORD_NUMBERS:
        number = str(WORD_NUMBERS[number])
    extra = EXTRA_UNITS.get(unit_word or "")
    if unit_word == "万亿斤":
        number, extra = number + "万亿", EXTRA_UNITS["斤"]
    body = (match.group("cur") or "") + number + (match.group("scale") or "")
    if unit_word and not extra:
        body += " " + unit_word
    body += (match.group("suffix") or "").strip()
    try:
        quantity = parse_amount(body.replace("百分之", "百分之"))
    except UnitError:
        return None
    unit, value = quantity.unit, quantity.value
    kind = quantity.kind
    if extra:
        unit, value, kind = extra[0], value * extra[1], "measure"
        quantity = Quantity(value, None, "number", quantity.qualifier)
    qualifier = quantity.qualifier
    qual_start = match.start()
    if match.group("qual"):
        qualifier = QUALIFIERS.get(match.group("qual").lower(), qualifier)
        qual_start = match.start("qual")
    else:
        qual_start = match.start("cur") if match.group("cur") else match.start("num")
    start = qual_start
    return Figure(
        start=base + start,
        end=base + match.end(),
        quantity=quantity,
        unit=unit,
        kind=kind,
        qualifier=qualifier,
        qualifier_start=base + qual_start,
        has_unit=has_unit or bool(match.group("measure")),
    )


# "增长1.5倍" / "增长了1.5倍": grew by one and a half times, i.e. +150% (not "是…的1.5倍").
_TIMES_GROWTH_RE = re.compile(r"(?:增长|增加|提高|上升|扩大)了?$")


def _times(match: re.Match[str], base: int) -> Figure | None:
    try:
        times = parse_amount(match.group("num")).value
    except UnitError:
        return None
    quantity = Quantity(times * 100, UNIT_PERCENT, KIND_RATE, None)
    start = match.start("num")
    return Figure(
        start=base + start,
        end=base + match.end() + 1,  # with its 倍
        quantity=quantity,
        unit=UNIT_PERCENT,
        kind=KIND_RATE,
        qualifier=None,
        qualifier_start=base + start,
        has_unit=True,
    )


def _is_date_or_name(match: re.Match[str], sentence: str) -> bool:
    num = match.group("num")
    after = sentence[match.end() : match.end() + 4]
    if _YEAR_RE.fullmatch(num):
        return True
    if _DATE_AFTER_RE.match(after) or re.match(r"[A-Za-z\d]|:\d", after):
        return True
    if _MONTH_RANGE_RE.match(sentence, match.end()):
        return True  # the 1 of 1-8月
    before = sentence[max(0, match.start("num") - 12) : match.start("num")]
    return bool(
        re.search(
            r"(?:January|February|March|April|May|June|July|August|September|"
            r"October|November|December)\s*$",
            before,
        )
    )
