"""Industry chains over the API: any signed-in user reads; staff and admins import.

Gap answers carry each candidate's reasons as data (``code``, ``points``, ``params``) and as
text in the caller's language (``text``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from devzone.api.errors import READ_ERRORS
from devzone.api.pages import Pages
from devzone.chains.analysis import analyse_chain, region_code
from devzone.chains.choices import LinkPosition
from devzone.chains.interchange import export_chain, import_chain
from devzone.chains.models import Chain, EnterpriseLink, Link, LinkEdge
from devzone.chains.presenters import analysis_as_dict

router = Router(tags=["chains"])


class ChainOut(Schema):
    id: int
    name: str
    name_en: str
    region: str | None
    description: str

    @staticmethod
    def resolve_region(chain: Chain) -> str | None:
        return chain.region.code if chain.region_id else None


class LinkOut(Schema):
    id: int
    name: str
    name_en: str
    position: LinkPosition
    industry_codes: list[str]
    keywords: list[str]


class EdgeOut(Schema):
    supplier_id: int
    consumer_id: int


class MemberOut(Schema):
    link_id: int
    enterprise_id: int
    legal_name: str
    products: str
    is_chain_leader: bool

    @staticmethod
    def resolve_legal_name(record: EnterpriseLink) -> str:
        return record.enterprise.legal_name


class ChainDetail(ChainOut):
    links: list[LinkOut]
    edges: list[EdgeOut]
    enterprises: list[MemberOut]

    @staticmethod
    def resolve_links(chain: Chain) -> list[Link]:
        return list(Link.objects.filter(chain=chain))

    @staticmethod
    def resolve_edges(chain: Chain) -> list[LinkEdge]:
        return list(LinkEdge.objects.filter(supplier__chain=chain))

    @staticmethod
    def resolve_enterprises(chain: Chain) -> list[EnterpriseLink]:
        members = EnterpriseLink.objects.filter(link__chain=chain)
        return list(members.select_related("enterprise"))


class GapQuery(Schema):
    region: str
    threshold: int = Field(1, ge=1)
    candidates: int = Field(10, ge=1, le=100)


class GraphGapQuery(Schema):
    root: str
    province: str
    depth: int = Field(3, ge=1, le=12)
    threshold: int = Field(1, ge=1)
    candidates: int = Field(5, ge=1, le=100)


@router.get(
    "/chains", response={200: list[ChainOut], **READ_ERRORS}, summary="List industry chains"
)
@paginate(Pages, page_size=50)
def list_chains(request: HttpRequest) -> Any:
    return Chain.objects.select_related("region")


@router.get("/chains/{int:chain_id}", response=ChainDetail, summary="One chain with its graph")
def get_chain(request: HttpRequest, chain_id: int) -> Any:
    return get_object_or_404(Chain.objects.select_related("region"), pk=chain_id)


@router.get("/chains/{int:chain_id}/gaps", summary="Gaps and candidates for a region")
def chain_gaps(request: HttpRequest, chain_id: int, query: Query[GapQuery]) -> dict:
    chain = get_object_or_404(Chain, pk=chain_id)
    try:
        region = region_code(query.region)
    except ValueError as error:
        raise ValidationError({"region": str(error)}) from error
    analysis = analyse_chain(chain, region, threshold=query.threshold, candidates=query.candidates)
    return analysis_as_dict(analysis)


@router.get("/chains/{int:chain_id}/export", summary="The chain as a devzone-chain JSON document")
def export(request: HttpRequest, chain_id: int) -> dict:
    return export_chain(get_object_or_404(Chain, pk=chain_id))


@router.post("/chains/import", response={201: ChainOut}, summary="Import a chain document")
def import_document(request: HttpRequest, document: Body[dict[str, Any]]) -> Any:
    return Status(201, import_chain(document, actor=request.auth))


@router.get("/chain-graph/gaps", summary="Gaps of a product chain in the listed-company graph")
def graph_gap_query(request: HttpRequest, query: Query[GraphGapQuery]) -> dict:
    from devzone.chains.graph import graph_gaps

    try:
        report = graph_gaps(
            query.root,
            query.province,
            max_depth=query.depth,
            threshold=query.threshold,
            candidates=query.candidates,
        )
    except FileNotFoundError as error:  # the store's path is the server's business
        message = _("No chain graph is loaded yet: an administrator loads it first.")
        raise HttpError(503, message) from error
    except ValueError as error:  # an unknown product or province: name the parameter
        from django.core.exceptions import ValidationError

        from devzone.chains.places import province_code

        try:
            province_code(query.province)
        except ValueError:
            raise ValidationError({"province": str(error)}) from error
        raise ValidationError({"root": str(error)}) from error
    return report.as_dict()
