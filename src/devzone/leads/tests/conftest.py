import datetime as dt

import pytest


@pytest.fixture
def battery_firm(regions):
    from devzone.enterprises.models import Industry
    from devzone.enterprises.services import create_enterprise

    industry = Industry.objects.create(code="C3841", name="锂离子电池制造", level=4)
    return create_enterprise(actor=None, legal_name="惠州亿纬锂能股份有限公司", industry=industry)


@pytest.fixture
def lead_b(zone_b, staff_b, battery_firm):
    from devzone.leads.services import create_lead

    return create_lead(
        actor=staff_b,
        enterprise=battery_firm,
        zone=zone_b,
        next_action="拜访总部",
        next_action_date=dt.date(2030, 1, 1),
        notes="动力电池补链",
    )
