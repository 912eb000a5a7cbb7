"""Every write to the project ledger goes through these functions.

Each takes the acting user as the keyword ``actor`` (``None`` is the operator at the command
line), checks the actor may change records of the project's zone, validates, runs in one
transaction and leaves a change record.
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
from devzone.core.history import delete_with_history, save_with_history
from devzone.core.names import clean_name
from devzone.enterprises.models import Enterprise
from devzone.projects.choices import (
    InvestorRole,
    MilestoneKind,
    ProblemStatus,
    actual_order_problems,
    backwards_message,
)
from devzone.projects.models import (
    InvestmentReport,
    Meeting,
    Milestone,
    Problem,
    Project,
    ProjectInvestor,
    PromotionGroup,
)
from devzone.regions.models import Zone

PROJECT_FIELDS = {
    "code",
    "name",
    "zone",
    "industry",
    "kind",
    "construction_type",
    "planned_investment",
    "fixed_asset_investment",
    "foreign_capital",
    "foreign_currency",
    "land_mu",
    "expected_output",
    "expected_tax",
    "expected_jobs",
    "leader",
    "department",
    "promotion_group",
    "description",
    "source",
    "is_generated",
}


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = sorted(set(fields) - PROJECT_FIELDS)
    if unknown:
        raise ValidationError(
            {name: _("Unknown project field.") for name in unknown}, code="unknown_field"
        )


def _require_unique_name(zone: Zone, name: str | None, project: Project | None = None) -> None:
    """A zone's projects have different names: the ledger import finds a project by its name
    in its zone (written alike once spaces, width and case are set aside)."""
    if not name:
        return  # the model's own validation says a name is needed
    key = clean_name(name)
    others = Project.objects.filter(zone=zone).exclude(pk=getattr(project, "pk", None))
    if any(clean_name(other) == key for other in others.values_list("name", flat=True)):
        raise ValidationError(
            {
                "name": _("%(zone)s already has a project named “%(name)s”.")
                % {"zone": zone, "name": name}
            },
            code="unique",
        )


@transaction.atomic
def create_project(
    *,
    actor: Any,
    zone: Zone,
    name: str,
    planned_investment: Decimal,
    investors: Iterable[Enterprise] = (),
    milestones: dict[str, dict[str, dt.date | None]] | None = None,
    **fields: Any,
) -> Project:
    """Create a project with its investors (the first is the lead) and milestones."""
    _check_fields(fields)
    require_edit(actor, zone)
    _require_unique_name(zone, name)
    project = Project(zone=zone, name=name, planned_investment=planned_investment, **fields)
    save_with_history(project, actor=actor)
    set_investors(project, list(investors), actor=actor)
    for kind, dates in (milestones or {}).items():
        try:
            set_milestone(project, kind, actor=actor, **dates)
        except ValidationError as error:  # name the step: milestones.signed.actual_date
            raise ValidationError(
                {
                    f"milestones.{kind}.{field}": messages
                    for field, messages in error.message_dict.items()
                }
            ) from error
    return project


@transaction.atomic
def update_project(project: Project, *, actor: Any, **changes: Any) -> Project:
    _check_fields(changes)
    require_edit(actor, project.zone)
    if "zone" in changes:
        require_edit(actor, changes["zone"])
    if "zone" in changes or "name" in changes:
        _require_unique_name(
            changes.get("zone", project.zone), changes.get("name", project.name), project
        )
    for name, value in changes.items():
        setattr(project, name, value)
    save_with_history(project, actor=actor)
    return project


@transaction.atomic
def delete_project(project: Project, *, actor: Any) -> None:
    require_edit(actor, project.zone)
    delete_with_history(project, actor=actor)


@transaction.atomic
def set_investors(project: Project, investors: list[Enterprise], *, actor: Any) -> None:
    """Replace the investors of a project; the first one is the lead investor."""
    require_edit(actor, project.zone)
    wanted = {enterprise.pk: index for index, enterprise in enumerate(investors)}
    for link in ProjectInvestor.objects.filter(project=project):
        if link.enterprise_id not in wanted:
            delete_with_history(link, actor=actor)
    existing = {
        link.enterprise_id: link for link in ProjectInvestor.objects.filter(project=project)
    }
    for enterprise in investors:
        role = InvestorRole.LEAD if wanted[enterprise.pk] == 0 else InvestorRole.PARTNER
        link = existing.get(enterprise.pk) or ProjectInvestor(
            project=project, enterprise=enterprise
        )
        if link.pk is None or link.role != role:
            link.role = role
            save_with_history(link, actor=actor)


_UNSET: Any = object()


@transaction.atomic
def set_milestone(
    project: Project,
    kind: str,
    *,
    actor: Any,
    planned_date: dt.date | None = _UNSET,
    actual_date: dt.date | None = _UNSET,
    note: str = _UNSET,
) -> Milestone | None:
    """Record the planned and/or actual date of one lifecycle step (others stay as they are).

    Clearing both dates of a recorded step removes it (with its change record) and returns None.
    """
    require_edit(actor, project.zone)
    if kind not in MilestoneKind.values:
        raise ValidationError({"kind": _("Unknown milestone %(kind)s.") % {"kind": kind}})
    milestone = Milestone.objects.filter(project=project, kind=kind).first()
    milestone = milestone or Milestone(project=project, kind=kind)
    if planned_date is not _UNSET:
        milestone.planned_date = planned_date
    if actual_date is not _UNSET:
        milestone.actual_date = actual_date
    if note is not _UNSET:
        milestone.note = note
    if milestone.pk and not milestone.planned_date and not milestone.actual_date:
        delete_with_history(milestone, actor=actor)
        return None
    if actual_date is not _UNSET and actual_date:
        _require_actual_order(project, kind, actual_date)
    save_with_history(milestone, actor=actor)
    return milestone


def _require_actual_order(project: Project, kind: str, actual_date: dt.date) -> None:
    """An actual date may not run backwards against the project's other actual dates."""
    recorded = dict(
        Milestone.objects.filter(project=project, actual_date__isnull=False)
        .exclude(kind=kind)
        .values_list("kind", "actual_date")
    )
    recorded[kind] = actual_date
    for later, earlier in actual_order_problems(recorded):
        if kind in (later, earlier):
            message = backwards_message(later, earlier, recorded)
            raise ValidationError({"actual_date": message})


