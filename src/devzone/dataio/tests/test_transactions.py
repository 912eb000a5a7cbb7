"""All or nothing: a bad row stops the whole file, a killed import leaves no trace."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devzone.core.models import ChangeRecord
from devzone.dataio.importing import import_projects
from devzone.dataio.tests.ledgers import write_csv, write_xlsx
from devzone.projects.models import Milestone, Project, ProjectInvestor

HEADER = [
    "项目代码",
    "项目名称",
    "所属园区",
    "投资方",
    "计划总投资（万元）",
    "签约时间",
    "计划开工时间",
]


def _rows(zone, count, *, start=0, investor="宁德时代"):
    return [
        [f"JK-{i:05d}", f"项目{i}", zone.name, investor, 1000 + i, "2023-01-05", "2025-03-01"]
        for i in range(start, start + count)
    ]


def test_one_bad_row_and_nothing_is_written(tmp_path, zone_a, staff_a, catl):
    rows = [HEADER, *_rows(zone_a, 5), ["JK-X", "坏项目", zone_a.name, "", "待定", "", ""]]
    before = ChangeRecord.objects.count()

    result = import_projects(write_xlsx(tmp_path / "x.xlsx", rows), actor=staff_a)

    assert not result.committed
    assert (result.created, result.rejected) == (5, 1)  # what would have happened
    assert not Project.objects.exists() and ChangeRecord.objects.count() == before


def test_skip_invalid_imports_the_rest_and_the_rejected_file_reimports(
    tmp_path, zone_a, staff_a, catl
):
    rows = [HEADER, *_rows(zone_a, 3), ["JK-X", "坏项目", zone_a.name, "", "待定", "", ""]]
    rejected = tmp_path / "rejected.xlsx"

    result = import_projects(
        write_xlsx(tmp_path / "x.xlsx", rows),
        actor=staff_a,
        skip_invalid=True,
        rejected_path=rejected,
    )

    assert result.committed and (result.created, result.rejected) == (3, 1)
    assert Project.objects.count() == 3
    from openpyxl import load_workbook

    sheet = load_workbook(rejected).active
    lines = [[c.value for c in row] for row in sheet.iter_rows()]
    assert lines[0][: len(HEADER)] == HEADER
    assert lines[1][1] == "坏项目" and "not an amount" in lines[1][-1]
    sheet.cell(row=2, column=5, value=2500)  # the user fixes the amount
    sheet.parent.save(rejected)

    again = import_projects(rejected, actor=staff_a)

    assert again.committed and again.created == 1
    assert Project.objects.get(code="JK-X").planned_investment == Decimal("25000000")


def test_staff_of_zone_a_cannot_import_into_zone_b(tmp_path, zone_a, zone_b, staff_a, catl):
    rows = [HEADER, *_rows(zone_a, 1), *_rows(zone_b, 1, start=5)]

    result = import_projects(write_xlsx(tmp_path / "x.xlsx", rows), actor=staff_a)

    assert [(e.row, e.column) for e in result.errors] == [(3, "所属园区")]
    assert "may not change records of 肇庆高新区" in result.errors[0].message
    assert not Project.objects.exists()


def test_code_match_in_another_zone_needs_the_right_to_edit_it(tmp_path, staff_a, project_b):
    project_b.code = "ZQ-1"
    project_b.save()
    rows = [["项目代码", "项目名称", "计划总投资（万元）"], ["ZQ-1", "改名", 1]]

    result = import_projects(write_xlsx(tmp_path / "x.xlsx", rows), actor=staff_a)

    assert "may not change records" in result.errors[0].message
    project_b.refresh_from_db()
    assert project_b.name == "肇庆制造业项目"


def _count_queries(path, actor):
    with CaptureQueriesContext(connection) as queries:
        result = import_projects(path, actor=actor)
    assert result.committed, result.errors
    return len(queries)


def test_import_is_bulk_the_query_count_does_not_grow_with_rows(tmp_path, zone_a, staff_a, catl):
    small = write_csv(tmp_path / "small.csv", [HEADER, *_rows(zone_a, 50)])
    large = write_csv(tmp_path / "large.csv", [HEADER, *_rows(zone_a, 500, start=1000)])

    queries_small = _count_queries(small, staff_a)
    queries_large = _count_queries(large, staff_a)

    assert Milestone.objects.count() == 2 * 550
    assert ProjectInvestor.objects.count() == 550
    assert ChangeRecord.objects.filter(action="create").count() >= 550 * 4
    assert abs(queries_large - queries_small) <= 2, (queries_small, queries_large)


def test_reimport_of_many_rows_is_bulk_too(tmp_path, zone_a, staff_a, catl):
    small = write_csv(tmp_path / "small.csv", [HEADER, *_rows(zone_a, 50)])
    large = write_csv(tmp_path / "large.csv", [HEADER, *_rows(zone_a, 500, start=1000)])
    _count_queries(small, staff_a)
    _count_queries(large, staff_a)
    small_rows = [[*r[:4], r[4] + 1, *r[5:]] for r in _rows(zone_a, 50)]
    large_rows = [[*r[:4], r[4] + 1, *r[5:]] for r in _rows(zone_a, 500, start=1000)]

    queries_small = _count_queries(write_csv(tmp_path / "s2.csv", [HEADER, *small_rows]), staff_a)
    queries_large = _count_queries(write_csv(tmp_path / "l2.csv", [HEADER, *large_rows]), staff_a)

    assert abs(queries_large - queries_small) <= 2
    assert ChangeRecord.objects.filter(action="update").count() == 550


KILLED_IMPORT = textwrap.dedent("""
    import os, sys, time
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    call_command("migrate", verbosity=0)
    from devzone.regions.models import Region, Zone
    region = Region.objects.create(code="330700", name="金华市", level="prefecture")
    Zone.objects.create(slug="jdz", name="金华经济技术开发区", kind="development_zone",
                        region=region)
    from devzone.dataio import writing
    original = writing._write_milestones

    def slow(*args):
        original(*args)
        print("WRITING", flush=True)  # projects and milestones are in, not committed
        time.sleep(120)

    writing._write_milestones = slow
    from devzone.dataio.importing import import_projects
    import_projects(sys.argv[1], actor=None)
    print("COMMITTED", flush=True)
