"""Who sees and changes which plans, targets and scorecards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from devzone.targets import services
from devzone.targets.models import Plan, Scorecard, Target
from devzone.targets.progress import plan_progress


@pytest.fixture
def zone_target(zq_plan, zq_zones):
    """A target of the Dinghu zone inside the city plan."""
    indicator = zq_plan.targets.get(indicator__code="project_actual_investment").indicator
    return services.set_target(
        zq_plan, indicator, zq_zones["dinghu"], Decimal(200) * 10**8, actor=None
    )


def test_a_zone_user_sees_only_its_zones_targets(zone_target, staff_dinghu, staff_b):
    assert list(Target.objects.visible_to(staff_dinghu)) == [zone_target]
    assert list(Plan.objects.visible_to(staff_dinghu)) == [zone_target.plan]
    results = plan_progress(zone_target.plan, dt.date(2023, 9, 30), user=staff_dinghu)
    assert [result.target for result in results] == [zone_target]
    assert Target.objects.visible_to(staff_b).count() == 0  # another zone of the city


def test_region_members_see_the_regions_targets(zone_target, leader_zhaoqing, leader_jinhua):
    assert Target.objects.visible_to(leader_zhaoqing).count() == 6
    assert Target.objects.visible_to(leader_jinhua).count() == 0
    assert Plan.objects.visible_to(leader_jinhua).count() == 0


def test_administrators_see_every_plan_and_target(zq_plan, admin_user):
    """The city plan has region targets only: "no restriction" must survive an OR."""
    assert list(Plan.objects.visible_to(admin_user)) == [zq_plan]
    assert Target.objects.visible_to(admin_user).count() == Target.objects.count() > 0


def test_scorecards_are_published_to_the_zones_they_rank(zq_plan, staff_dinghu, staff_a):
    assert Scorecard.objects.visible_to(staff_dinghu).count() == 1
    assert Scorecard.objects.visible_to(staff_a).count() == 0  # a Jinhua zone


def test_zone_staff_may_not_change_city_targets(zq_plan, staff_dinghu, zq_zones):
    target = zq_plan.targets.first()
    with pytest.raises(PermissionDenied):
        services.set_target(
            zq_plan, target.indicator, target.region, Decimal(1), actor=staff_dinghu
        )
    with pytest.raises(PermissionDenied):
        services.record_actual(target, dt.date(2023, 9, 30), Decimal(1), actor=staff_dinghu)
    # but may set its own zone's target of the plan
    services.set_target(
        zq_plan, target.indicator, zq_zones["dinghu"], Decimal(1), actor=staff_dinghu
    )


def test_writes_leave_history(zq_plan):
    from devzone.core.history import history_of

    target = zq_plan.targets.first()
    services.set_target(zq_plan, target.indicator, target.region, Decimal(1), actor=None)
    assert history_of(target).count() == 2  # created, then changed
