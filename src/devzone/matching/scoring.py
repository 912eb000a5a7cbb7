"""Score one candidate record against a query: exact evidence first, then contraction.

Every name a record is known by (legal name, former name, registered alias, alias a person
confirmed) is a *target*; every interpretation of the query is a *reading*. The candidate's
score is its best reading × target score on 0–100, adjusted for what the two sides say about
region, legal form and branch. Exact equality is decisive and fixed (a confirmed alias wins,
then the legal name, a registered alias, a former name); anything else is scored by how well
the query reads as a contraction of the target, or by plain string similarity (rapidfuzz) when
that is higher, e.g. a typo in a full name or an English name.

Exact evidence scores above 100 internally, so it leads any contraction by the decision margin
and a confirmed alias wins next time; scores are shown clipped to 0–100.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from .contraction import DEFAULT_WEIGHTS, ContractionWeights, Prepared, contraction_score, prepare
from .legalname import LegalName
from .query import Query, Reading
from .regions import codes_agree
from .result import Reason
from .vocabulary import Vocabulary

EXACT_SCORE = {
    Reason.CONFIRMED_ALIAS: 112.0,
    Reason.LEGAL_NAME: 110.0,
    Reason.ALIAS: 108.0,
    Reason.FORMER_NAME: 106.0,
}
# A short name matched through an alias or former name is a little weaker evidence than
# through the current legal name; a confirmed alias is as good as the legal name.
_TARGET_FACTOR = {
    Reason.CONFIRMED_ALIAS: 1.0,
    Reason.LEGAL_NAME: 1.0,
    Reason.ALIAS: 0.97,
    Reason.FORMER_NAME: 0.97,
}
_SIMILAR_FACTOR = 0.9  # plain similarity counts less than an in-order contraction


@dataclass(frozen=True, slots=True)
class Adjustments:
    """Points added to or taken from a score for agreement between query and record."""

    region_agrees: float = 3.0
    region_conflicts: float = 12.0
    abbreviation: float = 5.0  # reading 沪 as 上海 is less direct than the literal query
    abbreviation_unconfirmed: float = 5.0  # … and more so when the record names no region
    form_conflicts: float = 4.0
    branch_agrees: float = 3.0
    branch_mismatch: float = 6.0  # head office for a branch query, or the other way round


DEFAULT_ADJUSTMENTS = Adjustments()


class Target:
    """One name a record is known by, parsed, with the kind of evidence it is.

    The alignment data is prepared on first use: most records are never a candidate, so
    building the index does not pay for it.
    """

    __slots__ = ("_prepared", "key", "parsed", "reason", "vocabulary")

    def __init__(
        self, parsed: LegalName, reason: Reason, vocabulary: Vocabulary | None = None
    ) -> None:
        self.parsed = parsed
        self.reason = reason
        self.vocabulary = vocabulary
        self.key = name_key(parsed)
        self._prepared: Prepared | None = None

    @property
    def prepared(self) -> Prepared:
        """Labels, positions and weights of the parsed name (computed once)."""
        if self._prepared is None:
            self._prepared = prepare(self.parsed, self.vocabulary, query=False)
        return self._prepared


@dataclass(slots=True)
class Scored:
    """A candidate's score and the evidence behind it.

    ``rank_score`` is the score before clipping to 0–100, used for ordering so that a bonus
    on a perfect contraction still separates two candidates that both show 100.
    """

    score: float
    reason: Reason
    matched_text: str
    rank_score: float


def name_key(parsed: LegalName) -> str:
    """Equality key of a name: its parts without notes; English names without legal form."""
    return parsed.key


def score_record(
    query: Query,
    targets: tuple[Target, ...],
    region_codes: tuple[str, ...],
    weights: ContractionWeights = DEFAULT_WEIGHTS,
    adjust: Adjustments = DEFAULT_ADJUSTMENTS,
) -> Scored:
    """Best score of a record over the query's readings and the record's names."""
    best = Scored(0.0, Reason.SIMILAR, "", 0.0)
    for reading in query.readings:
        for target in targets:
            base, reason = _base_score(reading, target, weights)
            if base <= 0.0:
                continue
            raw = round(base + _adjustment(reading, target.parsed, region_codes, adjust), 3)
            if raw > best.rank_score:
                shown = round(max(0.0, min(100.0, raw)), 1)
                best = Scored(shown, reason, target.parsed.original, raw)
    return best


def _base_score(
    reading: Reading, target: Target, weights: ContractionWeights
) -> tuple[float, Reason]:
    """Fixed score on equality; otherwise the better of contraction and similarity."""
    parsed = reading.parsed
    if reading.key == target.key:
        return EXACT_SCORE[target.reason], target.reason
    factor = _TARGET_FACTOR[target.reason]
    if parsed.is_latin or target.parsed.is_latin:
        return _latin_similarity(parsed, target.parsed) * factor, Reason.SIMILAR
    contraction = 100.0 * contraction_score(reading.prepared, target.prepared, weights) * factor
    similar = fuzz.ratio(parsed.sequence, target.parsed.sequence) * _SIMILAR_FACTOR * factor
    if contraction >= similar:
        reason = Reason.CONTRACTION if target.reason is Reason.LEGAL_NAME else target.reason
        return contraction, reason
    return similar, Reason.SIMILAR


def _latin_similarity(query: LegalName, target: LegalName) -> float:
    """English names compare words, legal forms aside ("Co., Ltd." ≈ "Limited").

    Word order counts half (token sort), word subsets half (token set), so "Contemporary
    Amperex" is close to "Contemporary Amperex Technology" without equalling it.
    """
    if not (query.is_latin and target.is_latin):
        return 0.0
    ordered = fuzz.token_sort_ratio(query.core, target.core)
    subset = fuzz.token_set_ratio(query.core, target.core)
    return (ordered + subset) / 2 * _SIMILAR_FACTOR


def _adjustment(
    reading: Reading, target: LegalName, region_codes: tuple[str, ...], adjust: Adjustments
) -> float:
    """Region, legal-form and branch agreement between the reading and the record."""
    if reading.parsed.region and reading.parsed.region in target.sequence:
        region_points = adjust.region_agrees  # the place is written in the name itself
    else:
        region_points = _region_points(reading, region_codes or target.region_codes, adjust)
    return (
        region_points
        + _form_points(reading.parsed.legal_form, target.legal_form, adjust)
        + _branch_points(reading.parsed.branch, target.branch, adjust)
    )


def _region_points(reading: Reading, record_codes: tuple[str, ...], adjust: Adjustments) -> float:
    """Agreeing regions add a little; conflicting ones take a lot; unknown says nothing."""
    agree = codes_agree(reading.region_codes, record_codes)
    points = -adjust.abbreviation if reading.via_abbreviation else 0.0
    if agree is None:
        return points - (adjust.abbreviation_unconfirmed if reading.via_abbreviation else 0.0)
    return points + (adjust.region_agrees if agree else -adjust.region_conflicts)


def form_kind(form: str) -> str:
    """Coarse kind of a legal form: joint-stock, limited, partnership, or "" when unclear."""
    if "合伙" in form:
        return "partnership"
    if "股份" in form:
        return "joint-stock"
    if "有限" in form:
        return "limited"
    return ""


def _form_points(query_form: str, target_form: str, adjust: Adjustments) -> float:
    """A 股份 query against a 有限公司 record (or the like) is a small conflict."""
    left, right = form_kind(query_form), form_kind(target_form)
    return -adjust.form_conflicts if left and right and left != right else 0.0


def _branch_points(query_branch: str, target_branch: str, adjust: Adjustments) -> float:
    """A branch is its own registered entity: prefer the same branch, or the head office."""
    if not query_branch and not target_branch:
        return 0.0
    if query_branch == target_branch:
        return adjust.branch_agrees
    return -adjust.branch_mismatch
