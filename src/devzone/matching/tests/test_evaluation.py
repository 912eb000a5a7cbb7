"""How an evaluation counts, and evaluation (a) on the real listed-company data.

The registry holds the 4,654 legal names only; each stock short name must find its company.
82 of the short names carry a label the data gives to several legal names (33 labels), so at
most 33 of those 82 can be right: they are reported apart, not dropped. On the other 4,572 the
engine reaches 0.9687 (the project's goal is 0.97). 131 of them are ties (科思股份: 南京科思化学
or 深圳市科思科技?) that the score does not decide, ordered by registry order and always sent
to review; most other misses are renamed or backdoor-listed companies whose short name shares
nothing with the legal name. Matched as one list of different companies (``devzone match
--distinct``), where the list decides between candidates scored alike, top-1 is 0.9725 on all
pairs and 0.9836 on the 4,572 (a name whose best another name took counts as a miss). The
floors below are what the engine reaches (a drop below them is a regression).
"""

from __future__ import annotations

import pytest

from devzone.core.paths import shared_data_dir
from devzone.matching import Decision, EnterpriseRecord, NameIndex
from devzone.matching.evaluation import (
    CHAIN_COMPANIES,
    LabelledQuery,
    Outcome,
    Report,
    evaluate,
    evaluate_chain_companies,
    shares_nothing,
)

TOP1_FLOOR = 0.9575  # all pairs, shared labels included
COMPANY_TOP1_FLOOR = 0.964  # the right company under any of its legal names
UNIQUE_TOP1_FLOOR = 0.968  # pairs whose label names one legal name (the project's goal: 0.97)
PRECISION_GOAL = 0.99  # of the queries decided "matched"
LIST_TOP1_FLOOR = 0.972  # all pairs, matched as one list of different companies
LIST_UNIQUE_TOP1_FLOOR = 0.983


def _outcome(query: str, expected: str, ranked: list[str], tied: int = 1) -> Outcome:
    best = ranked[0] if ranked else None
    rank = ranked.index(expected) + 1 if expected in ranked else None
    return Outcome(query, expected, best, 90.0, Decision.REVIEW, tied, rank)


def test_a_tie_counts_as_one_in_k_when_the_expected_name_is_among_the_tied() -> None:
    won = _outcome("科思股份", "南京科思化学", ["南京科思化学", "深圳市科思科技"], tied=2)
    lost = _outcome("科思股份", "深圳市科思科技", ["南京科思化学", "深圳市科思科技"], tied=2)
    ranked = ["广州白云山制药", "某某", "广州白云山医药"]
    below = _outcome("白云山", "广州白云山医药", ranked, tied=2)

    assert (won.correct, won.share_if_ties_random, won.miss_kind) == (True, 0.5, "")
    assert (lost.correct, lost.share_if_ties_random, lost.miss_kind) == (False, 0.5, "lost a tie")
    assert (below.share_if_ties_random, below.miss_kind) == (0.0, "ranked lower")


def test_misses_outside_the_candidates_say_so() -> None:
    assert _outcome("三爱富", "国新文化", []).miss_kind == "no candidate"
    assert _outcome("深赤湾A", "招商局港口", ["深圳赤湾石油"]).miss_kind == "not in top 10"


def test_a_label_given_to_several_legal_names_is_reported_apart_not_dropped() -> None:
    outcomes = (
        _outcome("奥赛康", "江苏奥赛康药业", ["江苏奥赛康药业"]),
        _outcome("奥赛康", "北京奥赛康药业", ["江苏奥赛康药业", "北京奥赛康药业"]),
        _outcome("华瓷股份", "湖南华联瓷业", ["湖南华联瓷业"]),
    )
    report = Report("test", 3, outcomes, 0.0, 0.0, 0.0, 0.0)

    shared = report.shared_labels()
    unique = report.subset("unique", shared, keep=False)
    apart = report.subset("shared", shared, keep=True)

    assert shared == {"奥赛康"}
    assert report.top1 == 2 / 3  # the first row counts every pair
    assert (unique.top1, len(unique.outcomes)) == (1.0, 1)
    assert (apart.top1, len(apart.outcomes)) == (0.5, 2)


