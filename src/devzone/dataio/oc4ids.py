"""Projects as OC4IDS JSON (Open Contracting for Infrastructure Data Standard), both ways.

OC4IDS has no place for several things a Chinese ledger keeps, so each project carries a
``devzone`` object (documented in docs/import.md, "OC4IDS extension"): zone, kind, fixed-asset
investment, foreign capital, land in mu, expected output/tax/jobs, responsible leader and
department, promotion group and problems. GB/T 4754 codes go in ``additionalClassifications``
(scheme ``GB/T 4754-2017``); planned and actual milestone dates are ``dueDate`` and ``dateMet``.

Import turns each project back into a ledger row with canonical headers and runs the same
pipeline as a spreadsheet: same checks, same matching, same all-or-nothing transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from devzone.core import codes
from devzone.dataio.headers import MILESTONE_FIELDS, PROJECT_TABLE, milestone_key
from devzone.dataio.importing import Progress, import_from_table
from devzone.dataio.reading import SpreadsheetError, Table
from devzone.dataio.results import ImportResult
from devzone.projects.choices import MilestoneKind
from devzone.projects.models import Problem, Project, ProjectInvestor
from devzone.regions.models import Zone

OC4IDS_VERSION = "0.9"
GBT_4754 = "GB/T 4754-2017"
NATIONAL_CODE_SCHEME = "CN-NDRC-PROJECT"
LOCAL_CODE_SCHEME = "local"
STATUS_BY_STAGE = {
    "planned": "identification",
    "signed": "identification",
    "approved": "preparation",
    "land_supplied": "preparation",
    "construction_started": "implementation",
    "completed": "completion",
    "in_production": "maintenance",
}
TYPE_BY_CONSTRUCTION = {
    "new": "construction",
    "expansion": "expansion",
    "upgrade": "rehabilitation",
}
CONSTRUCTION_BY_TYPE = {v: k for k, v in TYPE_BY_CONSTRUCTION.items()}


def _number(value: Decimal | None) -> int | float | None:
    """An exact JSON number: integers as int, cents through float's shortest repr."""
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def _value(amount: Decimal | None, currency: str = "CNY") -> dict[str, Any] | None:
    return None if amount is None else {"amount": _number(amount), "currency": currency}


def _day(value: dt.date | None) -> str | None:
    return f"{value.isoformat()}T00:00:00Z" if value else None


def export_oc4ids(projects: QuerySet, path: str | Path) -> int:
    """Write an OC4IDS project package of ``projects`` (already narrowed to what the user sees)."""
    records = list(_project_json(p) for p in _rows(projects))
    package = {
        "version": OC4IDS_VERSION,
        "uri": "urn:devzone:projects",
        "publishedDate": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "publisher": {"name": "devzone"},
        "projects": records,
    }
    Path(path).write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(records)


def _rows(projects: QuerySet) -> Iterator[Project]:
    links = ProjectInvestor.objects.select_related("enterprise").order_by("role", "id")
    problems = Problem.objects.select_related("owner_department").order_by("id")
    if "stage" not in projects.query.annotations:
        projects = projects.with_stage()
    return (
        projects.select_related("zone__region", "industry", "department", "promotion_group")
        .prefetch_related(
            Prefetch("projectinvestor_set", queryset=links, to_attr="links"),
            Prefetch("problems", queryset=problems, to_attr="problem_list"),
            "milestones",
        )
        .order_by("zone_id", "id")
        .iterator(chunk_size=1000)
    )


