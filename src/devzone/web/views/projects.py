"""The project ledger pages: the filtered list and one project's detail."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Sum,
    Value,
    When,
    prefetch_related_objects,
)
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from devzone.accounts.scope import can_edit_zone
from devzone.core.clock import today
from devzone.dataio.reading import formula_safe
from devzone.projects.choices import MilestoneKind, ProblemStatus, ProjectKind, Stage, Status
from devzone.projects.models import InvestmentReport, Milestone, Problem, Project, ProjectInvestor
from devzone.projects.querysets import add_months
from devzone.web import changes, charts
from devzone.web.forms import (
    DocumentForm,
    InvestmentReportForm,
    MilestoneForm,
    ProblemForm,
    ProjectFilterForm,
    ResolveProblemForm,
    SaveFilterForm,
)
from devzone.web.services import document_max_bytes
from devzone.web.templatetags.ledger import current_language, money, money_text

PAGE_SIZE = 50

STAGE_RANK = Case(
    *[When(stage=value, then=Value(rank)) for rank, value in enumerate(Stage.values)],
    output_field=IntegerField(),
)


def load_scope(user: Any) -> None:
    """Fetch the user's zones and regions once, so every scope check of the request reuses them.

    ``zone_scope_q`` reads ``membership.zones.all()`` and ``membership.regions.all()``; a page
    asks it several times (the list, the zone choices, the industry choices, may-edit).
    """
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is not None:
        prefetch_related_objects([membership], "zones", "regions")


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    load_scope(request.user)
    form = ProjectFilterForm(request.GET, user=request.user)
    projects = form.filter(Project.objects.visible_to(request.user).with_status(form.as_of_day()))
    totals = projects.aggregate(count=Count("pk"), planned=Sum("planned_investment"))
    rows = (
        projects.with_totals(form.as_of_day())
        .annotate(stage_rank=STAGE_RANK)
        .order_by(*form.order_by())
        .values(*ROW_FIELDS)
    )
    paginator = Paginator(rows, PAGE_SIZE)
    paginator.count = totals["count"]  # already counted with the totals: spare a query
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list_rows(page.object_list, current_language())
    query = filter_query(request)
    context = {
        "form": form,
        "page": page,
        "totals": totals,
        "planned_total": money(totals["planned"]),
        "query": query,
        "saved_filters": list(request.user.saved_filters.all()),
        "save_form": SaveFilterForm(initial={"query": query}),
        "export_url": export_url(query),
    }
    return render(request, "web/project_list.html", context)


ROW_FIELDS = (
    "pk",
    "code",
    "name",
    "is_generated",
    "kind",
    "zone__name",
    "zone__name_en",
    "industry__name",
    "industry__name_en",
    "stage",
    "status",
    "planned_investment",
    "invested_ytd",
)


def _in_language(row: dict[str, Any], relation: str, language: str) -> str:
    """The related record's name in the reader's language (its English name when it has one)."""
    english = row[f"{relation}__name_en"] if language == "en" else ""
    return english or row[f"{relation}__name"]


def list_rows(values: Any, language: str) -> list[dict[str, Any]]:
    """One page of ``values()`` rows as the list shows them, every cell already formatted.

    Formatting fifty rows of ten cells here, rather than through template filters, ``{% url %}``
    and model attribute look-ups, halves the page's time. The rows are dicts because the
    template engine finds a dict key at its first try (an attribute only after a failed
    subscript). Investors come with one more query.
    """
    projects = list(values)
    investors = _investor_names([project["pk"] for project in projects])
    stages, statuses, kinds = dict(Stage.choices), dict(Status.choices), dict(ProjectKind.choices)
    return [
        {
            "url": reverse("projects:detail", args=[project["pk"]]),
            "code": project["code"] or "—",
            "name": project["name"],
            "is_generated": project["is_generated"],
            "zone": _in_language(project, "zone", language),
            "industry": _in_language(project, "industry", language) or "—",
            "kind": str(kinds.get(project["kind"], project["kind"])),
            "investors": "、".join(investors.get(project["pk"], [])) or "—",
            "stage": str(stages.get(project["stage"], project["stage"])),
            "status": project["status"],
            "status_label": str(statuses.get(project["status"], project["status"])),
            "planned": money_text(project["planned_investment"], language),
            "invested_ytd": money_text(project["invested_ytd"], language),
        }
        for project in projects
    ]


def _investor_names(project_ids: list[int]) -> dict[int, list[str]]:
    """The investors' display names (short name, else legal name) of each project, in role order."""
    links = (
        ProjectInvestor.objects.filter(project_id__in=project_ids)
        .order_by("project_id", "role", "enterprise_id")
        .values_list("project_id", "enterprise__short_name", "enterprise__legal_name")
    )
    names: dict[int, list[str]] = {}
    for project_id, short_name, legal_name in links:
        names.setdefault(project_id, []).append(short_name or legal_name)
    return names


