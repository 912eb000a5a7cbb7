"""Words learned from the registry itself: parent-group prefixes and descriptor endings.

The hand-written lists in ``data/`` know the common industry words (科技, 液压) but not the
long tail (商厦, 特钢, 水业), nor which trade names open a family of names (北方华锦, 北方光电,
北方联合出版 …: 北方 is a group, 华锦 the company). A registry shows both by itself: a word
that closes the trade names of many different enterprises is a descriptor, and a word that
opens many different ones is a group or brand family. Both are counted while names are
added, and the labels of :mod:`.contraction` use them to place word starts, so a short name
starting at 华 of 北方华锦 reads as starting a word.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .legalname import LegalName

_SIZES = (3, 2)  # word lengths tried, longest first
_MIN_REST = 2  # the trade name keeps at least two characters of its own
MIN_NAMES = 3  # names a word must open (or close) to count as learned


@dataclass(slots=True)
class Vocabulary:
    """Counts of trade-name openings and endings, and the words they make frequent."""

    min_names: int = MIN_NAMES
    _heads: Counter[str] = field(default_factory=Counter)
    _tails: Counter[str] = field(default_factory=Counter)

    def count(self, name: LegalName) -> None:
        """Count the openings and endings of *name*'s trade name (Chinese names only)."""
        core = name.core
        if name.is_latin:
            return
        for size in _SIZES:
            if len(core) - size >= _MIN_REST:
                self._heads[core[:size]] += 1
                self._tails[core[-size:]] += 1
        if len(core) == _SIZES[0] and name.industry:  # 中节能 + 太阳能: a family's own name
            self._heads[core] += 1

    def split(self, core: str) -> tuple[str, str, str]:
        """(group prefix, own trade name, descriptor ending) of a parsed trade name."""
        head = self._learned(core, self._heads, at_start=True)
        rest = core[len(head) :]
        tail = self._learned(rest, self._tails, at_start=False)
        return head, rest[: len(rest) - len(tail)], tail

    def _learned(self, text: str, counts: Counter[str], *, at_start: bool) -> str:
        """The longest learned word opening (or closing) *text* that leaves a name."""
        for size in _SIZES:
            if len(text) - size < _MIN_REST:
                continue
            word = text[:size] if at_start else text[-size:]
            if counts.get(word, 0) >= self.min_names:
                return word
        return ""

    def counts(self) -> tuple[Counter[str], Counter[str]]:
        """(openings, endings) counted so far, for writing an index to disk."""
        return self._heads, self._tails

    @classmethod
    def from_counts(cls, heads: Counter[str], tails: Counter[str]) -> Vocabulary:
        """A vocabulary with the counts :meth:`counts` returned (an index read from disk)."""
        return cls(_heads=heads, _tails=tails)
