"""A zone office's day in a real browser: sign in, find a project, report, dashboard, meeting,
language, import. Screenshots of the dashboard in both languages go to artifacts/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import PASSWORD

from tests.e2e.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(zone_a, staff_a, department_a, project_a):
    from devzone.projects import services

    group = services.create_promotion_group(
        zone_a,
        actor=staff_a,
        name="NWTN项目专班",
        leader="王副区长",
        departments=[department_a],
        projects=[project_a],
    )
    services.open_problem(
        project_a,
        actor=staff_a,
        title="电力增容",
        owner_department=department_a,
        due_date=dt.date.today() - dt.timedelta(days=3),
    )
    return {"group": group, "project": project_a}


def test_a_day_at_the_zone_office(page, office):
    project = office["project"]
    sign_in(page, "staff_a", PASSWORD)

    # The dashboard comes first; nothing is reported yet this year.
    assert page.locator("h1").inner_text() == "仪表盘"
    assert page.locator("#tile-investment svg").count() == 0
    assert "电力增容" in page.locator("#tile-problems").inner_text()

    # Find the project with the search box ("/" jumps to it).
    page.click("nav.site-nav a[accesskey=p]")
    page.wait_for_url("**/projects/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("康佳")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/projects/\?q="))
    page.click(f"a[href='/projects/{project.pk}/']")

    # Submit this month's report.
    page.fill("#id_report-amount", "3000万元")
    page.fill("#id_report-progress_text", "主体结构封顶")
    page.click("#reports form button[type=submit]")
    page.wait_for_url(f"**/projects/{project.pk}/#reports")
    assert "3000万元" in page.locator("#reports table").inner_text()

    # The dashboard now draws the month's investment.
    page.goto("/")
    assert page.locator("#tile-investment svg rect.bar").count() >= 1
    screenshot(page, "dashboard-zh-hans.png")

    # Switch to English: same page, English words, amounts in million yuan.
    page.click("form.language button[value=en]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "dashboard-en.png")

    # Run the weekly meeting: start, decide, raise, minutes.
    page.click("nav.site-nav a[accesskey=m]")
    page.click("text=NWTN项目专班")
    page.click("text=Start the meeting")
    page.wait_for_url("**/meetings/*/")
    problem = page.locator("article.problem").first
    problem.locator("textarea").fill("Power company finishes by month end")
    problem.locator("button").click()
    page.wait_for_load_state()
    page.select_option("#id_raise-project", str(project.pk))
    page.fill("#id_raise-title", "Dormitory for workers")
    page.click("#raise button[type=submit]")
    page.wait_for_load_state()
    page.click("text=Finish: show the minutes")
    minutes = page.locator("article.minutes").inner_text()
    assert "Power company finishes by month end" in minutes
    assert "Dormitory for workers" in minutes
    assert "电力增容" in minutes


def test_importing_a_ledger_through_the_wizard(page, zone_a, staff_a, tmp_path):
    from devzone.projects.models import Project

    ledger = tmp_path / "台账.csv"
    rows = ["项目名称,计划总投资（亿元）", "智能装备产业园,3.5", "新材料项目,1.2"]
    ledger.write_text("\n".join(rows) + "\n", "utf-8-sig")
    sign_in(page, "staff_a", PASSWORD)

    page.click("nav.site-nav a[accesskey=i]")
    page.select_option("select[name=kind]", "projects")
    page.set_input_files("input[type=file]", str(ledger))
    page.select_option("select[name=zone]", str(zone_a.pk))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/import/*/")
    page.click("#confirm-import button[type=submit]")
    page.wait_for_selector("text=导入完成", timeout=20_000)

    names = sorted(Project.objects.values_list("name", flat=True))
    assert names == ["新材料项目", "智能装备产业园"]
