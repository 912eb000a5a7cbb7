"""Measure the matcher on labelled (typed name → legal name) pairs.

Shared by ``scripts/eval_matching.py`` and the ``shared_data`` test, so the number the test
asserts is the number the script prints. The data files live outside the repository
(``devzone.core.paths.shared_data_dir()``); nothing here ships them.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .assignment import assign_distinct
from .index import EnterpriseRecord, NameIndex
from .legalname import parse_legal_name
from .normalize import normalize
from .query import strip_listing_marks
from .result import Decision, MatchResult, Thresholds

CHAIN_COMPANIES = Path("chains") / "company.jsonl"
NAME_BRAND = Path("companies") / "name_brand_groundtruth.txt"
CANDIDATES = 10  # candidates asked for per query: where the expected name ranks, ties


@dataclass(frozen=True, slots=True)
class LabelledQuery:
    """A typed name and the legal name it should match; *company* identifies the company
    when the data has an identifier (a stock code), which several legal names may share."""

    query: str
    legal_name: str
    company: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the matcher said for one labelled query."""

    query: str
    expected: str
    best: str | None
    best_score: float | None
    decision: Decision
    tied: int = 1  # candidates sharing the best score (a tie is decided by registry order)
    expected_rank: int | None = None  # 1-based place of the expected name among candidates
    same_company: bool = False  # the top candidate is another legal name of the company
    taken: bool = False  # matched as a list: the expected name went to another query
    best_taken: bool = False  # matched as a list: the best went to another query (shared)

    @property
    def correct(self) -> bool:
        """The top candidate is the expected legal name, and (matched as a list) this query's."""
        return self.best == self.expected and not self.best_taken

    @property
    def correct_company(self) -> bool:
        """The top candidate is the expected company, under this or another of its names."""
        return self.correct or (self.same_company and not self.best_taken)

    @property
    def share_if_ties_random(self) -> float:
        """1 when right alone at the top, 1/k when the expected is one of k tied, else 0."""
        if self.expected_rank is None or self.expected_rank > self.tied:
            return 0.0
        return 1.0 / self.tied

    @property
    def miss_kind(self) -> str:
        """Why a miss missed: a lost tie, ranked lower, outside the candidates, or none."""
        if self.correct:
            return ""
        if self.best is None:
            return "no candidate"
        if self.taken or self.best_taken:
            return "given to another name"
        if self.expected_rank is None:
            return f"not in top {CANDIDATES}"
        return "lost a tie" if self.expected_rank <= self.tied else "ranked lower"


@dataclass(frozen=True, slots=True)
class Report:
    """Accuracy, decision quality and timing of one evaluation run."""

    name: str
    registry_size: int
    outcomes: tuple[Outcome, ...]
    build_seconds: float
    match_seconds: float
    build_cpu_seconds: float  # CPU time: steadier than wall time on a busy machine
    match_cpu_seconds: float

    @property
    def top1(self) -> float:
        """Share of queries whose best candidate is right."""
        return _share(sum(o.correct for o in self.outcomes), len(self.outcomes))

    def count(self, decision: Decision, *, correct: bool | None = None) -> int:
        """How many queries got *decision* (and were right / wrong, when asked)."""
        return sum(
            o.decision is decision and (correct is None or o.correct is correct)
            for o in self.outcomes
        )

    @property
    def top1_company(self) -> float:
        """Share of queries whose best candidate is the right company (any of its names)."""
        return _share(sum(o.correct_company for o in self.outcomes), len(self.outcomes))

    @property
    def top1_ties_random(self) -> float:
        """Top-1 if every tie at the top were broken at random (its expected value)."""
        return _share_sum(sum(o.share_if_ties_random for o in self.outcomes), len(self.outcomes))

    @property
    def ties(self) -> int:
        """Queries whose best score is shared by several candidates."""
        return sum(o.tied > 1 for o in self.outcomes)

    def subset(self, name: str, queries: set[str], *, keep: bool) -> Report:
        """The report over the outcomes whose query is (``keep``) or is not in *queries*."""
        outcomes = tuple(o for o in self.outcomes if (o.query in queries) is keep)
        return dataclasses.replace(self, name=name, outcomes=outcomes)

    def shared_labels(self) -> set[str]:
        """Query texts labelled with more than one legal name in the data itself.

        At most one of a shared label's queries can be right, so they are reported apart
        rather than dropped.
        """
        counts = Counter(outcome.query for outcome in self.outcomes)
        return {query for query, count in counts.items() if count > 1}

    @property
    def matched_precision(self) -> float:
        """Of the queries decided "matched", the share whose best candidate is right."""
        matched = self.count(Decision.MATCHED)
        return _share(self.count(Decision.MATCHED, correct=True), matched)

    @property
    def misses(self) -> tuple[Outcome, ...]:
        """Queries whose best candidate is wrong (or missing)."""
        return tuple(o for o in self.outcomes if not o.correct)

    @property
    def ms_per_query(self) -> float:
        """Mean matching (wall) time per query in milliseconds."""
        return 1000.0 * self.match_seconds / max(len(self.outcomes), 1)

    @property
    def cpu_ms_per_query(self) -> float:
        """Mean matching CPU time per query in milliseconds."""
        return 1000.0 * self.match_cpu_seconds / max(len(self.outcomes), 1)


