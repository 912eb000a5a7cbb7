"""The ledger back out: .xlsx and .csv that read back through the importer unchanged.

Headers come from the same synonym table the importer reads (:mod:`devzone.dataio.headers`),
in Chinese or English; money is written in 万元 or 亿元 with the unit in the header, at full
precision (the number format only rounds what is displayed). Callers pass a queryset that
already went through ``Project.objects.visible_to(user)``: exports never widen what a user sees.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import translation

from devzone.dataio.headers import (
    AREA,
    DATE,
    INTEGER,
    MILESTONE_FIELDS,
    MONEY,
    PROJECT_FIELDS,
    SCALES,
    FieldSpec,
    export_header,
)
from devzone.dataio.reading import FORMULA_STARTS, formula_safe
from devzone.projects.models import Project, ProjectInvestor
from devzone.regions.models import Zone

FORMATS = ("xlsx", "csv")
LANGUAGES = ("zh-hans", "en")
EXPORTED = [s for s in PROJECT_FIELDS if s.key != "region"] + list(MILESTONE_FIELDS)
WIDTHS = {"name": 40, "investors": 36, "description": 40, "zone": 22, "department": 18}
NUMBER_FORMATS = {"wan": "#,##0.00", "yi": "#,##0.0000"}
EXAMPLE = {
    "code": "2301-330701-04-01-123456",
    "name": "示例：新能源电池产业基地项目",
    "industry_code": "C38",  # a division: the bundled GB/T 4754 reference lists divisions
    "kind": "制造业",
    "construction_type": "新建",
    "investors": "宁德时代新能源科技股份有限公司",
    "planned_investment": Decimal("550000000"),
    "fixed_asset_investment": Decimal("400000000"),
    "land_mu": Decimal("120"),
    "expected_output": Decimal("1000000000"),
    "expected_tax": Decimal("50000000"),
    "expected_jobs": 500,
    "leader": "张三",
    "department": "投资促进局",
    "milestone:signed:actual": dt.date(2023, 3, 1),
    "milestone:construction_started:planned": dt.date(2023, 9, 1),
}


def export_projects(
    projects: QuerySet,
    path: str | Path,
    *,
    language: str = "zh-hans",
    scale: str = "wan",
    format: str = "xlsx",
) -> int:
    """Write ``projects`` to ``path``; returns the number of projects written."""
    if format not in FORMATS or scale not in SCALES or language not in LANGUAGES:
        raise ValueError(f"unsupported export: {format}, {scale}, {language}")
    with translation.override(language):
        headers = [export_header(s, language=language, scale=scale) for s in EXPORTED]
        records = (_values(p, scale, _zone_labels()) for p in _rows(projects))
        if format == "csv":
            return _write_csv(Path(path), headers, records, scale)
        return _write_xlsx(Path(path), headers, records, scale)


def write_template(path: str | Path, *, language: str = "zh-hans", scale: str = "wan") -> None:
    """The headers and one example row, for a user starting a ledger from nothing."""
    with translation.override(language):
        headers = [export_header(s, language=language, scale=scale) for s in EXPORTED]
        zone = Zone.objects.order_by("pk").first()
        example = dict(EXAMPLE, zone=zone.name if zone else "金华经济技术开发区")
        row = [example.get(spec.key) for spec in EXPORTED]  # scaled once, as it is written
        _write_xlsx(Path(path), headers, iter([row]), scale)


def _rows(projects: QuerySet) -> Iterator[Project]:
    links = ProjectInvestor.objects.select_related("enterprise").order_by("role", "id")
    query = projects.select_related("zone", "industry", "department").prefetch_related(
        Prefetch("projectinvestor_set", queryset=links, to_attr="links"), "milestones"
    )
    return query.order_by("zone_id", "id").iterator(chunk_size=2000)


def _zone_labels() -> dict[int, str]:
    """A zone's name, or its short code when another zone has the same name."""
    zones = list(Zone.objects.values_list("id", "slug", "name"))
    counts: dict[str, int] = {}
    for _pk, _slug, name in zones:
        counts[name] = counts.get(name, 0) + 1
    return {pk: name if counts[name] == 1 else slug for pk, slug, name in zones}


