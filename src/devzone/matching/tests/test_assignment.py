"""Matching a list of different enterprises: no two names get the same record."""

from __future__ import annotations

import pytest

from devzone.matching import Decision, EnterpriseRecord, NameIndex
from devzone.matching.assignment import assign_distinct

LIVESTOCK = "新疆天山畜牧生物工程股份有限公司"
CEMENT = "新疆天山水泥股份有限公司"
SHENZHEN_KESI = "深圳市科思科技股份有限公司"
NANJING_KESI = "南京科思化学股份有限公司"
CATL = "宁德时代新能源科技股份有限公司"


@pytest.fixture(scope="module")
def index() -> NameIndex:
    names = [LIVESTOCK, CEMENT, SHENZHEN_KESI, NANJING_KESI, CATL]
    return NameIndex(EnterpriseRecord(number, name) for number, name in enumerate(names))


def _as_list(index: NameIndex, names: list[str]) -> dict[str, object]:
    results = assign_distinct([index.match(name) for name in names], index.thresholds)
    return {result.query: result for result in results}


def test_the_list_decides_a_tie_another_name_reads_more_clearly(index):
    alone = index.match("科思股份")
    assert alone.decision is Decision.REVIEW and alone.tied == 2  # the two 科思 score alike

    listed = _as_list(index, ["科思股份", "科思科技"])

    first, second = listed["科思股份"], listed["科思科技"]
    assert (first.best.legal_name, first.decision, first.tied) == (NANJING_KESI, "matched", 1)
    assert (second.best.legal_name, second.decision) == (SHENZHEN_KESI, "matched")
    taken = first.candidates[1]
    assert (taken.legal_name, taken.taken_by) == (SHENZHEN_KESI, "科思科技")


def test_the_record_goes_to_the_name_that_prefers_it_most_clearly(index):
    # 天山 scores both 天山 companies higher than 天山生物 scores its own, but cannot tell
    # them apart: 天山生物 is served first.
    listed = _as_list(index, ["天山", "天山股份", "天山生物"])

    assert listed["天山生物"].best.legal_name == LIVESTOCK
    assert listed["天山"].best.legal_name == CEMENT
    crowded_out = listed["天山股份"]  # both its candidates went to other names
    assert [c.taken_by for c in crowded_out.candidates] == ["天山生物", "天山"]
    # Nobody is "matched": 天山 read LIVESTOCK better than 天山生物 (97 > 92), and 天山生物
    # read it barely better than 天山股份 (92 against 91) — not by the margin.
    assert {result.decision for result in listed.values()} == {Decision.REVIEW}


def test_a_weak_lone_candidate_does_not_take_a_clear_match(index):
    listed = _as_list(index, ["某某天山水", "天山水泥"])

    assert listed["天山水泥"].best.legal_name == CEMENT
    assert listed["天山水泥"].decision is Decision.MATCHED


def test_a_clearly_worse_candidate_is_never_taken_instead(index):
    listed = _as_list(index, ["宁德时代新能源", "宁德时代"])

    again = listed["宁德时代"]  # the same company written twice: a person decides
    assert (again.best.legal_name, again.best.taken_by) == (CATL, "宁德时代新能源")
    assert again.decision is Decision.REVIEW
    assert listed["宁德时代新能源"].decision is Decision.MATCHED


def test_the_same_name_written_twice_is_one_name(index):
    results = assign_distinct(
        [index.match(name) for name in ("宁德时代", "寧德時代")], index.thresholds
    )

    assert [result.query for result in results] == ["宁德时代", "寧德時代"]
    assert [result.best.legal_name for result in results] == [CATL, CATL]
    assert [result.decision for result in results] == [Decision.MATCHED] * 2
    assert not any(result.best.taken_by for result in results)


def test_names_without_candidates_and_lone_names_are_left_as_they_were(index):
    names = ["完全不相干XYZ", "科思科技"]
    alone = [index.match(name) for name in names]

    assert assign_distinct(alone, index.thresholds) == alone
