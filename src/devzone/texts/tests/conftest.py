"""Texts fixtures: Lishui, the national pseudo-region, and two reports of the same figure."""

from __future__ import annotations

import pytest

LISHUI_EN = (
    "Lishui posts fast growth\n发布日期:2024-07-20\n"
    "Recent statistics reveal that Lishui City recorded a 6.9% "
    "year-on-year increase in GDP in the first half of 2024.\n"
)
JINYI_A = (
    "发布日期:2022-06-28\nIn 2021, the import and export volume of the Jinyi Pilot FTZ reached "
    "160.86 billion RMB, an increase of 39.9% year on year.\n"
)
JINYI_B = (
    "Jinyi in review\n发布日期:2022-07-02\nIn 2021, the import and export volume of the Jinyi "
    "Pilot FTZ reached 160.86 billion RMB, an increase of 39.9% year on year. Trains ran daily.\n"
)


@pytest.fixture
def lishui(regions):
    from devzone.indicators.catalogue import ensure_catalogue
    from devzone.regions.models import Region

    ensure_catalogue()
    return Region.objects.create(
        code="331100", name="丽水市", level="prefecture", parent=regions["zhejiang"]
    )


@pytest.fixture
def jinyi_ftz(regions):
    from devzone.regions.services import create_zone

    return create_zone(
        actor=None, region=regions["jinhua"], slug="jinyi-ftz", name="金义片区",
        name_en="Jinyi Pilot FTZ", kind="free_trade_zone",
    )  # fmt: skip


@pytest.fixture
def viewer(regions):
    from devzone.accounts.services import create_user

    return create_user("viewer1", "Zone-office-2024!", actor=None, role="viewer",
                       regions=[regions["jinhua"]])  # fmt: skip
