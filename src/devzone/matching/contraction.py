"""How well a typed name reads as a contraction of a legal name.

Chinese short names are built by keeping characters of the legal name in order: the trade name
(宁德时代), its first characters plus an industry word (数码科技 ← 数码视讯科技), region and
trade-name initials (上普 ← 上海普天), or a scatter (华瓷股份 ← 湖南华联瓷业股份有限公司). So the
query is aligned, character by character and in order, against the legal name's canonical
sequence (parent group + region + core + industry + legal form), and the alignment is scored
by how a person would judge it: starting where a part starts is natural, starting in the
middle of the trade name is not; contiguous runs are better than scattered characters;
leaving most of the trade name out makes the match less specific; a query character that is
absent costs according to what it is (a missing trade-name character costs much more than a
missing 省 or 有限公司).

The alignment is a small dynamic program over the positions where each query character occurs
in the target, so it costs a few dozen steps per candidate.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .legalname import LegalName, industry_word_list
from .reference import industry_words
from .regions import region_lexicon
from .vocabulary import Vocabulary

GROUP, REGION, CORE, INDUSTRY, FORM = "G", "R", "C", "I", "F"
# Words inside a legal form where a short name may pick up (中集集团 ← …(集团)股份有限公司).
_FORM_WORDS = ("集团", "股份", "有限", "责任", "公司", "合伙", "企业", "控股")


@dataclass(frozen=True, slots=True)
class ContractionWeights:
    """Penalties of the alignment, in fractions of a perfect score of 1.0.

    The defaults were set by hand from how short names are formed and then checked against
    the evaluation in ``scripts/eval_matching.py``; they are not fitted per name.
    """

    jump: float = 0.06  # each gap between two matched characters
    land_mid_word: float = 0.05  # a jump landing inside a word (广核 for 核)
    start_part: tuple[float, ...] = (0.0, 0.0, 0.0, 0.10, 0.40)  # G, R, C, I, F
    start_mid_part: float = 0.15  # starting inside a word (天地数码 for 数码)
    start_mid_region: float = 0.10  # any character may stand for a place: 京 for 北京
    missing: float = 1.0  # times the share of the query's weight that is absent
    core_left_out: float = 0.10  # times the share of the trade name the query leaves out
    industry_left_out: float = 0.03  # the same for industry words: breaks ties towards the
    # record the query covers best (青岛海尔 → 青岛海尔股份, not 青岛海尔生物医疗)
    truncated_word: float = 0.04  # the query stops inside an industry word (海泰科 ≠ 海泰科技)
    nothing_distinctive: float = 0.35  # only industry / legal-form characters matched,
    # although the query has a trade name of its own
    group_only: float = 0.05  # the parent group matched but none of the enterprise's own
    # trade name: 沈机 names every company of 沈机集团, first of all 沈阳机床 itself

    def start_penalty(self, part: str) -> float:
        """Cost of the first matched character falling at the start of a word of *part*."""
        return self.start_part["GRCIF".index(part)]


DEFAULT_WEIGHTS = ContractionWeights()
# How much each query character says about identity, by the part it belongs to.
_QUERY_WEIGHT = {GROUP: 0.5, REGION: 0.5, CORE: 1.0, INDUSTRY: 0.6, FORM: 0.2}


def part_labels(name: LegalName, vocabulary: Vocabulary | None = None) -> str:
    """One label per character of ``name.sequence``: its part (G, R, C, I, F), upper case
    where a word starts (each part, each industry word, 集团/股份/有限… in the legal form).

    With a *vocabulary* learned from the registry, a group prefix opening the trade name is
    labelled as group and a descriptor closing it as industry (北方 + 华锦, 宝钢 + 特钢).
    """
    labels = [_word(GROUP, name.group), _region_labels(name.region)]
    if vocabulary is None:
        labels.append(_word(CORE, name.core))
    else:
        head, own, tail = vocabulary.split(name.core)
        labels += [_word(GROUP, head), _word(CORE, own), _word(CORE, tail)]
    labels += [_industry_labels(name.industry), _form_labels(name.legal_form)]
    return "".join(labels)


def _word(part: str, text: str) -> str:
    """Labels of one word: its part letter, upper case on the first character."""
    return (part + part.lower() * (len(text) - 1)) if text else ""


@lru_cache(maxsize=1 << 18)  # one or two of a few hundred words: a registry has many
def _industry_labels(industry: str) -> str:
    """Labels of an industry part, a word start at each industry word (新能源 + 科技)."""
    return "".join(_word(INDUSTRY, word) for word in industry_word_list(industry))


@lru_cache(maxsize=1 << 16)
def _region_labels(region: str) -> str:
    """Labels of a region: a word start at each place of a chain (江苏 + 苏州: 苏农 ← 苏州)."""
    labels = []
    for part in region_lexicon().match_prefix(region):
        labels.append(_word(REGION, part.text))
    done = sum(map(len, labels))
    return "".join(labels) + (_word(REGION, region[done:]) if done < len(region) else "")


@lru_cache(maxsize=1024)
def _form_labels(form: str) -> str:
    """Labels of a legal form, with a word start at each 集团, 股份, 有限, 公司…"""
    starts = {i for word in _FORM_WORDS for i in range(len(form)) if form.startswith(word, i)}
    return "".join(FORM if i == 0 or i in starts else "f" for i in range(len(form)))


def query_weights(name: LegalName, labels: str) -> tuple[float, ...]:
    """Weight of each character of ``name.sequence`` as a query, summing to 1.

    When the query's trade name is only an industry word (江阴 + 银行), its region is what
    identifies it, so region and core swap weights.
    """
    table = dict(_QUERY_WEIGHT)
    if name.core in industry_words():
        table[REGION], table[CORE] = table[CORE], table[INDUSTRY]
    raw = [table[label] for label in labels.upper()]
    total = sum(raw) or 1.0
    return tuple(value / total for value in raw)


@dataclass(slots=True)
class Prepared:
    """A parsed name made ready for alignment once, then reused for every comparison.

    Not frozen, like the other objects made per candidate: a frozen dataclass costs several
    times more to build, and a query makes dozens of these.
    """

    name: LegalName
    labels: str
    positions: dict[str, tuple[int, ...]]  # character → where it occurs in the sequence
    weights: tuple[float, ...]  # per character, when this name is the query
    generic: bool  # its trade name is only an industry word (农业银行, 集成)
    core_len: int  # characters labelled trade name (C) and industry (I)
    industry_len: int
    has_group: bool


def prepare(
    name: LegalName, vocabulary: Vocabulary | None = None, *, query: bool = True
) -> Prepared:
    """Labels, character positions and (for a *query*) the weights of *name*.

    Registry names are only ever aligned against, so they skip the query weights.
    """
    labels = part_labels(name, vocabulary)
    sequence = name.sequence
    positions: dict[str, tuple[int, ...]] = {char: (i,) for i, char in enumerate(sequence)}
    if len(positions) < len(sequence):  # a repeated character: list all its places
        positions = {char: _places(sequence, char) for char in positions}
    weights = query_weights(name, labels) if query else ()
    return Prepared(
        name,
        labels,
        positions,
        weights,
        name.core in industry_words(),
        labels.count("C") + labels.count("c"),
        labels.count("I") + labels.count("i"),
        GROUP in labels,
    )


def _places(text: str, char: str) -> tuple[int, ...]:
    return tuple(index for index, found in enumerate(text) if found == char)


@dataclass(slots=True)
class _Alignment:
    """The best alignment's score and what it matched."""

    score: float
    core_hits: int
    industry_hits: int
    distinctive: bool
    last: int  # target position of the last matched character


