"""Lead pages: the pipeline board (by stage and by chain link) and one lead with its history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.choices import EDITING_ROLES
from devzone.accounts.scope import can_edit_zone, role_of, zone_scope_q
from devzone.chains.models import Link
from devzone.core.names import reads_english
from devzone.enterprises.models import Enterprise
from devzone.leads import services
from devzone.leads.choices import LeadStage
from devzone.leads.forms import AdvanceForm, ConvertForm, NextActionForm
from devzone.leads.models import Lead
from devzone.regions.models import Zone


def lead_zones(user: Any) -> list[Zone]:
    """The zones ``user`` may open leads for."""
    if role_of(user) not in EDITING_ROLES:
        return []
    return list(Zone.objects.filter(zone_scope_q(user, "")))


def _messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    leads = Lead.objects.visible_to(request.user)
    stale_only = request.GET.get("stale") == "1"
    if stale_only:
        leads = leads.stale()
    cards = leads.select_related("enterprise", "zone", "owner").prefetch_related("links")
    columns: dict[str, list[Lead]] = {stage: [] for stage in LeadStage.values}
    for lead in cards:
        columns[lead.stage].append(lead)
    context = {
        "columns": [(LeadStage(stage).label, stage, columns[stage]) for stage in columns],
        "by_link": _by_link(leads),
        "stages": LeadStage.choices,
        "stale_only": stale_only,
    }
    return render(request, "leads/board.html", context)


def _by_link(leads: Any) -> list[tuple[str, str, list[int]]]:
    """Rows of (chain, link, count per stage): the pipeline seen along the chains."""
    english = reads_english()
    chain_name = "links__chain__name_en" if english else "links__chain__name"
    link_name = "links__name_en" if english else "links__name"
    counts = (
        leads.filter(links__isnull=False)
        .values("links__chain__name", "links__name", chain_name, link_name, "stage")
        .annotate(count=Count("pk"))
        .order_by("links__chain__name", "links__name")
    )
    rows: dict[tuple[str, str], dict[str, int]] = {}
    for row in counts:  # the reader's language where the chain and link have it
        key = (
            row[chain_name] or row["links__chain__name"],
            row[link_name] or row["links__name"],
        )
        rows.setdefault(key, {})[row["stage"]] = row["count"]
    return [
        (chain, link, [stages.get(stage, 0) for stage in LeadStage.values])
        for (chain, link), stages in rows.items()
    ]


@login_required
@require_GET
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _visible_lead(request, pk))


def _visible_lead(request: HttpRequest, pk: int) -> Lead:
    leads = Lead.objects.visible_to(request.user).select_related(
        "enterprise", "zone", "owner", "project"
    )
    return get_object_or_404(leads, pk=pk)


def _render_detail(request: HttpRequest, lead: Lead, status: int = 200, **forms: Any):
    may_edit = can_edit_zone(request.user, lead.zone)
    context = {
        "lead": lead,
        "links": list(lead.links.select_related("chain")),
        "events": list(lead.events.select_related("actor")),
        "may_edit": may_edit,
        "next_stages": [(s, LeadStage(s).label) for s in services.allowed_stages(lead)],
        "can_sign": LeadStage.SIGNED in services.allowed_stages(lead),
    }
    if may_edit:
        context["convert_form"] = forms.get("convert_form") or ConvertForm()
        context["next_form"] = forms.get("next_form") or NextActionForm(
            initial={
                "next_action": lead.next_action,
                "next_action_date": lead.next_action_date,
                "notes": lead.notes,
            }
        )
    return render(request, "leads/lead_detail.html", context, status=status)


def _id(value: str | None) -> int:
    """A record id from a form; anything else finds no record (a 404), never a 500."""
    return int(value) if value and value.isdigit() and len(value) < 19 else 0


@login_required
@require_POST
def lead_create(request: HttpRequest) -> HttpResponse:
    enterprise = get_object_or_404(Enterprise, pk=_id(request.POST.get("enterprise")))
    zone = get_object_or_404(Zone, pk=_id(request.POST.get("zone")))
    links = list(Link.objects.filter(pk=_id(request.POST.get("link"))))
    try:
        lead = services.create_lead(
            actor=request.user, enterprise=enterprise, zone=zone, links=links
        )
    except ValidationError as error:
        for message in _messages_of(error):
            messages.error(request, message)
        return redirect("leads:board")
    messages.success(request, _("Lead started."))
    return redirect("leads:detail", lead.pk)


@login_required
@require_POST
def lead_advance(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _visible_lead(request, pk)
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return _render_detail(request, lead, status=400)
    try:
        services.advance_lead(
            lead, form.cleaned_data["stage"], actor=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        for message in _messages_of(error):
            messages.error(request, message)
        return _render_detail(request, lead, status=400)
    return redirect("leads:detail", lead.pk)


@login_required
@require_POST
def lead_update(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _visible_lead(request, pk)
    form = NextActionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, lead, status=400, next_form=form)
    services.update_lead(lead, actor=request.user, **form.cleaned_data)
    return redirect("leads:detail", lead.pk)


@login_required
@require_POST
def lead_convert(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _visible_lead(request, pk)
    if not can_edit_zone(request.user, lead.zone):
        raise PermissionDenied
    form = ConvertForm(request.POST)
    if form.is_valid():
        try:
            project = services.convert_lead_to_project(
                lead,
                actor=request.user,
                planned_investment=form.cleaned_data["planned_investment"],
                name=form.cleaned_data["name"] or None,
            )
        except ValidationError as error:
            for message in _messages_of(error):  # about the lead (its stage, its project)
                form.add_error(None, message)
        else:
            messages.success(request, _("The lead is signed and is now a project."))
            return redirect("projects:detail", project.pk)
    return _render_detail(request, lead, status=400, convert_form=form)
