"""The registry side: enterprise records indexed for fast candidate generation and scoring.

Matching a query never scans the registry. Candidates come from (1) exact lookups of every
name's equality key and trade name (core), and (2) the skip-bigram postings of
:mod:`.postings`, read rarest first within a budget and ranked by the rarity of the pairs
they share with the query (summed in numpy); only the best fifty, and of those only the ones
with at least 30% of the best one's evidence, are scored in full. While records are added the
index also learns group prefixes and descriptor endings of trade names from the registry
itself (:mod:`.vocabulary`). Records keep just their legal name, aliases, region code and the
part lengths of their parsed legal name (:mod:`.shapes`), so memory grows with the text of
the registry, not with Python objects per part. :meth:`NameIndex.save` writes it all to one
file that :meth:`NameIndex.load` reads back in seconds (:mod:`.store`).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .contraction import DEFAULT_WEIGHTS, ContractionWeights
from .legalname import LegalName, parse_legal_name
from .normalize import normalize
from .postings import WINDOW, PairPostings, pair_keys, text_key
from .query import Query, Reading, parse_query, strip_listing_marks
from .regions import code_prefix
from .result import Candidate, MatchResult, Reason, Thresholds
from .scoring import DEFAULT_ADJUSTMENTS, Adjustments, Scored, Target, name_key, score_record
from .shapes import ShapeTable
from .store import load_index, save_index
from .vocabulary import Vocabulary

_MIN_CORE_KEY = 2  # a one-character trade name is too common to be a lookup key
_SHORT_QUERY = 16
# Records sharing less than this share of the best record's pair evidence are not scored:
# they lack most of what makes the query distinctive.
_WEIGHT_FLOOR = 0.3


@dataclass(frozen=True, slots=True)
class EnterpriseRecord:
    """One registry entry: an id, the legal name, other names it goes by, its region code."""

    record_id: Hashable
    legal_name: str
    aliases: tuple[str, ...] = ()  # short names, brands, English names, former names
    region_code: str | None = None  # GB/T 2260, e.g. "330702"; any level


class NameIndex:
    """Enterprise names indexed for matching typed names (short, old, English) to records."""

    def __init__(
        self,
        records: Iterable[EnterpriseRecord] = (),
        *,
        thresholds: Thresholds | None = None,
        weights: ContractionWeights | None = None,
        adjustments: Adjustments | None = None,
        max_candidates: int = 50,
        max_postings: int = 5_000,
        postings_budget: int = 20_000,
        cache_size: int = 50_000,
    ) -> None:
        """Index *records*.

        ``max_candidates``: records scored in full per query (the rest are ranked out by
        shared character pairs). ``max_postings``: a pair shared by more records than this is
        only read when nothing rarer matched (中国, 科技 in a registry of millions).
        ``postings_budget``: pairs are read rarest first until this many postings have been
        read (a full legal name has dozens of pairs; its rarest ones already find it).
        ``cache_size``: parsed records kept between queries.
        """
        self.thresholds = thresholds or Thresholds()
        self.weights = weights or DEFAULT_WEIGHTS
        self.adjustments = adjustments or DEFAULT_ADJUSTMENTS
        self._max_candidates = max_candidates
        self._max_postings = max_postings
        self._postings_budget = postings_budget
        self._cache_size = cache_size
        self._ids: list[Hashable] = []
        self._names: list[str] = []
        self._region_ids = array("I")  # per record, a number into self._shapes.codes
        self._aliases: dict[int, list[tuple[str, Reason]]] = {}
        self._number: dict[Hashable, int] = {}
        self._exact = PairPostings()  # text_key(name key or core) → records
        self._postings = PairPostings()  # character pairs → records
        self._targets: dict[int, tuple[int, tuple[Target, ...]]] = {}  # (aliases, targets)
        self._shapes = ShapeTable()  # parsed legal names, rebuilt without parsing
        self.vocabulary = Vocabulary()
        for record in records:
            self.add(record)
        self._exact.freeze()
        self._postings.freeze()

    def save(self, path: Path) -> None:
        """Write the index to *path* (see :mod:`.store`); record ids must be int or str."""
        save_index(self, path)

    @classmethod
    def load(cls, path: Path, **options: Any) -> NameIndex:
        """Read an index :meth:`save` wrote; *options* as for the constructor.

        Raises :class:`~devzone.matching.store.StaleIndex` when the file was built by other
        rules, and ``OSError`` when it cannot be read.
        """
        return load_index(path, **options)

    def __len__(self) -> int:
        """Number of records."""
        return len(self._ids)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._number

    def add(self, record: EnterpriseRecord) -> None:
        """Add one record; its id must be new."""
        if record.record_id in self._number:
            raise ValueError(f"duplicate record id: {record.record_id!r}")
        number = len(self._ids)
        self._number[record.record_id] = number
        self._ids.append(record.record_id)
        self._names.append(record.legal_name)
        code = record.region_code
        self._region_ids.append(self._shapes.codes.intern((code_prefix(code),) if code else ()))
        for alias in record.aliases:
            self._aliases.setdefault(number, []).append((alias, Reason.ALIAS))
        legal = parse_legal_name(record.legal_name)
        self._shapes.append(legal)
        targets = self._build_targets(number, legal)  # not cached: most records are never
        # a candidate, and a parsed name costs far more memory than its text
        self.vocabulary.count(targets[0].parsed)
        self._index_targets(number, targets)

    def add_alias(self, record_id: Hashable, alias: str, *, confirmed: bool = True) -> None:
        """Remember another name for a record; a person's confirmation makes it win next time."""
        number = self._number.get(record_id)
        if number is None:
            raise KeyError(f"unknown record id: {record_id!r}")
        reason = Reason.CONFIRMED_ALIAS if confirmed else Reason.ALIAS
        self._aliases.setdefault(number, []).append((alias, reason))
        self._index_targets(number, (Target(alias_name(alias), reason),))

    def seal(self) -> None:
        """Sort what was added since the index was built or read into its postings.

        Queries do it themselves when they find additions pending; a writer that adds to an
        index other threads are querying calls it after adding, so that no query has to.
        """
        self._exact.segments()
        self._postings.segments()

    def match(self, query: str, *, limit: int = 5) -> MatchResult:
        """The best *limit* candidates for *query* and the decision on the best one."""
        parsed = parse_query(query)
        scored = sorted(self._score(parsed), key=lambda item: (-item[0].rank_score, item[1]))
        candidates = tuple(
            Candidate(
                self._ids[number],
                self._names[number],
                s.score,
                s.reason,
                s.matched_text,
                s.rank_score,
            )
            for s, number in scored[: max(limit, 0)]
        )
        best = scored[0][0].rank_score if scored else None
        runner_up = scored[1][0].rank_score if len(scored) > 1 else None
        return MatchResult(query, self.thresholds.decide(best, runner_up), candidates)

    def match_many(self, queries: Iterable[str], *, limit: int = 5) -> list[MatchResult]:
        """Match each query in turn; a name repeated in the batch is matched once."""
        done: dict[str, MatchResult] = {}
        results = []
        for query in queries:
            if query not in done:
                done[query] = self.match(query, limit=limit)
            results.append(done[query])
        return results

    def _score(self, query: Query) -> list[tuple[Scored, int]]:
        """(Scored, record number) for every candidate with a positive score."""
        scored = []
        for number in self._candidates(query):
            targets = self._record_targets(number)
            result = score_record(
                query, targets, self._region_codes(number), self.weights, self.adjustments
            )
            if result.rank_score > 0:
                scored.append((result, number))
        return scored

    def _candidates(self, query: Query) -> set[int]:
        """Exact-key hits plus the records sharing the rarest character pairs with the query."""
        found: set[int] = set()
        keys: set[int] = set()
        for reading in query.readings:
            for text in (name_key(reading.parsed), reading.parsed.core, reading.text):
                found.update(self._exact_hits(text))
            keyed = _query_keyed_text(reading)
            keys |= pair_keys(keyed, window=_query_window(keyed))
        return found | self._pair_candidates(keys)

    def _exact_hits(self, text: str) -> list[int]:
        """Records filed under an exact key (a hash: scoring verifies the text itself)."""
        return self._exact.get(text_key(text)).tolist() if len(text) >= _MIN_CORE_KEY else []

    def _pair_candidates(self, keys: set[int]) -> set[int]:
        """Top records by summed rarity (log inverse frequency) of the pairs they share.

        The sums run in numpy over the posting arrays: a query's pairs can point to tens of
        thousands of records in a registry of millions.
        """
        wanted = np.fromiter(keys, dtype=np.int64, count=len(keys))
        sizes = self._postings.sizes(wanted)
        total = len(self._ids) + 1
        lists: list[np.ndarray] = []
        rarities: list[float] = []
        read = 0
        for slot in np.lexsort((wanted, sizes)):  # rarest first
            size = int(sizes[slot])
            if size == 0:
                continue
            if lists and (size > self._max_postings or read + size > self._postings_budget):
                break
            lists.append(self._postings.get(int(wanted[slot])))
            rarities.append(math.log(total / size) + 1.0)
            read += size
        if not lists:
            return set()
        numbers, inverse = np.unique(np.concatenate(lists), return_inverse=True)
        sums = np.bincount(inverse, weights=np.repeat(rarities, [len(a) for a in lists]))
        top = np.arange(len(sums))
        if len(sums) > self._max_candidates:  # the k-th best sum, ties included
            kth = np.partition(sums, len(sums) - self._max_candidates)[-self._max_candidates]
            top = np.flatnonzero(sums >= kth)
        ordered = top[np.lexsort((numbers[top], -sums[top]))][: self._max_candidates]
        floor = sums[ordered[0]] * _WEIGHT_FLOOR
        return {int(numbers[i]) for i in ordered if sums[i] >= floor}

    def _region_codes(self, number: int) -> tuple[str, ...]:
        """The region code the registry gives a record (as a comparable prefix), if any."""
        return self._shapes.codes.values[self._region_ids[number]]

    def _build_targets(self, number: int, legal: LegalName | None = None) -> tuple[Target, ...]:
        """All names of a record, parsed: legal name, its bracketed former name, aliases."""
        if legal is None:
            name = self._names[number]
            legal = self._shapes.rebuild(number, name) or parse_legal_name(name)
        vocabulary = self.vocabulary
        targets = [Target(legal, Reason.LEGAL_NAME, vocabulary)]
        if legal.former_name:
            former = parse_legal_name(legal.former_name)
            targets.append(Target(former, Reason.FORMER_NAME, vocabulary))
        for alias, reason in self._aliases.get(number, ()):
            targets.append(Target(alias_name(alias), reason, vocabulary))
        return tuple(targets)

    def _record_targets(self, number: int) -> tuple[Target, ...]:
        """Cached parsed names of a record (rebuilt after eviction or a new alias).

        Each entry remembers how many aliases it was built with: an entry a query built on
        another thread while :meth:`add_alias` ran is then rebuilt, never kept stale.
        """
        aliases = len(self._aliases.get(number, ()))
        cached = self._targets.get(number)
        if cached is not None and cached[0] == aliases:
            return cached[1]
        if len(self._targets) >= self._cache_size:
            self._targets.clear()
        built = self._build_targets(number)
        self._targets[number] = (aliases, built)
        return built

    def _index_targets(self, number: int, targets: Iterable[Target]) -> None:
        """File a record under each target's exact keys and character pairs, once each."""
        exact: set[int] = set()
        pairs: set[int] = set()
        for target in targets:
            parsed = target.parsed
            exact.update(
                text_key(key)
                for key in (name_key(parsed), parsed.core)
                if len(key) >= _MIN_CORE_KEY
            )
            pairs |= pair_keys(_indexed_text(parsed), anchors=_anchors(parsed))
        self._exact.add(number, exact)
        self._postings.add(number, pairs)


