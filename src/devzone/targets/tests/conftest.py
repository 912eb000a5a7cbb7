"""A small Zhaoqing ledger whose January–September 2023 figures are the published ones.

Three manufacturing projects signed in 2023 add up to 68.9 bn yuan planned; their reports of
January–September add up to 31.66 bn yuan. Projects signed outside the window, an
infrastructure project and an October report show that the queries leave them out.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from devzone.projects import services as projects
from devzone.regions.services import create_zone

YI = Decimal(10) ** 8
AS_OF = dt.date(2023, 9, 30)


def _project(zone, name, yi, signed_on, *, kind="manufacturing", **milestones):
    dates = {"signed": {"actual_date": signed_on}} if signed_on else {}
    dates.update(milestones)
    return projects.create_project(
        actor=None,
        zone=zone,
        name=name,
        planned_investment=Decimal(yi) * YI,
        kind=kind,
        milestones=dates,
    )


def _report(project, month, yi):
    projects.submit_investment_report(project, month, Decimal(yi) * YI, actor=None)


@pytest.fixture
def zq_zones(regions):
    zhaoqing = regions["zhaoqing"]
    return {
        "hitech": create_zone(
            actor=None, region=zhaoqing, slug="t-zq-hitech", name="肇庆高新区(测)",
            kind="high_tech_zone",
        ),
        "dinghu": create_zone(
            actor=None, region=zhaoqing, slug="t-zq-dinghu", name="鼎湖区园区(测)", kind="park"
        ),
        "sihui": create_zone(
            actor=None, region=zhaoqing, slug="t-zq-sihui", name="四会园区(测)", kind="park"
        ),
    }  # fmt: skip


@pytest.fixture
def zq_ledger(zq_zones):
    """68.9 bn yuan planned (signed Jan–Sep 2023) and 31.66 bn reported Jan–Sep 2023."""
    hitech, dinghu, sihui = zq_zones["hitech"], zq_zones["dinghu"], zq_zones["sihui"]
    battery = _project(
        hitech,
        "储能电池基地",
        "300",
        dt.date(2023, 2, 10),
        construction_started={"actual_date": dt.date(2023, 3, 1)},
    )
    parts = _project(
        dinghu,
        "汽车零部件产业园",
        "250",
        dt.date(2023, 5, 20),
        construction_started={"actual_date": dt.date(2023, 7, 1)},
    )
    chemicals = _project(sihui, "精细化工新材料", "139", dt.date(2023, 9, 30))
    older = _project(
        hitech,
        "电子元器件扩产",
        "40",
        dt.date(2022, 6, 1),
        construction_started={"actual_date": dt.date(2022, 9, 1)},
    )
    _project(hitech, "园区道路", "20", dt.date(2023, 4, 1), kind="infrastructure")
    _project(dinghu, "十月签约项目", "10", None, signed={"planned_date": dt.date(2023, 11, 1)})
    # 31.66 bn in January–September 2023: 9 × 13.5 + 7 × 12 + 111.1 = 316.6 亿
    for month in range(1, 10):
        _report(older, dt.date(2023, month, 1), "13.5")
    for month in range(3, 10):
        _report(battery, dt.date(2023, month, 1), "12")
    _report(parts, dt.date(2023, 7, 1), "111.1")
    _report(battery, dt.date(2023, 10, 1), "50")  # after the as-of day
    _report(older, dt.date(2022, 12, 1), "5")  # last year
    return {"battery": battery, "parts": parts, "chemicals": chemicals, "older": older}


@pytest.fixture(autouse=True)
def _static_root_may_be_missing():
    """WhiteNoise warns when STATIC_ROOT was never collected; tests serve through the finders."""
    import warnings

    warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)


@pytest.fixture
def zq_plan(zq_ledger):
    from devzone.targets.demo import load_demo_targets

    return load_demo_targets()


@pytest.fixture
def staff_dinghu(zq_zones):
    from devzone.accounts.services import create_user

    return create_user(
        "dinghu_staff", "Zone-office-2024!", actor=None, role="staff", zones=[zq_zones["dinghu"]]
    )


@pytest.fixture
def leader_zhaoqing(regions):
    from devzone.accounts.services import create_user

    return create_user(
        "leader_zq", "Zone-office-2024!", actor=None, role="leader", regions=[regions["zhaoqing"]]
    )
