"""Inverted index from integer keys to records, compact enough for millions of names.

A short name is mostly a *subsequence* of the legal name (华瓷 ← 华联瓷业), so contiguous
bigrams miss it. Names are therefore keyed by "skip bigrams": every ordered pair of characters
at most :data:`WINDOW` apart in a name's body, plus pairs of the name's first character (and
its trade name's) with every later one. A query contributes all its ordered pairs, so any two
of its characters that sit close together in the legal name find it.

Keys are integers (two code points packed, a word hash for English words, or a string hash
for exact lookups), all stable across processes so an index can be written to disk. Postings
are appended to flat arrays and sealed into segments of three numpy arrays (sorted keys,
offsets, record numbers), merged into one when loading ends: about 4 bytes per posting plus
16 per key, instead of a Python list per key, and a query looks all its keys up at once.
"""

from __future__ import annotations

import hashlib
import zlib
from array import array
from collections.abc import Iterable
from itertools import repeat

import numpy as np

from .normalize import has_cjk

WINDOW = 3  # a pair spans at most 2 skipped characters: 华联瓷 → 华瓷
_WORD_FLAG = 1 << 42  # English word keys live above every packed code-point pair
SEGMENT_POSTINGS = 4_000_000  # seal pending additions into a sorted segment after this many
_MAX_SEGMENTS = 8  # more sealed segments than this are merged into one


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
    """Integer key of a whole string for exact lookups, the same in every process (so an
    index written to disk can be read back): 63 bits of BLAKE2b."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


class Segment:
    """Sealed postings: sorted distinct keys, offsets into one flat array of record numbers."""

    __slots__ = ("keys", "records", "starts")

    def __init__(self, keys: np.ndarray, starts: np.ndarray, records: np.ndarray) -> None:
        self.keys = keys  # int64, sorted, distinct
        self.starts = starts  # int64, len(keys) + 1
        self.records = records  # uint32, each key's records in the order they were added

    @classmethod
    def seal(cls, keys: np.ndarray, records: np.ndarray) -> Segment:
        """Group (key, record) pairs by key; a key's records keep their order."""
        order = np.argsort(keys, kind="stable")
        keys, records = keys[order], records[order]
        firsts = np.flatnonzero(np.diff(keys)) + 1 if len(keys) else np.empty(0, np.int64)
        starts = np.concatenate(([0], firsts, [len(keys)])).astype(np.int64)
        distinct = keys[starts[:-1]] if len(keys) else keys
        return cls(distinct, starts, records)

    @classmethod
    def merge(cls, segments: list[Segment]) -> Segment:
        """One segment holding all of *segments* (older first within each key).

        Each segment's runs are copied into place one segment at a time, so memory beyond
        the result stays near one segment's postings rather than all of them.
        """
        keys = np.unique(np.concatenate([segment.keys for segment in segments]))
        counts = np.zeros(len(keys), dtype=np.int64)
        slots = []
        for segment in segments:
            slot = np.searchsorted(keys, segment.keys)
            counts[slot] += np.diff(segment.starts)  # a key is once per segment
            slots.append(slot)
        starts = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(counts, out=starts[1:])
        records = np.empty(int(starts[-1]), dtype=np.uint32)
        filled = starts[:-1].copy()
        for segment, slot in zip(segments, slots, strict=True):
            lengths = np.diff(segment.starts)
            shift = np.repeat(filled[slot] - segment.starts[:-1], lengths)
            records[shift + np.arange(len(segment.records))] = segment.records
            filled[slot] += lengths
        return cls(keys, starts, records)

    def sizes(self, keys: np.ndarray) -> np.ndarray:
        """How many records each of *keys* points to (0 for an unknown key)."""
        if not len(self.keys):
            return np.zeros(len(keys), dtype=np.int64)
        slots = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        counts = self.starts[slots + 1] - self.starts[slots]
        return np.where(self.keys[slots] == keys, counts, 0)

    def get(self, key: int) -> np.ndarray:
        """The records of *key* (a view, not a copy)."""
        slot = int(np.searchsorted(self.keys, key))
        if slot < len(self.keys) and self.keys[slot] == key:
            return self.records[self.starts[slot] : self.starts[slot + 1]]
        return self.records[:0]


class PairPostings:
    """Key → record numbers, compact enough for tens of millions of postings.

    Additions are appended to two flat arrays (key, record) and sealed, every
    ``segment_postings`` of them or before a lookup, into a sorted :class:`Segment`;
    :meth:`freeze` merges all into one.
    """

    def __init__(self, segment_postings: int = SEGMENT_POSTINGS) -> None:
        self._segment_postings = segment_postings
        self._segments: list[Segment] = []
        self._keys = array("q")
        self._records = array("I")

    def add(self, record: int, keys: Iterable[int]) -> None:
        """Post *record* under each key (pass each key once per record)."""
        before = len(self._keys)
        self._keys.extend(keys)
        self._records.extend(repeat(record, len(self._keys) - before))
        if len(self._keys) >= self._segment_postings:
            self._seal()

    def freeze(self) -> None:
        """Seal what is pending and merge everything into one segment (after bulk loading)."""
        self._seal()
        if len(self._segments) > 1:
            self._segments = [Segment.merge(self._segments)]

    def segments(self) -> list[Segment]:
        """The sealed segments (after :meth:`freeze`, exactly one unless empty)."""
        self._seal()
        return self._segments

    def restore(self, segment: Segment) -> None:
        """Replace the contents by one sealed segment (an index read from disk)."""
        self._segments = [segment]
        self._keys, self._records = array("q"), array("I")

    def sizes(self, keys: Iterable[int]) -> np.ndarray:
        """How many records each key points to, without copying them (for rarity weights)."""
        wanted = np.fromiter(keys, dtype=np.int64)
        total = np.zeros(len(wanted), dtype=np.int64)
        for segment in self._sealed():
            total += segment.sizes(wanted)
        return total

    def get(self, key: int) -> np.ndarray:
        """Record numbers posted under *key*, in the order they were added."""
        found = [segment.get(key) for segment in self._sealed()]
        found = [records for records in found if len(records)]
        if len(found) == 1:
            return found[0]
        return np.concatenate(found) if found else np.empty(0, dtype=np.uint32)

    def size(self, key: int) -> int:
        """How many records one key points to."""
        return int(self.sizes((key,))[0])

    def key_count(self) -> int:
        """Distinct keys over segments (a key in several segments counts once per segment)."""
        return sum(len(segment.keys) for segment in self._sealed())

    def posting_count(self) -> int:
        """Total number of postings."""
        return sum(len(segment.records) for segment in self._segments) + len(self._keys)

    def _sealed(self) -> list[Segment]:
        """The segments, after sealing pending additions."""
        self._seal()
        return self._segments

    def _seal(self) -> None:
        """Sort pending additions into a segment; keep the segments few by merging all but
        the first (the bulk-loaded one) when there are too many."""
        if self._keys:
            keys, records = _as_numpy(self._keys, np.int64), _as_numpy(self._records)
            self._segments.append(Segment.seal(keys, records))
            self._keys, self._records = array("q"), array("I")
        if len(self._segments) > _MAX_SEGMENTS:
            self._segments = [self._segments[0], Segment.merge(self._segments[1:])]


def _as_numpy(values: array[int], dtype: type = np.uint32) -> np.ndarray:
    """A numpy copy of an ``array`` (the array keeps growing, so no shared buffer)."""
    return np.array(values, dtype=dtype)
