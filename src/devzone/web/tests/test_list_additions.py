"""The project list's region, chain-link and month filters, and the export of what is shown."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from devzone.web.tests.conftest import build_project

pytestmark = pytest.mark.django_db

LIST = reverse("projects:list")


def _names(response):
    return [project["name"] for project in response.context["page"]]


def test_a_region_code_of_any_level_narrows_the_list(admin_user, project_a, project_b):
    from devzone.web.tests.conftest import signed_in

    client = signed_in(admin_user)

    assert _names(client.get(LIST, {"region": "441200"})) == [project_b.name]
    assert _names(client.get(LIST, {"region": "330000"})) == [project_a.name]
    assert client.get(LIST, {"region": "44x"}).context["form"].errors["region"]


def test_the_month_filter_keeps_projects_that_reported_that_month(client_a, zone_a, staff_a):
    build_project(zone_a, staff_a, "报了", "100000000", reports=[("2023-09-01", "5000000")])
    build_project(zone_a, staff_a, "没报", "100000000", reports=[("2023-08-01", "5000000")])

    assert _names(client_a.get(LIST, {"month": "2023-09"})) == ["报了"]


def test_the_as_of_day_also_dates_the_money_columns(client_a, zone_a, staff_a):
    reports = [("2023-03-01", "5000000"), ("2024-02-01", "7000000")]
    build_project(zone_a, staff_a, "两年都报", "100000000", reports=reports)

    [row] = client_a.get(LIST, {"as_of": "2023-06-30"}).context["page"]

    assert row["invested_ytd"] == "500万元"  # 2023's, not 2024's 700万元


def test_the_chain_link_filter_keeps_projects_of_its_makers_and_classes(
    client_a, zone_a, staff_a, catl
):
    from devzone.chains.models import Chain, EnterpriseLink, Link

    chain = Chain.objects.create(name="新能源汽车")
    cells = Link.objects.create(chain=chain, name="电芯")
    EnterpriseLink.objects.create(enterprise=catl, link=cells)
    build_project(zone_a, staff_a, "电池项目", "100000000", investors=[catl])
    build_project(zone_a, staff_a, "别的项目", "100000000")

    assert _names(client_a.get(LIST, {"link": cells.pk})) == ["电池项目"]


def test_the_export_link_carries_the_filters_shown(client_a, project_a):
    html = client_a.get(LIST, {"stage": "signed", "page": "1"}).content.decode()

    assert "/import/export/?stage=signed" in html


def test_the_csv_holds_what_the_list_shows(client_a, zone_a, staff_a):
    build_project(zone_a, staff_a, "=HYPERLINK(1)", "100000000")
    build_project(zone_a, staff_a, "乙", "200000000")

    response = client_a.get(reverse("projects:csv"), {"q": "HYPERLINK"})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2
    assert rows[1][1] == "'=HYPERLINK(1)"  # never run as a formula
    assert rows[1][6] == "100000000.00"
