"""The project ledger page: scope, filters, sorting, totals, languages, query count."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from devzone.web.tests.conftest import build_project, signed_in

pytestmark = pytest.mark.django_db

LIST = reverse("projects:list")


def names(response) -> list[str]:
    return [project["name"] for project in response.context["page"]]


@pytest.fixture
def ledger(zone_a, staff_a, industries, catl):
    """Three projects in zone A: big signed battery plant, mid road, small started factory."""
    battery = build_project(
        zone_a,
        staff_a,
        "电池基地项目",
        "2000000000",
        investors=[catl],
        industry=industries["C38"],
        code="2301-330701-04-01-123456",
        milestones={"signed": {"actual_date": dt.date(2023, 1, 5)}},
    )
    road = build_project(
        zone_a,
        staff_a,
        "园区道路工程",
        "300000000",
        kind="infrastructure",
        industry=industries["E48"],
    )
    factory = build_project(
        zone_a,
        staff_a,
        "精密零件厂",
        "50000000",
        industry=industries["C34"],
        milestones={
            "signed": {"actual_date": dt.date(2023, 2, 1)},
            "construction_started": {"actual_date": dt.date(2023, 6, 1)},
        },
        reports=[("2023-07-01", "5000000")],
    )
    return {"battery": battery, "road": road, "factory": factory}


def test_staff_see_only_the_projects_of_their_zone(client_a, project_a, project_b):
    response = client_a.get(LIST)

    assert response.status_code == 200
    assert names(response) == [project_a.name]


def test_a_leader_sees_every_zone_of_their_region(leader_client, project_a, project_b):
    assert names(leader_client.get(LIST)) == [project_a.name]


def test_the_heading_is_chinese_by_default_and_english_on_request(staff_a, project_a):
    chinese = signed_in(staff_a, "zh-hans").get(LIST).content.decode()
    english = signed_in(staff_a, "en").get(LIST).content.decode()

    assert "<h1>项目台账</h1>" in chinese
    assert "<h1>Project ledger</h1>" in english
    assert "计划总投资" in chinese
    assert "Planned total investment" in english


def test_amounts_follow_the_language(staff_a, project_a):
    chinese = signed_in(staff_a, "zh-hans").get(LIST).content.decode()
    english = signed_in(staff_a, "en").get(LIST).content.decode()

    assert "100亿元" in chinese
    assert "10 billion yuan" in english


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "infrastructure"}, ["园区道路工程"]),
        ({"size": "1e8"}, ["电池基地项目", "园区道路工程"]),
        ({"size": "1e9"}, ["电池基地项目"]),
        ({"stage": "signed"}, ["电池基地项目"]),
        ({"stage": "construction_started"}, ["精密零件厂"]),
        ({"status": "stalled"}, ["精密零件厂"]),
        ({"industry": "C38"}, ["电池基地项目"]),
        ({"q": "道路"}, ["园区道路工程"]),
        ({"q": "123456"}, ["电池基地项目"]),
        ({"q": "宁德时代"}, ["电池基地项目"]),
        ({"q": "catl"}, ["电池基地项目"]),
        ({"q": "道路", "kind": "manufacturing"}, []),
    ],
)
def test_filters_narrow_the_list(client_a, ledger, query, expected):
    assert names(client_a.get(LIST, query)) == expected


def test_a_zone_filter_keeps_that_zone_only(admin_user, ledger, project_b, zone_b):
    client = signed_in(admin_user)

    assert names(client.get(LIST, {"zone": zone_b.pk})) == [project_b.name]


def test_a_zone_outside_the_scope_is_not_a_choice(client_a, ledger, zone_b):
    response = client_a.get(LIST, {"zone": zone_b.pk})

    assert "zone" in response.context["form"].errors
    assert len(names(response)) == 3  # the bad filter is ignored, not applied


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["电池基地项目", "园区道路工程", "精密零件厂"]),
        ("investment", ["精密零件厂", "园区道路工程", "电池基地项目"]),
        ("-stage", ["精密零件厂", "电池基地项目", "园区道路工程"]),
        ("stage", ["园区道路工程", "电池基地项目", "精密零件厂"]),
    ],
)
def test_sorting(client_a, ledger, sort, expected):
    assert names(client_a.get(LIST, {"sort": sort})) == expected


def test_the_totals_row_counts_and_sums_the_filtered_set(client_a, ledger):
    response = client_a.get(LIST, {"size": "1e8"})

    assert response.context["totals"]["count"] == 2
    assert response.context["totals"]["planned"] == 2_300_000_000
    html = response.content.decode()
    assert "合计：2 个项目" in html
    assert "23亿元" in html


def test_an_empty_result_says_so(client_a, ledger):
    response = client_a.get(LIST, {"q": "不存在的项目"})

    assert "没有符合条件的项目" in response.content.decode()


def test_pages_keep_the_filters(client_a, zone_a, staff_a, monkeypatch):
    monkeypatch.setattr("devzone.web.views.projects.PAGE_SIZE", 2)
    for number in range(5):
        build_project(zone_a, staff_a, f"项目{number}", str(10**8 * (number + 1)))

    response = client_a.get(LIST, {"size": "1e8", "page": 2})

    assert names(response) == ["项目2", "项目1"]
    assert "?size=1e8&amp;page=3" in response.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_projects(
    client_a, zone_a, staff_a, catl, industries, django_assert_max_num_queries
):
    def add_projects(count: int) -> None:
        for number in range(count):
            build_project(
                zone_a,
                staff_a,
                f"批量项目{count}-{number:02d}",
                "200000000",
                investors=[catl],
                industry=industries["C38"],
                milestones={"signed": {"actual_date": dt.date(2023, 1, 1)}},
                reports=[("2023-03-01", "1000000")],
            )

    add_projects(3)
    # With the region and chain-link choices and the user's saved filters.
    with django_assert_max_num_queries(13) as three:
        client_a.get(LIST)
    add_projects(12)
    with django_assert_max_num_queries(13) as fifteen:
        response = client_a.get(LIST)

    assert len(names(response)) == 15
    assert len(fifteen.captured_queries) == len(three.captured_queries)


def test_the_help_the_search_fields_point_to_is_on_the_page(client_a, project_a):
    html = client_a.get(LIST).content.decode()

    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        assert f'id="{described}"' in html
    assert 'id="id_q_helptext"' in html
