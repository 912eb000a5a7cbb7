"""A user of zone A can neither read nor change zone B's projects — through any face.

The rule lives in one place (devzone.accounts.scope); this test walks every face over it:
web pages, the REST API, spreadsheet export, spreadsheet import and the command line.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal

import pytest
from django.test import Client

from devzone.accounts.services import issue_token
from devzone.cli import main
from devzone.core.models import ChangeRecord
from devzone.projects.models import InvestmentReport, Project


@pytest.fixture
def world(project_a, project_b, staff_a):
    return {"mine": project_a, "theirs": project_b, "user": staff_a}


def _unchanged(project: Project) -> tuple:
    project.refresh_from_db()
    return (
        project.name,
        project.planned_investment,
        InvestmentReport.objects.filter(project=project).count(),
        ChangeRecord.objects.count(),
    )


def test_pages(world):
    client = Client()
    client.force_login(world["user"])
    theirs = world["theirs"]
    before = _unchanged(theirs)
    assert client.get(f"/projects/{theirs.pk}/").status_code == 404
    assert theirs.name not in client.get("/projects/").content.decode()
    response = client.post(
        f"/projects/{theirs.pk}/report/", {"month": "2023-09", "amount": "100万元"}
    )
    assert response.status_code in {403, 404}
    assert _unchanged(theirs) == before


def test_api(world):
    token = issue_token(world["user"], actor=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    theirs = world["theirs"]
    before = _unchanged(theirs)
    listed = client.get("/api/projects").json()
    assert theirs.pk not in {item["id"] for item in listed["items"]}
    assert client.get(f"/api/projects/{theirs.pk}").status_code == 404
    patch = client.patch(
        f"/api/projects/{theirs.pk}", {"name": "hijacked"}, content_type="application/json"
    )
    assert patch.status_code == 404
    assert _unchanged(theirs) == before


def test_export_and_command_line(world, tmp_path, capsys):
    user, mine, theirs = world["user"], world["mine"], world["theirs"]
    target = tmp_path / "ledger.csv"
    assert main(["export", "projects", "-o", str(target), "--user", user.username]) == 0
    exported = target.read_text(encoding="utf-8-sig")
    assert mine.name in exported and theirs.name not in exported
    capsys.readouterr()
    assert main(["projects", "list", "--user", user.username, "--json"]) == 0
    listed = capsys.readouterr().out
    assert mine.name in listed and theirs.name not in listed


def test_import_cannot_write_into_another_zone(world, tmp_path, capsys):
    user, theirs = world["user"], world["theirs"]
    before = _unchanged(theirs)
    ledger = tmp_path / "reports.csv"
    with ledger.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["项目名称", "所属园区", "月份", "本月完成投资（万元）"])
        writer.writerow([theirs.name, theirs.zone.name, "2023-09", "100"])
    code = main(["import", "reports", str(ledger), "--user", user.username, "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code != 0
    assert summary["errors"], summary
    message = summary["errors"][0]["message"]
    assert "无权" in message or "may not" in message  # refused for the zone, not for the format
    assert _unchanged(theirs) == before
    assert not InvestmentReport.objects.filter(
        project=theirs, month=dt.date(2023, 9, 1), amount=Decimal("1000000")
    ).exists()
