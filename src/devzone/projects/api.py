"""The project ledger over the API.

Every read starts from ``Project.objects.visible_to(user)``: a project outside the caller's
scope answers 404, exactly like one that does not exist. Every write goes through
:mod:`devzone.projects.services`, which checks the caller may edit the zone (403 otherwise),
validates (422 naming the field) and records the change.
"""

import datetime as dt
from typing import Any, Literal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StrictInt

from devzone.api.errors import READ_ERRORS, WRITE_ERRORS
from devzone.api.pages import Pages
from devzone.api.types import (
    CURRENCY,
    DecimalIn,
    DecimalOut,
    ForeignMoneyIn,
    InputSchema,
    MoneyIn,
    MoneyOut,
    MonthIn,
    MonthOut,
    MuIn,
    lookup,
)
from devzone.core import codes
from devzone.core.models import ChangeRecord
from devzone.enterprises.api import EnterpriseRef, IndustryRef
from devzone.enterprises.models import Enterprise, Industry
from devzone.projects import services
from devzone.projects.choices import (
    MILESTONE_ORDER,
    ConstructionType,
    InvestorRole,
    MilestoneKind,
    ProblemStatus,
    ProjectKind,
    Stage,
)
from devzone.projects.choices import Status as ProjectStatus
from devzone.projects.models import (
    InvestmentReport,
    Milestone,
    Problem,
    Project,
    ProjectInvestor,
)
from devzone.regions.api import ZoneRef, region_code_prefix
from devzone.regions.models import Department, Zone
from devzone.web.models import ProjectDocument

router = Router(tags=["projects"])

LATEST_REPORTS = 12
ORDERINGS = Literal[
    "name", "-name", "code", "-code",
    "planned_investment", "-planned_investment",
    "invested_ytd", "-invested_ytd", "invested_total", "-invested_total",
    "created_at", "-created_at", "updated_at", "-updated_at",
]  # fmt: skip


# --- What the API returns -------------------------------------------------------------------


class DepartmentRef(Schema):
    id: int
    name: str


class InvestorOut(Schema):
    enterprise: EnterpriseRef
    role: InvestorRole


class MilestoneOut(Schema):
    kind: MilestoneKind
    planned_date: dt.date | None
    actual_date: dt.date | None
    note: str
    is_late: bool
    days_late: int | None


class ReportOut(Schema):
    month: MonthOut
    amount: MoneyOut
    currency: str = CURRENCY
    progress_text: str
    progress_percent: DecimalOut | None
    submitted_by: str | None

    @staticmethod
    def resolve_submitted_by(report: InvestmentReport) -> str | None:
        return report.submitted_by.get_username() if report.submitted_by else None


class ReportsOut(Schema):
    currency: str = CURRENCY
    invested_ytd: MoneyOut
    invested_total: MoneyOut
    items: list[ReportOut]


class ProblemOut(Schema):
    id: int
    project_id: int
    title: str
    description: str
    owner_department: DepartmentRef | None
    due_date: dt.date | None
    status: ProblemStatus
    resolution: str
    resolved_on: dt.date | None
    is_overdue: bool


class ProjectListItem(Schema):
    id: int
    code: str | None
    name: str
    zone: ZoneRef
    industry: IndustryRef | None
    kind: ProjectKind
    construction_type: ConstructionType
    planned_investment: MoneyOut
    currency: str = CURRENCY
    stage: Stage
    status: ProjectStatus
    invested_ytd: MoneyOut
    invested_total: MoneyOut
    leader: str
    investors: list[InvestorOut]
    updated_at: dt.datetime

    @staticmethod
    def resolve_investors(project: Project) -> list[ProjectInvestor]:
        return list(project.projectinvestor_set.all())


