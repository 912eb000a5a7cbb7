"""parse_legal_name(): every part of a legal name gets its own field; nothing is dropped."""

from __future__ import annotations

from devzone.matching import parse_legal_name


def test_trade_name_industry_and_legal_form_are_separate() -> None:
    name = parse_legal_name("宁德时代新能源科技股份有限公司")
    assert (name.region, name.core, name.industry, name.legal_form) == (
        "",
        "宁德时代",
        "新能源科技",
        "股份有限公司",
    )


def test_leading_region_chain_is_kept_with_its_code() -> None:
    name = parse_legal_name("浙江省金华市婺城区某某贸易有限公司")
    assert name.region == "浙江省金华市婺城区"
    assert name.region_codes == ("330702",)
    assert (name.core, name.industry, name.legal_form) == ("某某", "贸易", "有限公司")


def test_bare_city_stem_is_a_region_when_a_trade_name_follows() -> None:
    name = parse_legal_name("邵阳维克液压股份有限公司")
    assert (name.region, name.core, name.industry) == ("邵阳", "维克", "液压")


def test_region_in_brackets() -> None:
    name = parse_legal_name("华为技术（深圳）有限公司")
    assert (name.region, name.core, name.industry) == ("深圳", "华为", "技术")
    assert name.region_codes == ("4403",)


def test_former_name_in_brackets() -> None:
    name = parse_legal_name("常熟开关制造有限公司（原常熟开关厂）")
    assert name.former_name == "常熟开关厂"
    assert name.legal_form == "有限公司"


def test_other_bracketed_text_is_kept_as_a_note() -> None:
    assert parse_legal_name("某某科技有限公司（筹）").notes == ("筹",)


def test_branch_after_the_head_office_name() -> None:
    name = parse_legal_name("中国银行股份有限公司金华分行")
    assert name.branch == "金华分行"
    assert name.legal_form == "股份有限公司"
    assert (name.region, name.core) == ("中国", "银行")  # 中国 is a national-level region


def test_branch_without_a_head_office_form_is_itself_the_legal_form() -> None:
    name = parse_legal_name("某某科技金华分公司")
    assert (name.region, name.core, name.industry, name.legal_form) == (
        "金华",
        "某某",
        "科技",
        "分公司",
    )


def test_partnership_form_keeps_its_bracket() -> None:
    name = parse_legal_name("金华某某股权投资合伙企业（有限合伙）")
    assert name.legal_form == "合伙企业(有限合伙)"
    assert (name.region, name.core, name.industry) == ("金华", "某某", "股权投资")


def test_parent_group_named_first_is_its_own_part() -> None:
    name = parse_legal_name("攀钢集团四川长城特殊钢股份有限公司")
    assert name.group == "攀钢集团"
    assert name.region == "四川"


def test_place_name_followed_by_a_generic_word_is_a_trade_name() -> None:
    assert parse_legal_name("宁德时代新能源科技股份有限公司").core == "宁德时代"


def test_sequence_puts_the_parts_back_in_canonical_order() -> None:
    name = parse_legal_name("新月能源石家庄公司")
    assert name.region == "石家庄"
    assert name.sequence == "石家庄新月能源公司"


def test_english_name_splits_off_its_legal_form() -> None:
    name = parse_legal_name("Contemporary Amperex Technology Co., Limited")
    assert name.is_latin
    assert (name.core, name.legal_form) == ("contemporary amperex technology", "co limited")


def test_traditional_and_full_width_parse_like_simplified() -> None:
    assert parse_legal_name("寧德時代新能源科技股份有限公司").core == "宁德时代"
