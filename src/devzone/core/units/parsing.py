"""Reading a figure from text: "超过500亿元", "同比增长44.6%", "8,800 acres", "RMB 2 billion".

A figure is read left to right as

    prefixes   number   [English scale]   [unit | measure word]   suffixes

where prefixes are qualifiers (超过, nearly), directions (增长, "an increase of"), the
year-on-year basis (同比), a currency sign (¥, HK$, RMB) or a sign (+, -), in any order, and
suffixes are qualifiers (以上, 左右) or the basis ("year-on-year"). Anything else is refused
with a `UnitError` whose code says why; a person then reads the cell. Guessing would be worse:
a wrong figure in a ledger looks exactly like a right one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, localcontext

from .numerals import NumberReading, normalise, read_number, reject_inexact
from .quantity import (
    EXACT_CONTEXT,
    KIND_AREA,
    KIND_MONEY,
    KIND_NUMBER,
    KIND_POINTS,
    KIND_RATE,
    QUALIFIER_MORE_THAN,
    UNIT_PERCENT,
    Quantity,
    UnitError,
    UnitErrorCode,
)
from .vocabulary import (
    ATTACHED_SCALE_RE,
    CHINESE_BASIS_RE,
    CHINESE_DIRECTION_RE,
    CHINESE_DIRECTIONS,
    CURRENCY_PREFIX_RE,
    CURRENCY_PREFIXES,
    ENGLISH_BASIS_SUFFIX_RE,
    ENGLISH_DIRECTION_RE,
    ENGLISH_DIRECTIONS,
    ENGLISH_SCALES,
    MEASURE_RE,
    PERCENT_PREFIX_RE,
    QUALIFIER_PREFIX_RE,
    QUALIFIER_PREFIXES,
    QUALIFIER_SUFFIX_RE,
    QUALIFIER_SUFFIXES,
    SIGN_RE,
    SPACED_SCALE_RE,
    UNIT_RE,
    UNITS,
    UnitSpec,
)

_MONTH_ON_MONTH_RE = re.compile(r"环比|month[- ]on[- ]month|m/m", re.IGNORECASE)
_CURRENCY_CODE_RE = re.compile(r"[A-Z]{3}")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z.]*|[\u3400-\u9fff]+")
_KIND_NAMES = {
    KIND_MONEY: "an amount of money",
    KIND_AREA: "an area",
    KIND_RATE: "a rate",
    KIND_POINTS: "a difference in percentage points",
    KIND_NUMBER: "a plain number",
}


@dataclass
class _Parts:
    """What has been read so far; `_assemble` turns it into a Quantity."""

    text: str
    qualifier: str | None = None
    direction: int | None = None
    sign: int | None = None
    basis: bool = False
    currency: str | None = None
    percent_prefix: bool = False
    number: NumberReading | None = None
    english_scale: Decimal | None = None
    unit: UnitSpec | None = None
    measure: bool = False

    @property
    def states_scale(self) -> bool:
        """True when the text names its own magnitude (万, 亿, million…)."""
        has_magnitude = self.number is not None and self.number.has_magnitude
        return has_magnitude or self.english_scale is not None


class _Cursor:
    def __init__(self, s: str) -> None:
        self.s = s
        self.pos = 0

    def take(self, pattern: re.Pattern[str], *, skip_space: bool = True) -> re.Match[str] | None:
        match = pattern.match(self.s, self.next_position(skip_space=skip_space))
        if match:
            self.pos = match.end()
        return match

    def peek(self, pattern: re.Pattern[str]) -> bool:
        return pattern.match(self.s, self.next_position()) is not None

    def rest(self) -> str:
        return self.s[self.pos :].strip()

    def next_position(self, *, skip_space: bool = True) -> int:
        start = self.pos
        while skip_space and start < len(self.s) and self.s[start] == " ":
            start += 1
        return start


def parse_amount(text: str) -> Quantity:
    """Read any figure: money, area, rate, percentage points or a plain number."""
    return _assemble(_read(text))


def parse_money(
    text: str, *, default_currency: str = "CNY", default_scale: Decimal | None = None
) -> Quantity:
    """Read an amount of money; a bare number is in ``default_currency``.

    ``default_scale`` is the unit a spreadsheet header gives ("金额（万元）" → `SCALE_WAN`). It
    multiplies only cells that state neither a magnitude nor a unit word: "5000" in a 万元
    column is 5000万元, but "16.4亿" and "5000元" already say what they mean.
    """
    if not _CURRENCY_CODE_RE.fullmatch(default_currency):
        raise UnitError(UnitErrorCode.UNSUPPORTED, default_currency, "not a currency code")
    parts = _read(text)
    quantity = _assemble(parts)
    if quantity.kind not in (KIND_MONEY, KIND_NUMBER) or parts.measure:
        raise _wrong_kind(parts, quantity, _KIND_NAMES[KIND_MONEY])
    value = quantity.value
    if default_scale is not None and parts.unit is None and not parts.states_scale:
        with localcontext(EXACT_CONTEXT):
            value = value * default_scale
    return Quantity(value, quantity.unit or default_currency, KIND_MONEY, quantity.qualifier)


def parse_area(text: str, *, default_unit: str | None = None) -> Quantity:
    """Read an area: mu stay mu, everything else becomes square metres ("m2").

    ``default_unit`` ("mu", "亩", "m2", "公顷"…) reads a bare number, for a column whose
    header names the unit.
    """
    parts = _read(text)
    quantity = _assemble(parts)
    if quantity.kind == KIND_AREA:
        return quantity
    if quantity.kind != KIND_NUMBER or parts.measure or default_unit is None:
        raise _wrong_kind(parts, quantity, _KIND_NAMES[KIND_AREA])
    spec = _area_unit(default_unit)
    if quantity.value < 0:
        raise _malformed(parts, "is negative, and an area cannot be")
    with localcontext(EXACT_CONTEXT):
        value = quantity.value * spec.factor
    return Quantity(value, spec.unit, KIND_AREA, quantity.qualifier)


def parse_rate(text: str) -> Quantity:
    """Read a rate ("154%", "下降3.2%") or a difference of rates ("1.9个百分点")."""
    parts = _read(text)
    quantity = _assemble(parts)
    if quantity.kind not in (KIND_RATE, KIND_POINTS):
        raise _wrong_kind(parts, quantity, "a rate or percentage points")
    return quantity


def _area_unit(word: str) -> UnitSpec:
    spec = UNITS.get(normalise(word).lower())
    if spec is None or spec.kind != KIND_AREA:
        raise UnitError(UnitErrorCode.UNSUPPORTED, word, f'"{word}" is not a unit of area')
    return spec


def _read(text: str) -> _Parts:
    if not isinstance(text, str):
        raise TypeError(f"expected text, not {type(text).__name__}")
    s = normalise(text)
    if not s:
        raise UnitError(UnitErrorCode.EMPTY, text, "no figure: the text is empty")
    _reject_unreadable(s, text)
    cursor, parts = _Cursor(s), _Parts(text)
    _read_prefixes(cursor, parts)
    _read_number(cursor, parts)
    _read_tail(cursor, parts)
    return parts


def _reject_unreadable(s: str, text: str) -> None:
    reject_inexact(s, text)
    if _MONTH_ON_MONTH_RE.search(s):
        problem = f'"{text}" is a month-on-month change; only year-on-year changes are read'
        raise UnitError(UnitErrorCode.UNSUPPORTED, text, problem)


def _read_prefixes(cursor: _Cursor, parts: _Parts) -> None:
    while any(reader(cursor, parts) for reader in _PREFIX_READERS):
        pass


def _read_sign(cursor: _Cursor, parts: _Parts) -> bool:
    if not (match := cursor.take(SIGN_RE)):
        return False
    _set_once(parts, "sign", 1 if match.group() == "+" else -1, "sign")
    return True


def _read_currency(cursor: _Cursor, parts: _Parts) -> bool:
    if not (match := cursor.take(CURRENCY_PREFIX_RE)):
        return False
    _set_once(parts, "currency", CURRENCY_PREFIXES[match.group().lower()], "currency sign")
    return True


def _read_qualifier(cursor: _Cursor, parts: _Parts) -> bool:
    if not (match := cursor.take(QUALIFIER_PREFIX_RE)):
        return False
    _add_qualifier(parts, QUALIFIER_PREFIXES[match.group().lower()])
    return True


def _read_direction(cursor: _Cursor, parts: _Parts) -> bool:
    if match := cursor.take(CHINESE_DIRECTION_RE):
        direction = CHINESE_DIRECTIONS[match.group().rstrip("了")]
    elif match := cursor.take(ENGLISH_DIRECTION_RE):
        direction = ENGLISH_DIRECTIONS[match.group("word").lower()]
    else:
        return False
    _set_once(parts, "direction", direction, "word for increase or decrease")
    return True


def _read_basis(cursor: _Cursor, parts: _Parts) -> bool:
    if not cursor.take(CHINESE_BASIS_RE):
        return False
    _set_once(parts, "basis", True, "year-on-year comparison", unset=False)
    return True


def _read_percent_prefix(cursor: _Cursor, parts: _Parts) -> bool:
    if not cursor.take(PERCENT_PREFIX_RE):
        return False
    _set_once(parts, "percent_prefix", True, "百分之", unset=False)
    return True


_PREFIX_READERS: tuple[Callable[[_Cursor, _Parts], bool], ...] = (
    _read_sign,
    _read_currency,
    _read_qualifier,
    _read_direction,
    _read_basis,
    _read_percent_prefix,
)


def _read_number(cursor: _Cursor, parts: _Parts) -> None:
    reading = read_number(cursor.s, cursor.next_position(), parts.text)
    if reading is None:
        raise UnitError(UnitErrorCode.NO_NUMBER, parts.text, f'no number in "{parts.text}"')
    cursor.pos = reading.end
    parts.number = reading
    if reading.approximate:
        _add_qualifier(parts, QUALIFIER_MORE_THAN)


def _read_tail(cursor: _Cursor, parts: _Parts) -> None:
    _read_english_scales(cursor, parts)
    unit_position = cursor.pos
    if match := cursor.take(UNIT_RE):
        parts.unit = UNITS[match.group().lower()]
    elif cursor.take(MEASURE_RE):
        parts.measure = True
    _read_suffixes(cursor, parts)
    if cursor.rest():
        raise _leftover_error(cursor, parts, unit_position)


def _read_english_scales(cursor: _Cursor, parts: _Parts) -> None:
    while not cursor.peek(UNIT_RE):
        match = cursor.take(ATTACHED_SCALE_RE, skip_space=False) or cursor.take(
            SPACED_SCALE_RE, skip_space=False
        )
        if not match:
            return
        if parts.number is not None and parts.number.has_magnitude:
            raise _malformed(parts, "mixes a Chinese magnitude (万, 亿) with an English one")
        scale = ENGLISH_SCALES[match.group().strip().lower()]
        parts.english_scale = (parts.english_scale or Decimal(1)) * scale


def _read_suffixes(cursor: _Cursor, parts: _Parts) -> None:
    while True:
        if match := cursor.take(QUALIFIER_SUFFIX_RE):
            _add_qualifier(parts, QUALIFIER_SUFFIXES[match.group().lower()])
        elif cursor.take(ENGLISH_BASIS_SUFFIX_RE):
            _set_once(parts, "basis", True, "year-on-year comparison", unset=False)
        else:
            return


def _leftover_error(cursor: _Cursor, parts: _Parts, unit_position: int) -> UnitError:
    rest = cursor.rest()
    word = _WORD_RE.match(rest)
    if parts.unit is None and not parts.measure and cursor.pos == unit_position and word:
        hint = ' (write "percentage points")' if word.group().lower() == "points" else ""
        message = f'unknown unit "{word.group()}" in "{parts.text}"{hint}'
        return UnitError(UnitErrorCode.UNKNOWN_UNIT, parts.text, message)
    return _malformed(parts, f'has "{rest}" after the figure')


def _assemble(parts: _Parts) -> Quantity:
    assert parts.number is not None
    kind, unit, factor = _resolve_unit(parts)
    direction = _resolve_direction(parts, kind)
    with localcontext(EXACT_CONTEXT):
        value = parts.number.value * (parts.english_scale or 1) * factor
    if parts.sign == -1 and kind not in (KIND_RATE, KIND_POINTS):
        if kind == KIND_AREA:
            raise _malformed(parts, "is negative, and an area cannot be")
        value = -value
    return Quantity(value, unit, kind, parts.qualifier, direction)


def _resolve_unit(parts: _Parts) -> tuple[str, str | None, Decimal]:
    spec = parts.unit
    if parts.currency is not None:
        if spec is None:
            return KIND_MONEY, parts.currency, Decimal(1)
        if spec.kind != KIND_MONEY or spec.unit != parts.currency:
            raise _malformed(parts, f"names two units ({parts.currency} and {spec.unit})")
    if parts.percent_prefix:
        if spec is not None:
            raise _malformed(parts, f"names two units (百分之 and {spec.unit})")
        return KIND_RATE, UNIT_PERCENT, Decimal(1)
    if spec is None:
        return KIND_NUMBER, None, Decimal(1)
    return spec.kind, spec.unit, spec.factor


def _resolve_direction(parts: _Parts, kind: str) -> int | None:
    """Rates carry their sign as a direction; "增长-3.2%" (growth of -3.2%) is a fall."""
    if kind not in (KIND_RATE, KIND_POINTS):
        if parts.direction is not None or parts.basis:
            problem = (
                f"describes a change, which only a rate or percentage points can be, not {kind}"
            )
            raise _malformed(parts, problem)
        return None
    if parts.direction is None and parts.sign is None:
        return None
    return (parts.direction or 1) * (parts.sign or 1)


def _add_qualifier(parts: _Parts, qualifier: str) -> None:
    if parts.qualifier not in (None, qualifier):
        problem = f'"{parts.text}" has two different qualifiers ({parts.qualifier}, {qualifier})'
        raise UnitError(UnitErrorCode.AMBIGUOUS, parts.text, problem)
    parts.qualifier = qualifier


def _set_once(parts: _Parts, name: str, value: object, what: str, *, unset: object = None) -> None:
    if getattr(parts, name) != unset:
        raise _malformed(parts, f"has more than one {what}")
    setattr(parts, name, value)


def _malformed(parts: _Parts, problem: str) -> UnitError:
    return UnitError(UnitErrorCode.MALFORMED, parts.text, f'"{parts.text}" {problem}')


def _wrong_kind(parts: _Parts, quantity: Quantity, expected: str) -> UnitError:
    found = "a count" if parts.measure else _KIND_NAMES[quantity.kind]
    message = f'"{parts.text}" is {found}, not {expected}'
    return UnitError(UnitErrorCode.WRONG_KIND, parts.text, message)
