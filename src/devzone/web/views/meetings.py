"""Weekly meeting mode (周例会): the agenda of a promotion group, the meeting, its minutes.

Before the meeting the agenda lists the group's projects and their open problems. Starting the
meeting records it (every open problem counts as reviewed); during it, each problem gets a
decision (which updates or resolves it) and new problems are raised; afterwards the minutes
page lists what was reviewed, decided and raised, ready to print.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.scope import can_edit_zone, zone_scope_q
from devzone.projects.choices import ProblemStatus
from devzone.projects.models import Meeting, Problem, Project, PromotionGroup
from devzone.regions.models import Department
from devzone.web import services
from devzone.web.forms import add_service_errors
from devzone.web.meeting_forms import (
    DecisionForm,
    MinutesForm,
    RaiseProblemForm,
    StartMeetingForm,
)
from devzone.web.models import MeetingDecision
from devzone.web.views.projects import load_scope

OPEN = ~Q(status=ProblemStatus.RESOLVED)


def visible_groups(user: Any) -> QuerySet:
    return PromotionGroup.objects.filter(zone_scope_q(user, "zone"))


def visible_meetings(user: Any) -> QuerySet:
    return Meeting.objects.filter(zone_scope_q(user, "zone"))


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    load_scope(request.user)
    groups = (
        visible_groups(request.user)
        .select_related("zone")
        .annotate(
            project_count=Count("projects", distinct=True),
            open_problems=Count(
                "projects__problems",
                filter=Q(projects__problems__in=Problem.objects.filter(OPEN)),
                distinct=True,
            ),
        )
        .order_by("zone__name", "name")
    )
    recent = visible_meetings(request.user).select_related("group", "zone")[:20]
    return render(request, "web/meetings/index.html", {"groups": groups, "recent": recent})


def _agenda_projects(group: PromotionGroup, user: Any) -> list[Project]:
    """The group's projects the user sees, each with its open problems (two queries)."""
    problems = Problem.objects.filter(OPEN).select_related("owner_department")
    return list(
        Project.objects.visible_to(user)
        .filter(promotion_group=group)
        .with_status()
        .with_totals()
        .select_related("zone")
        .prefetch_related(Prefetch("problems", queryset=problems, to_attr="open_problems"))
        .order_by("-planned_investment", "pk")
    )


@login_required
@require_GET
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    load_scope(request.user)
    group = get_object_or_404(visible_groups(request.user).select_related("zone"), pk=pk)
    return _render_agenda(request, group, StartMeetingForm())


