"""Weekly meeting mode: agenda, decisions and new problems during the meeting, minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from devzone.projects import services
from devzone.projects.choices import ProblemStatus
from devzone.projects.models import Meeting, Problem
from devzone.web.models import MeetingDecision
from devzone.web.tests.conftest import build_project, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(zone_a, staff_a, department_a, project_a):
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
        due_date=dt.date(2024, 10, 15),
    )
    services.open_problem(project_a, actor=staff_a, title="施工许可")
    return group


def _start(client, group):
    response = client.post(
        reverse("meetings:start", args=[group.pk]),
        {"meeting-held_on": "2024-10-08", "meeting-title": "第13次周例会"},
    )
    assert response.status_code == 302
    return Meeting.objects.get(title="第13次周例会")


def test_the_agenda_lists_the_group_projects_and_their_open_problems(client_a, group):
    html = client_a.get(reverse("meetings:agenda", args=[group.pk])).content.decode()

    assert "NWTN项目专班" in html
    assert "电力增容" in html and "施工许可" in html
    assert "投资促进局" in html


def test_a_meeting_records_decisions_new_problems_and_minutes(
    client_a, group, project_a, department_a
):
    meeting = _start(client_a, group)
    assert meeting.reviewed_problems.count() == 2
    power = Problem.objects.get(title="电力增容")
    permit = Problem.objects.get(title="施工许可")

    client_a.post(
        reverse("meetings:decide", args=[meeting.pk, power.pk]),
        {
            f"decide-{power.pk}-text": "供电公司10月底前完成增容",
            f"decide-{power.pk}-status": "in_progress",
            f"decide-{power.pk}-due_date": "2024-10-31",
        },
    )
    client_a.post(
        reverse("meetings:decide", args=[meeting.pk, permit.pk]),
        {f"decide-{permit.pk}-text": "已发证", f"decide-{permit.pk}-status": "resolved"},
    )
    client_a.post(
        reverse("meetings:raise", args=[meeting.pk]),
        {"raise-project": project_a.pk, "raise-title": "员工宿舍配套",
         "raise-owner_department": department_a.pk},
    )  # fmt: skip
    client_a.post(reverse("meetings:notes", args=[meeting.pk]), {"minutes-minutes": "会议要求"})

    power.refresh_from_db()
    permit.refresh_from_db()
    assert (power.status, power.due_date) == (ProblemStatus.IN_PROGRESS, dt.date(2024, 10, 31))
    assert (permit.status, permit.resolution) == (ProblemStatus.RESOLVED, "已发证")
    assert Problem.objects.get(title="员工宿舍配套").raised_at == meeting
    assert MeetingDecision.objects.filter(meeting=meeting).count() == 2
    html = client_a.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    for text in ("电力增容", "供电公司10月底前完成增容", "已发证", "员工宿舍配套", "会议要求"):
        assert text in html


def test_a_decision_without_words_is_refused_with_the_input_kept(client_a, group):
    meeting = _start(client_a, group)
    power = Problem.objects.get(title="电力增容")

    response = client_a.post(
        reverse("meetings:decide", args=[meeting.pk, power.pk]),
        {f"decide-{power.pk}-text": "", f"decide-{power.pk}-due_date": "2024-12-01",
         f"decide-{power.pk}-status": "in_progress"},
    )  # fmt: skip

    assert response.status_code == 400
    assert 'value="2024-12-01"' in response.content.decode()
    assert not MeetingDecision.objects.exists()


def test_readers_see_the_agenda_but_cannot_hold_a_meeting(group, leader_jinhua, staff_b):
    leader = signed_in(leader_jinhua)

    assert leader.get(reverse("meetings:agenda", args=[group.pk])).status_code == 200
    start = reverse("meetings:start", args=[group.pk])
    assert leader.post(start, {"meeting-held_on": "2024-10-08"}).status_code == 403
    assert signed_in(staff_b).get(reverse("meetings:agenda", args=[group.pk])).status_code == 404
    assert not Meeting.objects.exists()


def test_the_agenda_query_count_does_not_grow_with_projects(
    client_a, group, zone_a, staff_a, django_assert_max_num_queries
):
    def add(count: int) -> None:
        for number in range(count):
            project = build_project(zone_a, staff_a, f"P{count}-{number}", "100000000")
            services.update_project(project, actor=staff_a, promotion_group=group)
            services.open_problem(project, actor=staff_a, title="问题")

    url = reverse("meetings:agenda", args=[group.pk])
    add(2)
    with django_assert_max_num_queries(12) as few:
        client_a.get(url)
    add(8)
    with django_assert_max_num_queries(12) as many:
        client_a.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_meeting_page_query_count_does_not_grow_with_problems(
    client_a, group, project_a, staff_a, django_assert_max_num_queries
):
    meeting = _start(client_a, group)
    url = reverse("meetings:run", args=[meeting.pk])
    with django_assert_max_num_queries(20) as few:
        client_a.get(url)
    for number in range(8):
        services.open_problem(project_a, actor=staff_a, title=f"问题{number}")
    with django_assert_max_num_queries(20) as many:
        client_a.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