@transaction.atomic
def submit_investment_report(
    project: Project,
    month: dt.date,
    amount: Decimal,
    *,
    actor: Any,
    progress_text: str = _UNSET,
    progress_percent: Decimal | None = _UNSET,
) -> InvestmentReport:
    """Record the month's investment; submitting the same month again corrects it (the
    progress it does not give stays as it was)."""
    require_edit(actor, project.zone)
    report = InvestmentReport.objects.filter(project=project, month=month).first()
    report = report or InvestmentReport(project=project, month=month)
    report.amount = amount
    if progress_text is not _UNSET:
        report.progress_text = progress_text
    if progress_percent is not _UNSET:
        report.progress_percent = progress_percent
    if getattr(actor, "is_authenticated", False):
        report.submitted_by = actor
    save_with_history(report, actor=actor)
    return report


@transaction.atomic
def open_problem(
    project: Project,
    *,
    actor: Any,
    title: str,
    owner_department: Any = None,
    due_date: dt.date | None = None,
    description: str = "",
    raised_at: Meeting | None = None,
) -> Problem:
    require_edit(actor, project.zone)
    problem = Problem(
        project=project,
        title=title,
        owner_department=owner_department,
        due_date=due_date,
        description=description,
        raised_at=raised_at,
    )
    save_with_history(problem, actor=actor)
    return problem


@transaction.atomic
def update_problem(problem: Problem, *, actor: Any, **changes: Any) -> Problem:
    allowed = {"title", "description", "owner_department", "due_date", "status"}
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    require_edit(actor, problem.project.zone)
    for name, value in changes.items():
        setattr(problem, name, value)
    if changes.get("status", ProblemStatus.RESOLVED) != ProblemStatus.RESOLVED:
        problem.resolved_on = None  # reopening a problem keeps its old resolution as history
    save_with_history(problem, actor=actor)
    return problem


@transaction.atomic
def resolve_problem(
    problem: Problem, *, actor: Any, resolution: str, resolved_on: dt.date | None = None
) -> Problem:
    require_edit(actor, problem.project.zone)
    problem.status = ProblemStatus.RESOLVED
    problem.resolution = resolution
    problem.resolved_on = resolved_on or today()
    save_with_history(problem, actor=actor)
    return problem


@transaction.atomic
def create_promotion_group(
    zone: Zone,
    *,
    actor: Any,
    name: str,
    leader: str = "",
    departments: Iterable[Any] = (),
    projects: Iterable[Project] = (),
) -> PromotionGroup:
    require_edit(actor, zone)
    group = PromotionGroup(zone=zone, name=name, leader=leader)
    save_with_history(group, actor=actor, m2m={"departments": list(departments)})
    for project in projects:
        update_project(project, actor=actor, promotion_group=group)
    return group


@transaction.atomic
def hold_meeting(
    zone: Zone,
    *,
    actor: Any,
    title: str,
    held_on: dt.date,
    group: PromotionGroup | None = None,
    minutes: str = "",
    reviewed_problems: Iterable[Problem] = (),
) -> Meeting:
    require_edit(actor, zone)
    meeting = Meeting(zone=zone, group=group, title=title, held_on=held_on, minutes=minutes)
    save_with_history(meeting, actor=actor, m2m={"reviewed_problems": list(reviewed_problems)})
    return meeting
