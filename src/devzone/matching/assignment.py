"""Match a list whose names are different enterprises: no two names get the same record.

A roster of listed companies, a "top 500" list or a sheet of the firms on one chain names
each enterprise once. Matched one by one, 天山股份 may tie between 新疆天山水泥 and 新疆天山
畜牧生物工程; matched as a list, the tie is decided by the list itself when 天山生物 is on it
too and reads more clearly as the second. This is one-to-one linking (record linkage's
"each record links at most once"), done greedily and conservatively:

- Each name claims the candidates the matcher cannot tell apart from its best one: those
  within the decision margin (``Thresholds.margin``) of it, and above the review threshold.
  A candidate clearly worse than the best is never taken instead of it.
- A record goes to the name that prefers it most clearly: claims are granted by how far the
  record leads the name's other candidates (a tie leads by 0, a runner-up by less than 0, a
  lone candidate by its height above the review threshold), then by score, then to the
  earlier line. 天山生物, which reads 新疆天山畜牧生物工程 far better than 新疆天山水泥, is
  served before 天山股份, which cannot tell them apart.
- A name whose close candidates were all taken keeps its own best and goes to review: two
  lines of a list of different enterprises pointing at one record need a person.
- The same name written twice (寧德時代, 宁德时代) is one name: both lines get one answer.

A name the list changed nothing for keeps its decision. For the others the margin rule is
applied again: a rival another line took with a clearly better score (by the margin) no longer
stands in the way, and a record another line read better is never "matched" to this one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from .normalize import normalize
from .result import Candidate, Decision, MatchResult, Thresholds


def assign_distinct(
    results: Sequence[MatchResult], thresholds: Thresholds, *, limit: int | None = None
) -> list[MatchResult]:
    """*results* (one per line, in order) re-decided as a list of different enterprises.

    A candidate taken by another line carries that line's name in ``taken_by``; the best
    candidate of each line is the record assigned to it. *limit* is how many candidates each
    result was asked for: a full list may hide more, no better than its last.
    """
    first_of: dict[str, int] = {}
    lines: list[int] = []  # for each line, the first line with the same name
    for line, result in enumerate(results):
        lines.append(first_of.setdefault(normalize(result.query), line))
    names = sorted(set(lines))
    claims = _claims(results, names, thresholds)
    owner = _grant(claims, results)
    best_claim: dict[Hashable, list[tuple[int, float]]] = {}
    for _, negative_score, line, _, record_id in claims:
        best_claim.setdefault(record_id, []).append((line, -negative_score))
    context = _Context(results, owner, best_claim, thresholds, limit)
    decided = {line: context.redecide(line) for line in names}
    return [
        decided[first] if first == line else dataclasses.replace(decided[first], query=result.query)
        for line, (first, result) in enumerate(zip(lines, results, strict=True))
    ]


_Claim = tuple[float, float, int, int, Hashable]  # (-preference, -score, line, place, record)


def _claims(
    results: Sequence[MatchResult], names: list[int], thresholds: Thresholds
) -> list[_Claim]:
    """Each line's claims on its close candidates, in the order they are granted.

    A lone candidate leads by its height above the review threshold, not by its whole score;
    a candidate below that threshold claims nothing.
    """
    claims: list[_Claim] = []
    for line in names:
        candidates = results[line].candidates
        if not candidates:
            continue
        top = _rank(candidates[0])
        for place, candidate in enumerate(candidates):
            score = _rank(candidate)
            if score < top - thresholds.margin or score < thresholds.review:
                break
            others = [_rank(c) for c in candidates if c is not candidate]
            preference = score - max(others, default=thresholds.review)  # the best one's lead
            claims.append((-preference, -score, line, place, candidate.record_id))
    claims.sort(key=lambda claim: claim[:4])
    return claims


def _grant(
    claims: list[_Claim], results: Sequence[MatchResult]
) -> dict[Hashable, tuple[int, float]]:
    """Record id → (line, its score) for every record granted to a line."""
    owner: dict[Hashable, tuple[int, float]] = {}
    served: set[int] = set()
    for *_, line, place, record_id in claims:
        if line in served or record_id in owner:
            continue
        owner[record_id] = (line, _rank(results[line].candidates[place]))
        served.add(line)
    return owner


@dataclass(frozen=True, slots=True)
class _Context:
    results: Sequence[MatchResult]
    owner: dict[Hashable, tuple[int, float]]
    claimed: dict[Hashable, list[tuple[int, float]]]  # record → (line, score) of each claim
    thresholds: Thresholds
    limit: int | None

    def redecide(self, line: int) -> MatchResult:
        """The line's candidates with its own record first, others' marked, a new decision.

        A line the list changed nothing for keeps its decision. Otherwise the margin rule is
        applied again without the rivals another line took with a clearly better score (by the
        margin); a record another line read better is never "matched" to this one.
        """
        result = self.results[line]
        if not result.candidates:
            return result
        marked = [self._marked(candidate, line) for candidate in result.candidates]
        own = [c for c in marked if self.owner.get(c.record_id, (None,))[0] == line]
        if not own:  # every close candidate went to another line: a person decides
            return MatchResult(result.query, _at_most_review(result.decision), tuple(marked))
        pick = own[0]
        rest = [c for c in marked if c is not pick]
        if pick.record_id == result.candidates[0].record_id and not any(c.taken_by for c in rest):
            return result
        standing = [_rank(c) for c in rest if not self._explained(c)]
        if self.limit is not None and len(result.candidates) >= self.limit:
            standing.append(_rank(result.candidates[-1]))  # those not kept score no higher
        decision = self.thresholds.decide(_rank(pick), max(standing, default=None))
        if any(
            other != line and score > _rank(pick)
            for other, score in self.claimed.get(pick.record_id, ())
        ):
            decision = _at_most_review(decision)
        return MatchResult(result.query, decision, (pick, *rest))

    def _marked(self, candidate: Candidate, line: int) -> Candidate:
        granted = self.owner.get(candidate.record_id)
        if granted is None or granted[0] == line:
            return candidate
        return dataclasses.replace(candidate, taken_by=self.results[granted[0]].query)

    def _explained(self, candidate: Candidate) -> bool:
        """Another line took *candidate* with a score clearly (by the margin) above this one's."""
        granted = self.owner.get(candidate.record_id)
        if not candidate.taken_by or granted is None:
            return False
        return granted[1] >= _rank(candidate) + self.thresholds.margin


def _at_most_review(decision: Decision) -> Decision:
    return Decision.REVIEW if decision is Decision.MATCHED else decision


def _rank(candidate: Candidate) -> float:
    return candidate.rank_score if candidate.rank_score is not None else candidate.score
