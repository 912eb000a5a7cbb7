"""Every write to a lead goes through these functions.

Each takes the acting user as ``actor`` (``None`` = the operator at the command line), checks
the actor may edit the lead's zone, runs in one transaction, saves through the change log and
appends a typed :class:`~devzone.leads.models.LeadEvent` for lifecycle facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from devzone.accounts.scope import require_edit
from devzone.core.clock import today
from devzone.core.history import save_with_history
from devzone.leads.choices import TRANSITIONS, LeadEventKind, LeadStage
from devzone.leads.models import Lead, LeadEvent
from devzone.projects.models import Project
from devzone.projects.services import create_project

LEAD_FIELDS = {"owner", "next_action", "next_action_date", "notes"}


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _event(lead: Lead, kind: str, *, actor: Any, from_stage: str = "", note: str = "") -> None:
    user = _user(actor)
    LeadEvent.objects.create(
        lead=lead,
        kind=kind,
        from_stage=from_stage,
        to_stage=lead.stage,
        actor=user,
        actor_name=(user.get_username() if user else str(actor or "system"))[:150],
        note=note,
    )


@transaction.atomic
def create_lead(
    *,
    actor: Any,
    enterprise: Any,
    zone: Any,
    links: Iterable[Any] = (),
    note: str = "",
    **fields: Any,
) -> Lead:
    """Start courting ``enterprise`` for ``zone`` (stage *identified*)."""
    unknown = sorted(set(fields) - LEAD_FIELDS)
    if unknown:
        raise TypeError(f"unknown lead fields: {unknown}")
    require_edit(actor, zone)
    if Lead.objects.open().filter(enterprise=enterprise, zone=zone).exists():
        raise ValidationError(
            {"enterprise": _("This enterprise already has an open lead for this zone.")},
            code="duplicate",
        )
    fields.setdefault("owner", _user(actor))
    lead = Lead(enterprise=enterprise, zone=zone, **fields)
    save_with_history(lead, actor=actor, m2m={"links": list(links)})
    _event(lead, LeadEventKind.CREATED, actor=actor, note=note)
    return lead


@transaction.atomic
def update_lead(lead: Lead, *, actor: Any, links: Iterable[Any] | None = None, **changes: Any):
    """Change the owner, next action, notes or links (the stage moves only by advancing)."""
    unknown = sorted(set(changes) - LEAD_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    require_edit(actor, lead.zone)
    for name, value in changes.items():
        setattr(lead, name, value)
    m2m = {"links": list(links)} if links is not None else None
    save_with_history(lead, actor=actor, m2m=m2m)
    return lead


def allowed_stages(lead: Lead) -> list[str]:
    """The stages ``lead`` may move to next, in pipeline order."""
    allowed = TRANSITIONS[lead.stage]
    return [stage for stage in LeadStage.values if stage in allowed]


@transaction.atomic
def advance_lead(lead: Lead, stage: str, *, actor: Any, note: str = "") -> Lead:
    """Move ``lead`` to ``stage`` if the pipeline allows it; records an event with the note.

    A lead is signed only by :func:`convert_lead_to_project`, which makes its project.
    """
    if stage == LeadStage.SIGNED:
        raise ValidationError(
            {"stage": _("A lead is signed by making it a project: convert it instead.")},
            code="transition",
        )
    return _move(lead, stage, actor=actor, note=note)


def _move(lead: Lead, stage: str, *, actor: Any, note: str = "") -> Lead:
    require_edit(actor, lead.zone)
    # Lock the row and read the current stage: two people may press a button at once.
    locked = Lead.objects.select_for_update().filter(pk=lead.pk)
    lead.stage = locked.values_list("stage", flat=True).get()
    if stage not in LeadStage.values:
        raise ValidationError({"stage": _("Unknown stage %(stage)s.") % {"stage": stage}})
    if stage not in TRANSITIONS[lead.stage]:
        raise ValidationError(
            {
                "stage": _("A lead cannot move from %(from)s to %(to)s.")
                % {"from": lead.get_stage_display(), "to": LeadStage(stage).label}
            },
            code="transition",
        )
    previous = lead.stage
    lead.stage = stage
    save_with_history(lead, actor=actor)
    _event(lead, LeadEventKind.STAGE_CHANGED, actor=actor, from_stage=previous, note=note)
    return lead


@transaction.atomic
def convert_lead_to_project(
    lead: Lead,
    *,
    actor: Any,
    planned_investment: Decimal,
    name: str | None = None,
    signed_on: dt.date | None = None,
    **project_fields: Any,
) -> Project:
    """Sign the lead: create its project (the enterprise as lead investor) and mark it signed.

    The project takes the lead's zone, the enterprise's industry unless one is given, the
    lead's notes as description, and a *signed* milestone dated today (or ``signed_on``).
    """
    if lead.project_id:
        raise ValidationError({"project": _("This lead is already a project.")}, code="converted")
    require_edit(actor, lead.zone)
    # A signed lead whose project was deleted since may be made a project again.
    again = lead.stage == LeadStage.SIGNED
    if LeadStage.SIGNED not in TRANSITIONS[lead.stage] and not again:
        raise ValidationError(
            {"stage": _("Only a lead being worked on (contacted or later) can be signed.")},
            code="transition",
        )
    signed_on = signed_on or today()
    project_fields.setdefault("industry", lead.enterprise.industry)
    project_fields.setdefault("description", lead.notes)
    project = create_project(
        actor=actor,
        zone=lead.zone,
        name=name or _("%(enterprise)s project") % {"enterprise": lead.enterprise},
        planned_investment=planned_investment,
        investors=[lead.enterprise],
        milestones={"signed": {"actual_date": signed_on}},
        **project_fields,
    )
    if not again:
        _move(lead, LeadStage.SIGNED, actor=actor)
    lead.project = project
    save_with_history(lead, actor=actor)
    _event(lead, LeadEventKind.CONVERTED, actor=actor, from_stage=LeadStage.SIGNED)
    return project
