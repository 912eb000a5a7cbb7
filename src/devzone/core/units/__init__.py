"""Units and numbers: read and write money, land, rates and percentage points exactly.

DESIGN.md §2 is the specification. Everything here is pure Python (no Django), so importers,
the command line, the API and the analytics engine share one reading of "19.545亿元".

    >>> from decimal import Decimal
    >>> parse_money("19.545亿元").value
    Decimal('1954500000')
    >>> format_money(Decimal("68900000000"), language="en")
    '68.9 billion yuan'
"""

from __future__ import annotations

from .arithmetic import growth_rate, points_difference, to_mu, to_square_metres
from .formatting import format_area, format_money, format_points, format_rate
from .parsing import parse_amount, parse_area, parse_money, parse_rate
from .quantity import (
    CURRENCIES,
    DIRECTION_DOWN,
    DIRECTION_UP,
    KIND_AREA,
    KIND_MONEY,
    KIND_NUMBER,
    KIND_POINTS,
    KIND_RATE,
    KINDS,
    MU_PER_SQUARE_METRE,
    QUALIFIER_ABOUT,
    QUALIFIER_AT_LEAST,
    QUALIFIER_LESS_THAN,
    QUALIFIER_MORE_THAN,
    QUALIFIER_NEARLY,
    QUALIFIERS,
    SCALE_BAI,
    SCALE_BILLION,
    SCALE_MILLION,
    SCALE_QIAN,
    SCALE_THOUSAND,
    SCALE_TRILLION,
    SCALE_WAN,
    SCALE_WANYI,
    SCALE_YI,
    SQUARE_METRES_PER_HECTARE,
    SQUARE_METRES_PER_SQUARE_KILOMETRE,
    UNIT_MU,
    UNIT_PERCENT,
    UNIT_POINTS,
    UNIT_REASONS,
    UNIT_SQUARE_METRE,
    Quantity,
    UnitError,
    UnitErrorCode,
)

__all__ = [
    "CURRENCIES",
    "DIRECTION_DOWN",
    "DIRECTION_UP",
    "KINDS",
    "KIND_AREA",
    "KIND_MONEY",
    "KIND_NUMBER",
    "KIND_POINTS",
    "KIND_RATE",
    "MU_PER_SQUARE_METRE",
    "QUALIFIERS",
    "QUALIFIER_ABOUT",
    "QUALIFIER_AT_LEAST",
    "QUALIFIER_LESS_THAN",
    "QUALIFIER_MORE_THAN",
    "QUALIFIER_NEARLY",
    "SCALE_BAI",
    "SCALE_BILLION",
    "SCALE_MILLION",
    "SCALE_QIAN",
    "SCALE_THOUSAND",
    "SCALE_TRILLION",
    "SCALE_WAN",
    "SCALE_WANYI",
    "SCALE_YI",
    "SQUARE_METRES_PER_HECTARE",
    "SQUARE_METRES_PER_SQUARE_KILOMETRE",
    "UNIT_MU",
    "UNIT_PERCENT",
    "UNIT_POINTS",
    "UNIT_REASONS",
    "UNIT_SQUARE_METRE",
    "Quantity",
    "UnitError",
    "UnitErrorCode",
    "format_area",
    "format_money",
    "format_points",
    "format_rate",
    "growth_rate",
    "parse_amount",
    "parse_area",
    "parse_money",
    "parse_rate",
    "points_difference",
    "to_mu",
    "to_square_metres",
]
