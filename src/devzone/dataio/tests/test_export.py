"""What goes out comes back in unchanged: xlsx and csv, both languages, both scales, OC4IDS."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from devzone.core.models import ChangeRecord
from devzone.dataio.exporting import export_projects, write_template
from devzone.dataio.importing import import_projects
from devzone.dataio.oc4ids import export_oc4ids, import_oc4ids
from devzone.projects import services
from devzone.projects.models import Project


@pytest.fixture
def ledger(zh_ledger, staff_a, catl, zone_a):
    assert import_projects(zh_ledger, actor=staff_a).committed
    project = Project.objects.get(code="JK-2023-017")
    services.update_project(
        project,
        actor=staff_a,
        foreign_capital=Decimal("12345678.91"),
        foreign_currency="USD",
        expected_jobs=350,
        expected_output=Decimal("1954500000.37"),
    )
    services.open_problem(
        project, actor=staff_a, title="用地指标未落实", due_date=dt.date(2024, 6, 30)
    )
    return Project.objects.all()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("scale", ["wan", "yi"])
def test_export_then_import_changes_nothing(ledger, staff_a, tmp_path, fmt, language, scale):
    path = tmp_path / f"out.{fmt}"
    records = ChangeRecord.objects.count()

    assert export_projects(ledger, path, language=language, scale=scale, format=fmt) == 3
    result = import_projects(path, actor=staff_a)

    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert ChangeRecord.objects.count() == records


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_text_that_looks_like_a_formula_goes_out_as_text_and_comes_back(
    ledger, staff_a, tmp_path, fmt
):
    name = '=HYPERLINK("http://example.invalid","点击")'
    project = Project.objects.get(code="JK-2023-017")
    services.update_project(project, actor=staff_a, name=name, leader="@张三")
    path = tmp_path / f"out.{fmt}"

    export_projects(ledger, path, language="zh-hans", scale="wan", format=fmt)

    if fmt == "xlsx":
        cells = [c for row in load_workbook(path).active.iter_rows() for c in row]
        cell = next(c for c in cells if c.value == name)
        assert cell.data_type == "s"  # a text, not a formula
    else:
        text = path.read_text(encoding="utf-8-sig")
        assert "'=HYPERLINK" in text and "'@张三" in text
    result = import_projects(path, actor=staff_a)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Project.objects.get(code="JK-2023-017").name == name


def test_xlsx_layout_frozen_header_widths_and_number_formats(ledger, tmp_path):
    path = tmp_path / "out.xlsx"
    export_projects(ledger, path, language="zh-hans", scale="yi")

    sheet = load_workbook(path).active
    assert sheet.freeze_panes == "A2"
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["项目代码", "项目名称", "所属园区"]
    assert "计划总投资（亿元）" in headers
    column = headers.index("计划总投资（亿元）")
    amounts = {row[1].value: row[column] for row in sheet.iter_rows(min_row=2)}
    assert amounts["康佳新能源电池产业基地"].value == 5.5
    assert amounts["康佳新能源电池产业基地"].number_format == "#,##0.0000"
    assert sheet.column_dimensions["B"].width == 40


def test_english_export_uses_english_headers_and_labels(ledger, tmp_path):
    path = tmp_path / "out.csv"
    export_projects(ledger, path, language="en", scale="wan", format="csv")
    text = path.read_text(encoding="utf-8-sig")
    assert text.startswith("Project code,Project name,Zone")
    assert "Planned investment (10k yuan)" in text and "manufacturing" in text
    assert "55000" in text  # 5.5亿 in 万元, exact


def test_only_visible_projects_are_exported(ledger, project_b, leader_jinhua, tmp_path):
    path = tmp_path / "out.csv"
    count = export_projects(Project.objects.visible_to(leader_jinhua), path, format="csv")
    assert count == 3
    assert "肇庆制造业项目" not in path.read_text(encoding="utf-8-sig")


def test_blank_template_has_headers_and_one_example_row(db, tmp_path, zone_a):
    path = tmp_path / "template.xlsx"
    write_template(path, language="zh-hans")
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[0][1] == "项目名称" and rows[1][1].startswith("示例")


@pytest.mark.parametrize(
    ("scale", "header", "amount"), [("wan", "万元", 55000), ("yi", "亿元", 5.5)]
)
def test_the_template_example_is_in_the_unit_its_header_says_and_imports_back(
    db, tmp_path, zone_a, scale, header, amount
):
    from devzone.dataio.importing import import_projects

    path = tmp_path / "template.xlsx"
    write_template(path, language="zh-hans", scale=scale)
    heads, example = list(load_workbook(path).active.iter_rows(values_only=True))
    planned = heads.index(f"计划总投资（{header}）")

    assert example[planned] == amount

    from devzone.enterprises.reference import load_industries

    load_industries()
    result = import_projects(path, actor=None, dry_run=True)
    assert result.ok and result.created == 1
    assert not [r for r in result.reviews if "Industry" in r.message]  # a code it knows
    assert [w.message for w in result.warnings if "example row" in w.message]  # said, though


def _schema_validator(shared_data):
    import jsonschema

    schema_path = shared_data / "projects" / "oc4ids-project-schema.json"
    if not schema_path.exists():
        pytest.skip(f"OC4IDS schema not found at {schema_path}")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_oc4ids_export_validates_against_the_schema(ledger, tmp_path, shared_data):
    validator = _schema_validator(shared_data)
    path = tmp_path / "projects.json"

    assert export_oc4ids(ledger, path) == 3

    package = json.loads(path.read_text(encoding="utf-8"))
    for project in package["projects"]:
        errors = sorted(validator.iter_errors(project), key=str)
        assert not errors, [e.message for e in errors]
    battery = next(p for p in package["projects"] if p["title"] == "康佳新能源电池产业基地")
    assert battery["budget"]["amount"] == {"amount": 550000000, "currency": "CNY"}
    assert battery["identifiers"] == [
        {"id": "2301-330701-04-01-123456", "scheme": "CN-NDRC-PROJECT"}
    ]
    started = next(m for m in battery["milestones"] if m["code"] == "construction_started")
    assert (started["dueDate"], started["dateMet"]) == (
        "2023-09-01T00:00:00Z",
        "2023-09-01T00:00:00Z",
    )
    other = next(p for p in package["projects"] if p["title"] == "金开智能装备产业园")
    assert other["devzone"]["problems"][0]["title"] == "用地指标未落实"
    assert other["devzone"]["foreignCapital"] == {"amount": 12345678.91, "currency": "USD"}


def test_oc4ids_round_trip(ledger, staff_a, tmp_path):
    path = tmp_path / "projects.json"
    export_oc4ids(ledger, path)
    records = ChangeRecord.objects.count()

    result = import_oc4ids(path, actor=staff_a)

    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert ChangeRecord.objects.count() == records


def test_oc4ids_import_creates_projects_in_a_fresh_zone(ledger, staff_a, tmp_path):
    path = tmp_path / "projects.json"
    export_oc4ids(ledger, path)
    Project.objects.all().delete()

    result = import_oc4ids(path, actor=staff_a)

    assert result.committed and result.created == 3
    project = Project.objects.get(code="JK-2023-017")
    assert project.expected_output == Decimal("1954500000.37")
    assert project.foreign_capital == Decimal("12345678.91")


def test_oc4ids_bad_json(db, tmp_path, staff_a):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    assert "not JSON" in import_oc4ids(path, actor=staff_a).file_error


def test_oc4ids_amounts_in_another_currency_are_refused_not_read_as_yuan(zone_a, staff_a, tmp_path):
    project = {
        "id": "p1",
        "title": "外资项目",
        "budget": {"amount": {"amount": 1000000, "currency": "USD"}},
        "devzone": {"zone": zone_a.name},
    }
    path = tmp_path / "usd.json"
    path.write_text(json.dumps({"version": "0.9", "projects": [project]}), encoding="utf-8")

    result = import_oc4ids(path, actor=staff_a)

    assert not result.committed and not Project.objects.exists()
    [error] = result.errors
    assert "1000000 USD" in error.message and "another currency" in error.message


def test_oc4ids_objects_of_the_wrong_shape_are_named_not_a_traceback(db, tmp_path, staff_a):
    path = tmp_path / "odd.json"
    odd = [{"id": "p1", "title": "甲", "devzone": "zone"}, {"id": "p2", "milestones": ["x"]}]
    path.write_text(json.dumps({"projects": odd}), encoding="utf-8")

    result = import_oc4ids(path, actor=staff_a)

    assert result.file_error.startswith("Project 2 of the package is not in OC4IDS form")
    assert not Project.objects.exists()
