"""A chain analysis as plain data, shared by the command line's JSON and the API."""

from __future__ import annotations

from typing import Any

from devzone.chains.analysis import Candidate, ChainAnalysis, Gap
from devzone.core.names import shown_name


def candidate_as_dict(candidate: Candidate) -> dict[str, Any]:
    enterprise = candidate.enterprise
    return {
        "enterprise_id": enterprise.pk,
        "legal_name": enterprise.legal_name,
        "short_name": enterprise.short_name,
        "region": enterprise.region.code if enterprise.region_id else None,
        "score": candidate.score,
        "reasons": [reason.as_dict() for reason in candidate.reasons],
    }


def gap_as_dict(gap: Gap) -> dict[str, Any]:
    return {
        "link_id": gap.link.pk,
        "link": shown_name(gap.link),
        "position": gap.link.position,
        "local_count": gap.local_count,
        "shortfall": gap.shortfall,
        "dependence": _number(gap.dependence),
        "dependents": [shown_name(link) for link in gap.dependents],
        "candidates": [candidate_as_dict(candidate) for candidate in gap.candidates],
    }


def analysis_as_dict(analysis: ChainAnalysis) -> dict[str, Any]:
    return {
        "source": "chain",
        "chain": shown_name(analysis.chain),
        "region": analysis.region_prefix.ljust(6, "0"),
        "region_name": _region_name(analysis.region_prefix),
        "threshold": analysis.threshold,
        "links": [
            {
                "link_id": status.link.pk,
                "link": shown_name(status.link),
                "position": status.link.position,
                "local": [
                    {
                        "legal_name": record.enterprise.legal_name,
                        "is_chain_leader": record.is_chain_leader,
                    }
                    for record in status.local
                ],
            }
            for status in analysis.links
        ],
        "gaps": [gap_as_dict(gap) for gap in analysis.gaps],
    }


def _number(value: float) -> float | int:
    """8 rather than 8.0: a dependence is a sum of weights, whole unless a weight is not."""
    return int(value) if float(value).is_integer() else value


def _region_name(prefix: str) -> str:
    """The name of the region a code prefix stands for (44 → 广东省, 4412 → 肇庆市)."""
    from devzone.regions.models import Region

    region = Region.objects.filter(code=prefix.ljust(6, "0")).first()
    return str(region) if region is not None else prefix
