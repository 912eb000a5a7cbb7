"""Which departments serve a place: their own region, the regions within it, the one above."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from devzone.projects import services
from devzone.regions.models import Department, Region
from devzone.regions.services import create_department, create_zone
from devzone.web.forms import ProblemForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def dinghu_project(regions, staff_a):
    dinghu = Region.objects.create(
        code="441203", name="鼎湖区", level="county", parent=regions["zhaoqing"]
    )
    zone = create_zone(actor=None, region=dinghu, slug="zq-dinghu", name="鼎湖园区", kind="other")
    return services.create_project(
        actor=None, zone=zone, name="鼎湖项目", planned_investment=100_000_000
    )


def test_a_city_bureau_serves_a_district_project_another_citys_does_not(regions, dinghu_project):
    city = create_department(actor=None, name="肇庆市工信局", region=regions["zhaoqing"])
    province = create_department(actor=None, name="广东省发改委", region=regions["guangdong"])
    other = create_department(actor=None, name="金华市发改委", region=regions["jinhua"])

    serving = set(Department.serving(dinghu_project.zone.region))
    form = ProblemForm(project=dinghu_project)

    assert serving == {city, province}
    assert set(form.fields["owner_department"].queryset) == {city, province}
    services.update_project(dinghu_project, actor=None, department=city)  # accepted
    with translation.override("en"), pytest.raises(ValidationError, match="serve"):
        services.update_project(dinghu_project, actor=None, department=other)
