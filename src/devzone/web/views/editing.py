"""The forms on a project's page: report, milestone dates, problems.

Each view finds the project in the user's scope (404 otherwise), refuses users who may not
edit its zone (403), parses the form and calls the service. On an error the detail page is
shown again with the form as it was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from devzone.accounts.scope import can_edit_zone
from devzone.projects import services
from devzone.projects.choices import MilestoneKind
from devzone.projects.models import Project
from devzone.web.forms import (
    InvestmentReportForm,
    MilestoneForm,
    ProblemForm,
    ResolveProblemForm,
    add_service_errors,
)
from devzone.web.views.projects import render_detail, visible_project


def editable_project(request: HttpRequest, pk: int) -> Project:
    project = visible_project(request, pk)
    if not can_edit_zone(request.user, project.zone):
        message = _("You may not change records of %(zone)s.") % {"zone": project.zone}
        raise PermissionDenied(message)
    return project


def _save(
    request: HttpRequest,
    project: Project,
    form: forms.Form,
    form_name: str,
    action: Callable[[dict[str, Any]], object],
    success: str,
    anchor: str,
) -> HttpResponse:
    """Validate ``form``, run ``action`` (a service call) and redirect, or show the errors."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(reverse("projects:detail", args=[project.pk]) + anchor)
    return render_detail(request, project, **{form_name: form})


@login_required
@require_POST
def submit_report(request: HttpRequest, pk: int) -> HttpResponse:
    project = editable_project(request, pk)
    form = InvestmentReportForm(request.POST)
    saved = _("The report was saved.")
    if form.is_valid() and project.reports.filter(month=form.cleaned_data["month"]).exists():
        saved = _("The report of %(month)s was corrected: it replaces the one given before.") % {
            "month": form.cleaned_data["month"].strftime("%Y-%m")
        }

    def action(data: dict[str, Any]) -> object:
        return services.submit_investment_report(project, actor=request.user, **data)

    return _save(request, project, form, "report_form", action, saved, "#reports")


@login_required
@require_POST
def set_milestone(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    project = editable_project(request, pk)
    if kind not in MilestoneKind.values:
        raise Http404(_("Unknown milestone."))
    form = MilestoneForm(request.POST, kind=kind)

    def action(data: dict[str, Any]) -> object:
        return services.set_milestone(project, kind, actor=request.user, **data)

    saved = _("The dates were saved.")
    dates = form.cleaned_data if form.is_valid() else {"planned_date": True}
    if not dates.get("planned_date") and not dates.get("actual_date"):
        saved = _("The dates were cleared.")
    return _save(request, project, form, "milestone_form", action, saved, "#milestones")


@login_required
@require_POST
def add_problem(request: HttpRequest, pk: int) -> HttpResponse:
    project = editable_project(request, pk)
    form = ProblemForm(request.POST, project=project)

    def action(data: dict[str, Any]) -> object:
        return services.open_problem(project, actor=request.user, **data)

    return _save(
        request, project, form, "problem_form", action, _("The problem was added."), "#problems"
    )


@login_required
@require_POST
def resolve_problem(request: HttpRequest, pk: int, problem_id: int) -> HttpResponse:
    project = editable_project(request, pk)
    problem = get_object_or_404(project.problems, pk=problem_id)
    form = ResolveProblemForm(request.POST, problem=problem)

    def action(data: dict[str, Any]) -> object:
        return services.resolve_problem(problem, actor=request.user, **data)

    return _save(
        request, project, form, "resolve_form", action, _("The problem was resolved."), "#problems"
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_project(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; only POST deletes (the change record keeps the project)."""
    project = editable_project(request, pk)
    if request.method == "POST":
        services.delete_project(project, actor=request.user)
        messages.success(request, _("The project “%(name)s” was deleted.") % {"name": project.name})
        return redirect("projects:list")
    context = {
        "title": _("Delete the project “%(name)s”?") % {"name": project.name},
        "explanation": _(
            "Its milestones, reports, problems and documents are deleted with it. "
            "The change history keeps a copy of what was deleted."
        ),
        "action": reverse("projects:delete", args=[project.pk]),
        "back": reverse("projects:detail", args=[project.pk]),
    }
    return render(request, "web/confirm.html", context)
