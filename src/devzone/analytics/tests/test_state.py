"""The process's copy of the ledger follows every write, reading only what changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from devzone.analytics import state
from devzone.analytics.rollups import stalled_projects, zones_filter
from devzone.analytics.state import ledger_view
from devzone.projects import services as projects
from devzone.projects.models import Project
from devzone.regions.services import update_record
from devzone.targets.queries import LEDGER_QUERIES, ledger_scope, run

from . import reference
from .conftest import YI, report

YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
W40_END = dt.date(2023, 10, 8)


@pytest.fixture
def reads(monkeypatch):
    """The reads of the ledger the copy makes: None for everything, else the project ids."""
    calls: list[set[int] | None] = []
    original = state.extract_ledger

    def extract(connection=None, project_ids=None):
        calls.append(None if project_ids is None else set(project_ids))
        return original(connection, project_ids)

    monkeypatch.setattr(state, "extract_ledger", extract)
    return calls


def _agrees_with_the_orm(scope, period=YEAR) -> bool:
    view = ledger_view()
    numbers = view.indicators(ledger_scope(scope, view), *period)
    return numbers == {name: run(name, scope, *period) for name in LEDGER_QUERIES}


def _stalled_now() -> list[int]:
    rollup = ledger_view().rollup
    frame = stalled_projects(rollup, zones_filter(None), W40_END, reference.stalled_months())
    return sorted(frame["id"].to_list())


def test_a_report_is_folded_in_by_reading_its_project_only(ledger, places, reads):
    # given the copy is current
    ledger_view()
    reads.clear()
    # when a report comes in for October 2023
    late = ledger["late"]
    report(late, dt.date(2023, 10, 1), Decimal("4.44") * YI)
    # then the next read of the ledger reads that project again, and nothing else
    assert _agrees_with_the_orm(places["zone_c"])
    assert reads == [{late.pk}]
    # and the project is no longer stalled in week 40
    assert late.pk not in _stalled_now()
    assert _stalled_now() == reference.stalled_ids(Project.objects.all(), W40_END)


def test_milestones_deletions_and_moves_are_followed(ledger, places, reads):
    ledger_view()
    reads.clear()
    silent, producing = ledger["silent"], ledger["producing"]
    producing_id = producing.pk
    projects.set_milestone(silent, "completed", actor=None, actual_date=dt.date(2023, 9, 9))
    projects.delete_project(producing, actor=None)
    moved = Project.objects.filter(zone=places["zone_b"]).exclude(pk=silent.pk).first()
    projects.update_project(moved, actor=None, zone=places["zone_c"], department=None)
    for scope in ("zone_a", "zone_b", "zone_c", "department_a"):
        assert _agrees_with_the_orm(places[scope]), scope
    assert reads == [{silent.pk, producing_id, moved.pk}]
    assert _stalled_now() == reference.stalled_ids(Project.objects.all(), W40_END)


def test_a_zone_moved_to_another_region_counts_there_at_once(ledger, places, regions):
    ledger_view()
    update_record(places["zone_c"], actor=None, region=regions["jinhua"])
    for prefix in ("330700", "441200"):
        assert _agrees_with_the_orm(prefix), prefix


def test_a_rolled_back_write_is_not_kept(ledger, places):
    before = ledger_view().indicators(ledger_scope(places["zone_c"], ledger_view()), *YEAR)
    with transaction.atomic():
        report(ledger["late"], dt.date(2023, 12, 1), 9 * YI)
        assert _agrees_with_the_orm(places["zone_c"])
        transaction.set_rollback(True)
    # a different write now takes the rolled-back one's place in the history
    projects.set_milestone(
        ledger["ahead"], "approved", actor=None, actual_date=dt.date(2023, 10, 3)
    )
    view = ledger_view()
    after = view.indicators(ledger_scope(places["zone_c"], view), *YEAR)
    assert after["actual_investment"] == before["actual_investment"]
    assert _agrees_with_the_orm(places["zone_c"])


def test_without_any_history_nothing_is_kept(regions, reads):
    # given rows written around the services: no change record to key a copy on
    from devzone.core.models import ChangeRecord
    from devzone.regions.models import Zone

    zone = Zone.objects.create(region=regions["zhaoqing"], slug="raw", name="直写园区", kind="park")
    Project.objects.create(zone=zone, name="直接写入一", planned_investment=YI)
    assert not ChangeRecord.objects.exists()
    assert ledger_view().rollup.projects.height == 1
    # when another is written the same way
    Project.objects.create(zone=zone, name="直接写入二", planned_investment=YI)
    # then the next read sees it: every read was a whole one
    assert ledger_view().rollup.projects.height == 2
    assert reads == [None, None]