def _render_agenda(
    request: HttpRequest, group: PromotionGroup, form: StartMeetingForm
) -> HttpResponse:
    projects = _agenda_projects(group, request.user)
    context = {
        "group": group,
        "projects": projects,
        "problem_count": sum(len(project.open_problems) for project in projects),
        "departments": list(group.departments.order_by("name")),
        "meetings": list(group.meetings.order_by("-held_on", "-pk")[:10]),
        "may_edit": can_edit_zone(request.user, group.zone),
        "form": form,
    }
    return render(request, "web/meetings/agenda.html", context)


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    load_scope(request.user)
    group = get_object_or_404(visible_groups(request.user).select_related("zone"), pk=pk)
    _require_edit(request, group.zone)
    form = StartMeetingForm(request.POST)
    if form.is_valid():
        try:
            meeting = services.start_meeting(group, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting has started: record decisions below."))
            return redirect("meetings:run", meeting.pk)
    return _render_agenda(request, group, form)


def _require_edit(request: HttpRequest, zone: Any) -> None:
    if not can_edit_zone(request.user, zone):
        raise PermissionDenied(_("You may not change records of %(zone)s.") % {"zone": zone})


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    load_scope(request.user)
    meetings = visible_meetings(request.user).select_related("group", "zone")
    return get_object_or_404(meetings.filter(group__isnull=False), pk=pk)


@login_required
@require_GET
def run(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_run(request, _meeting(request, pk))


def _render_run(request: HttpRequest, meeting: Meeting, **bound: Any) -> HttpResponse:
    group = meeting.group
    may_edit = can_edit_zone(request.user, meeting.zone)
    projects = _agenda_projects(group, request.user)
    decisions = _decisions_by_problem(meeting)
    failed = bound.get("decision_form")
    for project in projects:
        for problem in project.open_problems:
            problem.meeting_decisions = decisions.get(problem.pk, [])
            if may_edit:
                is_failed = failed is not None and failed.problem.pk == problem.pk
                problem.decision_form = failed if is_failed else DecisionForm(problem=problem)
    context = {
        "meeting": meeting,
        "group": group,
        "projects": projects,
        "may_edit": may_edit,
        "resolved_here": _resolved_here(meeting),
        "raise_form": bound.get("raise_form") or _raise_form(meeting, projects),
        "minutes_form": bound.get("minutes_form")
        or MinutesForm(initial={"minutes": meeting.minutes}),
    }
    return render(request, "web/meetings/run.html", context, status=400 if bound else 200)


def _decisions_by_problem(meeting: Meeting) -> dict[int, list[MeetingDecision]]:
    found: dict[int, list[MeetingDecision]] = {}
    for decision in meeting.decisions.order_by("created_at", "pk"):
        found.setdefault(decision.problem_id, []).append(decision)
    return found


def _resolved_here(meeting: Meeting) -> list[MeetingDecision]:
    return list(
        meeting.decisions.filter(status=ProblemStatus.RESOLVED)
        .select_related("problem", "problem__project")
        .order_by("created_at", "pk")
    )


def _raise_form(meeting: Meeting, projects: list[Project], data: Any = None) -> RaiseProblemForm:
    departments = (
        Department.objects.filter(
            Q(promotion_groups=meeting.group)
            | Q(pk__in=Department.serving(meeting.zone.region).values("pk"))
        )
        .distinct()
        .order_by("name")
    )
    choices = Project.objects.filter(pk__in=[project.pk for project in projects])
    return RaiseProblemForm(data, projects=choices, departments=departments)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, problem_id: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    _require_edit(request, meeting.zone)
    problem = get_object_or_404(
        Problem.objects.filter(project__promotion_group=meeting.group).select_related(
            "project__zone"
        ),
        pk=problem_id,
    )
    form = DecisionForm(request.POST, problem=problem)
    if form.is_valid():
        try:
            services.record_decision(meeting, problem, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect(reverse("meetings:run", args=[meeting.pk]) + f"#problem-{problem.pk}")
    return _render_run(request, meeting, decision_form=form)


@login_required
@require_POST
def raise_problem(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    _require_edit(request, meeting.zone)
    projects = _agenda_projects(meeting.group, request.user)
    form = _raise_form(meeting, projects, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        project = data.pop("project")
        try:
            services.raise_problem(meeting, project, actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The problem was added to the list."))
            return redirect(reverse("meetings:run", args=[meeting.pk]) + "#raise")
    return _render_run(request, meeting, raise_form=form)


@login_required
@require_POST
def notes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    _require_edit(request, meeting.zone)
    form = MinutesForm(request.POST)
    if form.is_valid():
        services.write_minutes(meeting, actor=request.user, minutes=form.cleaned_data["minutes"])
        messages.success(request, _("The notes were saved."))
        return redirect(reverse("meetings:run", args=[meeting.pk]) + "#notes")
    return _render_run(request, meeting, minutes_form=form)


@login_required
@require_GET
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    reviewed = list(
        meeting.reviewed_problems.select_related("project", "owner_department").order_by(
            "project__name", "due_date", "pk"
        )
    )
    decisions = list(
        meeting.decisions.select_related("problem", "problem__project", "recorded_by").order_by(
            "created_at", "pk"
        )
    )
    raised = list(
        meeting.raised_problems.select_related("project", "owner_department").order_by("pk")
    )
    context = {
        "meeting": meeting,
        "reviewed": reviewed,
        "decisions": decisions,
        "raised": raised,
        "departments": list(meeting.group.departments.order_by("name")),
    }
    return render(request, "web/meetings/minutes.html", context)