def alias_name(alias: str) -> LegalName:
    """An alias parsed as a query reads it: a confirmed "*ST大洲" is filed as 大洲, which is
    what the same name typed again is looked up and compared by."""
    text, _marks = strip_listing_marks(normalize(alias))
    return parse_legal_name(text or alias)


def _query_window(text: str) -> int | None:
    """All pairs of a short query; a long one (a full legal name) keeps its pairs close."""
    return None if len(text) <= _SHORT_QUERY else 2 * WINDOW


def _query_keyed_text(reading: Reading) -> str:
    """What a query is keyed by: its body, as names are (a legal form's 集团, 股份 would
    only find names whose *body* holds those characters, such as other groups)."""
    parsed = reading.parsed
    if parsed.is_latin or len(parsed.body) < _MIN_CORE_KEY:
        return reading.text
    return parsed.body


def _anchors(parsed: LegalName) -> tuple[int, ...]:
    """Where the body, its region and its trade name start: short names keep these initials."""
    starts = {0, len(parsed.group), len(parsed.group) + len(parsed.region)}
    return tuple(sorted(start for start in starts if start < len(parsed.body)))


def _indexed_text(parsed: LegalName) -> str:
    """What goes into the pair postings: the body for Chinese names, the words for English."""
    return parsed.core if parsed.is_latin else parsed.body