def filter_query(request: HttpRequest) -> str:
    """The list's query string without the page number: what a saved filter or export keeps."""
    params = request.GET.copy()
    for name in ("page", "screen"):
        params.pop(name, None)
    return params.urlencode()


def export_url(query: str) -> str:
    """The import/export app's download of the same projects, or the plain CSV of this app."""
    try:
        base = reverse("dataio:export")
    except NoReverseMatch:
        base = reverse("projects:csv")
    return base + (f"?{query}" if query else "")


CSV_HEADER = [
    gettext_lazy("Project code"),
    gettext_lazy("Project"),
    gettext_lazy("Zone"),
    gettext_lazy("Industry"),
    gettext_lazy("Stage"),
    gettext_lazy("Status"),
    gettext_lazy("Planned total investment (yuan)"),
    gettext_lazy("Invested this year (yuan)"),
]


@login_required
@require_GET
def project_csv(request: HttpRequest) -> StreamingHttpResponse:
    """What the list shows, as CSV (amounts in yuan, so spreadsheets can add them up)."""
    load_scope(request.user)
    form = ProjectFilterForm(request.GET, user=request.user)
    projects = form.filter(Project.objects.visible_to(request.user).with_status(form.as_of_day()))
    rows = (
        projects.with_totals(form.as_of_day())
        .annotate(stage_rank=STAGE_RANK)
        .select_related("zone", "industry")
        .order_by(*form.order_by())
    )

    def lines() -> Any:
        writer = csv.writer(Echo())
        yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
        yield writer.writerow([str(title) for title in CSV_HEADER])
        for project in rows.iterator(chunk_size=500):
            yield writer.writerow(_csv_row(project))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="projects.csv"'
    return response


class Echo:
    def write(self, value: str) -> str:
        return value


def _csv_row(project: Project) -> list[str]:
    def safe(text: Any) -> str:
        return formula_safe("" if text is None else str(text))

    return [
        safe(project.code),
        safe(project.name),
        safe(project.zone),
        safe(project.industry.name if project.industry else ""),
        str(dict(Stage.choices).get(project.stage, project.stage)),
        str(dict(Status.choices).get(project.status, project.status)),
        format(project.planned_investment, "f"),
        format(project.invested_ytd, "f"),
    ]


@login_required
@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    return render_detail(request, project)


def visible_project(request: HttpRequest, pk: int) -> Project:
    """The project with its derived stage, status and totals; 404 when out of the user's scope."""
    load_scope(request.user)
    projects = (
        Project.objects.visible_to(request.user)
        .with_status()
        .with_totals()
        .select_related("zone", "zone__region", "industry", "department", "promotion_group")
    )
    return get_object_or_404(projects, pk=pk)


@dataclass
class MilestoneRow:
    kind: str
    label: str
    milestone: Milestone | None
    form: MilestoneForm | None

    @property
    def delay(self) -> int | None:
        """Days past the planned date (to the actual date, or to today if not reached)."""
        return self.milestone.days_late if self.milestone else None

    @property
    def days_early(self) -> int | None:
        delay = self.delay
        return -delay if delay is not None and delay < 0 else None