""")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the kill test uses a SQLite file")
def test_a_killed_import_leaves_the_database_unchanged(tmp_path):
    database = tmp_path / "killed.sqlite3"
    rows = [["项目名称", "所属园区", "计划总投资（万元）", "签约时间"]]
    rows += [[f"项目{i}", "金华经济技术开发区", 100 + i, "2023-01-05"] for i in range(3000)]
    ledger = write_csv(tmp_path / "ledger.csv", rows)
    script = tmp_path / "child.py"
    script.write_text(KILLED_IMPORT)
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="devzone.conf.settings",
        DEVZONE_DATA_DIR=str(tmp_path),
    )
    child = subprocess.Popen(
        [sys.executable, str(script), str(ledger)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "WRITING"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        child.stdout.close()
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM projects_project").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM projects_milestone").fetchone() == (0,)
        assert db.execute(
            "SELECT COUNT(*) FROM core_changerecord WHERE object_repr LIKE '项目%'"
        ).fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM regions_zone").fetchone() == (1,)
    assert Path(database).exists()


def test_a_chinese_rejected_file_reimports_without_an_unknown_column(
    tmp_path, zone_a, staff_a, catl
):
    from django.utils import translation

    rows = [HEADER, *_rows(zone_a, 1), ["JK-X", "坏项目", zone_a.name, "", "待定", "", ""]]
    rejected = tmp_path / "rejected.csv"
    with translation.override("zh-hans"):
        import_projects(
            write_xlsx(tmp_path / "x.xlsx", rows),
            actor=staff_a,
            skip_invalid=True,
            rejected_path=rejected,
        )
    assert "未通过原因" in rejected.read_text(encoding="utf-8-sig").splitlines()[0]

    again = import_projects(rejected, actor=staff_a, dry_run=True)

    assert again.unknown_columns == []