_FORM_CHARACTERS = frozenset("股份有限责任公司集团控股")


def shares_nothing(query: str, legal_name: str) -> bool:
    """The label's legal name has none of the query's characters beyond legal-form words:
    a company renamed since (贤丰控股 → 广东蓉胜超微线材) or a wrong label (龙软科技 →
    中国建设银行). No matcher can find it by the name alone."""
    text = strip_listing_marks(normalize(query))[0]
    legal = normalize(legal_name)
    return not any(char in legal for char in text if char not in _FORM_CHARACTERS)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _share_sum(part: float, whole: int) -> float:
    return part / whole if whole else 0.0


def load_chain_companies(path: Path) -> list[LabelledQuery]:
    """Listed companies: short name (``name``) → legal name (``fullname``), one JSON a line;
    the stock code (``code``) identifies the company, whose former and current legal names
    the data may both list."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [LabelledQuery(row["name"], row["fullname"], str(row.get("code") or "")) for row in rows]


def load_name_brand(path: Path) -> tuple[list[str], list[LabelledQuery]]:
    """Legal names, and (brand → legal name) for the lines that carry a brand."""
    names: list[str] = []
    labelled: list[LabelledQuery] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            continue
        names.append(parts[0])
        if len(parts) > 1:
            labelled.append(LabelledQuery(parts[1], parts[0]))
    return names, labelled


def evaluate(
    name: str,
    legal_names: Iterable[str],
    labelled: list[LabelledQuery],
    thresholds: Thresholds | None = None,
    *,
    distinct: bool = False,
) -> Report:
    """Build a registry of *legal_names* (no aliases) and match every labelled query; with
    *distinct*, match the queries as one list of different enterprises (``assign_distinct``).

    The once-per-process loading of the region lexicon and the opencc tables happens before
    the clock starts: it is not part of building a registry.
    """
    parse_legal_name("浙江省金华市某某科技有限公司")
    clock = _Clock()
    records = (EnterpriseRecord(i, legal) for i, legal in enumerate(dict.fromkeys(legal_names)))
    index = NameIndex(records, thresholds=thresholds)
    build_wall, build_cpu = clock.lap()
    results = index.match_many((item.query for item in labelled), limit=CANDIDATES)
    if distinct:
        results = assign_distinct(results, index.thresholds, limit=CANDIDATES)
    match_wall, match_cpu = clock.lap()
    company_of = {item.legal_name: item.company for item in labelled if item.company}
    outcomes = tuple(
        _outcome(item, result, company_of) for item, result in zip(labelled, results, strict=True)
    )
    return Report(name, len(index), outcomes, build_wall, match_wall, build_cpu, match_cpu)


def _outcome(item: LabelledQuery, result: MatchResult, company_of: dict[str, str]) -> Outcome:
    names = [  # a candidate another query took is not in the running (unless it is the best)
        candidate.legal_name
        for place, candidate in enumerate(result.candidates)
        if place == 0 or not candidate.taken_by
    ]
    rank = names.index(item.legal_name) + 1 if item.legal_name in names else None
    taken = rank is None and any(
        c.legal_name == item.legal_name and c.taken_by for c in result.candidates
    )
    best = result.best
    same_company = bool(
        best
        and best.legal_name != item.legal_name
        and item.company
        and company_of.get(best.legal_name) == item.company
    )
    return Outcome(
        item.query,
        item.legal_name,
        best.legal_name if best else None,
        best.score if best else None,
        result.decision,
        result.tied,
        rank,
        same_company,
        taken,
        bool(best and best.taken_by),
    )


class _Clock:
    """Wall and CPU time since the previous lap."""

    def __init__(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        elapsed = (wall - self._wall, cpu - self._cpu)
        self._wall, self._cpu = wall, cpu
        return elapsed


def evaluate_chain_companies(
    data_dir: Path, thresholds: Thresholds | None = None, *, distinct: bool = False
) -> Report:
    """Evaluation (a): 4,654 listed companies' short names against their legal names; with
    *distinct*, the short names matched as one list (each names a different company)."""
    labelled = load_chain_companies(data_dir / CHAIN_COMPANIES)
    legal = [item.legal_name for item in labelled]
    name = "listed companies: as one list" if distinct else "listed companies: short name"
    return evaluate(name, legal, labelled, thresholds, distinct=distinct)


def evaluate_name_brand(data_dir: Path, thresholds: Thresholds | None = None) -> Report:
    """Evaluation (b): 500 legal names, each brand matched back to its legal name."""
    names, labelled = load_name_brand(data_dir / NAME_BRAND)
    return evaluate("name/brand ground truth: brand", names, labelled, thresholds)


def core_agreement(data_dir: Path) -> float:
    """Share of (b)'s legal names whose parsed trade name equals the labelled brand."""
    _, labelled = load_name_brand(data_dir / NAME_BRAND)
    hits = sum(parse_legal_name(item.legal_name).core == item.query for item in labelled)
    return _share(hits, len(labelled))
