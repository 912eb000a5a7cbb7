"""Writes to the ledger: validated, permission-checked, transactional and recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from devzone.core.models import ChangeRecord
from devzone.projects import services
from devzone.projects.models import InvestmentReport, Milestone, Project


def test_creating_a_project_records_who_and_what(project_a, staff_a):
    record = ChangeRecord.objects.for_object(project_a).get()
    assert record.action == "create"
    assert record.actor == staff_a
    assert record.after["planned_investment"] == "10000000000"
    assert record.before is None


def test_update_keeps_before_and_after(project_a, staff_a):
    services.update_project(project_a, actor=staff_a, planned_investment=Decimal("12000000000"))
    record = ChangeRecord.objects.for_object(project_a).filter(action="update").get()
    assert record.before["planned_investment"] == "10000000000"
    assert record.after["planned_investment"] == "12000000000"
    assert ("planned_investment", "10000000000", "12000000000") in record.changed_fields()


def test_an_update_that_changes_nothing_leaves_no_record(project_a, staff_a):
    services.update_project(project_a, actor=staff_a, name=project_a.name)
    assert not ChangeRecord.objects.for_object(project_a).filter(action="update").exists()


def test_change_records_cannot_be_edited_or_deleted(project_a):
    record = ChangeRecord.objects.for_object(project_a).get()
    record.object_repr = "forged"
    with pytest.raises(TypeError):
        record.save()
    with pytest.raises(TypeError):
        record.delete()
    with pytest.raises(TypeError):
        ChangeRecord.objects.filter(pk=record.pk).update(object_repr="forged")
    with pytest.raises(TypeError):
        ChangeRecord.objects.all().delete()


def test_staff_cannot_write_to_another_zone(project_b, staff_a):
    before = ChangeRecord.objects.count()
    with pytest.raises(PermissionDenied):
        services.update_project(project_b, actor=staff_a, name="hijacked")
    with pytest.raises(PermissionDenied):
        services.submit_investment_report(
            project_b, dt.date(2023, 1, 1), Decimal("1"), actor=staff_a
        )
    with pytest.raises(PermissionDenied):
        services.set_milestone(project_b, "signed", actor=staff_a, actual_date=dt.date(2023, 1, 1))
    with pytest.raises(PermissionDenied):
        services.delete_project(project_b, actor=staff_a)
    project_b.refresh_from_db()
    assert project_b.name == "肇庆制造业项目"
    assert ChangeRecord.objects.count() == before


def test_staff_cannot_move_a_project_into_another_zone(project_a, staff_a, zone_b):
    with pytest.raises(PermissionDenied):
        services.update_project(project_a, actor=staff_a, zone=zone_b)
    project_a.refresh_from_db()
    assert project_a.zone_id != zone_b.pk


def test_leaders_read_but_do_not_write(project_a, leader_jinhua):
    assert Project.objects.visible_to(leader_jinhua).filter(pk=project_a.pk).exists()
    with pytest.raises(PermissionDenied):
        services.update_project(project_a, actor=leader_jinhua, name="x")


def test_invalid_input_names_the_field_and_changes_nothing(project_a, staff_a):
    with pytest.raises(ValidationError) as excinfo:
        services.update_project(project_a, actor=staff_a, planned_investment=Decimal("-5"))
    assert "planned_investment" in excinfo.value.message_dict
    project_a.refresh_from_db()
    assert project_a.planned_investment == Decimal("10000000000")


def test_absurd_amounts_are_refused(zone_a, staff_a):
    with pytest.raises(ValidationError) as excinfo:
        services.create_project(
            actor=staff_a, zone=zone_a, name="x", planned_investment=Decimal("10") ** 15
        )
    assert "planned_investment" in excinfo.value.message_dict
    assert not Project.objects.filter(name="x").exists()


def test_a_failed_milestone_rolls_back_the_whole_project(zone_a, staff_a):
    future = dt.date.today() + dt.timedelta(days=30)
    with pytest.raises(ValidationError) as excinfo:
        services.create_project(
            actor=staff_a,
            zone=zone_a,
            name="future",
            planned_investment=Decimal("1"),
            milestones={"signed": {"actual_date": future}},
        )
    assert "milestones.signed.actual_date" in excinfo.value.message_dict
    assert not Project.objects.filter(name="future").exists()
    assert not ChangeRecord.objects.filter(object_repr="future").exists()


def test_unknown_fields_are_refused(zone_a, staff_a):
    with pytest.raises(ValidationError) as excinfo:
        services.create_project(
            actor=staff_a, zone=zone_a, name="x", planned_investment=Decimal("1"), colour="red"
        )
    assert "colour" in excinfo.value.message_dict


def test_resubmitting_a_month_corrects_it(project_a, staff_a):
    month = dt.date(2023, 5, 1)
    services.submit_investment_report(project_a, month, Decimal("100"), actor=staff_a)
    services.submit_investment_report(project_a, month, Decimal("150"), actor=staff_a)
    report = InvestmentReport.objects.get(project=project_a, month=month)
    assert report.amount == Decimal("150")
    assert report.submitted_by == staff_a


def test_a_month_must_be_its_first_day(project_a, staff_a):
    with pytest.raises(ValidationError) as excinfo:
        services.submit_investment_report(
            project_a, dt.date(2023, 5, 3), Decimal("1"), actor=staff_a
        )
    assert "month" in excinfo.value.message_dict


def test_milestone_dates_update_independently(project_a, staff_a):
    services.set_milestone(
        project_a, "construction_started", actor=staff_a, actual_date=dt.date(2022, 7, 1)
    )
    milestone = Milestone.objects.get(project=project_a, kind="construction_started")
    assert milestone.planned_date == dt.date(2022, 6, 1)
    assert milestone.actual_date == dt.date(2022, 7, 1)
    assert milestone.days_late == 30


def test_resolving_a_problem_needs_a_resolution(project_a, staff_a, department_a):
    problem = services.open_problem(
        project_a,
        actor=staff_a,
        title="供电接入延迟",
        owner_department=department_a,
        due_date=dt.date(2023, 1, 31),
    )
    assert problem.is_overdue
    with pytest.raises(ValidationError):
        services.resolve_problem(problem, actor=staff_a, resolution="  ")
    services.resolve_problem(problem, actor=staff_a, resolution="已协调电力公司")
    problem.refresh_from_db()
    assert problem.status == "resolved"
    assert not problem.is_overdue


def test_a_resolved_problem_can_be_reopened(project_a, staff_a):
    problem = services.open_problem(project_a, actor=staff_a, title="环评批复")
    services.resolve_problem(problem, actor=staff_a, resolution="已批复")
    services.update_problem(problem, actor=staff_a, status="open")
    problem.refresh_from_db()
    assert problem.status == "open"
    assert problem.resolved_on is None
    assert problem.resolution == "已批复"  # the earlier resolution stays readable


@pytest.mark.parametrize(
    ("write", "field"),
    [
        (lambda p, u: services.submit_investment_report(p, dt.date(1, 1, 1), 5, actor=u), "month"),
        (
            lambda p, u: services.set_milestone(
                p, "signed", actor=u, planned_date=dt.date(9999, 12, 31)
            ),
            "planned_date",
        ),
        (
            lambda p, u: services.open_problem(p, actor=u, title="x", due_date=dt.date(1, 1, 1)),
            "due_date",
        ),
        (
            lambda p, u: services.hold_meeting(
                p.zone, actor=u, title="例会", held_on=dt.date(1900, 1, 1)
            ),
            "held_on",
        ),
    ],
)
def test_dates_outside_1990_to_2100_are_typos_and_refused(project_a, staff_a, write, field):
    records = ChangeRecord.objects.count()
    with pytest.raises(ValidationError) as error:
        write(project_a, staff_a)
    assert field in error.value.message_dict
    assert ChangeRecord.objects.count() == records


def test_a_national_code_typed_in_full_width_digits_is_the_same_code(project_a, staff_a):
    services.update_project(project_a, actor=staff_a, code="２３０１-330701-04-01-654321")
    project_a.refresh_from_db()
    assert project_a.code == "2301-330701-04-01-654321"

    with pytest.raises(ValidationError) as refused:
        services.create_project(
            actor=staff_a,
            zone=project_a.zone,
            name="另一个项目",
            planned_investment=Decimal("100000000"),
            code="2301-330701-04-01-654321",
        )
    assert "code" in refused.value.message_dict


def test_a_wrong_project_code_is_explained_in_the_users_language(project_a, staff_a):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        services.update_project(project_a, actor=staff_a, code="2313-330701-04-01-654321")
    [message] = refused.value.message_dict["code"]
    assert "年月" in message and "which is not" not in message


def test_deleting_a_project_records_everything_it_takes_with_it(project_a, staff_a):
    from django.contrib.contenttypes.models import ContentType

    from devzone.leads.models import Lead

    services.set_milestone(project_a, "signed", actor=staff_a, actual_date=dt.date(2023, 1, 5))
    report = services.submit_investment_report(
        project_a, dt.date(2023, 2, 1), Decimal("50000000"), actor=staff_a
    )
    problem = services.open_problem(project_a, actor=staff_a, title="供电接入")
    lead = Lead.objects.create(
        enterprise=_enterprise(), zone=project_a.zone, project=project_a, owner=staff_a
    )
    # a lead converted into the project points at it; the delete clears that link
    project_id = project_a.pk

    services.delete_project(project_a, actor=staff_a)

    deleted = {
        (record.content_type.model_class(), record.object_id)
        for record in ChangeRecord.objects.filter(action="delete")
    }
    assert (InvestmentReport, str(report.pk)) in deleted
    assert (type(problem), str(problem.pk)) in deleted
    assert any(model is Milestone for model, _ in deleted)
    assert (Project, str(project_id)) in deleted
    cleared = ChangeRecord.objects.get(
        action="update", content_type=ContentType.objects.get_for_model(Lead)
    )
    assert (cleared.object_id, cleared.before["project_id"], cleared.after["project_id"]) == (
        str(lead.pk),
        project_id,
        None,
    )


def _enterprise():
    from devzone.enterprises.models import Enterprise

    return Enterprise.objects.create(legal_name="宁德时代新能源科技股份有限公司")
