"""Registry fixtures: files written in a temporary folder, valid credit codes, a small registry."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import PASSWORD

CATL = "宁德时代新能源科技股份有限公司"


def credit_code(body: str) -> str:
    """A valid credit code: 17 characters plus the check character they call for."""
    from devzone.core.codes import credit_code_check_char

    return body + credit_code_check_char(body)


def write_csv(path: Path, rows: list[list[object]], *, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture(autouse=True)
def _fresh_matcher():
    """Each test sees the index of its own registry, not one cached by an earlier test."""
    from devzone.enterprises.matching import forget_matcher

    forget_matcher()
    yield
    forget_matcher()


@pytest.fixture
def industries(db):
    from devzone.enterprises.reference import load_industries

    load_industries()


@pytest.fixture
def registry(regions):
    """A few enterprises, two of them sharing the trade name 宁德时代."""
    from devzone.enterprises.services import create_enterprise

    names = [
        (CATL, "宁德时代"),
        ("宁德时代润智软件科技有限公司", ""),
        ("比亚迪股份有限公司", "比亚迪"),
        ("浙江零跑科技股份有限公司", "零跑汽车"),
        ("广东鸿图科技股份有限公司", ""),
        ("肇庆小鹏新能源投资有限公司", ""),
    ]
    return {
        legal: create_enterprise(actor=None, legal_name=legal, short_name=short)
        for legal, short in names
    }


@pytest.fixture
def viewer(db):
    from devzone.accounts.services import create_user

    return create_user("viewer1", PASSWORD, actor=None, role="viewer")