class ProjectDetail(ProjectListItem):
    fixed_asset_investment: MoneyOut | None
    foreign_capital: MoneyOut | None
    foreign_currency: str
    land_mu: DecimalOut | None
    expected_output: MoneyOut | None
    expected_tax: MoneyOut | None
    expected_jobs: int | None
    department: DepartmentRef | None
    description: str
    source: str
    is_generated: bool
    created_at: dt.datetime
    milestones: list[MilestoneOut]
    latest_reports: list[ReportOut]
    open_problems: list[ProblemOut]

    @staticmethod
    def resolve_milestones(project: Project) -> list[Milestone]:
        return sorted(project.milestones.all(), key=lambda m: MILESTONE_ORDER.index(m.kind))

    @staticmethod
    def resolve_latest_reports(project: Project) -> list[InvestmentReport]:
        return list(project.reports.select_related("submitted_by")[:LATEST_REPORTS])

    @staticmethod
    def resolve_open_problems(project: Project) -> list[Problem]:
        unresolved = project.problems.exclude(status=ProblemStatus.RESOLVED)
        return list(unresolved.select_related("owner_department"))


class ChangeOut(Schema):
    at: dt.datetime
    actor: str
    action: str
    record_type: str
    object_id: str
    object_repr: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @staticmethod
    def resolve_actor(record: ChangeRecord) -> str:
        return record.actor_name

    @staticmethod
    def resolve_record_type(record: ChangeRecord) -> str:
        return record.content_type.model


# --- What the API accepts -------------------------------------------------------------------


class ProjectFilters(Schema):
    zone: str | None = Field(None, description="Slug of the zone.")
    region: str | None = Field(None, description="Region code or code prefix (3307).")
    stage: Stage | None = None
    status: ProjectStatus | None = None
    kind: ProjectKind | None = None
    industry: str | None = Field(None, description="GB/T 4754 code or prefix (C38).")
    min_investment: MoneyIn | None = None
    max_investment: MoneyIn | None = None
    search: str = Field("", description="Part of the name, the code or an investor's name.")
    ordering: ORDERINGS = "-planned_investment"


class MilestoneIn(InputSchema):
    planned_date: dt.date | None = None
    actual_date: dt.date | None = None
    note: str = Field("", max_length=300)


class ProjectPatch(InputSchema):
    code: str | None = None
    name: str | None = Field(None, min_length=1, max_length=200)
    zone: str | None = Field(None, description="Slug of the zone.")
    industry: str | None = Field(None, description="GB/T 4754 code.")
    kind: ProjectKind | None = None
    construction_type: ConstructionType | None = None
    planned_investment: MoneyIn | None = None
    fixed_asset_investment: MoneyIn | None = None
    foreign_capital: ForeignMoneyIn | None = None
    foreign_currency: str | None = Field(None, max_length=3)
    land_mu: MuIn | None = None
    expected_output: MoneyIn | None = None
    expected_tax: MoneyIn | None = None
    expected_jobs: StrictInt | None = Field(None, ge=0)  # true is not a number of jobs
    leader: str | None = None
    department: int | None = Field(None, description="Id of the responsible department.")
    description: str | None = None
    source: str | None = None
    investors: list[int] | None = Field(None, description="Enterprise ids; the first leads.")


class ProjectIn(ProjectPatch):
    name: str = Field(..., min_length=1, max_length=200)
    zone: str = Field(..., description="Slug of the zone.")
    planned_investment: MoneyIn
    milestones: dict[MilestoneKind, MilestoneIn] = {}


class ReportIn(InputSchema):
    month: MonthIn
    amount: MoneyIn
    progress_text: str = Field("", max_length=500)
    progress_percent: DecimalIn | None = None


class ProblemPatch(InputSchema):
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = None
    owner_department: int | None = Field(None, description="Id of the owner department.")
    due_date: dt.date | None = None
    status: Literal["open", "in_progress"] | None = Field(
        None, description="Resolve a problem with POST /problems/{id}/resolve."
    )


class ProblemIn(ProblemPatch):
    title: str = Field(..., min_length=1, max_length=300)


class ResolutionIn(InputSchema):
    resolution: str = Field(..., min_length=1)
    resolved_on: dt.date | None = None


class ProblemFilters(Schema):
    status: ProblemStatus | None = None


# --- Reading --------------------------------------------------------------------------------


