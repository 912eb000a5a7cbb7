"""The dashboard: the first screen after signing in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from devzone.accounts.scope import zone_scope_q
from devzone.regions.models import Zone
from devzone.web import dashboard
from devzone.web.forms import Form, code_prefix
from devzone.web.views.projects import load_scope


class ScopeForm(Form):
    """Which zone or region the dashboard shows; empty means everything the user may see."""

    zone = forms.ModelChoiceField(label=_("Zone"), queryset=Zone.objects.none(), required=False)
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
    scope, year = form.scope(request.user)
    board = dashboard.build(scope, year=year)
    context = {
        "form": form,
        "board": board,
        "region_prefix": code_prefix(scope.region) if scope.region else "",
        "previous_year": board.chart_year - 1,
        "next_year": board.chart_year + 1 if board.chart_year < board.as_of.year else None,
    }
    return render(request, "web/dashboard.html", context)
