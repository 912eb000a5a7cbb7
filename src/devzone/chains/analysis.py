"""A chain seen from one region: local firms per link, the gaps, and who could fill them.

The gap rule (docs/chains.md): a link is a gap when it has fewer local enterprises than the
threshold (default 1: none). Gaps are ranked by **dependence**: the sum, over every link that
consumes the gap directly or through other links, of that link's weight — 1, plus 1 when the
link already has local enterprises, plus 1 more when one of them is a chain leader. A missing
link that starves the local chain leader's link therefore outranks one only distant links need.
Ties are broken by the shortfall (how many local firms are missing), then by position.

Candidates for a gap are enterprises outside the region that make the link (attached to it) or
are registered in one of its GB/T 4754 classes; :mod:`devzone.chains.reasons` scores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from devzone.chains import reasons as R
from devzone.chains.choices import POSITION_ORDER
from devzone.chains.dependency import dependents
from devzone.chains.models import Chain, EnterpriseLink, Link, LinkEdge
from devzone.chains.places import adjacent_provinces, same_province
from devzone.core.names import joined, shown_name
from devzone.enterprises.models import Enterprise

DEFAULT_THRESHOLD = 1
DEFAULT_CANDIDATES = 10
INDUSTRY_CANDIDATES_PER_LINK = 50


@dataclass
class LinkStatus:
    link: Link
    local: list[EnterpriseLink]
    elsewhere: list[EnterpriseLink]

    @property
    def has_local_leader(self) -> bool:
        return any(record.is_chain_leader for record in self.local)


@dataclass
class Candidate:
    enterprise: Enterprise
    reasons: list[R.Reason]

    @property
    def score(self) -> int:
        return sum(reason.points for reason in self.reasons)


@dataclass
class Gap:
    link: Link
    local_count: int
    shortfall: int
    dependence: float
    dependents: list[Link]
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class ChainAnalysis:
    chain: Chain
    region_prefix: str
    threshold: int
    links: list[LinkStatus]
    edges: list[LinkEdge]
    gaps: list[Gap]

    def gap_ids(self) -> set[int]:
        return {gap.link.pk for gap in self.gaps}


def region_code(text: str) -> str:
    """A region the registry knows, as a code: 441200, 44 for a province, or a name (肇庆市,
    广东省, 广东). ``ValueError`` (translated) names what is wrong."""
    from django.utils.translation import gettext as _

    from devzone.chains.places import province_code
    from devzone.regions.models import Region

    text = text.strip()
    if text.isdigit():
        if Region.objects.filter(code__startswith=region_prefix(text)).exists():
            return text
        raise ValueError(_("no region has the code %(code)s") % {"code": text})
    region = Region.objects.filter(name=text).first()
    if region is not None:
        return region.code
    try:
        return province_code(text) + "0000"
    except ValueError:
        raise ValueError(
            _("unknown region %(text)s: give a GB/T 2260 code (441200) or a province (广东)")
            % {"text": repr(text)}
        ) from None


def region_prefix(region: Any) -> str:
    """The code prefix every place inside ``region`` shares: a Region or a code (441200 → 4412)."""
    if hasattr(region, "code_prefix"):
        return region.code_prefix
    code = str(region).strip()
    while len(code) > 2 and code.endswith("00"):
        code = code[:-2]
    return code


def is_local(record: EnterpriseLink, prefix: str) -> bool:
    """Whether the link is made inside the region (at a site there, or by a firm seated there)."""
    location = record.location
    return location is not None and location.code.startswith(prefix)


def analyse_chain(
    chain: Chain,
    region: Any,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    candidates: int = DEFAULT_CANDIDATES,
) -> ChainAnalysis:
    """Local firms of each link, gaps ranked by dependence, and ranked candidates per gap."""
    prefix = region_prefix(region)
    links = list(chain.links.all())
    edges = list(
        LinkEdge.objects.filter(supplier__chain=chain).select_related("supplier", "consumer")
    )
    statuses = _link_statuses(links, prefix)
    gaps = _rank_gaps(statuses, edges, threshold)
    _attach_candidates(gaps, statuses, edges, prefix, candidates)
    return ChainAnalysis(chain, prefix, threshold, list(statuses.values()), edges, gaps)


def _link_statuses(links: list[Link], prefix: str) -> dict[int, LinkStatus]:
    statuses = {link.pk: LinkStatus(link, [], []) for link in links}
    records = EnterpriseLink.objects.filter(link__in=links).select_related(
        "enterprise", "enterprise__region", "site"
    )
    for record in records:
        status = statuses[record.link_id]
        record.link = status.link  # already read: spare a query per record
        (status.local if is_local(record, prefix) else status.elsewhere).append(record)
    return statuses


def _weight(status: LinkStatus) -> int:
    return 1 + (1 if status.local else 0) + (1 if status.has_local_leader else 0)


def _rank_gaps(statuses: dict[int, LinkStatus], edges: list[LinkEdge], threshold: int) -> list[Gap]:
    pairs = [(edge.supplier_id, edge.consumer_id) for edge in edges]
    consumers = dependents(statuses, pairs)
    gaps = []
    for pk, status in statuses.items():
        if len(status.local) >= threshold:
            continue
        downstream = sorted(consumers[pk], key=lambda other: statuses[other].link.name)
        gaps.append(
            Gap(
                link=status.link,
                local_count=len(status.local),
                shortfall=threshold - len(status.local),
                dependence=float(sum(_weight(statuses[other]) for other in downstream)),
                dependents=[statuses[other].link for other in downstream],
            )
        )
    gaps.sort(
        key=lambda gap: (
            -gap.dependence,
            -gap.shortfall,
            POSITION_ORDER.index(gap.link.position),
            gap.link.name,
        )
    )
    return gaps


def _attach_candidates(
    gaps: list[Gap],
    statuses: dict[int, LinkStatus],
    edges: list[LinkEdge],
    prefix: str,
    limit: int,
) -> None:
    """Fill each gap's candidates, best first; the registry is read once for all gaps."""
    industry_matches = _industry_matches(gaps, prefix)
    ties = _tie_index(statuses, edges)
    for gap in gaps:
        found: dict[int, Candidate] = {}
        for record in statuses[gap.link.pk].elsewhere:
            found[record.enterprise_id] = Candidate(
                record.enterprise, _attached_reasons(record, ties, gap.link.pk)
            )
        for enterprise, code in industry_matches.get(gap.link.pk, []):
            if enterprise.pk not in found:
                reason = R.Reason(R.INDUSTRY_MATCH, 1, {"industry": code})
                found[enterprise.pk] = Candidate(enterprise, [reason])
        for candidate in found.values():
            candidate.reasons.extend(_enterprise_reasons(candidate.enterprise, prefix))
        ranked = sorted(found.values(), key=lambda c: (-c.score, c.enterprise.legal_name))
        gap.candidates = ranked[:limit]