def visible_projects(request: HttpRequest) -> QuerySet[Project]:
    """The caller's projects with stage, status and totals, ready to serialize."""
    investors = ProjectInvestor.objects.select_related("enterprise")
    return (
        Project.objects.visible_to(request.auth)
        .with_status()
        .with_totals()
        .select_related("zone", "industry", "department")
        .prefetch_related(Prefetch("projectinvestor_set", queryset=investors))
    )


def get_visible_project(request: HttpRequest, project_id: int) -> Project:
    """A project the caller may see, or 404 — never 403, which would tell it exists."""
    return get_object_or_404(Project.objects.visible_to(request.auth), pk=project_id)


def get_visible_problem(request: HttpRequest, problem_id: int) -> Problem:
    visible = Project.objects.visible_to(request.auth).values("pk")
    problems = Problem.objects.select_related("project__zone", "owner_department")
    return get_object_or_404(problems.filter(project__in=visible), pk=problem_id)


def filter_projects(projects: QuerySet[Project], filters: ProjectFilters) -> QuerySet[Project]:
    exact = {"zone__slug": filters.zone, "stage": filters.stage, "status": filters.status}
    exact |= {"kind": filters.kind, "planned_investment__gte": filters.min_investment}
    exact |= {"planned_investment__lte": filters.max_investment}
    projects = projects.filter(**{key: value for key, value in exact.items() if value is not None})
    if filters.region:
        prefix = region_code_prefix(filters.region)
        projects = projects.filter(zone__region__code__startswith=prefix)
    if filters.industry:
        projects = projects.filter(industry__code__startswith=filters.industry.strip().upper())
    if filters.search.strip():
        projects = projects.filter(_search(filters.search.strip()))
    return projects.order_by(filters.ordering, "id")


def _search(term: str) -> Q:
    investor = ProjectInvestor.objects.filter(project=OuterRef("pk")).filter(
        Q(enterprise__legal_name__icontains=term) | Q(enterprise__short_name__icontains=term)
    )
    return Q(name__icontains=term) | Q(code__icontains=term) | Exists(investor)


@router.get("/projects", response={200: list[ProjectListItem], **READ_ERRORS})
@paginate(Pages, page_size=50)
def list_projects(request: HttpRequest, filters: Query[ProjectFilters]) -> QuerySet[Project]:
    """The projects the caller may see, a page at a time, filtered and ordered."""
    return filter_projects(visible_projects(request), filters)


@router.get("/projects/{project_id}", response={200: ProjectDetail, **READ_ERRORS})
def get_project(request: HttpRequest, project_id: int) -> Project:
    """One project with its investors, milestones, stage, status and investment totals."""
    return project_detail(request, project_id)


def project_detail(request: HttpRequest, project_id: int) -> Project:
    projects = visible_projects(request).prefetch_related("milestones")
    return get_object_or_404(projects, pk=project_id)


# --- Writing projects -----------------------------------------------------------------------

_TEXT_FIELDS = ("leader", "description", "source", "foreign_currency")


def _investors(ids: list[int]) -> list[Enterprise]:
    found = Enterprise.objects.in_bulk(ids)
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ValidationError(
            {"investors": _("No enterprise with id %(ids)s.") % {"ids": ", ".join(missing)}}
        )
    return [found[pk] for pk in dict.fromkeys(ids)]


