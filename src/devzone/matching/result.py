"""What a match returns, and the rule that turns scores into a decision.

A person confirms or rejects what the engine is unsure about (the Open Supply Hub pipeline),
so the decision has three outcomes: ``matched`` (safe to link without a look), ``review``
(show the candidates to a person) and ``none`` (nothing plausible in the registry).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from enum import StrEnum


class Decision(StrEnum):
    """Outcome of matching one query."""

    MATCHED = "matched"
    REVIEW = "review"
    NONE = "none"


class Reason(StrEnum):
    """Which evidence gave a candidate its score, so a reviewer sees why it was proposed."""

    CONFIRMED_ALIAS = "confirmed_alias"
    ALIAS = "alias"
    LEGAL_NAME = "legal_name"
    FORMER_NAME = "former_name"
    CONTRACTION = "contraction"
    SIMILAR = "similar"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Cut-offs on the score; defaults chosen from ``scripts/eval_matching.py``.

    ``matched`` needs the best score to reach ``match`` *and* to lead the runner-up by
    ``margin``; anything from ``review`` up goes to a person; below it, nothing matched.
    Scores are compared before clipping to 100, so exact evidence (legal name, confirmed
    alias: 110+) leads a perfect contraction (100) by the margin.
    On the 4,654 listed companies (short name → legal name) these defaults decide about
    93% of the queries "matched" with a precision above 0.99; a stricter margin buys little
    precision for many more reviews, a looser one lets ties through.
    """

    match: float = 75.0
    review: float = 50.0
    margin: float = 6.0

    def decide(self, best: float | None, runner_up: float | None) -> Decision:
        """Apply the two thresholds and the margin rule."""
        if best is None or best < self.review:
            return Decision.NONE
        lead = best - (runner_up if runner_up is not None else 0.0)
        if best >= self.match and lead >= self.margin:
            return Decision.MATCHED
        return Decision.REVIEW


@dataclass(frozen=True, slots=True)
class Candidate:
    """A registry record proposed for a query, with its score (0–100) and the evidence."""

    record_id: Hashable
    legal_name: str
    score: float
    reason: Reason
    matched_text: str  # the legal name, alias or former name the score came from
    rank_score: float | None = None  # the score before clipping, which orders candidates
    taken_by: str = ""  # matching a list of different enterprises: the name that took it


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Candidates for one query, best first, and the decision on the best one."""

    query: str
    decision: Decision
    candidates: tuple[Candidate, ...]

    @property
    def best(self) -> Candidate | None:
        """The top candidate, or None when nothing shares a character pair with the query."""
        return self.candidates[0] if self.candidates else None

    @property
    def runner_up(self) -> Candidate | None:
        """The second candidate; the margin rule compares the best against it."""
        return self.candidates[1] if len(self.candidates) > 1 else None

    @property
    def tied(self) -> int:
        """How many of the candidates share the best one's score (1 when it leads alone).

        A tie is decided by registry order only, so it always goes to review (the margin
        rule); evaluations count it apart. In a list matched as different enterprises, a
        candidate another name took is not counted: the list decided it.
        """
        best = self.best
        if best is None:
            return 0
        return sum(
            candidate.rank_score == best.rank_score
            and (candidate is best or not candidate.taken_by)
            for candidate in self.candidates
        )
