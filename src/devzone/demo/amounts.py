"""Splitting a published total into individual amounts that add up to it exactly.

All arithmetic is on integers in 万元 (10,000 yuan); floats only shape the random weights and
never touch the amounts, so "20 projects, 19.545 bn" is 19.545 bn to the yuan.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal

WAN = 10_000


def yuan(wan: int) -> Decimal:
    """An amount in 万元 as yuan."""
    return Decimal(wan * WAN)


def split_total(
    total: int, count: int, *, low: int, high: int, rng: random.Random, step: int = 1
) -> list[int]:
    """``count`` amounts in ``[low, high]``, multiples of ``step``, that sum to ``total``."""
    if total % step or low % step or high % step:
        raise ValueError("total and bounds must be multiples of the step")
    if not count * low <= total <= count * high:
        raise ValueError(f"{count} amounts in [{low}, {high}] cannot sum to {total}")
    weights = [rng.lognormvariate(0, 0.7) for _ in range(count)]
    caps = [high // step] * count
    units = allocate(total // step, weights, caps, rng, floor=low // step)
    return [unit * step for unit in units]


def allocate(
    total: int,
    weights: Sequence[float],
    caps: Sequence[int],
    rng: random.Random,
    *,
    floor: int = 0,
) -> list[int]:
    """Integers ``floor <= x_i <= caps[i]``, roughly proportional to ``weights``, sum ``total``.

    The proportional share is rounded down and clamped; what is left over is handed out one
    unit at a time to items with headroom, in a seeded random order, so the sum is exact.
    """
    count = len(weights)
    if count * floor > total or sum(caps) < total:
        raise ValueError(f"cannot allocate {total} within the caps")
    spare = total - count * floor
    scale = sum(weights)
    shares = [
        floor + min(cap - floor, int(spare * w / scale))
        for w, cap in zip(weights, caps, strict=True)
    ]
    left = total - sum(shares)
    while left > 0:
        open_items = [i for i in range(count) if shares[i] < caps[i]]
        rng.shuffle(open_items)
        per_item = max(1, left // len(open_items))
        for index in open_items:
            grant = min(per_item, caps[index] - shares[index], left)
            shares[index] += grant
            left -= grant
            if left == 0:
                break
    return shares
