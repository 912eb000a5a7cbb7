"""The pipeline board and lead pages: scope, stage actions, conversion, query counts."""

import datetime as dt

import pytest
from conftest import PASSWORD
from django.urls import reverse

from devzone.enterprises.services import create_enterprise
from devzone.leads.models import Lead
from devzone.leads.services import create_lead


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_board_lists_only_visible_leads_by_stage(client, lead_b, staff_a, staff_b):
    page = _login(client, staff_b).get(reverse("leads:board"))
    assert page.status_code == 200 and "惠州亿纬锂能股份有限公司" in page.content.decode()
    client.logout()
    page = _login(client, staff_a).get(reverse("leads:board"))
    assert "惠州亿纬锂能股份有限公司" not in page.content.decode()


def test_board_query_count_does_not_grow_with_leads(
    client, zone_b, staff_b, django_assert_max_num_queries
):
    for number in range(12):
        firm = create_enterprise(actor=None, legal_name=f"第{number}号电池有限公司")
        create_lead(actor=staff_b, enterprise=firm, zone=zone_b,
                    next_action_date=dt.date(2020, 1, 1))  # fmt: skip
    _login(client, staff_b)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("leads:board"))
    assert page.content.decode().count('class="lead-card stale"') == 12


def test_other_zone_staff_get_404_on_detail_and_actions(client, lead_b, staff_a):
    _login(client, staff_a)
    assert client.get(reverse("leads:detail", args=[lead_b.pk])).status_code == 404
    response = client.post(reverse("leads:advance", args=[lead_b.pk]), {"stage": "contacted"})
    assert response.status_code == 404
    assert Lead.objects.get(pk=lead_b.pk).stage == "identified"


def test_stage_buttons_move_the_lead_and_refuse_bad_moves(client, lead_b, staff_b):
    _login(client, staff_b)
    url = reverse("leads:advance", args=[lead_b.pk])
    assert client.post(url, {"stage": "contacted", "note": "电话"}).status_code == 302
    assert client.post(url, {"stage": "identified"}).status_code == 400
    page = client.get(reverse("leads:detail", args=[lead_b.pk])).content.decode()
    assert "电话" in page
    assert Lead.objects.get(pk=lead_b.pk).stage == "contacted"


def test_signing_on_the_page_creates_the_project(client, lead_b, staff_b):
    _login(client, staff_b)
    client.post(reverse("leads:advance", args=[lead_b.pk]), {"stage": "contacted"})
    response = client.post(
        reverse("leads:convert", args=[lead_b.pk]),
        {"planned_investment": "3亿元", "name": "亿纬锂能肇庆基地"},
    )
    lead = Lead.objects.get(pk=lead_b.pk)
    assert response.status_code == 302 and response.url == reverse(
        "projects:detail", args=[lead.project.pk]
    )
    assert lead.stage == "signed" and lead.project.name == "亿纬锂能肇庆基地"
    assert lead.project.planned_investment == 300_000_000


@pytest.mark.django_db
def test_leads_cli_lists_stale_leads_as_json(lead_b, staff_b, capsys):
    import argparse
    import json

    from devzone.leads.cli import list_leads
    from devzone.leads.services import update_lead

    update_lead(lead_b, actor=staff_b, next_action_date=dt.date(2020, 1, 1))
    assert list_leads(argparse.Namespace(stale=True, json=True)) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["id"], row["is_stale"], row["stage"]) == (lead_b.pk, True, "identified")


def test_api_lists_only_visible_leads_and_advances(client, lead_b, staff_a, staff_b):
    _login(client, staff_a)
    assert client.get("/api/leads").json() == {"items": [], "count": 0}
    client.logout()
    _login(client, staff_b)
    page = client.get("/api/leads?page_size=10").json()
    assert page["count"] == 1
    [row] = page["items"]
    assert row["id"] == lead_b.pk
    response = client.post(f"/api/leads/{lead_b.pk}/advance", {"stage": "contacted"},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 200 and response.json()["stage"] == "contacted"


@pytest.mark.parametrize(
    ("change", "field"),
    [({"link_ids": [999999]}, "link_ids"), ({"zone_id": 999999}, "zone_id"),
     ({"enterprise_id": 999999}, "enterprise_id")],
)  # fmt: skip
def test_api_refuses_a_lead_naming_records_that_do_not_exist(
    client, staff_b, zone_b, battery_firm, change, field
):
    from devzone.leads.models import Lead

    _login(client, staff_b)
    payload = {"enterprise_id": battery_firm.pk, "zone_id": zone_b.pk, "link_ids": [], **change}
    response = client.post("/api/leads", payload, content_type="application/json")

    assert response.status_code == 422
    assert field in {error["field"] for error in response.json()["detail"]}
    assert not Lead.objects.exists()


@pytest.mark.parametrize(
    "data", [{"enterprise": "abc", "zone": "1"}, {"enterprise": "1", "zone": "9" * 30}, {}]
)
def test_starting_a_lead_with_ids_that_are_not_numbers_finds_nothing(client, staff_b, data):
    _login(client, staff_b)
    assert client.post(reverse("leads:create"), data).status_code == 404
    assert not Lead.objects.exists()


def test_a_bad_stage_says_why(client, lead_b, staff_b):
    _login(client, staff_b)
    response = client.post(reverse("leads:advance", args=[lead_b.pk]), {"stage": "bogus"})
    assert response.status_code == 400
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_the_next_action_date_survives_saving_in_chinese(client, lead_b, staff_b):
    _login(client, staff_b)
    page = client.get(reverse("leads:detail", args=[lead_b.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert 'value="2030-01-01"' in page.content.decode()  # what a date input can read back


def test_converting_a_lead_that_may_not_be_converted_says_why(client, lead_b, staff_b):
    _login(client, staff_b)
    url = reverse("leads:convert", args=[lead_b.pk])
    response = client.post(url, {"planned_investment": "3亿元"})  # still "identified"
    assert response.status_code == 400
    assert response.context["convert_form"].non_field_errors()
    assert Lead.objects.get(pk=lead_b.pk).project is None


def test_api_a_second_open_lead_is_refused_naming_enterprise_id(client, lead_b, staff_b):
    _login(client, staff_b)
    payload = {"enterprise_id": lead_b.enterprise_id, "zone_id": lead_b.zone_id, "link_ids": []}

    response = client.post("/api/leads", payload, content_type="application/json")

    assert response.status_code == 422
    assert "enterprise_id" in {error["field"] for error in response.json()["detail"]}
