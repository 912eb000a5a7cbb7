"""One project's page: facts, milestones, reports with totals, problems, history, and scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from devzone.projects import services
from devzone.web.tests.conftest import build_project, signed_in

pytestmark = pytest.mark.django_db


def detail(project) -> str:
    return reverse("projects:detail", args=[project.pk])


def test_the_page_shows_the_facts_of_the_project(
    client_a, zone_a, staff_a, department_a, catl, industries
):
    project = build_project(
        zone_a,
        staff_a,
        "锂电池项目",
        "1954500000",
        investors=[catl],
        code="2301-330701-04-01-123456",
        industry=industries["C38"],
        land_mu=Decimal("350"),
        expected_jobs=800,
        leader="王副主任",
        department=department_a,
        is_generated=True,
        source="金华日报 2023-03-01",
    )

    html = client_a.get(detail(project)).content.decode()

    for text in (
        "2301-330701-04-01-123456",
        "金华经济技术开发区",
        "电气机械和器材制造业",
        "宁德时代新能源科技股份有限公司",
        "19.545亿元",
        "350亩",
        "800",
        "王副主任",
        "投资促进局",
        "金华日报 2023-03-01",
        "生成",
    ):
        assert text in html, text


def test_milestones_show_planned_and_actual_dates_and_days_late(zone_a, staff_a):
    project = build_project(
        zone_a,
        staff_a,
        "延期项目",
        "100000000",
        milestones={
            "signed": {"planned_date": dt.date(2023, 1, 1), "actual_date": dt.date(2023, 1, 11)},
            "approved": {"planned_date": dt.date(2023, 3, 1), "actual_date": dt.date(2023, 2, 27)},
        },
    )

    html = signed_in(staff_a, "en").get(detail(project)).content.decode()

    assert "2023-01-01" in html and "2023-01-11" in html
    assert "10 days late" in html
    assert "2 days early" in html


def test_a_submitted_report_shows_in_the_totals_and_leaves_a_change_record(client_a, project_a):
    from devzone.core.models import ChangeRecord
    from devzone.projects.models import InvestmentReport

    month = timezone.localdate().replace(day=1)
    response = client_a.post(
        reverse("projects:report", args=[project_a.pk]),
        {
            "report-month": month.strftime("%Y-%m"),
            "report-amount": "3000万元",
            "report-progress_text": "主体结构封顶",
            "report-progress_percent": "45",
        },
        follow=True,
    )

    report = InvestmentReport.objects.get(project=project_a)
    assert report.amount == Decimal("30000000")
    assert report.month == month
    assert response.context["project"].invested_ytd == Decimal("30000000")
    assert response.context["project"].invested_total == Decimal("30000000")
    html = response.content.decode()
    assert "3000万元" in html
    assert "主体结构封顶" in html
    assert ChangeRecord.objects.for_object(report).get().actor_name == "staff_a"


def test_a_month_given_again_says_it_was_corrected(project_a, staff_a):
    client = signed_in(staff_a, "en")
    month = timezone.localdate().replace(day=1).strftime("%Y-%m")
    url = reverse("projects:report", args=[project_a.pk])
    first = client.post(url, {"report-month": month, "report-amount": "3000万元"}, follow=True)
    again = client.post(url, {"report-month": month, "report-amount": "3500万元"}, follow=True)

    assert "was corrected" not in first.content.decode()
    assert f"The report of {month} was corrected" in again.content.decode()
    assert project_a.reports.get().amount == Decimal("35000000")


def test_an_amount_that_is_not_money_is_refused_and_nothing_is_written(client_a, project_a):
    from devzone.core.models import ChangeRecord
    from devzone.projects.models import InvestmentReport

    before = ChangeRecord.objects.count()
    response = client_a.post(
        reverse("projects:report", args=[project_a.pk]),
        {"report-month": "2024-05", "report-amount": "待定", "report-progress_text": "征地中"},
    )

    assert response.status_code == 200
    form = response.context["report_form"]
    assert list(form.errors) == ["amount"]
    html = response.content.decode()
    assert "“待定”" in html  # the error repeats what was typed
    assert 'value="待定"' in html and "征地中" in html  # the input is kept
    assert not InvestmentReport.objects.exists()
    assert ChangeRecord.objects.count() == before


def test_a_service_error_is_shown_on_the_field(client_a, project_a):
    response = client_a.post(
        reverse("projects:report", args=[project_a.pk]),
        {"report-month": "2024-05", "report-amount": "200000亿元"},
    )

    assert "amount" in response.context["report_form"].errors


def test_setting_a_milestone_date(client_a, project_a):
    response = client_a.post(
        reverse("projects:milestone", args=[project_a.pk, "land_supplied"]),
        {
            "milestone-land_supplied-planned_date": "2022-05-01",
            "milestone-land_supplied-actual_date": "2022-05-20",
        },
    )

    assert response.status_code == 302
    milestone = project_a.milestones.get(kind="land_supplied")
    assert (milestone.planned_date, milestone.actual_date) == (
        dt.date(2022, 5, 1),
        dt.date(2022, 5, 20),
    )


def test_clearing_both_dates_removes_the_milestone_and_records_it(project_a, staff_a):
    from devzone.core.models import ChangeRecord

    client = signed_in(staff_a, "en")
    url = reverse("projects:milestone", args=[project_a.pk, "land_supplied"])
    client.post(url, {"milestone-land_supplied-planned_date": "2022-05-01"})
    milestone = project_a.milestones.get(kind="land_supplied")

    response = client.post(url, {"milestone-land_supplied-planned_date": ""}, follow=True)

    assert "The dates were cleared." in response.content.decode()
    assert not project_a.milestones.filter(kind="land_supplied").exists()
    assert ChangeRecord.objects.for_object(milestone).filter(action="delete").exists()


def test_a_milestone_without_dates_is_refused_naming_the_planned_date(client_a, project_a):
    response = client_a.post(
        reverse("projects:milestone", args=[project_a.pk, "completed"]),
        {"milestone-completed-planned_date": ""},
    )

    assert response.status_code == 200
    assert "planned_date" in response.context["milestones"][4].form.errors


def test_a_future_actual_date_is_refused(client_a, project_a):
    future = timezone.localdate() + dt.timedelta(days=30)
    response = client_a.post(
        reverse("projects:milestone", args=[project_a.pk, "completed"]),
        {"milestone-completed-actual_date": future.isoformat()},
    )

    assert response.status_code == 200
    assert "actual_date" in response.context["milestones"][4].form.errors
    assert not project_a.milestones.filter(kind="completed").exists()


def test_an_unknown_milestone_is_not_found(client_a, project_a):
    url = reverse("projects:milestone", args=[project_a.pk, "demolished"])

    assert client_a.post(url, {}).status_code == 404


def test_adding_and_resolving_a_problem(client_a, project_a, department_a):
    client_a.post(
        reverse("projects:problem_add", args=[project_a.pk]),
        {
            "problem-title": "用电指标不足",
            "problem-owner_department": department_a.pk,
            "problem-due_date": "2020-01-31",
        },
    )
    problem = project_a.problems.get()
    page = client_a.get(detail(project_a)).content.decode()
    assert 'class="overdue"' in page

    refused = client_a.post(
        reverse("projects:problem_resolve", args=[project_a.pk, problem.pk]),
        {f"resolve-{problem.pk}-resolution": ""},
    )
    assert refused.status_code == 200
    client_a.post(
        reverse("projects:problem_resolve", args=[project_a.pk, problem.pk]),
        {f"resolve-{problem.pk}-resolution": "已协调供电公司增容"},
    )

    problem.refresh_from_db()
    assert problem.status == "resolved"
    assert problem.resolution == "已协调供电公司增容"
    assert 'class="overdue"' not in client_a.get(detail(project_a)).content.decode()


def test_a_reopened_problem_shows_its_old_resolution_as_earlier(project_a, staff_a):
    client = signed_in(staff_a, "en")
    problem = services.open_problem(project_a, actor=staff_a, title="环评批复")
    services.resolve_problem(problem, actor=staff_a, resolution="已批复")
    resolved = client.get(detail(project_a)).content.decode()
    assert "已批复" in resolved
    assert "Earlier resolution" not in resolved

    services.update_problem(problem, actor=staff_a, status="open")

    assert "Earlier resolution (reopened): 已批复" in client.get(detail(project_a)).content.decode()


def test_the_history_shows_who_changed_which_field(client_a, project_a, staff_a):
    services.update_project(project_a, actor=staff_a, leader="李主任")

    html = signed_in(staff_a, "en").get(detail(project_a)).content.decode()

    assert "staff_a" in html
    assert "responsible leader" in html
    assert "— → 李主任" in html


def test_the_history_shows_foreign_capital_in_its_currency(project_a, staff_a):
    services.update_project(
        project_a, actor=staff_a, foreign_capital=Decimal("13200000"), foreign_currency="USD"
    )

    html = signed_in(staff_a, "zh-hans").get(detail(project_a)).content.decode()

    assert "— → 1320万美元" in html
    assert "1320万元" not in html


def test_the_history_reads_in_the_readers_language(project_a, staff_a):
    with translation.override("en"):  # a record written under English: "… · signed"
        services.set_milestone(project_a, "signed", actor=None, planned_date=dt.date(2024, 3, 1))
    services.update_project(project_a, actor=None, is_generated=True)

    html = signed_in(staff_a, "zh-hans").get(detail(project_a)).content.decode()

    assert "系统" in html and ">system<" not in html
    assert "否 → 是" in html and "True" not in html
    assert "节点 · 签约" in html


def test_staff_of_another_zone_get_not_found_and_cannot_post(client_b, project_a):
    from devzone.projects.models import InvestmentReport

    assert client_b.get(detail(project_a)).status_code == 404
    response = client_b.post(
        reverse("projects:report", args=[project_a.pk]),
        {"report-month": "2024-05", "report-amount": "100万元"},
    )

    assert response.status_code == 404
    assert not InvestmentReport.objects.exists()


def test_a_leader_reads_but_may_not_change(leader_client, project_a):
    from devzone.projects.models import InvestmentReport

    page = leader_client.get(detail(project_a))
    response = leader_client.post(
        reverse("projects:report", args=[project_a.pk]),
        {"report-month": "2024-05", "report-amount": "100万元"},
    )

    assert page.status_code == 200
    assert "report_form" not in page.context
    report_url = reverse("projects:report", args=[project_a.pk])
    assert f'action="{report_url}"' not in page.content.decode()
    assert response.status_code == 403
    assert not InvestmentReport.objects.exists()


def test_a_problem_of_another_project_cannot_be_resolved_through_this_one(
    client_a, project_a, zone_a, staff_a
):
    other = build_project(zone_a, staff_a, "另一个项目", "100000000")
    problem = services.open_problem(other, actor=staff_a, title="环评")

    response = client_a.post(
        reverse("projects:problem_resolve", args=[project_a.pk, problem.pk]),
        {f"resolve-{problem.pk}-resolution": "done"},
    )

    assert response.status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_records(
    client_a, zone_a, staff_a, catl, django_assert_max_num_queries
):
    def build(count: int):
        project = build_project(
            zone_a,
            staff_a,
            f"项目{count}",
            "900000000",
            investors=[catl],
            reports=[(f"{2000 + number}-01-01", "1000000") for number in range(count)],
        )
        for number in range(count):
            services.open_problem(project, actor=staff_a, title=f"问题{number}")
        return project

    small, large = build(3), build(15)
    # 15 for the page (with its documents, whose changes are in the history too), plus one per
    # kind of record the history names.
    with django_assert_max_num_queries(18) as three:
        client_a.get(detail(small))
    with django_assert_max_num_queries(18) as fifteen:
        client_a.get(detail(large))

    assert len(fifteen.captured_queries) == len(three.captured_queries)


def test_investors_link_to_the_registry_and_read_in_english(zone_a, staff_a, catl):
    catl.name_en = "Contemporary Amperex Technology Co., Limited"
    catl.save()
    project = build_project(zone_a, staff_a, "电池项目", "100000000", investors=[catl])

    english = signed_in(staff_a, "en").get(detail(project)).content.decode()
    chinese = signed_in(staff_a, "zh-hans").get(detail(project)).content.decode()

    assert reverse("enterprises:detail", args=[catl.pk]) in english
    assert "Contemporary Amperex Technology Co., Limited" in english
    assert catl.legal_name in chinese