def _project_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Turn slugs, codes and ids into records and nulls of text fields into blanks."""
    if "zone" in fields:
        if not fields["zone"]:  # every project belongs to a zone
            raise ValidationError({"zone": _("This field cannot be null.")})
        fields["zone"] = lookup(Zone, "zone", slug=fields["zone"])
    if "industry" in fields:  # "" or null clears it
        code = fields["industry"]
        fields["industry"] = lookup(Industry, "industry", code=code) if code else None
    if fields.get("department") is not None:
        fields["department"] = lookup(Department, "department", pk=fields["department"])
    if "code" in fields:
        fields["code"] = (fields["code"] or "").strip() or None
    _foreign_capital(fields)
    for name in _TEXT_FIELDS:
        if name in fields and fields[name] is None:
            fields[name] = ""
    return fields


def _foreign_capital(fields: dict[str, Any]) -> None:
    """The amount of foreign capital, and its currency from the amount's unit (1000万美元) or
    from ``foreign_currency`` (a code or a name: USD, 美元); the two must agree."""
    amount = fields.get("foreign_capital")
    stated = amount["currency"] if amount else None
    if "foreign_capital" in fields:
        fields["foreign_capital"] = amount["value"] if amount else None
        if amount is None and "foreign_currency" not in fields:
            fields["foreign_currency"] = ""  # no foreign capital, no currency of it
    given = fields.get("foreign_currency")
    if given:
        try:
            given = fields["foreign_currency"] = codes.validate_currency_code(given)
        except codes.CodeError as exc:
            message = _("“%(code)s” is not an ISO 4217 currency code (such as USD or HKD).")
            raise ValidationError({"foreign_currency": message % {"code": given}}) from exc
    if stated and given and stated != given:
        message = _("The currency %(code)s differs from the foreign capital's unit (%(unit)s).")
        raise ValidationError({"foreign_currency": message % {"code": given, "unit": stated}})
    if stated:
        fields["foreign_currency"] = stated


@router.post("/projects", response={201: ProjectDetail, **WRITE_ERRORS})
@transaction.atomic
def create_project(request: HttpRequest, payload: ProjectIn) -> Status:
    """Create a project in a zone the caller edits, with investors and milestones; amounts as
    "19.545亿元" or yuan."""
    fields = _project_fields(payload.dict(exclude_unset=True, exclude={"milestones"}))
    investors = _investors(fields.pop("investors", None) or [])
    milestones = {
        kind: dates.dict(exclude_unset=True) for kind, dates in payload.milestones.items()
    }
    project = services.create_project(
        actor=request.auth, investors=investors, milestones=milestones, **fields
    )
    return Status(201, project_detail(request, project.pk))


@router.patch("/projects/{project_id}", response={200: ProjectDetail, **WRITE_ERRORS})
@transaction.atomic
def update_project(request: HttpRequest, project_id: int, payload: ProjectPatch) -> Project:
    """Change a project's fields; only the fields given change."""
    project = get_visible_project(request, project_id)
    changes = _project_fields(payload.dict(exclude_unset=True))
    investor_ids = changes.pop("investors", None)
    services.update_project(project, actor=request.auth, **changes)
    if investor_ids is not None:
        services.set_investors(project, _investors(investor_ids), actor=request.auth)
    return project_detail(request, project.pk)


@router.delete("/projects/{project_id}", response={204: None, **WRITE_ERRORS})
def delete_project(request: HttpRequest, project_id: int) -> Status:
    """Delete a project and what belongs to it; the change history keeps every record removed."""
    services.delete_project(get_visible_project(request, project_id), actor=request.auth)
    return Status(204, None)


@router.put(
    "/projects/{project_id}/milestones/{kind}",
    response={200: MilestoneOut, 204: None, **WRITE_ERRORS},
)
def set_milestone(
    request: HttpRequest, project_id: int, kind: MilestoneKind, payload: MilestoneIn
) -> Any:
    """Replace the planned date, actual date and note of one lifecycle step; both dates null
    removes a recorded step (204)."""
    project = get_visible_project(request, project_id)
    milestone = services.set_milestone(project, kind, actor=request.auth, **payload.dict())
    return milestone if milestone is not None else Status(204, None)


# --- Monthly reports ------------------------------------------------------------------------


@router.get("/projects/{project_id}/reports", response={200: ReportsOut, **READ_ERRORS})
def list_reports(request: HttpRequest, project_id: int) -> dict[str, Any]:
    """A project's monthly investment reports with its year-to-date and total investment."""
    project = get_object_or_404(visible_projects(request), pk=project_id)
    return {
        "invested_ytd": project.invested_ytd,
        "invested_total": project.invested_total,
        "items": project.reports.select_related("submitted_by"),
    }


