"""The dashboard: the first screen after signing in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from devzone.accounts.scope import zone_scope_q
from devzone.core.clock import today
from devzone.regions.models import Zone
from devzone.web import dashboard
from devzone.web.forms import Form
from devzone.web.views.projects import load_scope
from devzone.web.widgets import FastSelect


class ScopeForm(Form):
    """Which zone or region the dashboard shows; empty means everything the user may see."""

    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Zone.objects.none(), required=False, widget=FastSelect
    )
    region = forms.RegexField(
        label=_("Region code"), regex=r"^\d{6}$", required=False, max_length=6
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = Zone.objects.filter(zone_scope_q(user, "")).order_by(
            "region__code", "name"
        )

    def scope(self, user: Any) -> tuple[dashboard.Scope, int | None]:
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        region = data.get("region") or ""
        return dashboard.Scope(user, zone=data.get("zone"), region=region), data.get("year")


@login_required
@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    load_scope(request.user)
    form = ScopeForm(request.GET, user=request.user)
    as_of = today()
    key = dashboard.tiles_cache_key(
        request.user, request.GET.urlencode(), get_language() or "", as_of
    )
    tiles = dashboard.cached_tiles(key, lambda: render_tiles(request, form))
    context = {"form": form, "as_of": as_of, "tiles": mark_safe(tiles)}  # our own template's HTML
    return render(request, "web/dashboard.html", context)


def render_tiles(request: HttpRequest, form: ScopeForm) -> str:
    """Gather every tile (most of the page's queries and time) and draw them."""
    scope, year = form.scope(request.user)
    board = dashboard.build(scope, year=year)
    context = {
        "board": board,
        "previous_year": board.chart_year - 1
        if board.first_year is not None and board.chart_year > board.first_year
        else None,
        "next_year": board.chart_year + 1 if board.chart_year < board.as_of.year else None,
    }
    return render_to_string("web/dashboard_tiles.html", context, request=request)
