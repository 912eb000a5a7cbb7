"""Series fixtures: Zhejiang's cities, the national pseudo-region and an observation helper."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from devzone.indicators.catalogue import ensure_catalogue, ensure_indicator
from devzone.indicators.services import Figure, national_region, record_observation

H1_2024 = (dt.date(2024, 1, 1), dt.date(2024, 6, 30))


@pytest.fixture
def catalogue(db):
    ensure_catalogue()


@pytest.fixture
def places(regions, catalogue):
    from devzone.regions.models import Region

    zhejiang = regions["zhejiang"]
    lishui = Region.objects.create(
        code="331100", name="丽水市", level="prefecture", parent=zhejiang
    )
    wenzhou = Region.objects.create(
        code="330300", name="温州市", level="prefecture", parent=zhejiang
    )
    return {**regions, "lishui": lishui, "wenzhou": wenzhou, "china": national_region()}


def observe(subject, key, start, end, *, value=None, yoy=None, unit="", cumulative=False):
    return record_observation(
        subject=subject,
        indicator=ensure_indicator(key),
        start=start,
        end=end,
        figure=Figure(
            value=None if value is None else Decimal(value),
            unit=unit,
            yoy=None if yoy is None else Decimal(yoy),
        ),
        cumulative=cumulative,
        actor=None,
    )