def test_a_match_result_knows_how_many_candidates_share_the_best_score() -> None:
    index = NameIndex(
        [
            EnterpriseRecord(1, "金华市金帆贸易有限公司"),
            EnterpriseRecord(2, "丽水市金帆贸易有限公司"),
            EnterpriseRecord(3, "宁德时代新能源科技股份有限公司"),
        ]
    )
    assert index.match("金帆贸易").tied == 2
    assert index.match("金华金帆贸易").tied == 1


def test_another_legal_name_of_the_same_company_counts_for_the_company_only() -> None:
    labelled = [
        LabelledQuery("银泰资源", "银泰黄金股份有限公司", "000975"),
        LabelledQuery("贤丰控股", "贤丰控股股份有限公司", "002141"),
        LabelledQuery("阳光股份", "阳光新业地产股份有限公司", "000608"),
    ]
    registry = [
        "银泰黄金股份有限公司",
        "银泰资源股份有限公司",  # its former name, under the same stock code
        "贤丰控股股份有限公司",
        "阳光新业地产股份有限公司",
        "江苏阳光股份有限公司",  # another company
    ]
    labelled_registry = [*labelled, LabelledQuery("银泰资源", "银泰资源股份有限公司", "000975")]
    labelled_registry.append(LabelledQuery("江苏阳光", "江苏阳光股份有限公司", "600220"))

    report = evaluate("test", registry, labelled_registry)
    first = report.outcomes[0]

    assert (first.best, first.correct, first.correct_company) == (
        "银泰资源股份有限公司",
        False,
        True,
    )
    assert report.outcomes[1].correct and not report.outcomes[1].same_company
    wrong_company = report.outcomes[2]  # 阳光股份 → 江苏阳光股份有限公司, another stock
    assert (wrong_company.correct, wrong_company.correct_company) == (False, False)
    assert report.top1_company == 4 / 5 and report.top1 == 3 / 5


def test_a_label_sharing_no_character_with_the_query_is_told_apart() -> None:
    assert shares_nothing("龙软科技", "中国建设银行股份有限公司")
    assert shares_nothing("*ST南华", "广州大通资源开发股份有限公司")
    assert not shares_nothing("TCL集团", "TCL集团股份有限公司")
    assert not shares_nothing("华瓷股份", "湖南华联瓷业股份有限公司")


@pytest.fixture(scope="module")
def report() -> Report:
    """Run evaluation (a) once for the module, or skip when the data is absent."""
    path = shared_data_dir() / CHAIN_COMPANIES
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return evaluate_chain_companies(shared_data_dir())


@pytest.mark.shared_data
def test_short_names_find_their_legal_names(report: Report) -> None:
    assert report.top1 >= TOP1_FLOOR
    unique = report.subset("unique", report.shared_labels(), keep=False)
    assert len(unique.outcomes) == 4572
    assert unique.top1 >= UNIQUE_TOP1_FLOOR
    assert report.top1_company >= COMPANY_TOP1_FLOOR


@pytest.mark.shared_data
def test_matched_decisions_are_precise(report: Report) -> None:
    assert report.matched_precision >= PRECISION_GOAL


@pytest.mark.shared_data
def test_short_names_matched_as_one_list_reach_the_goal(report: Report) -> None:
    listed = evaluate_chain_companies(shared_data_dir(), distinct=True)

    assert listed.top1 >= LIST_TOP1_FLOOR > report.top1
    unique = listed.subset("unique", listed.shared_labels(), keep=False)
    assert unique.top1 >= LIST_UNIQUE_TOP1_FLOOR
    assert listed.matched_precision >= PRECISION_GOAL
    assert listed.matched_precision > report.matched_precision
