"""Reading the number inside a figure: Arabic digits, Chinese numerals, and both mixed.

"16.4亿", "5千万", "两千三百万", "三点五亿", "1亿2000万" and "１，２００万" are all one
number followed by nothing or a unit. One small state machine reads them all, so "亿" means
the same thing after "16.4" as after "三". The text is never converted to float.

Readings a person would call a range rather than a number ("两三个", "三四十亿") are refused
as ambiguous: silently picking one end would put a made-up figure in the ledger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import NoReturn

from .quantity import EXACT_CONTEXT, UnitError, UnitErrorCode
from .vocabulary import PERCENT_PREFIX_RE, UNIT_RE

CHINESE_DIGITS = {
    **dict.fromkeys("零〇○", 0),
    **dict.fromkeys("一壹", 1),
    **dict.fromkeys("二贰两兩", 2),
    **dict.fromkeys("三叁", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陆", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
SMALL_UNITS = {
    **dict.fromkeys("十拾", 10),
    **dict.fromkeys("百佰", 100),
    **dict.fromkeys("千仟", 1000),
}
BIG_UNITS = {**dict.fromkeys("万萬", 10**4), **dict.fromkeys("亿億", 10**8)}
APPROXIMATE_MARKERS = "余多"  # "500余亩", "30多亿": more than the stated number
DECIMAL_POINT = "点"
DECIMAL_POINTS = "点點"  # simplified and traditional

_WAN = 10**4
_NUMERAL_CHARS = "0-9零〇○一二两三四五六七八九十百千万亿"
_RANGE_RE = re.compile(
    rf"[{_NUMERAL_CHARS}%]\s*(?:[-~—–至到]|\b(?:to|and|or)\b)\s*\+?[{_NUMERAL_CHARS}]",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(r"几|数[十百千万亿]|若干|上[百千万亿]|成[百千万]")
_NOT_FINITE_RE = re.compile(r"(?<![A-Za-z])(?:nan|infinity|inf)(?![A-Za-z])|∞", re.IGNORECASE)
_SCIENTIFIC_RE = re.compile(r"\d[eE][+-]?\d")
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2009: 0x20, 0x202F: 0x20, 0xFFE5: ord("¥")})
_FULL_WIDTH.update({0x00B2: ord("2"), 0x301C: ord("~"), 0x2212: ord("-")})
_SQUARE_METRE_SIGN = "\u33a1"  # ㎡
_CJK = "\u3400-\u9fff"
_SPACE_BESIDE_CJK = re.compile(rf"\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+")
_ARABIC_RUN = re.compile(r"[0-9][0-9,.]*")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def normalise(text: str) -> str:
    """Half-width, single-spaced text with no spaces around Chinese characters.

    Full-width digits and punctuation ("１２．５％") are common in documents typed with a
    Chinese input method; they mean exactly the ASCII characters.
    """
    text = text.translate(_FULL_WIDTH).replace(_SQUARE_METRE_SIGN, "m2")
    text = " ".join(text.split())
    return _SPACE_BESIDE_CJK.sub("", text)


def reject_inexact(s: str, text: str) -> None:
    """Refuse, up front, (normalised) text that is not one exact number however it is read."""
    if match := _RANGE_RE.search(s):
        problem = f'"{text}" is a range ("{match.group()}"), not a single amount'
        raise UnitError(UnitErrorCode.AMBIGUOUS, text, problem)
    if match := _VAGUE_RE.search(s):
        problem = f'"{text}" gives no exact number ("{match.group()}" is vague)'
        raise UnitError(UnitErrorCode.AMBIGUOUS, text, problem)
    if _NOT_FINITE_RE.search(s):
        raise UnitError(UnitErrorCode.MALFORMED, text, f'"{text}" is not a finite number')
    if _SCIENTIFIC_RE.search(s):
        problem = f'"{text}" uses scientific notation; write the number out (or use 亿, billion)'
        raise UnitError(UnitErrorCode.MALFORMED, text, problem)


@dataclass(frozen=True)
class NumberReading:
    """A number read from the text; ``has_magnitude`` is True when 万 or 亿 stated its scale."""

    value: Decimal
    end: int
    has_magnitude: bool
    approximate: bool


@dataclass(frozen=True)
class _Token:
    kind: str  # "digit", "fraction", "unit" or "approximate"
    value: Decimal = Decimal(0)
    single: bool = False  # one digit 0-9, so "一百五" can mean 150


def read_number(s: str, pos: int, text: str) -> NumberReading | None:
    """Read the number starting at ``s[pos]``; None when there is no number there."""
    tokens, end = _tokenise(s, pos, text)
    if not any(token.kind in ("digit", "unit") for token in tokens):
        return None
    accumulator = _Accumulator(text)
    with localcontext(EXACT_CONTEXT):
        for token in tokens:
            accumulator.add(token)
        value = accumulator.result()
    return NumberReading(value, end, accumulator.has_magnitude, accumulator.approximate)


def _tokenise(s: str, pos: int, text: str) -> tuple[list[_Token], int]:
    tokens: list[_Token] = []
    while pos < len(s):
        token, end = _next_token(s, pos, text, tokens)
        if token is None:
            break
        tokens.append(token)
        pos = end
    return tokens, pos


def _next_token(s: str, pos: int, text: str, tokens: list[_Token]) -> tuple[_Token | None, int]:
    char = s[pos]
    if "0" <= char <= "9":
        return _arabic(s, pos, text)
    if char in CHINESE_DIGITS:
        return _chinese_digits(s, pos, text)
    if char in DECIMAL_POINTS and tokens:
        return _fraction(s, pos)
    starts_unit_word = UNIT_RE.match(s, pos) or PERCENT_PREFIX_RE.match(s, pos)
    if char in SMALL_UNITS and not starts_unit_word:
        return _Token("unit", Decimal(SMALL_UNITS[char])), pos + 1
    if char in BIG_UNITS and tokens:
        return _Token("unit", Decimal(BIG_UNITS[char])), pos + 1
    if char in APPROXIMATE_MARKERS and tokens:
        return _Token("approximate"), pos + 1
    return None, pos


def _arabic(s: str, pos: int, text: str) -> tuple[_Token, int]:
    match = _ARABIC_RUN.match(s, pos)
    assert match is not None
    raw = match.group()
    if not (_PLAIN_NUMBER.fullmatch(raw) or _GROUPED_NUMBER.fullmatch(raw)):
        raise UnitError(UnitErrorCode.MALFORMED, text, _arabic_problem(raw, text))
    return _Token("digit", Decimal(raw.replace(",", "")), single=len(raw) == 1), match.end()


def _arabic_problem(raw: str, text: str) -> str:
    if raw.count(".") > 1:
        return f'"{raw}" in "{text}" has more than one decimal point'
    if "," in raw:
        return f'"{raw}" in "{text}": thousands separators must split digits into groups of three'
    return f'"{raw}" in "{text}" has a decimal point without digits after it'


def _chinese_digits(s: str, pos: int, text: str) -> tuple[_Token, int]:
    end = pos
    while end < len(s) and s[end] in CHINESE_DIGITS:
        end += 1
    run = s[pos:end]
    if len(run) == 1:
        return _Token("digit", Decimal(CHINESE_DIGITS[run]), single=True), end
    if not any(CHINESE_DIGITS[char] == 0 for char in run):
        raise UnitError(
            UnitErrorCode.AMBIGUOUS,
            text,
            f'"{run}" in "{text}" is a range of numbers ("two or three"), not one number',
        )
    # With a zero it is read digit by digit: "一〇五" is 105, "一百零五" ends in "零五" = 5.
    return _Token("digit", Decimal(_positional(run))), end


def _fraction(s: str, pos: int) -> tuple[_Token | None, int]:
    end = pos + 1
    while end < len(s) and s[end] in CHINESE_DIGITS:
        end += 1
    if end == pos + 1:
        return None, pos
    return _Token("fraction", Decimal("0." + _positional(s[pos + 1 : end]))), end


def _positional(run: str) -> str:
    return "".join(str(CHINESE_DIGITS[char]) for char in run)


@dataclass
class _Accumulator:
    """Adds up 亿 groups, the 万 group inside them, and the section below 万.

    "一万二千亿" is (1×万 + 2×千)×亿; "一亿零五百万" is 1×亿 + (5×百)×万. Units inside a
    section must fall (千 before 百 before 十), each group may appear once.
    """

    text: str
    total: Decimal = Decimal(0)
    last_yi_group: Decimal | None = None
    wan: Decimal | None = None
    section: Decimal = Decimal(0)
    section_started: bool = False
    digit: _Token | None = None
    last_small_unit: Decimal | None = None
    unit_before_digit: Decimal | None = None
    last_unit: Decimal | None = None
    has_magnitude: bool = False
    approximate: bool = False

    def add(self, token: _Token) -> None:
        if token.kind == "digit":
            self._add_digit(token)
        elif token.kind == "fraction":
            self._add_fraction(token)
        elif token.kind == "approximate":
            self.approximate = True
        elif token.value < _WAN:
            self._add_small_unit(token.value)
        else:
            self._add_big_unit(token.value)

    def result(self) -> Decimal:
        return self.total + (self.wan or 0) + self.section + self._trailing_digit()

    def _add_digit(self, token: _Token) -> None:
        if self.digit is not None:
            self._malformed("has two numbers in a row")
        self.digit = token
        self.unit_before_digit = self.last_unit
        self.last_unit = None

    def _add_fraction(self, token: _Token) -> None:
        whole = self.section + (self.digit.value if self.digit else 0)
        self.digit = _Token("digit", whole + token.value)
        self.section = Decimal(0)
        self.last_small_unit = self.unit_before_digit = self.last_unit = None

    def _add_small_unit(self, unit: Decimal) -> None:
        if self.last_small_unit is not None and unit >= self.last_small_unit:
            self._malformed("has its 十, 百 and 千 out of order")
        self.section += self._multiplier(unit) * unit
        self.section_started = True
        self.digit = None
        self.last_small_unit = self.last_unit = unit

    def _multiplier(self, unit: Decimal) -> Decimal:
        if self.digit is None:
            return Decimal(1)  # "十二", "百亿": the leading 一 is usually left out
        if self.digit.single and self.digit.value == 0 and unit == 10:
            return Decimal(1)  # "一千零十" = 1010
        return self.digit.value

    def _add_big_unit(self, unit: Decimal) -> None:
        self.has_magnitude = True
        pending = self._pending()
        if unit == _WAN:
            if self.wan is not None or pending is None:
                self._malformed("uses 万 where it cannot stand")
            self.wan = pending * unit
        else:
            group = self._yi_group(pending)
            self.total += group * unit
            self.last_yi_group = group
            self.wan = None
        self.section, self.section_started, self.digit = Decimal(0), False, None
        self.last_small_unit, self.last_unit = None, unit

    def _yi_group(self, pending: Decimal | None) -> Decimal:
        if pending is None and self.wan is None:
            self._malformed("uses 亿 where it cannot stand")
        group = (self.wan or Decimal(0)) + (pending or Decimal(0))
        # A second 亿 group only after 万亿: "一万亿零五亿" is fine, "五亿三亿" is not.
        if self.last_yi_group is not None and not (self.last_yi_group >= _WAN > group):
            self._malformed("uses 亿 twice")
        return group

    def _pending(self) -> Decimal | None:
        if self.digit is None and not self.section_started:
            return None
        return self.section + (self.digit.value if self.digit else 0)

    def _trailing_digit(self) -> Decimal:
        """The last digit; after a unit, colloquial: "一百五" = 150, "两万五" = 25,000."""
        if self.digit is None:
            return Decimal(0)
        if self.digit.single and self.unit_before_digit is not None:
            return self.digit.value * self.unit_before_digit / 10
        return self.digit.value

    def _malformed(self, problem: str) -> NoReturn:
        raise UnitError(UnitErrorCode.MALFORMED, self.text, f'"{self.text}" {problem}')
