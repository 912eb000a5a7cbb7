"""The small hand-written word lists in ``matching/data/``, loaded once per process.

They are plain text so a domain expert can extend them without reading code; lines starting
with ``#`` are comments. Every list is general vocabulary of Chinese enterprise names, not
something derived from evaluation data.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(filename: str) -> list[str]:
    """Non-empty, non-comment lines of a data file, stripped."""
    text = (
        resources.files(__package__).joinpath("data").joinpath(filename).read_text(encoding="utf-8")
    )
    stripped = (line.strip() for line in text.splitlines())
    return [line for line in stripped if line and not line.startswith("#")]


def _longest_first(words: list[str]) -> tuple[str, ...]:
    """Suffix lists are tried longest first so 股份有限公司 wins over 有限公司."""
    return tuple(sorted(set(words), key=lambda word: (-len(word), word)))


def _by_length(words: list[str]) -> tuple[frozenset[str], tuple[int, ...]]:
    """A word set and its word lengths, longest first: one set lookup per length."""
    return frozenset(words), tuple(sorted({len(word) for word in words}, reverse=True))


@lru_cache(maxsize=1)
def legal_forms() -> tuple[frozenset[str], tuple[int, ...]]:
    """Chinese legal forms (组织形式) and their lengths, longest first."""
    return _by_length(_lines("legal_forms.txt"))


@lru_cache(maxsize=1)
def english_legal_forms() -> tuple[frozenset[str], tuple[int, ...]]:
    """English legal forms, each with a leading space ("co ltd" → " co ltd"), by length."""
    return _by_length([" " + form for form in _lines("english_legal_forms.txt")])


@lru_cache(maxsize=1)
def zone_words() -> tuple[frozenset[str], tuple[int, ...]]:
    """Functional-area words that extend a place name (工业园区, 经济技术开发区), by length."""
    return _by_length(_lines("zone_words.txt"))


@lru_cache(maxsize=1)
def industry_words() -> frozenset[str]:
    """Industry words (行业表述) such as 科技, 新能源, 液压."""
    return frozenset(_lines("industry_words.txt"))


@lru_cache(maxsize=1)
def branch_suffixes() -> tuple[str, ...]:
    """Endings of a branch's own name (分公司, 分行, 办事处), longest first."""
    return _longest_first(_lines("branch_suffixes.txt"))


@lru_cache(maxsize=1)
def generic_trade_words() -> frozenset[str]:
    """Words that form a trade name together with a preceding place name (宁德 + 时代)."""
    return frozenset(_lines("generic_trade_words.txt"))


@lru_cache(maxsize=1)
def province_abbreviations() -> dict[str, tuple[str, ...]]:
    """One-character province abbreviations (沪, 鄂, 粤) → two-digit GB/T 2260 codes."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _lines("province_abbreviations.txt"):
        char, code = line.split()
        table[char] = (*table.get(char, ()), code)
    return table


@lru_cache(maxsize=1)
def listing_marks() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Stock-exchange marks (*ST, 退市, A/B share suffixes) as (prefixes, suffixes).

    Kept in the file's order, which is longest first within each kind.
    """
    prefixes: list[str] = []
    suffixes: list[str] = []
    for line in _lines("listing_marks.txt"):
        kind, mark = line.split()
        (prefixes if kind == "prefix" else suffixes).append(mark.lower())
    return tuple(prefixes), tuple(suffixes)
