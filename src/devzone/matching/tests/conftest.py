"""A small hand-made registry shared by the matching tests (no shared data needed)."""

from __future__ import annotations

import pytest

from devzone.matching import EnterpriseRecord, NameIndex

REGISTRY = (
    EnterpriseRecord(
        "catl",
        "宁德时代新能源科技股份有限公司",
        ("CATL", "Contemporary Amperex Technology Co., Limited"),
    ),
    EnterpriseRecord("shaoyang", "邵阳维克液压股份有限公司", region_code="430500"),
    EnterpriseRecord("hengli", "江苏恒立液压股份有限公司"),
    EnterpriseRecord("hualian", "湖南华联瓷业股份有限公司"),
    EnterpriseRecord("sumavision", "北京数码视讯科技股份有限公司"),
    EnterpriseRecord("tiandi", "杭州天地数码科技股份有限公司"),
    EnterpriseRecord("spdb", "上海浦东发展银行股份有限公司"),
    EnterpriseRecord("shnsh", "上海农村商业银行股份有限公司"),
    EnterpriseRecord("cqnsh", "重庆农村商业银行股份有限公司"),
    EnterpriseRecord("changshu", "常熟开关制造有限公司（原常熟开关厂）"),
    EnterpriseRecord("geely-jh", "浙江吉利控股集团有限公司金华分公司"),
    EnterpriseRecord("geely", "浙江吉利控股集团有限公司"),
    EnterpriseRecord("jinhua-a", "金华市金帆贸易有限公司", region_code="330700"),
    EnterpriseRecord("lishui-a", "丽水市金帆贸易有限公司", region_code="331100"),
)


@pytest.fixture
def index() -> NameIndex:
    """A fresh index over the hand-made registry (fresh: some tests add aliases)."""
    return NameIndex(REGISTRY)
