"""Readings of a typed name: listing marks and province abbreviations."""

from __future__ import annotations

import pytest

from devzone.matching.query import parse_query, strip_listing_marks


@pytest.mark.parametrize(
    ("typed", "rest", "marks"),
    [
        ("*st上普", "上普", ("*st",)),
        ("s*st佳纸", "佳纸", ("s*st",)),
        ("白云山a", "白云山", ("a",)),
        ("伊泰b股", "伊泰", ("b股",)),
        ("退市博元", "博元", ("退市",)),
        ("tcl科技", "tcl科技", ()),  # Latin letters that do not touch Chinese stay
    ],
)
def test_listing_marks_are_set_aside(typed: str, rest: str, marks: tuple[str, ...]) -> None:
    assert strip_listing_marks(typed) == (rest, marks)


def test_a_province_abbreviation_adds_a_reading_with_its_region() -> None:
    query = parse_query("沪农商行")
    assert [reading.text for reading in query.readings] == ["沪农商行", "农商行"]
    assert query.readings[1].region_codes == ("31",)
    assert query.readings[1].via_abbreviation


def test_empty_query_has_no_reading() -> None:
    assert parse_query(" ·、 ").readings == ()
