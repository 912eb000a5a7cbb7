"""Words the index learns from its own registry: group prefixes and descriptor endings."""

from __future__ import annotations

from devzone.matching import EnterpriseRecord, NameIndex, parse_legal_name
from devzone.matching.contraction import part_labels
from devzone.matching.vocabulary import Vocabulary

NORTH = (
    "北方华锦化学工业股份有限公司",
    "北方联合出版传媒股份有限公司",
    "北方导航控制技术股份有限公司",
    "北方光电股份有限公司",
)


def learned(names: tuple[str, ...]) -> Vocabulary:
    vocabulary = Vocabulary()
    for name in names:
        vocabulary.count(parse_legal_name(name))
    return vocabulary


def test_a_word_opening_many_trade_names_is_learned_as_a_group_prefix() -> None:
    vocabulary = learned(NORTH)
    assert vocabulary.split("北方华锦") == ("北方", "华锦", "")
    labels = part_labels(parse_legal_name(NORTH[0]), vocabulary)
    assert labels.startswith("GgCc")


def test_a_rare_opening_is_not_a_prefix() -> None:
    assert learned(NORTH[:2]).split("北方华锦") == ("", "北方华锦", "")


def test_a_short_name_of_the_company_behind_a_group_prefix_finds_it() -> None:
    records = [EnterpriseRecord(i, name) for i, name in enumerate(NORTH)]
    records.append(EnterpriseRecord("huading", "义乌华鼎锦纶股份有限公司"))
    best = NameIndex(records).match("华锦股份").best
    assert best is not None and best.record_id == 0


def test_the_group_alone_names_the_group_companys_namesake_first() -> None:
    index = NameIndex(
        [
            EnterpriseRecord("kunming", "沈机集团昆明机床股份有限公司"),
            EnterpriseRecord("shenyang", "沈阳机床股份有限公司"),
        ]
    )
    best = index.match("沈机").best
    assert best is not None and best.record_id == "shenyang"


SAVING = (
    "中节能太阳能股份有限公司",  # 中节能 itself, then industry words
    "中节能环保装备股份有限公司",
    "中节能风力发电股份有限公司",  # 中节能 + its own name 风力
    "中节能万润股份有限公司",
)


def test_a_three_character_trade_name_before_industry_words_opens_a_family() -> None:
    vocabulary = learned(SAVING)
    assert vocabulary.split("中节能万润") == ("中节能", "万润", "")


def test_a_two_character_trade_name_before_industry_words_opens_nothing() -> None:
    names = ("金华金帆贸易有限公司", "丽水金帆电子有限公司", "衢州金帆科技有限公司")
    assert learned(names).split("金帆达利") == ("", "金帆达利", "")


def test_the_family_member_is_found_by_its_own_short_name() -> None:
    records = [EnterpriseRecord(i, name) for i, name in enumerate(SAVING)]
    records.append(EnterpriseRecord("wanrun", "深圳万润科技股份有限公司"))
    best = NameIndex(records).match("万润股份").best
    assert best is not None and best.record_id == 3
