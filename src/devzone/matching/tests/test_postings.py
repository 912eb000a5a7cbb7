"""Skip-bigram keys and the compact postings store."""

from __future__ import annotations

import subprocess
import sys

from devzone.matching.postings import PairPostings, pair_keys, text_key


def test_skip_bigrams_reach_two_characters_apart() -> None:
    assert pair_keys("华瓷", window=None) <= pair_keys("华联瓷业")


def test_anchor_pairs_reach_across_the_whole_name() -> None:
    assert pair_keys("中集", window=None) <= pair_keys("中国国际海运集装箱")


def test_english_names_are_keyed_by_words() -> None:
    assert pair_keys("contemporary amperex") <= pair_keys("contemporary amperex technology")


def test_postings_survive_freezing_and_accept_later_additions() -> None:
    postings = PairPostings()
    postings.add(1, [10, 20])
    postings.add(2, [20])
    postings.freeze()
    postings.add(3, [20, 30])
    assert list(postings.get(20)) == [1, 2, 3]
    assert postings.size(30) == 1
    postings.freeze()
    assert list(postings.get(20)) == [1, 2, 3]
    assert list(postings.get(99)) == []


def test_sealed_segments_merge_keeping_each_keys_records_in_order() -> None:
    postings = PairPostings(segment_postings=3)  # seals after every few postings
    for record in range(20):
        postings.add(record, [record % 3, 100 + record % 2, 7])
    assert len(postings.segments()) > 1
    postings.freeze()
    assert len(postings.segments()) == 1
    assert list(postings.get(0)) == list(range(0, 20, 3))
    assert list(postings.get(7)) == list(range(20))
    assert list(postings.sizes([1, 100, 101, 5])) == [7, 10, 10, 0]


def test_many_small_additions_after_loading_stay_in_few_segments() -> None:
    postings = PairPostings()
    postings.add(0, [1, 2])
    postings.freeze()
    for record in range(1, 40):
        postings.add(record, [2])
        assert postings.size(2) == record + 1  # a lookup seals what is pending
    assert len(postings.segments()) <= 9
    assert list(postings.get(2)) == list(range(40))


def test_exact_keys_are_the_same_in_another_process() -> None:
    """Python's hash() of a string changes between processes; an index on disk needs not."""
    code = "from devzone.matching.postings import text_key; print(text_key('宁德时代'))"
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert int(other) == text_key("宁德时代")
    assert text_key("宁德时代") != text_key("宁德时代新能源")
