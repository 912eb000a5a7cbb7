"""Leads over the API. Reads start from ``Lead.objects.visible_to(user)`` (out of scope = 404);
writes go through :mod:`devzone.leads.services` (403 outside the caller's zones, 422 for a
move the pipeline does not allow)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from devzone.api.pages import Pages
from devzone.api.types import InputSchema, MoneyIn, lookup
from devzone.chains.models import Link
from devzone.enterprises.models import Enterprise
from devzone.leads import services
from devzone.leads.choices import LeadEventKind, LeadStage
from devzone.leads.models import Lead
from devzone.regions.models import Zone

router = Router(tags=["leads"])


class EventOut(Schema):
    kind: LeadEventKind
    from_stage: str
    to_stage: LeadStage
    actor_name: str
    at: dt.datetime
    note: str


class LeadOut(Schema):
    id: int
    enterprise_id: int
    enterprise: str
    zone_id: int
    stage: LeadStage
    owner: str | None
    link_ids: list[int]
    next_action: str
    next_action_date: dt.date | None
    notes: str
    is_stale: bool
    project_id: int | None

    @staticmethod
    def resolve_enterprise(lead: Lead) -> str:
        return lead.enterprise.legal_name

    @staticmethod
    def resolve_owner(lead: Lead) -> str | None:
        return lead.owner.get_username() if lead.owner else None

    @staticmethod
    def resolve_link_ids(lead: Lead) -> list[int]:
        return [link.pk for link in lead.links.all()]


class LeadDetail(LeadOut):
    events: list[EventOut]

    @staticmethod
    def resolve_events(lead: Lead) -> list[Any]:
        return list(lead.events.all())


class LeadFilter(Schema):
    stage: LeadStage | None = None
    stale: bool = False


class LeadIn(InputSchema):
    enterprise_id: int
    zone_id: int
    link_ids: list[int] = []
    next_action: str = ""
    next_action_date: dt.date | None = None
    notes: str = ""


class AdvanceIn(InputSchema):
    stage: LeadStage
    note: str = ""


class ConvertIn(InputSchema):
    planned_investment: MoneyIn
    name: str | None = None


class ProjectRef(Schema):
    id: int
    name: str


def _visible(request: HttpRequest):  # type: ignore[no-untyped-def]
    return (
        Lead.objects.visible_to(request.auth)
        .select_related("enterprise", "owner")
        .prefetch_related("links")
    )


def _lead(request: HttpRequest, lead_id: int) -> Lead:
    return get_object_or_404(_visible(request), pk=lead_id)


@router.get("/leads", response=list[LeadOut], summary="List the leads the caller may see")
@paginate(Pages, page_size=50)
def list_leads(request: HttpRequest, filters: Query[LeadFilter]) -> Any:
    leads = _visible(request)
    if filters.stale:
        leads = leads.stale()
    if filters.stage:
        leads = leads.filter(stage=filters.stage)
    return leads


@router.get("/leads/{lead_id}", response=LeadDetail, summary="One lead with its history")
def get_lead(request: HttpRequest, lead_id: int) -> Any:
    return _lead(request, lead_id)


@router.post("/leads", response={201: LeadDetail}, summary="Start a lead")
def create_lead(request: HttpRequest, payload: LeadIn) -> Any:
    fields = payload.dict()
    enterprise = lookup(Enterprise, "enterprise_id", pk=fields.pop("enterprise_id"))
    zone = lookup(Zone, "zone_id", pk=fields.pop("zone_id"))
    wanted = set(fields.pop("link_ids"))
    links = list(Link.objects.filter(pk__in=wanted))
    if missing := sorted(wanted - {link.pk for link in links}):
        message = _("No chain link has the id %(ids)s.") % {"ids": ", ".join(map(str, missing))}
        raise ValidationError({"link_ids": message})
    try:
        lead = services.create_lead(
            actor=request.auth, enterprise=enterprise, zone=zone, links=links, **fields
        )
    except ValidationError as error:  # name the fields as the request does: enterprise_id
        if not hasattr(error, "error_dict"):
            raise
        renamed = {"enterprise": "enterprise_id", "zone": "zone_id", "links": "link_ids"}
        raise ValidationError(
            {renamed.get(name, name): messages for name, messages in error.message_dict.items()}
        ) from error
    return Status(201, lead)


@router.post("/leads/{lead_id}/advance", response=LeadDetail, summary="Move a lead on")
def advance(request: HttpRequest, lead_id: int, payload: AdvanceIn) -> Any:
    lead = _lead(request, lead_id)
    services.advance_lead(lead, payload.stage, actor=request.auth, note=payload.note)
    return _lead(request, lead_id)


@router.post(
    "/leads/{lead_id}/convert", response={201: ProjectRef}, summary="Sign: make it a project"
)
def convert(request: HttpRequest, lead_id: int, payload: ConvertIn) -> Any:
    lead = _lead(request, lead_id)
    project = services.convert_lead_to_project(
        lead,
        actor=request.auth,
        planned_investment=payload.planned_investment,
        name=payload.name or None,
    )
    return Status(201, project)
