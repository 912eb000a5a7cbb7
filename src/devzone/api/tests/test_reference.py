"""Regions, zones, departments and enterprises: readable by every signed-in user."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devzone.api.tests.client import errors_by_field
from devzone.enterprises.models import Enterprise
from devzone.enterprises.services import add_alias, create_enterprise
from devzone.regions.models import Region
from devzone.regions.services import create_department, create_zone

CATL_CODE = "91350900587527783P"


def test_regions_are_searched_filtered_and_read_by_code(api_as, leader_jinhua, regions):
    client = api_as(leader_jinhua)
    found = client.get("/regions", search="金华").json()
    assert [region["code"] for region in found["items"]] == ["330700"]
    assert found["count"] == 1
    provinces = client.get("/regions", level="province").json()["items"]
    assert [region["code"] for region in provinces] == ["330000", "440000"]
    children = client.get("/regions", parent="440000").json()["items"]
    assert [region["name"] for region in children] == ["肇庆市"]
    jinhua = client.get("/regions/330700").json()
    assert jinhua["parent"] == {"code": "330000", "name": "浙江省"}
    assert client.get("/regions/999999").status_code == 404


def test_zones_and_departments_are_reference_data_for_everyone(
    api_as, staff_b, zone_a, zone_b, department_a
):
    client = api_as(staff_b)
    assert {zone["slug"] for zone in client.get("/zones").json()["items"]} == {"jdz", "zq-hitech"}
    zone = client.get(f"/zones/{zone_a.slug}").json()
    assert zone["region"]["code"] == "330700"
    assert client.get("/zones/nowhere").status_code == 404
    by_zone = client.get("/departments", zone=zone_a.slug).json()["items"]
    assert [department["id"] for department in by_zone] == [department_a.pk]
    assert client.get("/departments", region="330000").json()["count"] == 1
    assert client.get("/departments", region="441200").json()["count"] == 0


@pytest.fixture
def catl(admin_user):
    enterprise = create_enterprise(
        actor=admin_user,
        legal_name="宁德时代新能源科技股份有限公司",
        short_name="宁德时代",
        credit_code=CATL_CODE,
    )
    add_alias(enterprise, "CATL", kind="english", actor=admin_user)
    return enterprise


@pytest.mark.parametrize("term", ["宁德", "catl", CATL_CODE.lower()])
def test_enterprises_are_found_by_name_alias_or_credit_code(api_as, leader_jinhua, catl, term):
    found = api_as(leader_jinhua).get("/enterprises", search=term).json()
    assert [enterprise["id"] for enterprise in found["items"]] == [catl.pk]


def test_an_enterprise_reads_with_its_aliases(api_as, leader_jinhua, catl):
    body = api_as(leader_jinhua).get(f"/enterprises/{catl.pk}").json()
    assert body["credit_code"] == CATL_CODE
    assert body["aliases"] == [{"alias": "CATL", "kind": "english"}]


def test_staff_register_an_enterprise_with_a_checked_credit_code(api_as, staff_a, regions):
    response = api_as(staff_a).post(
        "/enterprises",
        {
            "legal_name": "宁德时代新能源科技股份有限公司",
            "credit_code": "91350900 587527783p",
            "region": "330700",
            "registered_capital": "24.4亿元",
            "aliases": [{"alias": "宁德时代", "kind": "short"}],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["credit_code"] == CATL_CODE
    assert body["registered_capital"] == "2440000000.00"
    assert body["region"]["code"] == "330700"
    assert body["aliases"] == [{"alias": "宁德时代", "kind": "short"}]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"legal_name": "某公司", "credit_code": "91350900587527783X"}, "credit_code"),
        ({"legal_name": "某公司", "region": "000000"}, "region"),
        ({"legal_name": ""}, "legal_name"),
        ({"legal_name": "某公司", "registered_capital": "很多"}, "registered_capital"),
        ({"legal_name": "某公司", "capital_currency": "ABC"}, "capital_currency"),
        (
            {"legal_name": "某公司", "registered_capital": "1000万美元", "capital_currency": "EUR"},
            "capital_currency",
        ),
    ],
)
def test_an_invalid_enterprise_names_the_field(api_as, staff_a, payload, field):
    response = api_as(staff_a).post("/enterprises", payload)
    assert field in errors_by_field(response)
    assert not Enterprise.objects.exists()


def test_capital_in_another_currency_and_blank_codes(api_as, staff_a, regions):
    client = api_as(staff_a)
    payload = {"legal_name": "某外资公司", "registered_capital": "1000万美元", "region": "",
               "industry": "", "capital_currency": "usd"}  # fmt: skip

    response = client.post("/enterprises", payload)

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["registered_capital"], body["capital_currency"]) == ("10000000.00", "USD")
    assert (body["region"], body["industry"]) == (None, None)


def test_enterprises_are_edited_by_staff_not_by_leaders(api_as, staff_a, leader_jinhua, catl):
    refused = api_as(leader_jinhua).patch(f"/enterprises/{catl.pk}", {"short_name": "CATL"})
    assert refused.status_code == 403
    accepted = api_as(staff_a).patch(f"/enterprises/{catl.pk}", {"listed_code": "300750"})
    assert accepted.status_code == 200
    catl.refresh_from_db()
    assert (catl.short_name, catl.listed_code) == ("宁德时代", "300750")
    duplicate = api_as(staff_a).post(
        "/enterprises", {"legal_name": "另一家公司", "credit_code": CATL_CODE}
    )
    assert "credit_code" in errors_by_field(duplicate)


def _queries(client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, page_size=100)
    assert response.status_code == 200
    return len(queries), response.json()["count"]


def _reference_rows(actor, parent, first: int, last: int) -> None:
    """A county, a zone in it, a department of the zone, an enterprise with an alias, each."""
    for index in range(first, last):
        county, _ = Region.objects.get_or_create(
            code=f"3307{index + 10:02d}",
            defaults={"name": f"县{index}", "level": "county", "parent": parent},
        )
        zone = create_zone(
            actor=actor, region=county, slug=f"park-{index}", name=f"园区{index}", kind="park"
        )
        create_department(actor=actor, region=county, zone=zone, name=f"管委会{index}")
        enterprise = create_enterprise(actor=actor, legal_name=f"金华第{index}制造有限公司")
        add_alias(enterprise, f"金华{index}厂", actor=actor)


@pytest.mark.parametrize("path", ["/enterprises", "/regions", "/zones", "/departments"])
def test_reference_lists_take_the_same_queries_for_few_or_many(api_as, admin_user, regions, path):
    client = api_as(admin_user)
    _reference_rows(admin_user, regions["jinhua"], 0, 2)
    few, few_rows = _queries(client, path)
    _reference_rows(admin_user, regions["jinhua"], 2, 12)
    many, many_rows = _queries(client, path)
    assert many_rows == few_rows + 10
    assert few == many <= 6


@pytest.mark.parametrize("path", ["/regions", "/zones", "/enterprises", "/projects"])
def test_a_page_number_out_of_range_is_bad_input_not_a_server_error(api_as, admin_user, path):
    client = api_as(admin_user)

    answer = client.get(path, page="99999999999999999999")

    assert answer.status_code == 422
    assert "page" in errors_by_field(answer)
    assert client.get(path, page="1000000").json()["items"] == []


def test_a_repeated_alias_is_named_as_the_aliases_field(api_as, staff_a):
    payload = {"legal_name": "某公司", "aliases": [{"alias": "某某"}, {"alias": "某某"}]}

    assert "aliases" in errors_by_field(api_as(staff_a).post("/enterprises", payload))
    assert not Enterprise.objects.exists()
