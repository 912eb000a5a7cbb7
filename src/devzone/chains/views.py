"""Chain pages: the list, one chain drawn with its gaps, the gaps with candidates, edits."""

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
from devzone.accounts.scope import role_of
from devzone.chains import services
from devzone.chains.analysis import analyse_chain, region_code
from devzone.chains.forms import AttachForm, ChainForm, EdgeForm, LinkForm
from devzone.chains.models import Chain
from devzone.chains.svg import chain_svg


def may_edit_chains(user: Any) -> bool:
    """Whether the user may create chains at all (staff and administrators)."""
    return role_of(user) in EDITING_ROLES


def may_edit_chain(user: Any, chain: Chain) -> bool:
    """Whether the user may change this chain: staff of its region, or an administrator."""
    try:
        services.require_chain_edit(user, chain.region)
    except PermissionDenied:
        return False
    return True


@login_required
def chain_list(request: HttpRequest) -> HttpResponse:
    form = ChainForm(request.POST or None)
    if request.method == "POST":
        if not may_edit_chains(request.user):
            raise PermissionDenied
        if form.is_valid():
            chain = _apply(request, form, services.create_chain, **form.cleaned_data)
            if chain is not None:
                return redirect("chains:detail", chain.pk)
    chains = Chain.objects.select_related("region").annotate(
        link_count=Count("links", distinct=True)
    )
    context = {"chains": chains, "form": form, "may_edit": may_edit_chains(request.user)}
    return render(request, "chains/chain_list.html", context)


def _apply(request: HttpRequest, form: Any, service: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a service for a form; its validation errors land on the form."""
    try:
        return service(*args, actor=request.user, **kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


def _region(request: HttpRequest, chain: Chain) -> tuple[str, str, str]:
    """The region asked for (or the chain's own) as typed, its code, and why it cannot be used.

    The code is "" when no region is chosen or the one typed is unknown (then the reason says
    why, shown beside the field).
    """
    own = chain.region.code if chain.region_id else ""
    typed = request.GET.get("region", "").strip()[:20]
    if not typed or typed == own:
        return own, own, ""
    try:
        return typed, region_code(typed), ""
    except ValueError as error:
        return typed, "", str(error)


@login_required
@require_GET
def chain_detail(request: HttpRequest, pk: int) -> HttpResponse:
    chain = get_object_or_404(Chain.objects.select_related("region"), pk=pk)
    return _render_detail(request, chain)


def _render_detail(request: HttpRequest, chain: Chain, status: int = 200, **forms: Any):
    region, code, region_error = _region(request, chain)
    analysis = analyse_chain(chain, code, candidates=0) if code else None
    statuses = analysis.links if analysis else []
    links = [status.link for status in statuses] or list(chain.links.all())
    edges = analysis.edges if analysis else []
    gap_ids = analysis.gap_ids() if analysis else set()
    local_counts = {status.link.pk: len(status.local) for status in statuses}
    may_edit = may_edit_chain(request.user, chain)
    context = {
        "chain": chain,
        "region": region,
        "region_error": region_error,
        "analysis": analysis,
        "graph": chain_svg(links, edges, gap_ids, local_counts) if analysis else None,
        "may_edit": may_edit,
    }
    if may_edit:
        context["link_form"] = forms.get("link_form") or LinkForm()
        context["edge_form"] = forms.get("edge_form") or EdgeForm(chain=chain)
        context["attach_form"] = forms.get("attach_form") or AttachForm(chain=chain)
    return render(request, "chains/chain_detail.html", context, status=status)


def _editable_chain(request: HttpRequest, pk: int) -> Chain:
    """The chain, when the user may change it; otherwise 403 saying why."""
    chain = get_object_or_404(Chain.objects.select_related("region"), pk=pk)
    services.require_chain_edit(request.user, chain.region)
    return chain


@login_required
@require_POST
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    chain = _editable_chain(request, pk)
    form = LinkForm(request.POST)
    if form.is_valid() and _apply(request, form, services.add_link, chain, **form.cleaned_data):
        messages.success(request, _("Link added."))
        return redirect("chains:detail", chain.pk)
    return _render_detail(request, chain, status=400, link_form=form)


@login_required
@require_POST
def edge_add(request: HttpRequest, pk: int) -> HttpResponse:
    chain = _editable_chain(request, pk)
    form = EdgeForm(request.POST, chain=chain)
    if form.is_valid():
        data = form.cleaned_data
        if _apply(request, form, services.connect_links, data["supplier"], data["consumer"]):
            messages.success(request, _("Supply edge added."))
            return redirect("chains:detail", chain.pk)
    return _render_detail(request, chain, status=400, edge_form=form)


@login_required
@require_POST
def enterprise_attach(request: HttpRequest, pk: int) -> HttpResponse:
    chain = _editable_chain(request, pk)
    form = AttachForm(request.POST, chain=chain)
    if form.is_valid():
        data = form.cleaned_data
        if _apply(
            request,
            form,
            services.attach_enterprise,
            data["link"],
            data["legal_name"],
            products=data["products"],
            is_chain_leader=data["is_chain_leader"],
        ):
            messages.success(request, _("Enterprise attached."))
            return redirect("chains:detail", chain.pk)
    return _render_detail(request, chain, status=400, attach_form=form)


@login_required
@require_GET
def chain_gaps(request: HttpRequest, pk: int) -> HttpResponse:
    chain = get_object_or_404(Chain.objects.select_related("region"), pk=pk)
    region, code, region_error = _region(request, chain)
    analysis = analyse_chain(chain, code) if code else None
    from devzone.leads.views import lead_zones

    context = {
        "chain": chain,
        "region": region,
        "region_error": region_error,
        "analysis": analysis,
        "lead_zones": lead_zones(request.user),
    }
    return render(request, "chains/chain_gaps.html", context)
