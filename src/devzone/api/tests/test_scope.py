"""Scope: a user sees and changes only the projects of their zones, through every endpoint.

A project outside the caller's scope answers 404 — the same as one that does not exist — and a
refused write leaves the database, including the change history, exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from devzone.projects import services


@pytest.fixture
def problem_b(project_b, staff_b):
    return services.open_problem(project_b, actor=staff_b, title="用地指标未落实")


def _foreign_writes(project_id: int, problem_id: int) -> list[tuple[str, str, dict | None]]:
    return [
        ("patch", f"/projects/{project_id}", {"name": "hijacked"}),
        ("delete", f"/projects/{project_id}", None),
        ("put", f"/projects/{project_id}/milestones/signed", {"actual_date": "2023-01-05"}),
        ("post", f"/projects/{project_id}/reports", {"month": "2023-01", "amount": "100"}),
        ("post", f"/projects/{project_id}/problems", {"title": "injected"}),
        ("patch", f"/problems/{problem_id}", {"title": "hijacked"}),
        ("post", f"/problems/{problem_id}/resolve", {"resolution": "closed by intruder"}),
    ]


def _send(client, method: str, path: str, data: dict | None):
    return client.delete(path) if method == "delete" else getattr(client, method)(path, data)


def test_staff_of_zone_a_does_not_see_zone_b(api_as, staff_a, project_a, project_b, problem_b):
    client = api_as(staff_a)
    listed = client.get("/projects").json()
    assert [item["id"] for item in listed["items"]] == [project_a.pk]
    assert listed["count"] == 1
    for path in (
        f"/projects/{project_b.pk}",
        f"/projects/{project_b.pk}/reports",
        f"/projects/{project_b.pk}/problems",
        f"/projects/{project_b.pk}/history",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == client.get("/projects/999999").json()


def test_staff_of_zone_a_cannot_change_zone_b(
    api_as, staff_a, project_b, problem_b, ledger_fingerprint
):
    client = api_as(staff_a)
    before = ledger_fingerprint()
    for method, path, data in _foreign_writes(project_b.pk, problem_b.pk):
        response = _send(client, method, path, data)
        assert response.status_code == 404, (method, path, response.content)
    assert ledger_fingerprint() == before


def test_staff_cannot_create_a_project_in_another_zone(api_as, staff_a, zone_b, ledger_fingerprint):
    client = api_as(staff_a)
    before = ledger_fingerprint()
    response = client.post(
        "/projects", {"name": "越界项目", "zone": zone_b.slug, "planned_investment": "1000"}
    )
    assert response.status_code == 403
    assert response.json()["detail"]
    assert ledger_fingerprint() == before


def test_staff_cannot_move_a_project_into_another_zone(
    api_as, staff_a, project_a, zone_b, ledger_fingerprint
):
    client = api_as(staff_a)
    before = ledger_fingerprint()
    response = client.patch(f"/projects/{project_a.pk}", {"zone": zone_b.slug})
    assert response.status_code == 403
    assert ledger_fingerprint() == before


def test_a_leader_reads_but_cannot_write(
    api_as, leader_jinhua, staff_a, project_a, project_b, ledger_fingerprint
):
    problem = services.open_problem(project_a, actor=staff_a, title="电力接入滞后")
    client = api_as(leader_jinhua)
    assert [item["id"] for item in client.get("/projects").json()["items"]] == [project_a.pk]
    assert client.get(f"/projects/{project_a.pk}").status_code == 200
    assert client.get(f"/projects/{project_b.pk}").status_code == 404

    before = ledger_fingerprint()
    for method, path, data in _foreign_writes(project_a.pk, problem.pk):
        response = _send(client, method, path, data)
        assert response.status_code == 403, (method, path, response.content)
        assert response.json()["detail"]
    created = client.post(
        "/projects", {"name": "x", "zone": project_a.zone.slug, "planned_investment": "1"}
    )
    assert created.status_code == 403
    assert ledger_fingerprint() == before


def test_an_administrator_sees_and_changes_every_zone(api_as, admin_user, project_a, project_b):
    client = api_as(admin_user)
    listed = client.get("/projects").json()
    assert {item["id"] for item in listed["items"]} == {project_a.pk, project_b.pk}
    response = client.post(
        f"/projects/{project_b.pk}/reports", {"month": "2023-01", "amount": "2500万元"}
    )
    assert response.status_code == 201
    assert project_b.reports.get().amount == Decimal("25000000")


def test_staff_change_their_own_zone(api_as, staff_a, project_a):
    client = api_as(staff_a)
    response = client.put(
        f"/projects/{project_a.pk}/milestones/approved",
        {"planned_date": "2022-04-01", "actual_date": "2022-04-20", "note": "备案完成"},
    )
    assert response.status_code == 200
    assert response.json()["actual_date"] == "2022-04-20"
    milestone = project_a.milestones.get(kind="approved")
    assert milestone.actual_date == dt.date(2022, 4, 20)
    assert client.delete(f"/projects/{project_a.pk}").status_code == 204
    assert client.get(f"/projects/{project_a.pk}").status_code == 404
