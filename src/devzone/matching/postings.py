"""Inverted index from integer keys to records, compact enough for millions of names.

A short name is mostly a *subsequence* of the legal name (华瓷 ← 华联瓷业), so contiguous
bigrams miss it. Names are therefore keyed by "skip bigrams": every ordered pair of characters
at most :data:`WINDOW` apart in a name's body, plus pairs of the name's first character (and
its trade name's) with every later one. A query contributes all its ordered pairs, so any two
of its characters that sit close together in the legal name find it.

Keys are integers (two code points packed, a word hash for English words, or a string hash
for exact lookups). Postings grow in a dict and are sealed, every few million postings, into a
segment of three flat ``array``s (sorted keys, offsets, record numbers): about 4 bytes per
posting plus 16 per key and segment, instead of a Python list per key, and building never
holds more than one segment as Python objects.
"""

from __future__ import annotations

import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable

from .normalize import has_cjk

WINDOW = 3  # a pair spans at most 2 skipped characters: 华联瓷 → 华瓷
_WORD_FLAG = 1 << 42  # English word keys live above every packed code-point pair
SEGMENT_POSTINGS = 4_000_000  # seal the growing dict into arrays after this many postings


def pair_keys(text: str, window: int | None = WINDOW, anchors: Iterable[int] = (0,)) -> set[int]:
    """Keys of *text*: skip bigrams for Chinese (all pairs when *window* is None), words else.

    Queries pass ``window=None``: their characters are already squeezed together, so any two
    of them may be close in the legal name. Names also pair each *anchor* character (where
    the name and its trade name start) with every later one, because short names keep
    initials from afar: 中集 ← 中国国际海运集装箱.
    """
    if not has_cjk(text):
        return {_WORD_FLAG | zlib.crc32(word.encode()) for word in text.split() if word}
    points = [ord(char) for char in text if char != " "]
    size = len(points)
    span = size if window is None else window
    # One integer per ordered pair: code points fit in 21 bits.
    keys = {
        (points[i] << 21) | points[j]
        for i in range(size)
        for j in range(i + 1, min(size, i + span + 1))
    }
    for i in anchors:
        if i < size:
            keys.update((points[i] << 21) | points[j] for j in range(i + 1, size))
    return keys


def text_key(text: str) -> int:
    """Integer key of a whole string for exact lookups (stable within one process)."""
    return hash(text)


class _Segment:
    """Sealed postings: sorted keys, offsets into one flat array of record numbers."""

    __slots__ = ("keys", "records", "starts")

    def __init__(self, growing: dict[int, list[int]]) -> None:
        self.keys = array("q", sorted(growing))
        self.starts = array("q", [0])
        self.records = array("I")
        for key in self.keys:
            self.records.extend(growing[key])
            self.starts.append(len(self.records))

    def slot(self, key: int) -> int:
        """Index of *key* in ``keys``, or -1."""
        slot = bisect_left(self.keys, key)
        return slot if slot < len(self.keys) and self.keys[slot] == key else -1


class PairPostings:
    """Key → record numbers: sealed segments plus a growing dict for the newest additions."""

    def __init__(self, segment_postings: int = SEGMENT_POSTINGS) -> None:
        self._segment_postings = segment_postings
        self._segments: list[_Segment] = []
        self._growing: dict[int, list[int]] = {}
        self._pending = 0

    def add(self, record: int, keys: Iterable[int]) -> None:
        """Post *record* under each key (pass each key once per record)."""
        growing = self._growing
        for key in keys:
            found = growing.get(key)
            if found is None:
                growing[key] = [record]
            else:
                found.append(record)
            self._pending += 1
        if self._pending >= self._segment_postings:
            self.freeze()

    def freeze(self) -> None:
        """Seal what has grown into a segment of arrays (call after bulk loading)."""
        if self._growing:
            self._segments.append(_Segment(self._growing))
        self._growing, self._pending = {}, 0

    def get(self, key: int) -> array[int]:
        """Record numbers posted under *key*, oldest segment first."""
        found = array("I")
        for segment in self._segments:
            slot = segment.slot(key)
            if slot >= 0:
                found.extend(segment.records[segment.starts[slot] : segment.starts[slot + 1]])
        found.extend(self._growing.get(key, ()))
        return found

    def size(self, key: int) -> int:
        """How many records a key points to, without copying them (for rarity weights)."""
        total = len(self._growing.get(key, ()))
        for segment in self._segments:
            slot = segment.slot(key)
            if slot >= 0:
                total += segment.starts[slot + 1] - segment.starts[slot]
        return total

    def key_count(self) -> int:
        """Distinct keys over segments (a key in several segments counts once per segment)."""
        return sum(len(segment.keys) for segment in self._segments) + len(self._growing)

    def posting_count(self) -> int:
        """Total number of postings."""
        sealed = sum(len(segment.records) for segment in self._segments)
        return sealed + sum(map(len, self._growing.values()))
