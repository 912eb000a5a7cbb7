"""The contraction score orders candidates the way a person reads short names."""

from __future__ import annotations

from devzone.matching import parse_legal_name
from devzone.matching.contraction import contraction_score, part_labels, prepare


def score(query: str, legal_name: str) -> float:
    return contraction_score(
        prepare(parse_legal_name(query)), prepare(parse_legal_name(legal_name))
    )


def test_trade_name_scores_near_the_top() -> None:
    assert score("宁德时代", "宁德时代新能源科技股份有限公司") >= 0.95


def test_starting_where_the_trade_name_starts_beats_starting_inside_it() -> None:
    assert score("数码科技", "北京数码视讯科技股份有限公司") > score(
        "数码科技", "杭州天地数码科技股份有限公司"
    )


def test_scattered_characters_still_read_as_a_contraction() -> None:
    assert score("华瓷股份", "湖南华联瓷业股份有限公司") > 0.7


def test_a_missing_trade_name_character_costs_more_than_a_missing_region_character() -> None:
    missing_core = score("金帆贸易", "金华市金山贸易有限公司")
    missing_region = score("金华市婺城区金帆贸易有限公司", "金华市金帆贸易有限公司")
    assert missing_region > missing_core


def test_only_industry_words_in_common_scores_low() -> None:
    assert score("邵阳液压", "江苏恒立液压股份有限公司") < 0.4


def test_labels_mark_parts_and_word_starts() -> None:
    assert part_labels(parse_legal_name("宁德时代新能源科技股份有限公司")) == "CcccIiiIiFfFfFf"
