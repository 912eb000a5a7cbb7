"""Match a list whose names are different enterprises: no two names get the same record.

A roster of listed companies, a "top 500" list or a sheet of the firms on one chain names
each enterprise once. Matched one by one, 天山股份 may tie between 新疆天山水泥 and 新疆天山
畜牧生物工程; matched as a list, the tie is decided by the list itself when 天山生物 is on it
too and reads more clearly as the second. This is one-to-one linking (record linkage's
"each record links at most once"), done greedily and conservatively:

- Each name claims the candidates the matcher cannot tell apart from its best one: those
  within the decision margin (``Thresholds.margin``) of it. A candidate clearly worse than
  the best is never taken instead of it.
- A record goes to the name that prefers it most clearly: claims are granted by how far the
  record leads the name's other candidates (a tie leads by 0, a runner-up by less than 0),
  then by score, then to the earlier line. 天山生物, which reads 新疆天山畜牧生物工程 far
  better than 新疆天山水泥, is served before 天山股份, which cannot tell them apart.
- A name whose close candidates were all taken keeps its own best and goes to review: two
  lines of a list of different enterprises pointing at one record need a person.
- The same name written twice (寧德時代, 宁德时代) is one name: both lines get one answer.

The decision is taken again over what is left: a candidate another line scored strictly
higher, and took, no longer stands in the way of the margin rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Sequence

from .normalize import normalize
from .result import Candidate, Decision, MatchResult, Thresholds


def assign_distinct(results: Sequence[MatchResult], thresholds: Thresholds) -> list[MatchResult]:
    """*results* (one per line, in order) re-decided as a list of different enterprises.

    A candidate taken by another line carries that line's name in ``taken_by``; the best
    candidate of each line is the record assigned to it.
    """
    first_of: dict[str, int] = {}
    lines: list[int] = []  # for each line, the first line with the same name
    for line, result in enumerate(results):
        lines.append(first_of.setdefault(normalize(result.query), line))
    names = sorted(set(lines))
    owner = _grant(results, names, thresholds)
    decided = {line: _redecide(results[line], line, owner, results, thresholds) for line in names}
    return [
        decided[first] if first == line else dataclasses.replace(decided[first], query=result.query)
        for line, (first, result) in enumerate(zip(lines, results, strict=True))
    ]


def _grant(
    results: Sequence[MatchResult], names: list[int], thresholds: Thresholds
) -> dict[Hashable, tuple[int, float]]:
    """Record id → (line, its score) for every record granted to a line."""
    claims = []
    for line in names:
        candidates = results[line].candidates
        if not candidates:
            continue
        top = _rank(candidates[0])
        for place, candidate in enumerate(candidates):
            score = _rank(candidate)
            if score < top - thresholds.margin:
                break
            others = [_rank(c) for c in candidates if c is not candidate]
            preference = score - max(others, default=0.0)  # the lead, for the best one
            claims.append((-preference, -score, line, place, candidate.record_id))
    claims.sort()
    owner: dict[Hashable, tuple[int, float]] = {}
    served: set[int] = set()
    for *_, line, place, record_id in claims:
        if line in served or record_id in owner:
            continue
        owner[record_id] = (line, _rank(results[line].candidates[place]))
        served.add(line)
    return owner


def _redecide(
    result: MatchResult,
    line: int,
    owner: dict[Hashable, tuple[int, float]],
    results: Sequence[MatchResult],
    thresholds: Thresholds,
) -> MatchResult:
    """The line's candidates with its own record first, others' marked, and a new decision."""
    if not result.candidates:
        return result
    marked = [
        _marked(candidate, owner.get(candidate.record_id), line, results)
        for candidate in result.candidates
    ]
    own = [c for c in marked if c.record_id in owner and owner[c.record_id][0] == line]
    if not own:  # every close candidate went to another line: a person decides
        decision = result.decision
        if decision is Decision.MATCHED:
            decision = Decision.REVIEW
        return MatchResult(result.query, decision, tuple(marked))
    pick = own[0]
    rest = [c for c in marked if c is not pick]
    standing = [c for c in rest if not _explained(c, owner)]
    runner_up = _rank(standing[0]) if standing else None
    decision = thresholds.decide(_rank(pick), runner_up)
    return MatchResult(result.query, decision, (pick, *rest))


def _marked(
    candidate: Candidate,
    granted: tuple[int, float] | None,
    line: int,
    results: Sequence[MatchResult],
) -> Candidate:
    if granted is None or granted[0] == line:
        return candidate
    return dataclasses.replace(candidate, taken_by=results[granted[0]].query)


def _explained(candidate: Candidate, owner: dict[Hashable, tuple[int, float]]) -> bool:
    """Another line took *candidate* with a score strictly above what this line gave it."""
    granted = owner.get(candidate.record_id)
    return bool(candidate.taken_by) and granted is not None and granted[1] > _rank(candidate)


def _rank(candidate: Candidate) -> float:
    return candidate.rank_score if candidate.rank_score is not None else candidate.score
