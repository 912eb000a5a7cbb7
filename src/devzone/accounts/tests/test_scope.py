"""Who sees what: the one visibility rule used by pages, API, exports and commands."""

from __future__ import annotations

from devzone.accounts.scope import can_edit_zone
from devzone.projects.models import Project


def test_staff_see_only_their_zone(project_a, project_b, staff_a):
    visible = set(Project.objects.visible_to(staff_a))
    assert visible == {project_a}


def test_region_members_see_every_zone_in_the_region(project_a, project_b, leader_jinhua):
    assert set(Project.objects.visible_to(leader_jinhua)) == {project_a}


def test_administrators_see_everything(project_a, project_b, admin_user):
    assert set(Project.objects.visible_to(admin_user)) == {project_a, project_b}


def test_anonymous_and_unassigned_users_see_nothing(project_a, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    loner = django_user_model.objects.create_user("loner", password="x")
    assert not Project.objects.visible_to(AnonymousUser()).exists()
    assert not Project.objects.visible_to(loner).exists()
    assert not Project.objects.visible_to(None).exists()


def test_only_staff_and_admins_edit(zone_a, zone_b, staff_a, leader_jinhua, admin_user):
    assert can_edit_zone(staff_a, zone_a)
    assert not can_edit_zone(staff_a, zone_b)
    assert not can_edit_zone(leader_jinhua, zone_a)
    assert can_edit_zone(admin_user, zone_b)
