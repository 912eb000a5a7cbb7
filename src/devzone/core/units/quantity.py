"""The value every parser returns, the words it is made of, and the error every parser raises.

Figures in devzone come from ledgers, spreadsheets and bulletins written by people, so a figure
is more than a number: it has a kind (money, land, a growth rate, a difference of rates), a unit,
and often a qualifier ("超过", "nearly") that a careful reader must not throw away. `Quantity`
keeps all of that, exactly: values are `Decimal`, never float.

This module is deliberately free of Django: importers, the command line and the analytics
engine all read figures the same way. Errors carry a stable ``code`` for the web layer to
translate, plus an English message for logs and the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal
from enum import StrEnum

KIND_MONEY = "money"
KIND_AREA = "area"
KIND_RATE = "rate"
KIND_POINTS = "points"
KIND_NUMBER = "number"
KINDS = frozenset({KIND_MONEY, KIND_AREA, KIND_RATE, KIND_POINTS, KIND_NUMBER})

QUALIFIER_MORE_THAN = "more_than"
QUALIFIER_NEARLY = "nearly"
QUALIFIER_ABOUT = "about"
QUALIFIER_LESS_THAN = "less_than"
QUALIFIER_AT_LEAST = "at_least"
QUALIFIERS = frozenset(
    {
        QUALIFIER_MORE_THAN,
        QUALIFIER_NEARLY,
        QUALIFIER_ABOUT,
        QUALIFIER_LESS_THAN,
        QUALIFIER_AT_LEAST,
    }
)

DIRECTION_UP = 1
DIRECTION_DOWN = -1

UNIT_MU = "mu"
UNIT_SQUARE_METRE = "m2"
UNIT_PERCENT = "percent"
UNIT_POINTS = "pp"
CURRENCIES = ("CNY", "USD", "EUR", "HKD", "GBP", "JPY")

SCALE_BAI = Decimal(10) ** 2
SCALE_QIAN = Decimal(10) ** 3
SCALE_WAN = Decimal(10) ** 4
SCALE_YI = Decimal(10) ** 8
SCALE_WANYI = Decimal(10) ** 12
SCALE_THOUSAND = SCALE_QIAN
SCALE_MILLION = Decimal(10) ** 6
SCALE_BILLION = Decimal(10) ** 9
SCALE_TRILLION = SCALE_WANYI

# 1 mu is exactly 10000/15 m² (666.67 rounded), so 1 m² is exactly 0.0015 mu.
MU_PER_SQUARE_METRE = Decimal("0.0015")
SQUARE_METRES_PER_HECTARE = Decimal(10) ** 4
SQUARE_METRES_PER_SQUARE_KILOMETRE = Decimal(10) ** 6

# Wide enough that parsing and scaling never round; division (growth rates, mu → m²) uses
# DIVISION_CONTEXT instead, whose 28 digits are what `decimal` gives by default.
EXACT_CONTEXT = Context(prec=60)
DIVISION_CONTEXT = Context(prec=28)

_CURRENCY_CODE = re.compile(r"[A-Z]{3}")
_UNITS_BY_KIND = {
    KIND_AREA: frozenset({UNIT_MU, UNIT_SQUARE_METRE}),
    KIND_RATE: frozenset({UNIT_PERCENT}),
    KIND_POINTS: frozenset({UNIT_POINTS}),
}


class UnitErrorCode(StrEnum):
    """Why a figure could not be read; stable strings the web layer maps to translations."""

    EMPTY = "empty"
    MALFORMED = "malformed"
    AMBIGUOUS = "ambiguous"
    NO_NUMBER = "no_number"
    UNKNOWN_UNIT = "unknown_unit"
    WRONG_KIND = "wrong_kind"
    ZERO_BASE = "zero_base"
    NEGATIVE_BASE = "negative_base"
    UNSUPPORTED = "unsupported"


def gettext_noop(message: str) -> str:
    return message


# Why a figure could not be read, for people: source messages (``%(text)s`` is the figure) that
# the REST API and the command line translate into the user's language; the exception's own
# message stays an English explanation for logs.
UNIT_REASONS = {
    UnitErrorCode.EMPTY: gettext_noop("Give an amount."),
    UnitErrorCode.MALFORMED: gettext_noop("“%(text)s” is not a well-formed amount."),
    UnitErrorCode.AMBIGUOUS: gettext_noop(
        "“%(text)s” can be read more than one way; write it in yuan."
    ),
    UnitErrorCode.NO_NUMBER: gettext_noop("“%(text)s” has no number in it."),
    UnitErrorCode.UNKNOWN_UNIT: gettext_noop("“%(text)s” has a unit devzone does not know."),
    UnitErrorCode.WRONG_KIND: gettext_noop("“%(text)s” is not an amount of money."),
}


class UnitError(ValueError):
    """A figure that cannot be read (or written) exactly.

    ``code`` is a `UnitErrorCode` (a ``str``), ``text`` the input as given, and the message says
    in English what is wrong with it, so a person reviewing an import can fix the cell.
    """

    def __init__(self, code: str, text: str, message: str) -> None:
        super().__init__(message)
        self.code = UnitErrorCode(code)
        self.text = text
        self.message = message


@dataclass(frozen=True)
class Quantity:
    """An exact figure with its kind, unit and qualifier.

    For rates and percentage points ``value`` is never negative: "下降3.2%" is ``value=3.2,
    direction=-1``. The sign lives in ``direction`` because the text says "fell 3.2%", and a
    reviewer should see the same words back; ``signed_value`` gives the arithmetic view.
    Money and plain numbers may be negative; areas may not.
    """

    value: Decimal
    unit: str | None
    kind: str
    qualifier: str | None
    direction: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.value, Decimal) or not self.value.is_finite():
            raise TypeError(f"Quantity.value must be a finite Decimal, not {self.value!r}")
        _check_kind_and_unit(self.kind, self.unit)
        if self.kind == KIND_AREA and self.value < 0:
            raise ValueError("an area cannot be negative")
        if self.qualifier is not None and self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")
        if self.direction not in (None, DIRECTION_UP, DIRECTION_DOWN):
            raise ValueError(f"direction must be +1, -1 or None, not {self.direction!r}")
        if self.direction is not None and self.kind not in (KIND_RATE, KIND_POINTS):
            raise ValueError("only rates and percentage points have a direction")
        object.__setattr__(self, "value", canonical_decimal(self.value))

    @property
    def signed_value(self) -> Decimal:
        """The value with the direction applied: -3.2 for "下降3.2%"."""
        return -self.value if self.direction == DIRECTION_DOWN else self.value

    def as_json(self) -> dict[str, object]:
        """A JSON-ready dict; the value is a plain decimal string so no reader turns it to float."""
        data: dict[str, object] = {
            "value": plain_decimal(self.value),
            "unit": self.unit,
            "kind": self.kind,
            "qualifier": self.qualifier,
        }
        if self.direction is not None:
            data["direction"] = self.direction
        return data


def _check_kind_and_unit(kind: str, unit: str | None) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if kind == KIND_NUMBER:
        valid = unit is None
    elif kind == KIND_MONEY:
        valid = unit is not None and _CURRENCY_CODE.fullmatch(unit) is not None
    else:
        valid = unit in _UNITS_BY_KIND[kind]
    if not valid:
        raise ValueError(f"unit {unit!r} does not go with kind {kind!r}")


def canonical_decimal(value: Decimal) -> Decimal:
    """The same number without exponent noise: 1.9545E+9 → 1954500000, 1.50 → 1.5, -0 → 0."""
    if value == 0:
        return Decimal(0)
    if value == value.to_integral_value(context=EXACT_CONTEXT):
        return value.quantize(Decimal(1), context=EXACT_CONTEXT)
    return value.normalize(context=EXACT_CONTEXT)


def plain_decimal(value: Decimal) -> str:
    """A decimal string with no exponent and no trailing zeros ("1954500000", "19.545")."""
    return format(canonical_decimal(value), "f")


def require_decimal(value: Decimal | int) -> Decimal:
    """Accept a Decimal or an int; refuse a float, which has already lost the exact figure."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"expected a Decimal, not {type(value).__name__}")
    result = Decimal(value)
    if not result.is_finite():
        raise UnitError(UnitErrorCode.MALFORMED, str(value), f"{value} is not a finite number")
    return result
