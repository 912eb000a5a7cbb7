"""The enterprise registry over the API: any signed-in user reads, staff and admins write."""

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from devzone.api.errors import READ_ERRORS, WRITE_ERRORS
from devzone.api.pages import Pages
from devzone.api.types import ForeignMoneyIn, InputSchema, MoneyOut
from devzone.core.codes import CodeError, validate_currency_code
from devzone.enterprises import services
from devzone.enterprises.choices import AliasKind
from devzone.enterprises.models import Enterprise, EnterpriseAlias, Industry, MatchRun
from devzone.regions.api import RegionRef
from devzone.regions.models import Region

router = Router(tags=["enterprises"])


class IndustryRef(Schema):
    code: str
    name: str


class AliasOut(Schema):
    alias: str
    kind: AliasKind


class EnterpriseRef(Schema):
    id: int
    legal_name: str
    short_name: str


class EnterpriseOut(Schema):
    id: int
    legal_name: str
    short_name: str
    name_en: str
    region_part: str
    legal_form: str
    credit_code: str | None
    region: RegionRef | None
    industry: IndustryRef | None
    registered_capital: MoneyOut | None
    capital_currency: str
    listed_code: str
    address: str
    scope: str
    aliases: list[AliasOut]

    @staticmethod
    def resolve_aliases(enterprise: Enterprise) -> list[EnterpriseAlias]:
        return list(enterprise.aliases.all())


class AliasIn(InputSchema):
    alias: str = Field(..., min_length=1, max_length=200)
    kind: AliasKind = AliasKind.SHORT


class EnterprisePatch(InputSchema):
    legal_name: str | None = Field(None, min_length=1, max_length=200)
    short_name: str | None = None
    name_en: str | None = None
    region_part: str | None = None
    legal_form: str | None = None
    credit_code: str | None = Field(None, description="18-character unified social credit code.")
    region: str | None = Field(None, description="GB/T 2260 code of the registered region.")
    industry: str | None = Field(None, description="GB/T 4754 code.")
    registered_capital: ForeignMoneyIn | None = Field(
        None, description="In yuan, or with its currency: 2亿元, 1000万美元."
    )
    capital_currency: str | None = Field(None, min_length=3, max_length=3)
    listed_code: str | None = None
    address: str | None = None
    scope: str | None = None


class EnterpriseIn(EnterprisePatch):
    legal_name: str = Field(..., min_length=1, max_length=200)
    aliases: list[AliasIn] = []


class EnterpriseFilters(Schema):
    search: str = Field("", description="Part of a name or alias, or a credit code.")


def _enterprises() -> QuerySet[Enterprise]:
    return Enterprise.objects.select_related("region", "industry").prefetch_related("aliases")


def _search(enterprises: QuerySet[Enterprise], term: str) -> QuerySet[Enterprise]:
    term = term.strip()
    alias = EnterpriseAlias.objects.filter(enterprise=OuterRef("pk"), alias__icontains=term)
    return enterprises.filter(
        Q(legal_name__icontains=term)
        | Q(short_name__icontains=term)
        | Q(name_en__icontains=term)
        | Q(credit_code=term.upper().replace(" ", ""))
        | Exists(alias)
    )


def _references(fields: dict[str, Any]) -> dict[str, Any]:
    """Turn region and industry codes into records; an unknown code names its field."""
    for name, model in (("region", Region), ("industry", Industry)):
        if name in fields:  # "" or null clears it
            code = fields[name]
            fields[name] = (
                (model.objects.filter(code=code).first() or _unknown(name)) if code else None
            )
    if fields.get("capital_currency"):
        try:
            fields["capital_currency"] = validate_currency_code(fields["capital_currency"])
        except CodeError as exc:
            message = _("“%(code)s” is not an ISO 4217 currency code (such as USD or HKD).")
            raise ValidationError({"capital_currency": message % {"code": exc.text}}) from exc
    if "registered_capital" in fields:  # 1000万美元: the amount and the currency it names
        amount = fields["registered_capital"]
        fields["registered_capital"] = amount["value"] if amount else None
        stated = amount["currency"] if amount else None
        given = fields.get("capital_currency")
        if stated and given and given != stated:
            message = _("The currency %(code)s differs from the capital's unit (%(unit)s).")
            raise ValidationError({"capital_currency": message % {"code": given, "unit": stated}})
        if stated:
            fields["capital_currency"] = stated
    for name in ("short_name", "name_en", "region_part", "legal_form", "listed_code"):
        if name in fields and fields[name] is None:
            fields[name] = ""
    return fields


def _unknown(field: str) -> Any:
    raise ValidationError({field: _("No such record.")})


@router.get("/enterprises", response={200: list[EnterpriseOut], **READ_ERRORS})
@paginate(Pages, page_size=50)
def list_enterprises(
    request: HttpRequest, filters: Query[EnterpriseFilters]
) -> QuerySet[Enterprise]:
    """Enterprises of the registry, a page at a time; ``search`` finds names, aliases and credit
    codes."""
    enterprises = _enterprises()
    return _search(enterprises, filters.search) if filters.search.strip() else enterprises


