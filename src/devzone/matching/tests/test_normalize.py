"""normalize(): differences of writing go away, words stay."""

from __future__ import annotations

import pytest

from devzone.matching import normalize


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("宁德时代新能源科技股份有限公司", "宁德时代新能源科技股份有限公司"),
        ("寧德時代新能源科技股份有限公司", "宁德时代新能源科技股份有限公司"),  # traditional
        ("ＡＢＣ（金华）有限公司", "abc(金华)有限公司"),  # full-width letters and brackets
        ("华为技术【深圳】有限公司", "华为技术(深圳)有限公司"),  # other bracket styles
        ("中 国·石 化", "中国石化"),  # spaces and middle dots between Chinese characters
        ("Contemporary Amperex Technology Co., Ltd.", "contemporary amperex technology co ltd"),
        ("A.O. Smith (China) Water Heater", "a o smith (china) water heater"),
        ("*ST 上普", "*st上普"),  # listing marks are words; normalize keeps them
    ],
)
def test_normalize_removes_differences_of_writing_only(typed: str, expected: str) -> None:
    assert normalize(typed) == expected


def test_normalize_is_idempotent() -> None:
    once = normalize("寧德時代（福建）Ｃｏ．，Ｌｔｄ．")
    assert normalize(once) == once
