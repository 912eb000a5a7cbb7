"""The synonym table is documented, and headers with units are read as documented."""

from __future__ import annotations

from decimal import Decimal

import pytest

from devzone.core.paths import REPO_ROOT
from devzone.dataio.headers import (
    ALL_PROJECT_FIELDS,
    IGNORED_FIELDS,
    PROJECT_TABLE,
    REPORT_FIELDS,
    export_header,
    match_header,
)


def test_every_column_name_is_in_the_import_guide():
    guide = (REPO_ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    for spec in ALL_PROJECT_FIELDS + REPORT_FIELDS + IGNORED_FIELDS:
        if spec.key.startswith("milestone:"):
            assert spec.zh[2:-2] in guide and spec.en.split(" ", 1)[1] in guide
            continue
        for name in spec.synonyms:
            assert name in guide, f"{name} ({spec.key}) is not documented"


@pytest.mark.parametrize(
    ("header", "key", "scale", "currency"),
    [
        ("计划总投资（亿元）", "planned_investment", Decimal(10**8), "CNY"),
        ("总投资(万元)", "planned_investment", Decimal(10**4), "CNY"),
        ("Planned investment (100M yuan)", "planned_investment", Decimal(10**8), "CNY"),
        ("外资（万美元）", "foreign_capital", Decimal(10**4), "USD"),
        ("用地面积（公顷）", "land_mu", Decimal(15), None),
        ("计划开工时间", "milestone:construction_started:planned", Decimal(1), None),
        ("开工日期", "milestone:construction_started:actual", Decimal(1), None),
        ("立项（备案）时间", "milestone:approved:actual", Decimal(1), None),
        ("项目名称（必填）", "name", Decimal(1), None),
    ],
)
def test_headers_and_their_units(header, key, scale, currency):
    match = match_header(header, PROJECT_TABLE)
    assert (match.spec.key, match.unit.scale, match.unit.currency) == (key, scale, currency)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("scale", ["wan", "yi"])
def test_export_headers_read_back(language, scale):
    for spec in ALL_PROJECT_FIELDS:
        assert (
            match_header(export_header(spec, language=language, scale=scale), PROJECT_TABLE).spec
            == spec
        )