@router.post(
    "/projects/{project_id}/reports", response={200: ReportOut, 201: ReportOut, **WRITE_ERRORS}
)
def submit_report(request: HttpRequest, project_id: int, payload: ReportIn) -> Status:
    """Record a month's investment (201); the same month again corrects it (200), keeping
    the progress the correction does not give."""
    project = get_visible_project(request, project_id)
    fields = payload.dict(exclude_unset=True)
    month, amount = fields.pop("month"), fields.pop("amount")
    existed = project.reports.filter(month=month).exists()
    report = services.submit_investment_report(project, month, amount, actor=request.auth, **fields)
    return Status(200 if existed else 201, report)


# --- Problems -------------------------------------------------------------------------------


def _problem_fields(fields: dict[str, Any]) -> dict[str, Any]:
    if fields.get("owner_department") is not None:
        fields["owner_department"] = lookup(
            Department, "owner_department", pk=fields["owner_department"]
        )
    if "description" in fields and fields["description"] is None:
        fields["description"] = ""
    return fields


@router.get("/projects/{project_id}/problems", response={200: list[ProblemOut], **READ_ERRORS})
@paginate(Pages, page_size=50)
def list_problems(
    request: HttpRequest, project_id: int, filters: Query[ProblemFilters]
) -> QuerySet[Problem]:
    """A project's problems, optionally by status."""
    problems = get_visible_project(request, project_id).problems.select_related("owner_department")
    return problems.filter(status=filters.status) if filters.status else problems


@router.post("/projects/{project_id}/problems", response={201: ProblemOut, **WRITE_ERRORS})
def open_problem(request: HttpRequest, project_id: int, payload: ProblemIn) -> Status:
    """Open a problem on a project, with its owner department and due date."""
    project = get_visible_project(request, project_id)
    fields = _problem_fields(payload.dict(exclude_unset=True))
    status = fields.pop("status", None)
    with transaction.atomic():
        problem = services.open_problem(project, actor=request.auth, **fields)
        if status and status != problem.status:
            services.update_problem(problem, actor=request.auth, status=status)
    return Status(201, problem)


@router.patch("/problems/{problem_id}", response={200: ProblemOut, **WRITE_ERRORS})
def update_problem(request: HttpRequest, problem_id: int, payload: ProblemPatch) -> Problem:
    """Change a problem's title, description, owner, due date or status (reopening included)."""
    problem = get_visible_problem(request, problem_id)
    changes = _problem_fields(payload.dict(exclude_unset=True))
    return services.update_problem(problem, actor=request.auth, **changes)


@router.post("/problems/{problem_id}/resolve", response={200: ProblemOut, **WRITE_ERRORS})
def resolve_problem(request: HttpRequest, problem_id: int, payload: ResolutionIn) -> Problem:
    """Resolve a problem, saying how (and on which day, not in the future)."""
    problem = get_visible_problem(request, problem_id)
    return services.resolve_problem(problem, actor=request.auth, **payload.dict())


# --- History --------------------------------------------------------------------------------

_PARTS = (Milestone, InvestmentReport, Problem, ProjectInvestor, ProjectDocument)


@router.get("/projects/{project_id}/history", response={200: list[ChangeOut], **READ_ERRORS})
@paginate(Pages, page_size=50)
def project_history(request: HttpRequest, project_id: int) -> QuerySet[ChangeRecord]:
    """Changes to the project and to its parts (milestones, reports, problems, investors,
    documents).

    Parts are found by the ``project_id`` in their snapshots, so the changes of a part that
    was deleted since are still listed.
    """
    project = get_visible_project(request, project_id)
    types = ContentType.objects.get_for_models(Project, *_PARTS)
    itself = Q(content_type=types[Project], object_id=str(project.pk))
    parts = Q(content_type__in=[types[model] for model in _PARTS]) & (
        Q(after__project_id=project.pk) | Q(before__project_id=project.pk)
    )
    return ChangeRecord.objects.filter(itself | parts).select_related("content_type")