def _values(project: Project, scale: str, zones: dict[int, str]) -> list[Any]:
    data: dict[str, Any] = {
        field: getattr(project, field)
        for field in (
            "code",
            "name",
            "planned_investment",
            "fixed_asset_investment",
            "foreign_capital",
            "foreign_currency",
            "land_mu",
            "expected_output",
            "expected_tax",
            "expected_jobs",
            "leader",
            "description",
        )
    }
    data["zone"] = zones.get(project.zone_id, project.zone.name)
    data["industry_code"] = project.industry.code if project.industry else ""
    data["industry"] = project.industry.name if project.industry else ""
    data["kind"] = project.get_kind_display()
    data["construction_type"] = project.get_construction_type_display()
    data["investors"] = "、".join(link.enterprise.legal_name for link in project.links)
    data["department"] = project.department.name if project.department else ""
    for milestone in project.milestones.all():
        data[f"milestone:{milestone.kind}:planned"] = milestone.planned_date
        data[f"milestone:{milestone.kind}:actual"] = milestone.actual_date
    return [data.get(spec.key) for spec in EXPORTED]


def _cell(spec: FieldSpec, value: Any, scale: str, *, text: bool) -> Any:
    if value is None or value == "":
        return "" if text else None
    if spec.kind == MONEY and spec.key != "foreign_capital":
        value = value / SCALES[scale][0]
    if isinstance(value, Decimal):
        plain = format(value.normalize(), "f")
        return plain if text else (int(value) if value == value.to_integral() else float(plain))
    if isinstance(value, dt.date):
        return value.isoformat() if text else value
    return str(value) if text else value


def _write_csv(path: Path, headers: list[str], records: Iterator[list[Any]], scale: str) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for values in records:
            cells = zip(EXPORTED, values, strict=True)
            writer.writerow(
                [formula_safe(_cell(spec, value, scale, text=True)) for spec, value in cells]
            )
            count += 1
    return count


def _write_xlsx(path: Path, headers: list[str], records: Iterator[list[Any]], scale: str) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # Open the file first: a path that cannot be written fails before the workbook starts.
    with open(path, "wb") as stream:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(str(translation.gettext("Projects")))
        sheet.freeze_panes = "A2"
        for index, spec in enumerate(EXPORTED, start=1):
            width = WIDTHS.get(spec.key, max(12, min(24, len(headers[index - 1]) * 2)))
            sheet.column_dimensions[get_column_letter(index)].width = width
        bold = Font(bold=True)
        sheet.append([_styled(WriteOnlyCell(sheet, value=h), font=bold) for h in headers])
        formats = [_number_format(spec, scale) for spec in EXPORTED]
        count = 0
        for values in records:
            row = []
            for spec, value, number_format in zip(EXPORTED, values, formats, strict=True):
                cell = _cell(spec, value, scale, text=False)
                if number_format and cell is not None:
                    cell = _styled(WriteOnlyCell(sheet, value=cell), number_format=number_format)
                elif isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
                    cell = _styled(WriteOnlyCell(sheet, value=cell), data_type="s")  # text
                row.append(cell)
            sheet.append(row)
            count += 1
        workbook.save(stream)
    return count


def _styled(cell: Any, **style: Any) -> Any:
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _number_format(spec: FieldSpec, scale: str) -> str | None:
    if spec.kind == MONEY:
        return "#,##0.00" if spec.key == "foreign_capital" else NUMBER_FORMATS[scale]
    if spec.kind == AREA:
        return "#,##0.00"
    if spec.kind == INTEGER:
        return "0"
    if spec.kind == DATE:
        return "yyyy-mm-dd"
    return None