# Declared before /enterprises/{enterprise_id}, whose pattern would also take "match".
class MatchCandidateOut(Schema):
    id: int
    legal_name: str
    score: float = Field(..., description="0–100; higher is more certain.")
    reason: str = Field(..., description="The evidence: legal_name, alias, contraction, …")
    matched_text: str
    taken_by: str | None = Field(
        None, description="Matching a list of different enterprises: the name that took it."
    )


class MatchOut(Schema):
    query: str
    decision: str = Field(..., description="matched (safe to link), review (ask) or none.")
    best: MatchCandidateOut | None
    runner_up: MatchCandidateOut | None
    candidates: list[MatchCandidateOut]


class MatchQuery(Schema):
    name: str = Field(..., min_length=1, max_length=300, description="The name as typed.")
    limit: int = Field(5, ge=1, le=20)


@router.get("/enterprises/match", response={200: MatchOut, **READ_ERRORS})
def match_enterprise(request: HttpRequest, query: Query[MatchQuery]) -> dict[str, Any]:
    """The registry enterprises a typed name (short name, brand, old name) may mean.

    For forms that link a project investor or a lead to the registry: link at once when the
    decision is ``matched``, offer the candidates when it is ``review``.
    """
    from devzone.enterprises.matching import result_json, suggest_enterprise

    if not query.name.strip():
        raise ValidationError({"name": _("A name is 1 to 300 characters, not blank.")})
    return result_json(suggest_enterprise(query.name.strip(), limit=query.limit))


class MatchListIn(InputSchema):
    names: list[str] = Field(
        ..., min_length=1, max_length=10_000, description="The names as typed, one per item."
    )
    distinct: bool = Field(
        False,
        description="The names are different enterprises (a roster, a top-500 list): no two "
        "get the same one, and the list decides between candidates scored alike.",
    )
    limit: int = Field(5, ge=1, le=20)
    source: str = Field("", max_length=300, description="Where the names come from.")


class MatchRunOut(Schema):
    run: int = Field(..., description="The stored run: its review band is on the review page.")
    count: int
    matched: int
    review: int
    none: int
    items: list[MatchOut]


@router.post("/enterprises/match", response={201: MatchRunOut, **WRITE_ERRORS})
def match_enterprises(request: HttpRequest, payload: MatchListIn) -> Status:
    """Match a list of names and keep the run for review (staff and administrators), as
    ``devzone match FILE`` does."""
    from devzone.enterprises.matching import match_names, result_json

    services.require_registry_edit(request.auth)
    wrong = {
        f"names.{position}": _("A name is 1 to 300 characters, not blank.")
        for position, name in enumerate(payload.names)
        if not name.strip() or len(name) > 300
    }
    if wrong:
        raise ValidationError(wrong)
    run, results = match_names(
        [name.strip() for name in payload.names],
        actor=request.auth,
        source=payload.source or "api",
        limit=payload.limit,
        distinct=payload.distinct,
    )
    run = cast(MatchRun, run)  # stored: match_names keeps the run by default
    body = {
        "run": run.pk,
        "count": run.item_count,
        "matched": run.matched_count,
        "review": run.review_count,
        "none": run.none_count,
        "items": [result_json(result) for result in results],
    }
    return Status(201, body)


@router.get("/enterprises/{enterprise_id}", response={200: EnterpriseOut, **READ_ERRORS})
def get_enterprise(request: HttpRequest, enterprise_id: int) -> Enterprise:
    """One enterprise with its aliases."""
    return get_object_or_404(_enterprises(), pk=enterprise_id)


@router.post("/enterprises", response={201: EnterpriseOut, **WRITE_ERRORS})
@transaction.atomic
def create_enterprise(request: HttpRequest, payload: EnterpriseIn) -> Status:
    """Register an enterprise (staff and administrators); the credit code is checked, capital may
    carry its currency (1000万美元)."""
    fields = _references(payload.dict(exclude_unset=True, exclude={"aliases", "legal_name"}))
    enterprise = services.create_enterprise(
        actor=request.auth,
        legal_name=payload.legal_name,
        aliases=[(alias.alias, alias.kind) for alias in payload.aliases],
        **fields,
    )
    return Status(201, get_object_or_404(_enterprises(), pk=enterprise.pk))


@router.patch("/enterprises/{enterprise_id}", response={200: EnterpriseOut, **WRITE_ERRORS})
@transaction.atomic
def update_enterprise(
    request: HttpRequest, enterprise_id: int, payload: EnterprisePatch
) -> Enterprise:
    """Change an enterprise's fields; a blank region or industry clears it."""
    enterprise = get_object_or_404(Enterprise, pk=enterprise_id)
    changes = _references(payload.dict(exclude_unset=True))
    services.update_enterprise(enterprise, actor=request.auth, **changes)
    return get_object_or_404(_enterprises(), pk=enterprise.pk)
