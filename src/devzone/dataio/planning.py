"""From read rows to a plan: which projects to create, which to update, which are unchanged.

Rows are matched to existing projects by project code, else by cleaned name within the zone,
so importing the same ledger twice updates instead of duplicating. The database is read in a
fixed number of queries per chunk of rows (never one per row), and nothing is written here:
the dry run and the web preview show exactly this plan.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from devzone.dataio.known import KnownProjects
from devzone.dataio.ledger import ProjectRow, ProjectRowReader
from devzone.dataio.lookups import clean_name
from devzone.projects.choices import ConstructionType, InvestorRole, ProjectKind
from devzone.projects.models import Milestone, Project, ProjectInvestor

CHUNK = 5000
PROJECT_COLUMNS = (
    "code",
    "name",
    "zone_id",
    "industry_id",
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
    "department_id",
    "promotion_group_id",
    "description",
    "source",
    "is_generated",
)
DEFAULTS: dict[str, Any] = {
    "code": None,
    "industry_id": None,
    "kind": ProjectKind.MANUFACTURING.value,
    "construction_type": ConstructionType.NEW.value,
    "fixed_asset_investment": None,
    "foreign_capital": None,
    "foreign_currency": "",
    "land_mu": None,
    "expected_output": None,
    "expected_tax": None,
    "expected_jobs": None,
    "leader": "",
    "department_id": None,
    "promotion_group_id": None,
    "description": "",
    "source": "",
    "is_generated": False,
}
_PROJECT_KEYS = frozenset(PROJECT_COLUMNS)
MILESTONE_COLUMNS = ("project_id", "kind", "planned_date", "actual_date", "note")


@dataclass(slots=True)
class Change:
    """One record to write: its id (``None`` until created), state before and after."""

    pk: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    row: ProjectRow | None = None
    label: str = ""  # the project's name, for the change record's label


@dataclass
class Plan:
    projects_new: list[Change] = field(default_factory=list)
    projects_changed: list[Change] = field(default_factory=list)
    milestones_new: list[Change] = field(default_factory=list)
    milestones_changed: list[Change] = field(default_factory=list)
    links_new: list[Change] = field(default_factory=list)
    links_changed: list[Change] = field(default_factory=list)
    links_gone: list[Change] = field(default_factory=list)
    unchanged: int = 0
    updated: int = 0  # rows that change an existing project (its fields, milestones or links)


def check_duplicates(rows: list[ProjectRow]) -> None:
    """Two rows with one project code (or one name in one zone) cannot both be right."""
    by_code: dict[str, list[ProjectRow]] = defaultdict(list)
    by_name: dict[tuple[int, str], list[ProjectRow]] = defaultdict(list)
    for row in rows:
        code = row.fields.get("code")
        if code:
            by_code[code].append(row)
        elif row.zone is not None and row.fields.get("name"):
            by_name[(row.zone.pk, clean_name(row.fields["name"]))].append(row)
    for groups, what in ((by_code, _("project code")), (by_name, _("project name"))):
        for same in groups.values():
            if len(same) > 1:
                numbers = ", ".join(str(r.number) for r in same)
                for row in same:
                    row.error(
                        "",
                        _("The same %(what)s appears in rows %(rows)s.")
                        % {"what": what, "rows": numbers},
                    )


def match_existing(
    rows: list[ProjectRow], reader: ProjectRowReader, known: KnownProjects | None = None
) -> None:
    """Set ``target_id`` of each row that names an existing project; flag the clashes.

    ``known`` holds what the import has already read of the projects (and which it has
    inserted itself, not to be seen); by default they are read here. Rows with a
    ``project_id`` were written early as new projects and are left as they are.
    """
    known = known or KnownProjects()
    # Rows this import has already written as new projects were matched then (overlap.py).
    rows = [r for r in rows if r.project_id is None]
    known.load_codes(r.fields.get("code") for r in rows)
    known.load_zones({r.zone.pk for r in rows if r.zone is not None})
    zone_of = {}
    for row in rows:
        _match_row(row, known)
        if row.target_id is not None and row.fields.get("code"):
            found = known.by_code(row.fields["code"])
            if found is not None:
                zone_of[found[0]] = found[1]
    _check_target_zones(rows, reader, zone_of)


def _match_row(row: ProjectRow, known: KnownProjects) -> None:
    code = row.fields.get("code")
    if code and (by_code := known.by_code(code)) is not None:
        row.target_id = by_code[0]
        return
    if row.zone is None or not row.fields.get("name"):
        return
    found = known.named(row.zone.pk, clean_name(row.fields["name"]))
    if len(found) > 1:
        row.error(
            "",
            _("More than one project in %(zone)s is named “%(name)s”: add the project code.")
            % {"zone": row.zone, "name": row.fields["name"]},
        )
    elif found and code and found[0][1] and found[0][1] != code:
        row.error(
            "",
            _(
                "A project named “%(name)s” already exists in %(zone)s with code "
                "%(code)s: check the code."
            )
            % {"name": row.fields["name"], "zone": row.zone, "code": found[0][1]},
        )
    elif found:
        row.target_id = found[0][0]


def _check_target_zones(rows: list[ProjectRow], reader: ProjectRowReader, zone_of: dict) -> None:
    """Updating a project found by code also needs the right to edit the zone it is in now."""
    from devzone.regions.models import Zone

    ids = {zone_of[r.target_id] for r in rows if r.target_id in zone_of}
    zones = Zone.objects.in_bulk(sorted(ids))
    for row in rows:
        zone = zones.get(zone_of.get(row.target_id))
        if zone is not None and not reader.may_edit(zone) and not row.errors:
            row.error("", _("You may not change records of %(zone)s.") % {"zone": zone})


def check_creatable(rows: list[ProjectRow], headers: dict[str, str]) -> None:
    for row in rows:
        if row.target_id is not None or row.errors:
            continue
        if not row.fields.get("name"):
            row.error(headers.get("name", ""), _("A new project needs a name."))
        if row.fields.get("planned_investment") is None:
            row.error(
                headers.get("planned_investment", ""),
                _("A new project needs its planned total investment."),
            )
        if row.zone is None:
            row.error(
                headers.get("zone", ""),
                _(
                    "Give the zone of the project (a zone column, "
                    "or the default zone of the import)."
                ),
            )


def plan_new(rows: list[ProjectRow]) -> Plan:
    """The plan of rows known to be new projects: no database read."""
    plan = Plan()
    for row in rows:
        _plan_new(row, plan)
    return plan


def build_plan(rows: list[ProjectRow]) -> Plan:
    """Compare valid rows with the database and list every write; no row may have errors."""
    plan = Plan()
    for start in range(0, len(rows), CHUNK):
        _plan_chunk(rows[start : start + CHUNK], plan)
    return plan


def _plan_chunk(rows: list[ProjectRow], plan: Plan) -> None:
    ids = [r.target_id for r in rows if r.target_id is not None]
    current = {
        p["id"]: p for p in Project.objects.filter(id__in=ids).values("id", *PROJECT_COLUMNS)
    }
    milestones: dict[tuple[int, str], dict[str, Any]] = {
        (m["project_id"], m["kind"]): m
        for m in Milestone.objects.filter(project_id__in=ids).values("id", *MILESTONE_COLUMNS)
    }
    links: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for link in ProjectInvestor.objects.filter(project_id__in=ids).values(
        "id", "project_id", "enterprise_id", "role"
    ):
        links[link["project_id"]].append(link)
    for row in rows:
        if row.target_id is None:
            _plan_new(row, plan)
            continue
        before_count = _count(plan)
        _plan_update(row, current[row.target_id], milestones, links[row.target_id], plan)
        if _count(plan) != before_count:
            plan.updated += 1
        elif not row.errors:
            plan.unchanged += 1


def _count(plan: Plan) -> int:
    return sum(
        len(getattr(plan, name))
        for name in (
            "projects_changed",
            "milestones_new",
            "milestones_changed",
            "links_new",
            "links_changed",
            "links_gone",
        )
    )


def _plan_new(row: ProjectRow, plan: Plan) -> None:
    fields = row.fields
    if fields.keys() <= _PROJECT_KEYS:
        after = {**DEFAULTS, **fields}
    else:
        after = {**DEFAULTS, **{k: v for k, v in fields.items() if k in _PROJECT_KEYS}}
    after["zone_id"] = row.zone.pk
    name = after["name"]
    plan.projects_new.append(Change(None, None, after, row, name))
    for kind, dates in row.milestones.items():
        planned, actual = dates.get("planned_date"), dates.get("actual_date")
        if planned or actual:
            values = {  # dates as the database stores them: no adapter call when inserting
                "project_id": None,
                "kind": kind,
                "planned_date": planned.isoformat() if planned else None,
                "actual_date": actual.isoformat() if actual else None,
                "note": "",
            }
            plan.milestones_new.append(Change(None, None, values, row, name))
    for index, enterprise in enumerate(row.investor_ids or []):
        values = {"project_id": None, **_link(enterprise, index)}
        plan.links_new.append(Change(None, None, values, row, name))


def _link(enterprise: int, index: int) -> dict[str, Any]:
    role = InvestorRole.LEAD.value if index == 0 else InvestorRole.PARTNER.value
    return {"enterprise_id": enterprise, "role": role}


def _plan_update(
    row: ProjectRow,
    current: dict[str, Any],
    milestones: dict[tuple[int, str], dict[str, Any]],
    links: list[dict[str, Any]],
    plan: Plan,
) -> None:
    pk = current["id"]
    before = {k: current[k] for k in PROJECT_COLUMNS}
    after = {**before, **{k: v for k, v in row.fields.items() if k in _PROJECT_KEYS}}
    if not _consistent(row, after):
        return
    name = after["name"]
    if after != before:
        plan.projects_changed.append(Change(pk, before, after, row, name))
    for kind, dates in row.milestones.items():
        _plan_milestone(row, pk, kind, dates, milestones.get((pk, kind)), plan, name)
    if row.investor_ids is not None:
        _plan_links(row, pk, links, plan, name)


def _consistent(row: ProjectRow, after: dict[str, Any]) -> bool:
    """The rules of ``Project.clean`` that involve values the file did not give."""
    fixed, planned = after["fixed_asset_investment"], after["planned_investment"]
    if fixed is not None and planned is not None and fixed > planned:
        row.error("", _("The fixed-asset part cannot exceed the planned total investment."))
    if after["foreign_capital"] and not after["foreign_currency"]:
        row.error("", _("Give the currency of the foreign capital."))
    return not row.errors


def _plan_milestone(
    row: ProjectRow,
    pk: int,
    kind: str,
    dates: dict[str, dt.date | None],
    existing: dict[str, Any] | None,
    plan: Plan,
    name: str,
) -> None:
    if existing is None:
        if dates.get("planned_date") or dates.get("actual_date"):
            values = {
                "project_id": pk,
                "kind": kind,
                "planned_date": dates.get("planned_date"),
                "actual_date": dates.get("actual_date"),
                "note": "",
            }
            plan.milestones_new.append(Change(None, None, values, row, name))
        return
    before = {k: existing[k] for k in MILESTONE_COLUMNS}
    after = {**before, **dates}
    if after != before and (after["planned_date"] or after["actual_date"]):
        plan.milestones_changed.append(Change(existing["id"], before, after, row, name))


def _plan_links(
    row: ProjectRow, pk: int, links: list[dict[str, Any]], plan: Plan, name: str
) -> None:
    """Replace the investors when every name matched; otherwise only add the matched ones."""
    wanted = row.investor_ids or []
    existing = {link["enterprise_id"]: link for link in links}
    for index, enterprise in enumerate(wanted):
        values = {"project_id": pk, **_link(enterprise, index)}
        link = existing.get(enterprise)
        if link is None:
            if not row.investors_complete:
                values["role"] = InvestorRole.PARTNER.value if links else values["role"]
            plan.links_new.append(Change(None, None, values, row, name))
        elif link["role"] != values["role"] and row.investors_complete:
            before = {k: link[k] for k in ("project_id", "enterprise_id", "role")}
            plan.links_changed.append(Change(link["id"], before, values, row, name))
    if row.investors_complete:
        for enterprise, link in existing.items():
            if enterprise not in wanted:
                before = {k: link[k] for k in ("project_id", "enterprise_id", "role")}
                plan.links_gone.append(Change(link["id"], before, None, row, name))
