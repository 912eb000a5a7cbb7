"""Writing figures as each language writes them: "19.545亿元" and "1.9545 billion yuan".

Chinese groups money by 万 and 亿, English by million and billion; both drop trailing zeros,
and what they write reads back exactly with `parse_money` / `parse_area` / `parse_rate`.
Chinese output has no thousands separators (as in official prose); English output has them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from .quantity import EXACT_CONTEXT, UnitError, UnitErrorCode, canonical_decimal, require_decimal

_T = TypeVar("_T")

LANGUAGE_ZH = "zh"
LANGUAGE_EN = "en"

_ZH_CURRENCIES = {
    "CNY": "元",
    "USD": "美元",
    "EUR": "欧元",
    "HKD": "港元",
    "GBP": "英镑",
    "JPY": "日元",
}
_EN_CURRENCIES = {  # (singular, plural)
    "CNY": ("yuan", "yuan"),
    "USD": ("US dollar", "US dollars"),
    "EUR": ("euro", "euros"),
    "HKD": ("Hong Kong dollar", "Hong Kong dollars"),
    "GBP": ("pound sterling", "pounds sterling"),
    "JPY": ("yen", "yen"),
}
# (name for the ``scale`` argument, power of ten, word), largest first.
_ZH_SCALES = (("wanyi", 12, "万亿"), ("yi", 8, "亿"), ("wan", 4, "万"), ("yuan", 0, ""))
_EN_SCALES = (
    ("trillion", 12, "trillion"),
    ("billion", 9, "billion"),
    ("million", 6, "million"),
    ("thousand", 3, "thousand"),
    ("yuan", 0, ""),
)
_EN_AUTOMATIC_SCALES = tuple(s for s in _EN_SCALES if s[0] != "thousand")


def format_money(
    value: Decimal,
    currency: str = "CNY",
    *,
    language: str = "zh-hans",
    scale: str | None = None,
    places: int | None = None,
) -> str:
    """Money for people: 1954500000 → "19.545亿元" / "1.9545 billion yuan".

    Without ``scale`` the largest magnitude the value reaches is used (zh: 万亿, 亿, 万; en:
    trillion, billion, million). ``scale`` forces one: "wanyi", "yi", "wan" or "yuan" in
    Chinese, "trillion", "billion", "million", "thousand" or "yuan" in English ("yuan" means no
    magnitude, whatever the currency). ``places`` rounds half up, as reports do.
    """
    chinese = _language(language) == LANGUAGE_ZH
    value = require_decimal(value)
    power, word = _money_scale(value, scale, chinese)
    number = _rounded(value.scaleb(-power, context=EXACT_CONTEXT), places)
    if scale is None and places is not None:  # 999.996 million rounds to 1 billion, not 1,000
        reached, bigger = _money_scale(number.scaleb(power, context=EXACT_CONTEXT), None, chinese)
        if reached > power:
            power, word = reached, bigger
            number = _rounded(value.scaleb(-power, context=EXACT_CONTEXT), places)
    if chinese:
        return f"{_digits(number, grouped=False)}{word}{_currency_word(_ZH_CURRENCIES, currency)}"
    singular, plural = _currency_word(_EN_CURRENCIES, currency)
    name = singular if not word and abs(number) == 1 else plural
    return " ".join(part for part in (_digits(number, grouped=True), word, name) if part)


def format_area(value_mu: Decimal, *, language: str = "zh-hans") -> str:
    """Land in mu, in both languages ("120亩", "120 mu"): translating mu as acres misleads."""
    value = require_decimal(value_mu)
    if _language(language) == LANGUAGE_ZH:
        return f"{_digits(value, grouped=False)}亩"
    return f"{_digits(value, grouped=True)} mu"


def format_rate(value: Decimal, *, language: str = "zh-hans") -> str:
    """A rate with its sign, as bulletins print it: "+154%", "-3.2%", "0%"."""
    _language(language)
    value = require_decimal(value)
    sign = "+" if value > 0 else ""
    return f"{sign}{_digits(value, grouped=False)}%"


def format_points(value: Decimal, language: str = "zh-hans") -> str:
    """A gap between rates: "1.9个百分点" / "1.9 percentage points", never "1.9%"."""
    value = require_decimal(value)
    digits = _digits(value, grouped=False)
    if _language(language) == LANGUAGE_ZH:
        return f"{digits}个百分点"
    return f"{digits} percentage point{'' if abs(value) == 1 else 's'}"


def _language(language: str) -> str:
    code = language.lower().replace("_", "-")
    for known in (LANGUAGE_ZH, LANGUAGE_EN):
        if code == known or code.startswith(known + "-"):
            return known
    raise UnitError(UnitErrorCode.UNSUPPORTED, language, f'no number format for "{language}"')


def _money_scale(value: Decimal, scale: str | None, chinese: bool) -> tuple[int, str]:
    scales = _ZH_SCALES if chinese else _EN_SCALES
    if scale is None:
        automatic = scales if chinese else _EN_AUTOMATIC_SCALES
        return next((p, w) for _, p, w in automatic if abs(value) >= 10**p or p == 0)
    for name, power, word in scales:
        if name == scale:
            return power, word
    names = ", ".join(name for name, _, _ in scales)
    raise UnitError(UnitErrorCode.UNSUPPORTED, scale, f'scale "{scale}" is not one of {names}')


def _currency_word(words: dict[str, _T], currency: str) -> _T:
    if currency not in words:
        raise UnitError(UnitErrorCode.UNSUPPORTED, currency, f"no name for currency {currency}")
    return words[currency]


def _rounded(value: Decimal, places: int | None) -> Decimal:
    if places is None:
        return canonical_decimal(value)
    if places < 0:
        raise UnitError(UnitErrorCode.UNSUPPORTED, str(places), "places cannot be negative")
    exponent = Decimal(1).scaleb(-places)
    return canonical_decimal(value.quantize(exponent, ROUND_HALF_UP, context=EXACT_CONTEXT))


def _digits(value: Decimal, *, grouped: bool) -> str:
    return format(canonical_decimal(value), ",f" if grouped else "f")