def _project_json(project: Project) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"devzone-{project.zone.slug}-{project.pk}",
        "updated": project.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "language": "zh",
        "title": project.name,
        "status": STATUS_BY_STAGE[project.stage],
        "type": TYPE_BY_CONSTRUCTION[project.construction_type],
        "sector": [project.kind],
        "budget": {"amount": _value(project.planned_investment)},
        "locations": [
            {
                "id": "1",
                "description": project.zone.name,
                "address": {"region": project.zone.region.name, "countryName": "中国"},
            }
        ],
        "devzone": _extension(project),
    }
    if project.description:
        data["description"] = project.description
    if project.code:
        scheme = (
            NATIONAL_CODE_SCHEME
            if codes.is_national_project_code(project.code)
            else LOCAL_CODE_SCHEME
        )
        data["identifiers"] = [{"id": project.code, "scheme": scheme}]
    if project.industry:
        data["additionalClassifications"] = [
            {"scheme": GBT_4754, "id": project.industry.code, "description": project.industry.name}
        ]
    parties = _parties(project)
    if parties:
        data["parties"] = parties
    if project.department:
        data["publicAuthority"] = {
            "id": f"department-{project.department_id}",
            "name": project.department.name,
        }
    milestones = [_milestone_json(m) for m in project.milestones.all()]
    if milestones:
        data["milestones"] = milestones
    return data


def _parties(project: Project) -> list[dict[str, Any]]:
    parties = []
    for link in project.links:
        enterprise = link.enterprise
        party: dict[str, Any] = {
            "id": f"enterprise-{enterprise.pk}",
            "name": enterprise.legal_name,
            "roles": ["sponsor"],
        }
        if enterprise.credit_code:
            party["identifier"] = {
                "scheme": "CN-USCC",
                "id": enterprise.credit_code,
                "legalName": enterprise.legal_name,
            }
        parties.append(party)
    if project.department:
        parties.append(
            {
                "id": f"department-{project.department_id}",
                "name": project.department.name,
                "roles": ["publicAuthority"],
            }
        )
    return parties


def _milestone_json(milestone: Any) -> dict[str, Any]:
    with translation.override("en"):
        title = str(MilestoneKind(milestone.kind).label)
    data: dict[str, Any] = {
        "id": milestone.kind,
        "code": milestone.kind,
        "type": "delivery",
        "title": title,
        "status": "met" if milestone.actual_date else "scheduled",
    }
    if milestone.planned_date:
        data["dueDate"] = _day(milestone.planned_date)
    if milestone.actual_date:
        data["dateMet"] = _day(milestone.actual_date)
    return data


def _extension(project: Project) -> dict[str, Any]:
    """The fields OC4IDS lacks; keys and meaning are documented in docs/import.md."""
    data: dict[str, Any] = {
        "zone": project.zone.slug,
        "kind": project.kind,
        "constructionType": project.construction_type,
        "fixedAssetInvestment": _value(project.fixed_asset_investment),
        "foreignCapital": _value(project.foreign_capital, project.foreign_currency or "USD"),
        "landMu": None if project.land_mu is None else format(project.land_mu.normalize(), "f"),
        "expectedOutput": _value(project.expected_output),
        "expectedTax": _value(project.expected_tax),
        "expectedJobs": project.expected_jobs,
        "leader": project.leader,
        "department": project.department.name if project.department else "",
        "investors": [link.enterprise.legal_name for link in project.links],
        "problems": [_problem_json(p) for p in project.problem_list],
    }
    if project.promotion_group:
        data["promotionGroup"] = {
            "name": project.promotion_group.name,
            "leader": project.promotion_group.leader,
        }
    return {key: value for key, value in data.items() if value not in (None, "")}


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "title": problem.title,
        "status": problem.status,
        "owner": problem.owner_department.name if problem.owner_department else "",
        "dueDate": problem.due_date.isoformat() if problem.due_date else None,
        "resolution": problem.resolution,
    }


# --- import ------------------------------------------------------------------------------

ROW_KEYS = (
    "code",
    "name",
    "zone",
    "industry_code",
    "kind",
    "construction_type",
    "investors",
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
    "description",
    *(spec.key for spec in MILESTONE_FIELDS),
)


