from __future__ import annotations

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, the source language."""
    with translation.override("en"):
        yield


@pytest.fixture
def catl(db):
    from devzone.enterprises.services import add_alias, create_enterprise

    enterprise = create_enterprise(actor=None, legal_name="宁德时代新能源科技股份有限公司")
    add_alias(enterprise, "宁德时代", actor=None)
    return enterprise


@pytest.fixture
def zh_ledger(tmp_path, zone_a, department_a, catl):
    from devzone.dataio.tests.ledgers import write_zh_ledger

    return write_zh_ledger(tmp_path / "台账.xlsx", zone_a.name)
