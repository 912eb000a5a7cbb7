"""Parsed names kept as part lengths: rebuilt exactly, or left to a new parse."""

from __future__ import annotations

import pytest

from devzone.matching import parse_legal_name
from devzone.matching.shapes import ShapeTable

from .conftest import REGISTRY

REBUILT = (
    "宁德时代新能源科技股份有限公司",
    "浙江省金华市金帆贸易有限公司",
    "浙江吉利控股集团有限公司金华分公司",  # a branch: the rest after the legal form
    "攀钢集团四川长城特殊钢股份有限公司",  # a parent group first
    "深圳经济特区房地产(集团)股份有限公司",  # a bracket that belongs to the legal form
)
PARSED_AGAIN = (
    "常熟开关制造有限公司（原常熟开关厂）",  # full-width brackets and a former name
    "寧德時代新能源科技股份有限公司",  # traditional characters
    "金帆贸易(金华)有限公司",  # a bracketed region
    "Contemporary Amperex Technology Co., Limited",  # an English name
)


def _table(names: tuple[str, ...]) -> ShapeTable:
    table = ShapeTable()
    for name in names:
        table.append(parse_legal_name(name))
    return table


@pytest.mark.parametrize("name", REBUILT)
def test_a_name_written_canonically_is_rebuilt_exactly(name: str) -> None:
    table = _table(("湖南华联瓷业股份有限公司", name))
    assert table.rebuild(1, name) == parse_legal_name(name)


@pytest.mark.parametrize("name", PARSED_AGAIN)
def test_a_name_whose_parts_are_not_slices_of_it_is_parsed_again(name: str) -> None:
    assert _table((name,)).rebuild(0, name) is None


def test_every_registry_name_is_either_rebuilt_exactly_or_parsed_again() -> None:
    names = tuple(record.legal_name for record in REGISTRY)
    table = _table(names)
    rebuilt = [table.rebuild(number, name) for number, name in enumerate(names)]
    assert len(table) == len(names)
    assert all(r is None or r == parse_legal_name(n) for r, n in zip(rebuilt, names, strict=True))
    assert sum(r is not None for r in rebuilt) >= len(names) - 2
