"""Enterprise name matching: link names people type to an enterprise registry.

Pure Python (no Django): the enterprises app and the importers feed it records and show its
candidates to a person, whose confirmations come back through :meth:`NameIndex.add_alias`.

    index = NameIndex([EnterpriseRecord(1, "宁德时代新能源科技股份有限公司", ("CATL",))])
    result = index.match("寧德時代")
    result.decision, result.best.record_id, result.best.score

Parts: :func:`normalize` (surface form), :func:`parse_legal_name` (region, trade name,
industry, legal form, branch, former name), :class:`NameIndex` (candidates and scoring),
:class:`MatchResult` (candidates and the matched / review / none decision).
"""

from .contraction import ContractionWeights
from .index import EnterpriseRecord, NameIndex
from .legalname import LegalName, parse_legal_name
from .normalize import normalize
from .result import Candidate, Decision, MatchResult, Reason, Thresholds
from .scoring import Adjustments

__all__ = [
    "Adjustments",
    "Candidate",
    "ContractionWeights",
    "Decision",
    "EnterpriseRecord",
    "LegalName",
    "MatchResult",
    "NameIndex",
    "Reason",
    "Thresholds",
    "normalize",
    "parse_legal_name",
]