# An alignment state while the query is read: (score, trade-name hits, industry hits,
# distinctive), keyed by the target position of its last matched character.
_Open = tuple[float, int, int, bool]


@lru_cache(maxsize=16)
def _label_costs(weights: ContractionWeights) -> dict[str, tuple[float, float, int, bool]]:
    """Per target label: (cost of starting there, cost of jumping there, part code, whether
    it is distinctive). Part codes: 1 trade name, 2 industry, 0 anything else."""
    costs = {}
    for part in "GRCIF":
        for label in (part, part.lower()):
            word_start = label == part
            if word_start:
                opening = weights.start_penalty(part)
            else:
                opening = weights.start_mid_region if part in "GR" else weights.start_mid_part
            landing = weights.jump + (0.0 if word_start or part in "GR" else weights.land_mid_word)
            code = 1 if part == CORE else 2 if part == INDUSTRY else 0
            costs[label] = (opening, landing, code, part in "GRC")
    return costs


def contraction_score(
    query: Prepared, target: Prepared, weights: ContractionWeights = DEFAULT_WEIGHTS
) -> float:
    """Score in [0, 1] of *query* as an in-order contraction of *target*.

    1.0 means the query is the target's trade name or its full sequence; 0.0 means no
    character of the query's distinctive part occurs in it.
    """
    labels = target.labels
    best = _align(query.name.sequence, query.weights, target.positions, labels, weights)
    if best is None:
        return 0.0
    score = best.score - weights.core_left_out * (1 - best.core_hits / (target.core_len or 1))
    if target.industry_len:
        left_out = 1 - best.industry_hits / target.industry_len
        score -= weights.industry_left_out * left_out
    if not best.distinctive and not query.generic:
        score -= weights.nothing_distinctive
    elif target.has_group and target.core_len and not best.core_hits:
        score -= weights.group_only
    if labels[best.last] in "Ii" and labels[best.last + 1 : best.last + 2] == "i":
        score -= weights.truncated_word
    return max(0.0, min(1.0, 1.0 + score))


def _align(
    text: str,
    text_weights: tuple[float, ...],
    positions: dict[str, tuple[int, ...]],
    labels: str,
    weights: ContractionWeights,
) -> _Alignment | None:
    """Best in-order alignment of *text* into the target, one query character at a time.

    States are keyed by the target position of their last match; a query character either
    extends a state (or starts one) at each of its positions, or is skipped at its cost.
    Skipping costs every open state the same, so scores are kept before that cost (``spent``
    is what all skipped characters have cost so far) and no state is touched on a skip. One
    loop, not helpers: it runs for every candidate of every query.
    """
    costs = _label_costs(weights)
    states: dict[int, _Open] = {}
    spent = 0.0
    for char, own_weight in zip(text, text_weights, strict=True):
        miss = weights.missing * own_weight
        found = positions.get(char)
        if found:
            opened = []
            for pos in found:
                opening, landing, code, distinctive = costs[labels[pos]]
                best = (-opening, 0, 0, False)  # a fresh start here
                for previous, state in states.items():
                    if previous < pos:
                        score = state[0] if previous == pos - 1 else state[0] - landing
                        if score > best[0]:
                            best = state if previous == pos - 1 else (score, *state[1:])
                stored = best[0] + miss  # kept before this character's cost, like the rest
                held = states.get(pos)
                if held is None or stored > held[0]:
                    hits = (best[1] + (code == 1), best[2] + (code == 2))
                    opened.append((pos, (stored, *hits, best[3] or distinctive)))
            states.update(opened)
        spent += miss
    if not states:
        return None
    last = max(states, key=lambda pos: states[pos][0])
    score, core_hits, industry_hits, distinctive = states[last]
    return _Alignment(score - spent, core_hits, industry_hits, distinctive, last)
