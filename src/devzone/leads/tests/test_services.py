"""Leads move through their stages with history, and a signed lead becomes a project."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from devzone.core.history import history_of
from devzone.leads.choices import LeadEventKind, LeadStage
from devzone.leads.models import Lead
from devzone.leads.services import (
    advance_lead,
    allowed_stages,
    convert_lead_to_project,
    create_lead,
    update_lead,
)
from devzone.projects.choices import InvestorRole


def test_a_new_lead_is_identified_owned_by_its_creator_and_recorded(lead_b, staff_b):
    assert lead_b.stage == LeadStage.IDENTIFIED
    assert lead_b.owner == staff_b
    [event] = lead_b.events.all()
    assert (event.kind, event.to_stage, event.actor) == ("created", "identified", staff_b)
    assert history_of(lead_b).count() == 1


def test_stages_advance_with_typed_events(lead_b, staff_b):
    advance_lead(lead_b, "contacted", actor=staff_b, note="电话联系")
    advance_lead(lead_b, "visited", actor=staff_b, note="赴惠州拜访")

    lead_b.refresh_from_db()
    assert lead_b.stage == "visited"
    moves = [(e.from_stage, e.to_stage, e.note) for e in lead_b.events.all()][1:]
    assert moves == [
        ("identified", "contacted", "电话联系"),
        ("contacted", "visited", "赴惠州拜访"),
    ]
    assert allowed_stages(lead_b) == ["negotiating", "signed", "dropped"]


@pytest.mark.parametrize("stage", ["visited", "negotiating", "signed", "identified", "nonsense"])
def test_disallowed_transitions_are_refused(lead_b, staff_b, stage):
    with pytest.raises(ValidationError) as error:
        advance_lead(lead_b, stage, actor=staff_b)
    assert "stage" in error.value.message_dict
    lead_b.refresh_from_db()
    assert lead_b.stage == "identified" and lead_b.events.count() == 1


def test_a_negotiating_lead_is_signed_only_by_making_its_project(lead_b, staff_b):
    for stage in ("contacted", "negotiating"):
        advance_lead(lead_b, stage, actor=staff_b)

    with translation.override("en"), pytest.raises(ValidationError, match="convert it instead"):
        advance_lead(lead_b, "signed", actor=staff_b)

    lead_b.refresh_from_db()
    assert (lead_b.stage, lead_b.project) == ("negotiating", None)


def test_a_dropped_lead_can_be_reopened(lead_b, staff_b):
    advance_lead(lead_b, "dropped", actor=staff_b, note="暂无投资计划")
    advance_lead(lead_b, "identified", actor=staff_b)
    assert Lead.objects.get(pk=lead_b.pk).stage == "identified"


def test_one_open_lead_per_enterprise_and_zone(lead_b, staff_b, zone_b, battery_firm):
    with pytest.raises(ValidationError):
        create_lead(actor=staff_b, enterprise=battery_firm, zone=zone_b)


def test_conversion_creates_the_project_with_fields_carried_over(lead_b, staff_b, zone_b):
    advance_lead(lead_b, "contacted", actor=staff_b)

    project = convert_lead_to_project(
        lead_b, actor=staff_b, planned_investment=Decimal("5000000000"), name="亿纬锂能肇庆项目"
    )

    lead_b.refresh_from_db()
    assert (lead_b.stage, lead_b.project) == ("signed", project)
    assert (project.zone, project.name, project.planned_investment) == (
        zone_b, "亿纬锂能肇庆项目", Decimal("5000000000"),
    )  # fmt: skip
    assert project.industry.code == "C3841"
    assert project.description == "动力电池补链"
    [investor] = project.projectinvestor_set.all()
    assert (investor.enterprise, investor.role) == (lead_b.enterprise, InvestorRole.LEAD)
    assert project.milestones.get(kind="signed").actual_date == timezone.localdate()
    kinds = [event.kind for event in lead_b.events.all()]
    assert kinds == ["created", "stage_changed", "stage_changed", LeadEventKind.CONVERTED]
    with pytest.raises(ValidationError):
        convert_lead_to_project(lead_b, actor=staff_b, planned_investment=Decimal(1))


def test_a_signed_lead_whose_project_was_deleted_can_be_converted_again(lead_b, staff_b):
    from devzone.projects.services import delete_project

    advance_lead(lead_b, "contacted", actor=staff_b)
    first = convert_lead_to_project(lead_b, actor=staff_b, planned_investment=Decimal(10**8))
    delete_project(first, actor=staff_b)
    lead_b.refresh_from_db()
    assert (lead_b.stage, lead_b.project) == ("signed", None)

    again = convert_lead_to_project(lead_b, actor=staff_b, planned_investment=Decimal(10**8))

    lead_b.refresh_from_db()
    assert lead_b.project == again


def test_an_identified_lead_cannot_be_converted(lead_b, staff_b):
    with pytest.raises(ValidationError):
        convert_lead_to_project(lead_b, actor=staff_b, planned_investment=Decimal(1))
    assert not lead_b.events.filter(kind="converted").exists()


def test_stale_leads_are_open_ones_with_an_overdue_next_action(lead_b, staff_b):
    assert not Lead.objects.stale().exists()
    update_lead(lead_b, actor=staff_b, next_action_date=dt.date(2020, 1, 1))
    assert list(Lead.objects.stale()) == [lead_b]
    advance_lead(lead_b, "dropped", actor=staff_b)
    assert not Lead.objects.stale().exists()


def test_staff_of_another_zone_can_neither_see_nor_change_a_lead(lead_b, staff_a, staff_b):
    assert list(Lead.objects.visible_to(staff_b)) == [lead_b]
    assert not Lead.objects.visible_to(staff_a).exists()
    with pytest.raises(PermissionDenied):
        advance_lead(lead_b, "contacted", actor=staff_a)
    with pytest.raises(PermissionDenied):
        update_lead(lead_b, actor=staff_a, notes="x")


def test_a_leader_reads_the_leads_of_their_region_only(lead_b, leader_jinhua, admin_user):
    assert not Lead.objects.visible_to(leader_jinhua).exists()
    assert list(Lead.objects.visible_to(admin_user)) == [lead_b]


@pytest.mark.parametrize("day", [dt.date(1900, 1, 1), dt.date(2101, 1, 1)])
def test_a_next_action_date_outside_1990_2100_is_refused(lead_b, staff_b, day):
    with pytest.raises(ValidationError) as refused:
        update_lead(lead_b, actor=staff_b, next_action_date=day)
    assert "next_action_date" in refused.value.message_dict
