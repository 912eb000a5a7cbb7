"""Measure the matcher on labelled (typed name → legal name) pairs.

Shared by ``scripts/eval_matching.py`` and the ``shared_data`` test, so the number the test
asserts is the number the script prints. The data files live outside the repository
(``devzone.core.paths.shared_data_dir()``); nothing here ships them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .index import EnterpriseRecord, NameIndex
from .legalname import parse_legal_name
from .result import Decision, Thresholds

CHAIN_COMPANIES = Path("chains") / "company.jsonl"
NAME_BRAND = Path("companies") / "name_brand_groundtruth.txt"


@dataclass(frozen=True, slots=True)
class LabelledQuery:
    """A typed name and the legal name it should match."""

    query: str
    legal_name: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the matcher said for one labelled query."""

    query: str
    expected: str
    best: str | None
    best_score: float | None
    decision: Decision

    @property
    def correct(self) -> bool:
        """The top candidate is the expected legal name."""
        return self.best == self.expected


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


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def load_chain_companies(path: Path) -> list[LabelledQuery]:
    """Listed companies: short name (``name``) → legal name (``fullname``), one JSON a line."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [LabelledQuery(row["name"], row["fullname"]) for row in rows]


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
) -> Report:
    """Build a registry of *legal_names* (no aliases) and match every labelled query.

    The once-per-process loading of the region lexicon and the opencc tables happens before
    the clock starts: it is not part of building a registry.
    """
    parse_legal_name("浙江省金华市某某科技有限公司")
    clock = _Clock()
    records = (EnterpriseRecord(i, legal) for i, legal in enumerate(dict.fromkeys(legal_names)))
    index = NameIndex(records, thresholds=thresholds)
    build_wall, build_cpu = clock.lap()
    results = index.match_many(item.query for item in labelled)
    match_wall, match_cpu = clock.lap()
    outcomes = tuple(
        Outcome(
            item.query,
            item.legal_name,
            result.best.legal_name if result.best else None,
            result.best.score if result.best else None,
            result.decision,
        )
        for item, result in zip(labelled, results, strict=True)
    )
    return Report(name, len(index), outcomes, build_wall, match_wall, build_cpu, match_cpu)


class _Clock:
    """Wall and CPU time since the previous lap."""

    def __init__(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        elapsed = (wall - self._wall, cpu - self._cpu)
        self._wall, self._cpu = wall, cpu
        return elapsed


def evaluate_chain_companies(data_dir: Path, thresholds: Thresholds | None = None) -> Report:
    """Evaluation (a): 4,654 listed companies' short names against their legal names."""
    labelled = load_chain_companies(data_dir / CHAIN_COMPANIES)
    legal = [item.legal_name for item in labelled]
    return evaluate("listed companies: short name", legal, labelled, thresholds)


def evaluate_name_brand(data_dir: Path, thresholds: Thresholds | None = None) -> Report:
    """Evaluation (b): 500 legal names, each brand matched back to its legal name."""
    names, labelled = load_name_brand(data_dir / NAME_BRAND)
    return evaluate("name/brand ground truth: brand", names, labelled, thresholds)


def core_agreement(data_dir: Path) -> float:
    """Share of (b)'s legal names whose parsed trade name equals the labelled brand."""
    _, labelled = load_name_brand(data_dir / NAME_BRAND)
    hits = sum(parse_legal_name(item.legal_name).core == item.query for item in labelled)
    return _share(hits, len(labelled))
