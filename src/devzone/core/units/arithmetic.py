"""Exact conversions and comparisons: mu ↔ m², growth rates, percentage-point gaps.

These are the only places where devzone divides figures, so they are the only places where a
result can have more digits than its inputs; they say how many (`DIVISION_CONTEXT`, 28
significant digits) instead of letting the global decimal context decide.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from .quantity import (
    DIVISION_CONTEXT,
    EXACT_CONTEXT,
    KIND_AREA,
    MU_PER_SQUARE_METRE,
    UNIT_MU,
    UNIT_SQUARE_METRE,
    Quantity,
    UnitError,
    UnitErrorCode,
    canonical_decimal,
    require_decimal,
)


def to_mu(quantity: Quantity) -> Decimal:
    """The area in mu; exact, since 1 m² is exactly 0.0015 mu (50公顷 → 750)."""
    if _area_unit(quantity) == UNIT_MU:
        return quantity.value
    with localcontext(EXACT_CONTEXT):
        return canonical_decimal(quantity.value * MU_PER_SQUARE_METRE)


def to_square_metres(quantity: Quantity) -> Decimal:
    """The area in m²; 1 mu = 10000/15 m², so an odd number of mu gives 28 digits (666.66…7)."""
    if _area_unit(quantity) == UNIT_SQUARE_METRE:
        return quantity.value
    with localcontext(DIVISION_CONTEXT):
        return canonical_decimal(quantity.value / MU_PER_SQUARE_METRE)


def growth_rate(current: Decimal, previous: Decimal) -> Decimal:
    """Year-on-year growth in percent: 7.327 against 1 is an increase of 632.7%.

    A zero or negative base has no meaningful growth rate (statistics bureaus write 扭亏, "turned
    a loss into a profit", instead), so both raise rather than return a misleading number.
    """
    current, previous = require_decimal(current), require_decimal(previous)
    if previous == 0:
        raise UnitError(UnitErrorCode.ZERO_BASE, str(previous), "no growth rate from a zero base")
    if previous < 0:
        problem = f"no meaningful growth rate from a negative base ({previous})"
        raise UnitError(UnitErrorCode.NEGATIVE_BASE, str(previous), problem)
    with localcontext(EXACT_CONTEXT):
        change = (current - previous) * 100
    with localcontext(DIVISION_CONTEXT):
        return canonical_decimal(change / previous)


def points_difference(rate_a: Decimal, rate_b: Decimal) -> Decimal:
    """The gap between two rates in percentage points (8.5% vs 6.6% → 1.9), never a percent."""
    with localcontext(EXACT_CONTEXT):
        return canonical_decimal(require_decimal(rate_a) - require_decimal(rate_b))


def _area_unit(quantity: Quantity) -> str:
    if quantity.kind != KIND_AREA:
        problem = f"{quantity.kind} is not an area"
        raise UnitError(UnitErrorCode.WRONG_KIND, str(quantity.value), problem)
    assert quantity.unit is not None
    return quantity.unit