@dataclass
class ProblemRow:
    problem: Problem
    resolve_form: ResolveProblemForm | None


@dataclass
class ReportRow:
    report: InvestmentReport
    cumulative: Decimal


def render_detail(request: HttpRequest, project: Project, **bound_forms: Any) -> HttpResponse:
    """The detail page; the editing views pass the form that failed so its input is kept."""
    may_edit = can_edit_zone(request.user, project.zone)
    milestones = list(project.milestones.all())
    reports = _report_rows(project)
    context = {
        "project": project,
        "may_edit": may_edit,
        "investors": list(project.projectinvestor_set.select_related("enterprise")),
        "milestones": _milestone_rows(milestones, may_edit, bound_forms.get("milestone_form")),
        "timeline": charts.milestone_timeline(milestones, today()),
        "reports": reports,
        "report_chart": _report_chart(reports),
        "problems": _problem_rows(project, may_edit, bound_forms.get("resolve_form")),
        "documents": list(project.documents.select_related("uploaded_by")),
        "history": changes.project_history(project),
        "max_megabytes": document_max_bytes() // (1024 * 1024),
    }
    if may_edit:
        context["report_form"] = bound_forms.get("report_form") or InvestmentReportForm()
        context["problem_form"] = bound_forms.get("problem_form") or ProblemForm(project=project)
        context["document_form"] = bound_forms.get("document_form") or DocumentForm()
    return render(request, "web/project_detail.html", context)


REPORT_CHART_MONTHS = 24


def _report_chart(rows: list[ReportRow]) -> charts.MonthChart | None:
    """The last two years of monthly investment, up to the newest report."""
    if not rows:
        return None
    newest = rows[0].report.month
    months = [add_months(newest, -index) for index in range(REPORT_CHART_MONTHS - 1, -1, -1)]
    first = rows[-1].report.month
    months = [month for month in months if month >= first]
    amounts = {row.report.month: row.report.amount for row in rows}
    return charts.month_chart(months, amounts, cumulative_scale=False)


def _milestone_rows(
    milestones: list[Milestone], may_edit: bool, bound: MilestoneForm | None
) -> list[MilestoneRow]:
    by_kind = {milestone.kind: milestone for milestone in milestones}
    rows = []
    for kind, label in MilestoneKind.choices:
        milestone = by_kind.get(kind)
        form = _milestone_form(kind, milestone, bound) if may_edit else None
        rows.append(MilestoneRow(kind=kind, label=label, milestone=milestone, form=form))
    return rows


def _milestone_form(
    kind: str, milestone: Milestone | None, bound: MilestoneForm | None
) -> MilestoneForm:
    """The form that failed for this milestone, or a fresh one showing its current dates."""
    if bound is not None and bound.kind == kind:
        return bound
    initial = {}
    if milestone is not None:
        initial = {"planned_date": milestone.planned_date, "actual_date": milestone.actual_date}
    return MilestoneForm(kind=kind, initial=initial)


def _report_rows(project: Project) -> list[ReportRow]:
    """Reports newest first, each with the total invested since the start up to its month."""
    reports = list(project.reports.select_related("submitted_by").order_by("month"))
    rows, running = [], Decimal(0)
    for report in reports:
        running += report.amount
        rows.append(ReportRow(report=report, cumulative=running))
    return rows[::-1]


def _problem_rows(
    project: Project, may_edit: bool, bound: ResolveProblemForm | None
) -> list[ProblemRow]:
    rows = []
    for problem in project.problems.select_related("owner_department"):
        form = None
        if may_edit and problem.status != ProblemStatus.RESOLVED:
            failed = bound is not None and bound.problem.pk == problem.pk
            form = bound if failed else ResolveProblemForm(problem=problem)
        rows.append(ProblemRow(problem=problem, resolve_form=form))
    return rows