def _attached_reasons(record: EnterpriseLink, ties: dict[int, set[Link]], gap_pk: int) -> list:
    found = [R.Reason(R.MAKES_LINK, 3, {"products": record.products or str(record.link)})]
    if record.is_chain_leader:
        found.append(R.Reason(R.CHAIN_LEADER, 2))
    tied = sorted(
        {shown_name(link) for link in ties.get(record.enterprise_id, set()) if link.pk != gap_pk}
    )
    if tied:
        points = min(len(tied), R.MAX_TIE_POINTS)
        found.append(R.Reason(R.TIES, points, {"links": joined(tied)}))
    return found


def _tie_index(statuses: dict[int, LinkStatus], edges: list[LinkEdge]) -> dict[int, set[Link]]:
    """Enterprise id → the links it makes that supply or consume a link with local firms."""
    touches_local: set[int] = set()
    for edge in edges:
        if statuses[edge.consumer_id].local:
            touches_local.add(edge.supplier_id)
        if statuses[edge.supplier_id].local:
            touches_local.add(edge.consumer_id)
    index: dict[int, set[Link]] = {}
    for pk in touches_local:
        for record in statuses[pk].elsewhere:
            index.setdefault(record.enterprise_id, set()).add(statuses[pk].link)
    return index


def _enterprise_reasons(enterprise: Enterprise, prefix: str) -> list[R.Reason]:
    found = []
    if enterprise.listed_code:
        found.append(R.Reason(R.LISTED, 2, {"listed_code": enterprise.listed_code}))
    scale = R.scale_reason(enterprise.registered_capital, enterprise.capital_currency)
    if scale is not None:
        found.append(scale)
    region = enterprise.region
    if region is not None:
        if same_province(region.code, prefix):
            found.append(R.Reason(R.SAME_PROVINCE, 2, {"region": str(region)}))
        elif adjacent_provinces(region.code, prefix):
            found.append(R.Reason(R.ADJACENT_PROVINCE, 1, {"region": str(region)}))
    return found


def _coarser(code: str) -> list[str]:
    """The group and division above an industry class (C3841 → C384, C38), not the section:
    a registry often records only the division, and a whole section says too little."""
    return [code[:length] for length in range(3, len(code))]


def _industry_matches(gaps: list[Gap], prefix: str) -> dict[int, list[tuple[Enterprise, str]]]:
    """Enterprises outside the region registered in an industry class that a gap link covers."""
    wanted = {gap.link.pk: gap.link.industry_codes for gap in gaps if gap.link.industry_codes}
    codes = sorted({code for values in wanted.values() for code in values})
    if not codes:
        return {}
    condition = Q()
    for code in codes:  # the class itself or finer, or the division (C38) a registry may hold
        condition |= Q(industry__code__startswith=code) | Q(industry__code__in=_coarser(code))
    enterprises = (
        Enterprise.objects.filter(condition)
        .exclude(region__code__startswith=prefix)
        .select_related("industry", "region")
        .order_by("-registered_capital", "legal_name")[: INDUSTRY_CANDIDATES_PER_LINK * len(codes)]
    )
    matches: dict[int, list[tuple[Enterprise, str]]] = {}
    for enterprise in enterprises:
        for pk, link_codes in wanted.items():
            held = enterprise.industry.code
            code = next((c for c in link_codes if held.startswith(c) or held in _coarser(c)), None)
            if code is not None:  # named by what the enterprise is registered in
                matches.setdefault(pk, []).append((enterprise, held))
    return matches