def import_oc4ids(
    path: str | Path,
    *,
    actor: Any,
    dry_run: bool = False,
    skip_invalid: bool = False,
    default_zone: Zone | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import an OC4IDS package (or one project object) through the ledger pipeline."""
    result = ImportResult("projects", dry_run)
    try:
        projects = _load(Path(path))
    except SpreadsheetError as exc:
        result.file_error = exc.message
        return result
    headers = [_header(key) for key in ROW_KEYS]
    rows: list[tuple[int, list[Any]]] = [(1, headers)]
    for number, project in enumerate(projects, start=1):
        try:
            rows.append((number + 1, _row(project)))
        except (AttributeError, TypeError, KeyError, IndexError) as exc:
            result.file_error = _(
                "Project %(number)d of the package is not in OC4IDS form: %(problem)s"
            ) % {"number": number, "problem": exc}
            return result
    table = Table(rows=iter(rows), format="oc4ids")
    return import_from_table(
        table,
        result,
        PROJECT_TABLE,
        actor=actor,
        skip_invalid=skip_invalid,
        default_zone=default_zone,
        progress=progress,
    )


def _load(path: Path) -> list[dict[str, Any]]:

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SpreadsheetError("not_json", _("The file is not JSON: %s") % exc) from exc
    if isinstance(data, dict) and isinstance(data.get("projects"), list):
        return data["projects"]
    if isinstance(data, dict) and "id" in data:
        return [data]
    raise SpreadsheetError("not_oc4ids", _("The JSON is not an OC4IDS project package."))


def _header(key: str) -> str:
    """The English export header, money in plain yuan so amounts carry over exactly (foreign
    capital in the currency of its own column)."""
    spec = PROJECT_TABLE_BY_KEY[key]
    if spec.kind == "money" and key != "foreign_capital":
        return f"{spec.en} (yuan)"
    if spec.kind == "area":
        return f"{spec.en} (mu)"
    return spec.en


PROJECT_TABLE_BY_KEY = {spec.key: spec for spec in PROJECT_TABLE.values()}


def _amount(value: Any, *, yuan: bool = True) -> Any:
    """The amount of an OC4IDS Value; in a yuan column, one in another currency keeps its
    currency, so the row is refused with the ledger's own message instead of read as yuan."""
    if not isinstance(value, dict):
        return None
    amount, currency = value.get("amount"), value.get("currency")
    if yuan and amount is not None and currency and str(currency).upper() != "CNY":
        return f"{_plain(amount)} {currency}"
    return amount


def _row(project: dict[str, Any]) -> list[Any]:
    ext = _object(project.get("devzone"))
    identifiers = project.get("identifiers") or [{}]
    classes = [
        c for c in project.get("additionalClassifications") or [] if c.get("scheme") == GBT_4754
    ]
    locations = project.get("locations") or [{}]
    foreign = _object(ext.get("foreignCapital"))
    values: dict[str, Any] = {
        "code": identifiers[0].get("id", ""),
        "name": project.get("title", ""),
        "zone": ext.get("zone") or locations[0].get("description", ""),
        "industry_code": classes[0]["id"] if classes else "",
        "kind": ext.get("kind", ""),
        "construction_type": ext.get("constructionType")
        or CONSTRUCTION_BY_TYPE.get(project.get("type", ""), ""),
        "investors": "、".join(
            ext.get("investors")
            or [
                p.get("name", "")
                for p in project.get("parties") or []
                if "sponsor" in p.get("roles", [])
            ]
        ),
        "planned_investment": _amount((project.get("budget") or {}).get("amount")),
        "fixed_asset_investment": _amount(ext.get("fixedAssetInvestment")),
        "foreign_capital": _amount(foreign, yuan=False),
        "foreign_currency": foreign.get("currency", "") if foreign else "",
        "land_mu": ext.get("landMu"),
        "expected_output": _amount(ext.get("expectedOutput")),
        "expected_tax": _amount(ext.get("expectedTax")),
        "expected_jobs": ext.get("expectedJobs"),
        "leader": ext.get("leader", ""),
        "department": ext.get("department", ""),
        "description": project.get("description", ""),
    }
    for milestone in project.get("milestones") or []:
        kind = milestone.get("code") or milestone.get("id")
        if kind in MilestoneKind.values:
            values[milestone_key(kind, "planned")] = (milestone.get("dueDate") or "")[:10]
            values[milestone_key(kind, "actual")] = (milestone.get("dateMet") or "")[:10]
    return [_plain(values.get(key)) for key in ROW_KEYS]


def _object(value: Any) -> dict[str, Any]:
    """An object of the package, or an empty one where something else stands."""
    return value if isinstance(value, dict) else {}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    return "" if value is None else value
