"""Skip-bigram keys and the compact postings store."""

from __future__ import annotations

from devzone.matching.postings import PairPostings, pair_keys


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
