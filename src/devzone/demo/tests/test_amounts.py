import random

import pytest

from devzone.demo.amounts import allocate, split_total, yuan


def test_split_total_adds_up_exactly_within_bounds():
    amounts = split_total(1_954_500, 20, low=10_000, high=400_000, step=500, rng=random.Random(1))

    assert sum(amounts) == 1_954_500
    assert len(amounts) == 20
    assert all(10_000 <= amount <= 400_000 and amount % 500 == 0 for amount in amounts)


def test_split_total_is_deterministic_for_a_seed():
    first = split_total(525_000, 11, low=10_000, high=150_000, step=500, rng=random.Random(7))
    again = split_total(525_000, 11, low=10_000, high=150_000, step=500, rng=random.Random(7))

    assert first == again


def test_split_total_refuses_an_impossible_split():
    with pytest.raises(ValueError, match="cannot sum"):
        split_total(295_000, 2, low=200_000, high=400_000, rng=random.Random(1))


def test_allocate_respects_caps_and_sums_exactly():
    shares = allocate(1_000, [5.0, 1.0, 1.0], [300, 600, 600], random.Random(3))

    assert sum(shares) == 1_000
    assert shares[0] == 300


def test_yuan_converts_wan_without_floats():
    assert str(yuan(1_954_500)) == "19545000000"
