"""The project ledger over the API: exact money, derived figures, validation, history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from devzone.api.tests.client import errors_by_field
from devzone.enterprises.models import Industry
from devzone.enterprises.reference import load_industries
from devzone.enterprises.services import create_enterprise
from devzone.projects import services
from devzone.projects.models import Project


@pytest.fixture
def catl(admin_user):
    return create_enterprise(
        actor=admin_user, legal_name="宁德时代新能源科技股份有限公司", short_name="宁德时代"
    )


def test_amounts_round_trip_exactly_as_strings(api_as, staff_a, zone_a):
    client = api_as(staff_a)
    response = client.post(
        "/projects",
        {
            "name": "新能源汽车零部件项目",
            "zone": zone_a.slug,
            "planned_investment": "19.545亿元",
            "fixed_asset_investment": "1500000000.50",
            "land_mu": "320.5",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["planned_investment"] == "1954500000.00"
    assert body["fixed_asset_investment"] == "1500000000.50"
    assert body["currency"] == "CNY"
    assert body["land_mu"] == "320.50"
    project = Project.objects.get(pk=body["id"])
    assert project.planned_investment == Decimal("1954500000")
    again = client.get(f"/projects/{project.pk}").json()
    assert again["planned_investment"] == "1954500000.00"


@pytest.mark.parametrize(
    ("written", "stored"),
    [("5000万元", "50000000.00"), ("5千万元", "50000000.00"), ("120000000", "120000000.00")],
)
def test_money_accepts_plain_yuan_or_a_figure_with_its_unit(
    api_as, staff_a, project_a, written, stored
):
    response = api_as(staff_a).patch(f"/projects/{project_a.pk}", {"planned_investment": written})
    assert response.status_code == 200, response.content
    assert response.json()["planned_investment"] == stored


@pytest.mark.parametrize(
    ("written", "stored"), [("120.5", "120.50"), ("120亩", "120.00"), ("10公顷", "150.00")]
)
def test_land_is_given_in_mu_or_with_its_unit(api_as, staff_a, project_a, written, stored):
    response = api_as(staff_a).patch(f"/projects/{project_a.pk}", {"land_mu": written})
    assert response.status_code == 200, response.content
    assert response.json()["land_mu"] == stored


@pytest.mark.parametrize(
    ("payload", "capital", "currency"),
    [
        ({"foreign_capital": "1000万美元"}, "10000000.00", "USD"),
        ({"foreign_capital": "2.5亿港元", "foreign_currency": "港币"}, "250000000.00", "HKD"),
        ({"foreign_capital": "3000000", "foreign_currency": "eur"}, "3000000.00", "EUR"),
    ],
)
def test_foreign_capital_takes_its_currency_from_its_unit_or_the_currency_field(
    api_as, staff_a, project_a, payload, capital, currency
):
    response = api_as(staff_a).patch(f"/projects/{project_a.pk}", payload)
    assert response.status_code == 200, response.content
    project_a.refresh_from_db()
    assert format(project_a.foreign_capital, ".2f") == capital
    assert project_a.foreign_currency == currency


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"planned_investment": "lots"}, "planned_investment"),
        ({"planned_investment": 12.5}, "planned_investment"),
        ({"planned_investment": "132 million US dollars"}, "planned_investment"),
        ({"planned_investment": "-5"}, "planned_investment"),
        ({"planned_investment": "1.234"}, "planned_investment"),
        ({"fixed_asset_investment": "200亿元"}, "fixed_asset_investment"),
        ({"expected_jobs": -3}, "expected_jobs"),
        ({"expected_jobs": True}, "expected_jobs"),
        ({"zone": "no-such-zone"}, "zone"),
        ({"zone": None}, "zone"),
        ({"code": "2301-330701-04-01-12345"}, "code"),
        ({"industry": "Z9999"}, "industry"),
        ({"investors": [987654]}, "investors"),
        ({"foreign_capital": "1000万"}, "foreign_currency"),
        ({"foreign_capital": "约1000万美元"}, "foreign_capital"),
        ({"foreign_capital": "100万美元", "foreign_currency": "EUR"}, "foreign_currency"),
        ({"foreign_currency": "XYZ"}, "foreign_currency"),
        ({"foreign_capital": {"value": "1"}}, "foreign_capital"),
        ({"foreign_capital": {"currency": "USD"}}, "foreign_capital"),
        ({"land_mu": "5亿元"}, "land_mu"),
        ({"land_mu": "约50亩"}, "land_mu"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_invalid_input_names_the_field_and_changes_nothing(
    api_as, staff_a, project_a, ledger_fingerprint, payload, field
):
    client = api_as(staff_a)
    before = ledger_fingerprint()
    response = client.patch(f"/projects/{project_a.pk}", payload)
    errors = errors_by_field(response)
    assert field in errors, errors
    assert errors[field]
    assert ledger_fingerprint() == before


def test_a_new_project_needs_a_name_a_zone_and_an_amount(api_as, staff_a, ledger_fingerprint):
    client = api_as(staff_a)
    before = ledger_fingerprint()
    errors = errors_by_field(client.post("/projects", {}))
    assert {"name", "zone", "planned_investment"} <= set(errors)
    assert ledger_fingerprint() == before


def test_a_zone_does_not_get_two_projects_of_one_name(
    api_as, staff_a, zone_a, project_a, ledger_fingerprint
):
    client = api_as(staff_a)
    other = services.create_project(
        actor=staff_a, zone=zone_a, name="另一个项目", planned_investment=Decimal("1")
    )
    before = ledger_fingerprint()
    same = {
        "name": "康佳（金华） 新能源电池产业基地项目",
        "zone": zone_a.slug,
        "planned_investment": "1亿元",
    }

    assert "name" in errors_by_field(client.post("/projects", same))  # spaces and width aside
    assert "name" in errors_by_field(
        client.patch(f"/projects/{other.pk}", {"name": project_a.name})
    )
    assert ledger_fingerprint() == before
    renamed = client.patch(f"/projects/{project_a.pk}", {"name": project_a.name, "land_mu": "12"})
    assert renamed.status_code == 200  # its own name is no clash


def test_creating_a_project_with_investors_and_milestones(api_as, staff_a, zone_a, catl):
    partner = create_enterprise(actor=staff_a, legal_name="金华市交通投资集团有限公司")
    response = api_as(staff_a).post(
        "/projects",
        {
            "name": "动力电池项目",
            "zone": zone_a.slug,
            "planned_investment": "100亿元",
            "code": "JDZ-2023-001",
            "investors": [catl.pk, partner.pk],
            "milestones": {
                "signed": {"actual_date": "2023-02-01"},
                "construction_started": {"planned_date": "2023-06-30", "note": "一期"},
            },
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [(i["enterprise"]["id"], i["role"]) for i in body["investors"]] == [
        (catl.pk, "lead"),
        (partner.pk, "partner"),
    ]
    assert [m["kind"] for m in body["milestones"]] == ["signed", "construction_started"]
    assert body["stage"] == "signed"
    assert body["status"] == "delayed"  # construction was due by 2023-06-30


def test_a_bad_milestone_of_a_new_project_names_its_step(
    api_as, staff_a, zone_a, ledger_fingerprint
):
    client = api_as(staff_a)
    before = ledger_fingerprint()
    payload = {
        "name": "动力电池项目",
        "zone": zone_a.slug,
        "planned_investment": "100亿元",
        "milestones": {"signed": {"actual_date": "2099-02-01"}, "completed": {}},
    }
    errors = errors_by_field(client.post("/projects", payload))
    assert set(errors) == {"milestones.signed.actual_date"}
    assert ledger_fingerprint() == before


def test_reports_derive_year_to_date_and_total(api_as, staff_a, project_a):
    client = api_as(staff_a)
    this_month = timezone.localdate().replace(day=1)
    last_year = dt.date(this_month.year - 1, 11, 1)
    for month, amount in ((last_year, "3亿元"), (this_month, "120000000.00")):
        response = client.post(
            f"/projects/{project_a.pk}/reports",
            {"month": f"{month:%Y-%m}", "amount": amount, "progress_text": "主体施工"},
        )
        assert response.status_code == 201, response.content
    assert response.json()["month"] == f"{this_month:%Y-%m}"
    assert response.json()["amount"] == "120000000.00"

    reports = client.get(f"/projects/{project_a.pk}/reports").json()
    assert reports["invested_ytd"] == "120000000.00"
    assert reports["invested_total"] == "420000000.00"
    assert [item["month"] for item in reports["items"]] == [
        f"{this_month:%Y-%m}",
        f"{last_year:%Y-%m}",
    ]
    assert reports["items"][0]["submitted_by"] == "staff_a"
    listed = client.get("/projects").json()["items"][0]
    assert (listed["invested_ytd"], listed["invested_total"]) == ("120000000.00", "420000000.00")
    detail = client.get(f"/projects/{project_a.pk}").json()
    assert detail["latest_reports"][0]["progress_text"] == "主体施工"


def test_submitting_a_month_again_corrects_it(api_as, staff_a, project_a):
    client = api_as(staff_a)
    first = {"month": "2023-05", "amount": "100", "progress_text": "打桩", "progress_percent": "10"}
    created = client.post(f"/projects/{project_a.pk}/reports", first)
    corrected = client.post(
        f"/projects/{project_a.pk}/reports", {"month": "2023-05", "amount": "250"}
    )
    assert (created.status_code, corrected.status_code) == (201, 200)
    report = project_a.reports.get()
    assert (report.amount, report.progress_text, report.progress_percent) == (
        Decimal("250"),
        "打桩",
        Decimal("10"),
    )
    cleared = {"month": "2023-05", "amount": "250", "progress_text": "", "progress_percent": None}
    assert client.post(f"/projects/{project_a.pk}/reports", cleared).status_code == 200
    report.refresh_from_db()
    assert (report.progress_text, report.progress_percent) == ("", None)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"month": "2023-13", "amount": "1"}, "month"),
        ({"month": "2023/05", "amount": "1"}, "month"),
        ({"month": "2023-05", "amount": "abc"}, "amount"),
        ({"month": "2023-05", "amount": "1", "progress_percent": "140"}, "progress_percent"),
        ({"month": "2099-01", "amount": "1"}, "month"),  # a month still to come
    ],
)
def test_an_invalid_report_names_the_field(
    api_as, staff_a, project_a, ledger_fingerprint, payload, field
):
    client = api_as(staff_a)
    before = ledger_fingerprint()
    response = client.post(f"/projects/{project_a.pk}/reports", payload)
    assert field in errors_by_field(response)
    assert ledger_fingerprint() == before


def test_a_milestone_in_the_future_cannot_be_reached(api_as, staff_a, project_a):
    future = timezone.localdate() + dt.timedelta(days=30)
    response = api_as(staff_a).put(
        f"/projects/{project_a.pk}/milestones/completed", {"actual_date": future.isoformat()}
    )
    assert "actual_date" in errors_by_field(response)
    assert not project_a.milestones.filter(kind="completed").exists()


def test_actual_dates_may_not_run_backwards(api_as, staff_a, project_a):
    client = api_as(staff_a)  # project_a was signed on 2022-03-01

    early = client.put(
        f"/projects/{project_a.pk}/milestones/completed", {"actual_date": "2021-12-31"}
    )
    on_time = client.put(
        f"/projects/{project_a.pk}/milestones/completed", {"actual_date": "2023-06-30"}
    )
    resign = client.put(
        f"/projects/{project_a.pk}/milestones/signed", {"actual_date": "2024-01-01"}
    )

    assert "2022-03-01" in errors_by_field(early)["actual_date"]
    assert on_time.status_code == 200
    assert "actual_date" in errors_by_field(resign)  # now the signing would come after it
    assert str(project_a.milestones.get(kind="signed").actual_date) == "2022-03-01"


def test_both_dates_null_removes_a_recorded_milestone(api_as, staff_a, project_a):
    client = api_as(staff_a)
    url = f"/projects/{project_a.pk}/milestones/signed"
    assert client.put(url, {"planned_date": "2023-01-05"}).status_code == 200

    response = client.put(url, {"planned_date": None, "actual_date": None})

    assert response.status_code == 204
    assert not project_a.milestones.filter(kind="signed").exists()
    assert "planned_date" in errors_by_field(client.put(url, {"planned_date": None}))


def test_problems_are_opened_updated_and_resolved(api_as, staff_a, project_a, department_a):
    client = api_as(staff_a)
    opened = client.post(
        f"/projects/{project_a.pk}/problems",
        {"title": "供电线路迁改", "owner_department": department_a.pk, "due_date": "2020-01-31"},
    )
    assert opened.status_code == 201, opened.content
    problem = opened.json()
    assert problem["is_overdue"] is True
    assert problem["owner_department"]["name"] == "投资促进局"

    updated = client.patch(f"/problems/{problem['id']}", {"status": "in_progress"})
    assert updated.json()["status"] == "in_progress"
    detail = client.get(f"/projects/{project_a.pk}").json()
    assert [p["id"] for p in detail["open_problems"]] == [problem["id"]]

    resolved = client.post(f"/problems/{problem['id']}/resolve", {"resolution": "已迁改完成"})
    assert resolved.json()["status"] == "resolved"
    assert client.get(f"/projects/{project_a.pk}").json()["open_problems"] == []
    listed = client.get(f"/projects/{project_a.pk}/problems", status="resolved").json()
    assert [p["id"] for p in listed["items"]] == [problem["id"]] and listed["count"] == 1


def test_a_resolution_must_say_how(api_as, staff_a, project_a):
    problem = services.open_problem(project_a, actor=staff_a, title="环评批复")
    response = api_as(staff_a).post(f"/problems/{problem.pk}/resolve", {"resolution": ""})
    assert "resolution" in errors_by_field(response)
    problem.refresh_from_db()
    assert problem.status == "open"


def test_a_problem_is_not_resolved_in_the_future_nor_owned_by_another_citys_department(
    api_as, staff_a, project_a, regions
):
    from devzone.regions.services import create_department

    client = api_as(staff_a)
    elsewhere = create_department(actor=None, name="肇庆市发改局", region=regions["zhaoqing"])
    opened = client.post(
        f"/projects/{project_a.pk}/problems",
        {"title": "用地指标", "owner_department": elsewhere.pk},
    )
    assert "owner_department" in errors_by_field(opened)

    problem = services.open_problem(project_a, actor=staff_a, title="环评批复")
    future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = client.post(
        f"/problems/{problem.pk}/resolve", {"resolution": "已批复", "resolved_on": future}
    )
    assert "resolved_on" in errors_by_field(response)
    problem.refresh_from_db()
    assert problem.status == "open"


def test_history_lists_changes_to_the_project_and_its_parts(api_as, staff_a, project_a):
    client = api_as(staff_a)
    client.patch(f"/projects/{project_a.pk}", {"planned_investment": "120亿元"})
    client.post(f"/projects/{project_a.pk}/reports", {"month": "2023-05", "amount": "100"})
    history = client.get(f"/projects/{project_a.pk}/history").json()
    kinds = [(item["record_type"], item["action"]) for item in history["items"]]
    assert ("investmentreport", "create") in kinds
    assert ("milestone", "create") in kinds
    update = next(
        item
        for item in history["items"]
        if (item["record_type"], item["action"]) == ("project", "update")
    )
    assert update["actor"] == "staff_a"
    assert update["before"]["planned_investment"] == "10000000000"
    assert update["after"]["planned_investment"] == "12000000000"
    assert history["count"] == len(history["items"])


def test_filters_and_ordering(api_as, admin_user, zone_a, zone_b, project_a, project_b):
    load_industries()
    industry = Industry.objects.get(code="C38")
    services.update_project(project_a, actor=admin_user, industry=industry)
    client = api_as(admin_user)

    def ids(**params):
        response = client.get("/projects", **params)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids(zone=zone_b.slug) == [project_b.pk]
    assert ids(region="330000") == [project_a.pk]
    assert ids(region="4412") == [project_b.pk]
    assert ids(industry="c") == [project_a.pk]
    assert ids(min_investment="10亿元") == [project_a.pk]
    assert ids(max_investment="500000000") == [project_b.pk]
    assert ids(stage="signed") == [project_a.pk]
    assert ids(status="delayed") == [project_a.pk]  # construction due 2022-06-01, not started
    assert ids(search="康佳") == [project_a.pk]
    assert ids(kind="infrastructure") == []
    assert ids(ordering="planned_investment") == [project_b.pk, project_a.pk]
    assert ids(ordering="-planned_investment") == [project_a.pk, project_b.pk]
    assert "ordering" in errors_by_field(client.get("/projects", ordering="password"))
    assert "min_investment" in errors_by_field(client.get("/projects", min_investment="x"))


def test_the_list_is_paginated_with_a_total_count(api_as, staff_a, zone_a):
    for index in range(5):
        services.create_project(
            actor=staff_a, zone=zone_a, name=f"项目{index}", planned_investment=Decimal(index)
        )
    page = api_as(staff_a).get("/projects", page=2, page_size=2).json()
    assert page["count"] == 5
    assert [item["name"] for item in page["items"]] == ["项目2", "项目1"]


def _ledger(actor, zone, investor, count: int) -> None:
    month = timezone.localdate().replace(day=1)
    for index in range(count):
        project = services.create_project(
            actor=actor,
            zone=zone,
            name=f"项目{count}-{index:02d}",
            planned_investment=Decimal(1000 + index),
            investors=[investor],
            milestones={"signed": {"actual_date": dt.date(2023, 1, 1)}},
        )
        services.submit_investment_report(project, month, Decimal(10), actor=actor)


def _queries_to_list(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/projects", page_size=100)
    assert response.status_code == 200
    return len(queries), len(response.json()["items"])


def test_listing_projects_takes_the_same_queries_for_3_or_15(
    api_as, staff_a, zone_a, catl, django_assert_max_num_queries
):
    client = api_as(staff_a)
    _ledger(staff_a, zone_a, catl, 3)
    few, listed = _queries_to_list(client)
    assert listed == 3
    _ledger(staff_a, zone_a, catl, 12)
    many, listed = _queries_to_list(client)
    assert listed == 15
    assert few == many
    with django_assert_max_num_queries(8):
        client.get("/projects")


def test_request_errors_speak_the_callers_language(api_as, staff_a, project_a):
    client = api_as(staff_a)
    client.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    errors = errors_by_field(client.post("/projects", {"name": "", "colour": "red"}))
    assert errors["zone"] == "此字段为必填项。"
    assert errors["colour"].startswith("未知字段")
    assert "1" in errors["name"] and "字" in errors["name"]
    client.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    errors = errors_by_field(client.patch(f"/projects/{project_a.pk}", {"expected_jobs": "x"}))
    assert errors == {"expected_jobs": "Give a whole number."}


def test_an_empty_industry_clears_it(api_as, staff_a, project_a):
    from devzone.enterprises.reference import load_industries

    load_industries()
    client = api_as(staff_a)
    assert client.patch(f"/projects/{project_a.pk}", {"industry": "C38"}).status_code == 200
    response = client.patch(f"/projects/{project_a.pk}", {"industry": ""})
    assert response.status_code == 200, response.content
    project_a.refresh_from_db()
    assert project_a.industry is None


def test_a_body_that_is_not_json_is_a_422_in_the_callers_language(api_as, staff_a, project_a):
    client = api_as(staff_a)
    client.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    response = client.client.patch(
        f"/api/projects/{project_a.pk}", "{not json", content_type="application/json"
    )
    assert errors_by_field(response) == {None: "请求体不是有效的 JSON。"}


def test_clearing_foreign_capital_clears_its_currency(api_as, staff_a, project_a):
    client = api_as(staff_a)
    assert (
        client.patch(f"/projects/{project_a.pk}", {"foreign_capital": "1320万美元"}).status_code
        == 200
    )
    assert client.patch(f"/projects/{project_a.pk}", {"foreign_capital": None}).status_code == 200
    project_a.refresh_from_db()
    assert (project_a.foreign_capital, project_a.foreign_currency) == (None, "")
