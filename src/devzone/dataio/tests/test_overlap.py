"""Rows written while later rows are still being checked: still all or nothing, same results."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from devzone.core.models import ChangeRecord
from devzone.dataio import overlap
from devzone.dataio.checking import CHUNK
from devzone.dataio.importing import import_projects
from devzone.dataio.tests.ledgers import write_csv
from devzone.projects.models import Milestone, Project, ProjectInvestor

HEADER = ["项目代码", "项目名称", "所属园区", "投资方", "计划总投资（万元）", "签约时间"]
MANY = CHUNK * 2 + 10  # rows enough for two chunks to be written before the last is checked


def _rows(zone, count, *, start=0):
    return [
        [f"JK-{i:05d}", f"项目{i}", zone.name, "宁德时代", 1000 + i, "2023-01-05"]
        for i in range(start, start + count)
    ]


class EarlyWrites(list):
    """The number of projects each early write inserted, and how many were prepared on the
    checking thread (SQLite) rather than made by the writing thread."""

    prepared = 0


@pytest.fixture
def early_writes(monkeypatch):
    sizes = EarlyWrites()
    insert_new, insert_prepared = overlap.insert_new, overlap.insert_prepared

    def counting(plan, writer):
        sizes.append(len(plan.projects_new))
        insert_new(plan, writer)

    def counting_prepared(plan, prepared, writer):
        sizes.append(len(plan.projects_new))
        sizes.prepared += 1
        insert_prepared(plan, prepared, writer)

    monkeypatch.setattr(overlap, "insert_new", counting)
    monkeypatch.setattr(overlap, "insert_prepared", counting_prepared)
    return sizes


def _problems(result):
    return [
        [(i.row, i.column, i.message, i.value) for i in issues]
        for issues in (result.errors, result.warnings, result.reviews)
    ]


def _counts(result):
    return (result.rows, result.created, result.updated, result.unchanged, result.rejected)


@pytest.mark.django_db
def test_a_bad_last_row_undoes_the_rows_written_early(
    tmp_path, zone_a, staff_a, catl, early_writes
):
    rows = _rows(zone_a, MANY)
    rows[-1][4] = "待定"
    rows[-2][5] = "2023年9月上旬"  # a warning, reported as in a dry run
    path = write_csv(tmp_path / "ledger.csv", [HEADER, *rows])
    records = ChangeRecord.objects.count()

    preview = import_projects(path, actor=staff_a, dry_run=True)
    result = import_projects(path, actor=staff_a)

    assert sum(early_writes) == CHUNK * 2  # written early, then rolled back
    assert not result.committed
    assert _problems(result) == _problems(preview)
    assert _counts(result) == _counts(preview)
    assert [e.row for e in result.errors] == [MANY + 1]
    assert not Project.objects.exists()
    assert not Milestone.objects.exists()
    assert ChangeRecord.objects.count() == records


@pytest.mark.django_db
def test_a_code_repeated_far_below_flags_both_rows_and_writes_nothing(
    tmp_path, zone_a, staff_a, catl, early_writes
):
    rows = _rows(zone_a, MANY)
    rows[-1][0] = rows[0][0]
    path = write_csv(tmp_path / "ledger.csv", [HEADER, *rows])

    preview = import_projects(path, actor=staff_a, dry_run=True)
    result = import_projects(path, actor=staff_a)

    assert not result.committed
    assert _problems(result) == _problems(preview)
    assert {e.row for e in result.errors} == {2, MANY + 1}
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_new_rows_written_early_and_updates_after_match_a_dry_run(
    tmp_path, zone_a, staff_a, catl, early_writes
):
    """Existing projects matched by code and by name are updated, the rest created, once."""
    from devzone.projects import services

    by_code = services.create_project(
        actor=None, zone=zone_a, name="旧项目", code="JK-00005", planned_investment=Decimal(1)
    )
    by_name = services.create_project(
        actor=None, zone=zone_a, name="项目3000", planned_investment=Decimal(1)
    )
    rows = _rows(zone_a, MANY)
    rows[3000][0] = ""  # no code: matched by its name
    path = write_csv(tmp_path / "ledger.csv", [HEADER, *rows])

    preview = import_projects(path, actor=staff_a, dry_run=True)
    result = import_projects(path, actor=staff_a)

    assert result.committed
    assert sum(early_writes) == MANY - 2
    if connection.vendor == "sqlite":  # two chunks prepared whole, one with known rows left out
        assert early_writes.prepared == 1 and len(early_writes) == 3
    assert _counts(result) == _counts(preview) == (MANY, MANY - 2, 2, 0, 0)
    assert _problems(result) == _problems(preview)
    assert Project.objects.count() == MANY
    by_code.refresh_from_db()
    by_name.refresh_from_db()
    assert (by_code.name, by_code.planned_investment) == ("项目5", Decimal("10050000"))
    assert by_name.planned_investment == Decimal("40000000")
    assert ProjectInvestor.objects.count() == MANY
    created = ChangeRecord.objects.filter(action="create", request_id="")
    project_type = ContentType.objects.get_for_model(Project)
    assert created.filter(content_type=project_type).count() == MANY - 2 + 2  # + 2 services
    # Each project's record comes before those of its milestones and investor links.
    records = ChangeRecord.objects.filter(actor=staff_a).order_by("id")
    first: dict[int, int] = {}
    for position, (kind, after) in enumerate(records.values_list("content_type_id", "after")):
        if kind == project_type.pk:
            first.setdefault(after["id"], position)
        elif after and "project_id" in after:
            assert first[after["project_id"]] < position
    assert len(first) == MANY
    assert ChangeRecord.objects.filter(actor=staff_a, action="update").count() == 2
