"""NameIndex.match(): short names, variants, decisions, confirmations."""

from __future__ import annotations

import pytest

from devzone.matching import Decision, EnterpriseRecord, NameIndex, Reason, Thresholds


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("宁德时代", "catl"),  # the trade name
        ("寧德時代", "catl"),  # traditional characters
        ("ＣＡＴＬ", "catl"),  # full-width English alias
        ("contemporary amperex technology co., ltd.", "catl"),  # "Co., Ltd." ≈ "Limited"
        ("邵阳液压", "shaoyang"),  # region + industry, trade name left out
        ("华瓷股份", "hualian"),  # scattered characters + the legal form's 股份
        ("数码科技", "sumavision"),  # trade-name start + industry, not 天地数码科技
        ("浦发银行", "spdb"),  # 浦东发展 → 浦发
        ("沪农商行", "shnsh"),  # province abbreviation 沪 = 上海
        ("常熟开关厂", "changshu"),  # the bracketed former name
        ("*ST华联瓷业", "hualian"),  # listing marks set aside
    ],
)
def test_typed_names_find_their_enterprise(index: NameIndex, typed: str, expected: str) -> None:
    result = index.match(typed)
    assert result.best is not None
    assert result.best.record_id == expected


def test_exact_legal_name_is_matched_with_full_score(index: NameIndex) -> None:
    result = index.match("宁德时代新能源科技股份有限公司")
    assert result.decision is Decision.MATCHED
    assert result.best is not None and result.best.score == 100.0
    assert result.best.reason is Reason.LEGAL_NAME


def test_a_branch_query_prefers_the_branch_and_a_plain_name_the_head_office(
    index: NameIndex,
) -> None:
    branch = index.match("浙江吉利控股集团有限公司金华分公司").best
    head = index.match("浙江吉利控股集团有限公司").best
    assert branch is not None and branch.record_id == "geely-jh"
    assert head is not None and head.record_id == "geely"


def test_region_in_the_query_decides_between_same_trade_names(index: NameIndex) -> None:
    result = index.match("金华金帆贸易")
    assert result.best is not None and result.best.record_id == "jinhua-a"
    assert result.runner_up is not None and result.runner_up.record_id == "lishui-a"


def test_same_trade_name_without_region_goes_to_review(index: NameIndex) -> None:
    result = index.match("金帆贸易")
    assert result.decision is Decision.REVIEW
    assert {c.record_id for c in result.candidates[:2]} == {"jinhua-a", "lishui-a"}


def test_unrelated_name_finds_nothing(index: NameIndex) -> None:
    result = index.match("腾讯")
    assert result.decision is Decision.NONE
    assert result.best is None


def test_a_confirmed_alias_wins_next_time(index: NameIndex) -> None:
    before = index.match("金帆")
    assert before.decision is Decision.REVIEW
    index.add_alias("lishui-a", "金帆")
    after = index.match("金帆")
    assert after.decision is Decision.MATCHED
    assert after.best is not None and after.best.record_id == "lishui-a"
    assert after.best.reason is Reason.CONFIRMED_ALIAS


def test_an_alias_never_seen_in_the_legal_name_is_found_after_confirmation(
    index: NameIndex,
) -> None:
    assert index.match("三六零").best is None
    index.add_alias("hengli", "三六零")
    best = index.match("三六零").best
    assert best is not None and best.record_id == "hengli"


@pytest.mark.parametrize("typed", ["*ST金帆", "ST金帆", "金帆B", "金帆退"])
def test_a_confirmed_name_with_listing_marks_wins_next_time(index: NameIndex, typed: str) -> None:
    """The alias is filed as the name is read when typed again: marks set aside."""
    assert index.match(typed).decision is Decision.REVIEW
    index.add_alias("lishui-a", typed)
    after = index.match(typed)
    assert after.decision is Decision.MATCHED
    assert after.best is not None and after.best.record_id == "lishui-a"
    assert after.best.reason is Reason.CONFIRMED_ALIAS


def test_results_are_deterministic_and_ties_break_by_insertion_order() -> None:
    records = [
        EnterpriseRecord("b", "北京金帆科技有限公司"),
        EnterpriseRecord("a", "天津金帆科技有限公司"),
    ]
    first = NameIndex(records).match("金帆科技")
    second = NameIndex(records).match("金帆科技")
    assert first == second
    assert [c.record_id for c in first.candidates] == ["b", "a"]
    assert first.decision is Decision.REVIEW


def test_match_many_matches_each_query_in_order(index: NameIndex) -> None:
    results = index.match_many(["宁德时代", "邵阳液压", "宁德时代"])
    assert [r.best.record_id for r in results if r.best] == ["catl", "shaoyang", "catl"]


def test_limit_caps_the_candidates(index: NameIndex) -> None:
    assert len(index.match("农村商业银行", limit=1).candidates) == 1


def test_alias_for_an_unknown_record_is_refused(index: NameIndex) -> None:
    with pytest.raises(KeyError, match="unknown record id"):
        index.add_alias("nobody", "某某")


def test_a_long_query_is_matched_too(index: NameIndex) -> None:
    best = index.match("浙江省金华市婺城区金帆贸易有限公司（原金华金帆商行）").best
    assert best is not None and best.record_id == "jinhua-a"


def test_duplicate_record_id_is_refused(index: NameIndex) -> None:
    with pytest.raises(ValueError, match="duplicate record id"):
        index.add(EnterpriseRecord("catl", "另一家公司"))


def test_records_added_after_building_are_found(index: NameIndex) -> None:
    index.add(EnterpriseRecord("new", "金华开发区新兴科技有限公司"))
    best = index.match("新兴科技").best
    assert best is not None and best.record_id == "new"


def test_thresholds_decide_with_a_margin() -> None:
    rule = Thresholds(match=80, review=50, margin=5)
    assert rule.decide(90, 80) is Decision.MATCHED
    assert rule.decide(90, 87) is Decision.REVIEW
    assert rule.decide(70, None) is Decision.REVIEW
    assert rule.decide(40, None) is Decision.NONE
    assert rule.decide(None, None) is Decision.NONE


def test_a_short_names_legal_form_does_not_crowd_out_its_candidates() -> None:
    """广汽集团 is keyed by 广汽 alone: names whose own body holds 集团 (a parent group) must
    not outrank the one that shares the trade name with it."""
    groups = [
        f"广州{place}集团{own}股份有限公司"
        for place, own in (("岭南", "酒店"), ("港务", "物流"), ("建筑", "装饰"), ("轻工", "纸业"))
    ]
    records = [EnterpriseRecord(i, name) for i, name in enumerate(groups)]
    records.append(EnterpriseRecord("gac", "广州汽车集团股份有限公司"))

    result = NameIndex(records, max_candidates=2).match("广汽集团")

    assert result.best is not None and result.best.record_id == "gac"


def test_the_rarest_pairs_alone_find_a_full_name_when_few_postings_may_be_read() -> None:
    records = [
        EnterpriseRecord(i, f"浙江金华金帆{n}贸易有限公司") for i, n in enumerate("一二三四五")
    ]
    records.append(EnterpriseRecord("catl", "宁德时代新能源科技股份有限公司"))

    index = NameIndex(records, postings_budget=1)  # only the rarest pair's list is read

    assert index.match("宁德时代新能源科技").best.record_id == "catl"
    assert index.match("浙江金华金帆三贸易").best.record_id == 2
