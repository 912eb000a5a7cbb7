"""The dashboard: tiles that add up the visible ledger and link to the records behind them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from devzone.projects import services
from devzone.web.tests.conftest import build_project, signed_in

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")


@pytest.fixture
def as_of(settings):
    settings.DEVZONE_AS_OF = "2024-09-30"
    return dt.date(2024, 9, 30)


def _stalled(zone, actor, name):
    return build_project(
        zone,
        actor,
        name,
        "2000000000",
        milestones={"construction_started": {"actual_date": dt.date(2023, 1, 10)}},
        reports=[("2023-02-01", "1000000")],
    )


def test_the_pipeline_counts_and_sums_the_projects_by_stage(client_a, zone_a, staff_a, as_of):
    build_project(zone_a, staff_a, "甲", "100000000")
    build_project(zone_a, staff_a, "乙", "300000000")
    build_project(zone_a, staff_a, "丙", "500000000", milestones={"signed": {"actual_date": as_of}})

    response = client_a.get(DASHBOARD)

    stages = {row.stage: row for row in response.context["board"].stages}
    assert (stages["planned"].count, stages["planned"].planned) == (2, Decimal("400000000"))
    assert (stages["signed"].count, stages["signed"].planned) == (1, Decimal("500000000"))
    assert stages["signed"].url == "/projects/?stage=signed"
    assert 'href="/projects/?stage=signed"' in response.content.decode()


def test_tiles_link_to_the_records_behind_them(client_a, zone_a, staff_a, department_a, as_of):
    project = _stalled(zone_a, staff_a, "停工项目")
    services.open_problem(
        project,
        actor=staff_a,
        title="用地指标未落实",
        owner_department=department_a,
        due_date=dt.date(2024, 8, 1),
    )

    response = client_a.get(DASHBOARD)
    html = response.content.decode()

    board = response.context["board"]
    assert board.status_counts["stalled"] == 1
    assert [p.name for p in board.lagging] == ["停工项目"]
    assert 'href="/projects/?status=stalled"' in html
    assert f'href="/projects/{project.pk}/"' in html
    assert board.overdue_count == 1
    assert f'href="/projects/{project.pk}/#problems"' in html


def test_a_zone_narrows_every_tile(leader_jinhua, zone_a, staff_a, regions, as_of):
    from devzone.accounts.services import create_user
    from devzone.regions.services import create_zone

    other = create_zone(
        actor=None, region=regions["jinhua"], slug="other", name="金义新区", kind="new_district"
    )
    admin = create_user("boss", "x-Secret-2024", actor=None, role="admin")
    build_project(zone_a, staff_a, "甲", "100000000")
    build_project(other, admin, "乙", "300000000")
    client = signed_in(leader_jinhua)

    everything = client.get(DASHBOARD).context["board"]
    one_zone = client.get(DASHBOARD, {"zone": zone_a.pk}).context["board"]

    assert everything.totals["count"] == 2
    assert one_zone.totals["count"] == 1
    assert one_zone.totals["url"] == f"/projects/?zone={zone_a.pk}"


def test_the_investment_chart_draws_each_month_reported(client_a, zone_a, staff_a, as_of):
    build_project(
        zone_a,
        staff_a,
        "甲",
        "900000000",
        reports=[("2024-01-01", "10000000"), ("2024-03-01", "30000000")],
    )

    response = client_a.get(DASHBOARD)

    chart = response.context["board"].chart
    assert len(chart.bars) == 9  # January to September, the as-of month
    assert [bar.value for bar in chart.bars[:3]] == [
        Decimal("10000000"),
        Decimal(0),
        Decimal("30000000"),
    ]
    assert chart.bars[0].url == "/projects/?month=2024-01"
    assert "<svg" in response.content.decode()


def test_empty_states_explain_themselves(client_b, as_of):
    html = client_b.get(DASHBOARD).content.decode()

    assert "还没有项目" in html or "No projects here yet" in html
    assert "<svg" not in html


def test_the_number_of_queries_does_not_grow_with_the_projects(
    client_a, zone_a, staff_a, department_a, as_of, django_assert_max_num_queries
):
    def add(count: int) -> None:
        for number in range(count):
            project = _stalled(zone_a, staff_a, f"项目{number}-{count}")
            services.open_problem(
                project, actor=staff_a, title="问题", due_date=dt.date(2024, 1, 1)
            )

    add(9)  # more than a tile lists: its count is then a query of its own
    with django_assert_max_num_queries(30) as few:
        client_a.get(DASHBOARD)
    add(10)
    with django_assert_max_num_queries(30) as many:
        client_a.get(DASHBOARD)

    assert len(many.captured_queries) == len(few.captured_queries)


def _tiles(response) -> str:
    html = response.content.decode()
    return html[html.index('<div class="tiles">') :]


def test_a_cached_tile_changes_as_soon_as_the_ledger_does(
    client_a, zone_a, staff_a, as_of, django_assert_max_num_queries
):
    project = build_project(zone_a, staff_a, "甲", "100000000")
    first = _tiles(client_a.get(DASHBOARD))
    with django_assert_max_num_queries(8):  # the tiles come from the cache
        again = _tiles(client_a.get(DASHBOARD))
    assert again == first

    services.submit_investment_report(
        project, dt.date(2024, 9, 1), Decimal("12345678"), actor=staff_a
    )
    response = client_a.get(DASHBOARD)

    assert _tiles(response) != first
    assert response.context["board"].chart.is_empty is False


def test_cached_tiles_are_not_shared_between_users(client_a, client_b, zone_a, staff_a, as_of):
    build_project(zone_a, staff_a, "只在甲区的项目", "100000000", milestones=None)
    client_a.get(DASHBOARD)

    response = client_b.get(DASHBOARD)

    assert response.context["board"].totals["count"] == 0


def test_the_chart_offers_no_year_before_the_first_report(client_a, zone_a, staff_a, as_of):
    build_project(zone_a, staff_a, "甲", "900000000", reports=[("2023-05-01", "10000000")])

    this_year = client_a.get(DASHBOARD).content.decode()
    first_year = client_a.get(DASHBOARD, {"year": "2023"}).content.decode()

    assert "year=2023" in this_year
    assert "year=2022" not in first_year and "year=2024" in first_year
