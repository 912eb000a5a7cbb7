"""Identifiers (DESIGN.md §3): credit codes, project codes, industry and region codes."""

from __future__ import annotations

import csv
import random
import subprocess
import sys

import pytest

from devzone.core.codes import (
    CodeError,
    CodeErrorCode,
    CreditCodeParts,
    credit_code_check_char,
    credit_code_parts,
    industry_code_level,
    industry_parent,
    is_national_project_code,
    is_valid_credit_code,
    region_level,
    region_parent,
    validate_credit_code,
    validate_industry_code,
    validate_local_project_number,
    validate_project_code,
    validate_region_code,
)

# --- Unified social credit codes ------------------------------------------------------------

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def reference_check_char(first17: str) -> str:
    """GB 32100-2015 written out plainly, independently of the module under test."""
    total = 0
    for position, char in enumerate(first17):
        weight = 3**position % 31
        total += CHARSET.index(char) * weight
    remainder = 31 - total % 31
    return CHARSET[0 if remainder == 31 else remainder]


def generated_codes(count: int, seed: int = 32100) -> list[str]:
    rng = random.Random(seed)
    codes = []
    for _ in range(count):
        body = "".join(rng.choice(CHARSET) for _ in range(17))
        codes.append(body + reference_check_char(body))
    return codes


STANDARD_EXAMPLE = "91350100M000100Y43"  # GB 32100-2015 worked example


def test_the_reference_implementation_accepts_the_standard_example() -> None:
    assert reference_check_char(STANDARD_EXAMPLE[:17]) == STANDARD_EXAMPLE[17]


def test_the_standard_example_is_valid() -> None:
    assert validate_credit_code(STANDARD_EXAMPLE) == STANDARD_EXAMPLE
    assert credit_code_check_char(STANDARD_EXAMPLE[:17]) == "3"


def test_generated_codes_are_valid_and_check_chars_agree() -> None:
    for code in generated_codes(2000):
        assert validate_credit_code(code) == code
        assert credit_code_check_char(code[:17]) == code[17]
        assert is_valid_credit_code(code)


def test_every_single_character_mistake_is_caught() -> None:
    for code in generated_codes(20, seed=7):
        for position in range(18):
            for char in CHARSET.replace(code[position], ""):
                typo = code[:position] + char + code[position + 1 :]
                assert not is_valid_credit_code(typo), typo


def test_every_swap_of_neighbouring_characters_is_caught() -> None:
    for code in generated_codes(200, seed=8):
        for position in range(16):
            if code[position] != code[position + 1]:
                swapped = (
                    code[:position] + code[position + 1] + code[position] + code[position + 2 :]
                )
                assert not is_valid_credit_code(swapped), swapped


@pytest.mark.parametrize(
    "text",
    [
        " 91350100M000100Y43 ",
        "91350100m000100y43",
        "9135 0100 M000 100Y 43",
        "９１３５０１００Ｍ０００１００Ｙ４３",
        "\u300091350100M000100Y43",
    ],
)
def test_credit_codes_are_returned_in_canonical_form(text: str) -> None:
    assert validate_credit_code(text) == STANDARD_EXAMPLE


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("", CodeErrorCode.EMPTY, ["empty"]),
        ("   ", CodeErrorCode.EMPTY, ["empty"]),
        ("91350100M000100Y4", CodeErrorCode.LENGTH, ["18 characters", "17"]),
        ("91350100M000100Y433", CodeErrorCode.LENGTH, ["19"]),
        ("91350100M000100I43", CodeErrorCode.CHARSET, ["character 16", '"I"', "never used"]),
        ("91350100M0001-0Y43", CodeErrorCode.CHARSET, ["character 14", '"-"']),
        ("91350100M000100Y44", CodeErrorCode.CHECK_DIGIT, ['should be "3"', 'not "4"']),
        ("91330700MA28C8X72R", CodeErrorCode.CHECK_DIGIT, ['should be "5"']),
    ],
)
def test_invalid_credit_codes_say_what_is_wrong(text: str, code: str, words: list[str]) -> None:
    with pytest.raises(CodeError) as raised:
        validate_credit_code(text)
    assert raised.value.code == code
    assert raised.value.text == text
    for word in words:
        assert word in str(raised.value)
    assert not is_valid_credit_code(text)


@pytest.mark.parametrize(
    ("first17", "code"),
    [("9135010", CodeErrorCode.LENGTH), ("91350100M000100YO", CodeErrorCode.CHARSET)],
)
def test_check_char_needs_seventeen_valid_characters(first17: str, code: str) -> None:
    with pytest.raises(CodeError) as raised:
        credit_code_check_char(first17)
    assert raised.value.code == code


def test_credit_code_parts() -> None:
    parts = credit_code_parts("91350100m000100y43")
    assert parts == CreditCodeParts("9", "1", "350100", "M000100Y4", "3")
    assert parts.region == "350100"
    assert "".join(parts) == STANDARD_EXAMPLE


def test_credit_code_parts_refuses_invalid_codes() -> None:
    with pytest.raises(CodeError):
        credit_code_parts("91350100M000100Y44")


# --- National investment project codes -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("2301-330701-04-01-123456", "2301-330701-04-01-123456"),
        ("  2301-330701-04-01-123456\t", "2301-330701-04-01-123456"),
        ("２３０１－３３０７０１－０４－０１－１２３４５６", "2301-330701-04-01-123456"),
        ("2301—330701–04‐01-123456", "2301-330701-04-01-123456"),
        ("2412-441200-04-02-000001", "2412-441200-04-02-000001"),
        ("2011-330782-04-01-349375", "2011-330782-04-01-349375"),  # November 2020
        # Issued under the pre-2020 rules, which started with the year.
        ("2020-330327-48-01-167360", "2020-330327-48-01-167360"),
        ("2017-451421-88-03-016343", "2017-451421-88-03-016343"),
    ],
)
def test_national_project_codes(text: str, canonical: str) -> None:
    assert validate_project_code(text) == canonical
    assert is_national_project_code(text)


@pytest.mark.parametrize(
    "text",
    [
        "2313-330701-04-01-123456",  # month 13
        "2300-330701-04-01-123456",  # month 00
        "2021-330701-04-01-123456",  # neither YYMM nor a pre-2020 year
        "2301-33070-04-01-123456",
        "2301-330701-4-01-123456",
        "2301-330701-04-01-12345",
        "23013307010401123456",
        "2301 330701 04 01 123456",
        "2301-330701-04-01-123456-1",
        "2301-33070A-04-01-123456",
        "JK-2023-017",
    ],
)
def test_malformed_project_codes_are_shape_errors(text: str) -> None:
    with pytest.raises(CodeError) as raised:
        validate_project_code(text)
    assert raised.value.code == CodeErrorCode.SHAPE
    assert "2301-330701-04-01-123456" in str(raised.value) or "YYMM" in str(raised.value)
    assert not is_national_project_code(text)


def test_empty_project_code() -> None:
    with pytest.raises(CodeError) as raised:
        validate_project_code(" ")
    assert raised.value.code == CodeErrorCode.EMPTY


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("JK-2023-017", "JK-2023-017"),
        ("  金开〔2023〕5号 ", "金开〔2023〕5号"),
        ("2301-330701-04-01-123456", "2301-330701-04-01-123456"),
        ("x" * 64, "x" * 64),
    ],
)
def test_local_project_numbers(text: str, canonical: str) -> None:
    assert validate_local_project_number(text) == canonical


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", CodeErrorCode.EMPTY),
        ("\t ", CodeErrorCode.EMPTY),
        ("x" * 65, CodeErrorCode.LENGTH),
        ("JK\x00017", CodeErrorCode.CHARSET),
        ("JK\n017", CodeErrorCode.CHARSET),
        ("JK\u200b017", CodeErrorCode.CHARSET),
    ],
)
def test_invalid_local_project_numbers(text: str, code: str) -> None:
    with pytest.raises(CodeError) as raised:
        validate_local_project_number(text)
    assert raised.value.code == code


# --- Industry codes (GB/T 4754-2017) --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical", "level", "parent"),
    [
        ("C", "C", 1, None),
        ("C38", "C38", 2, "C"),
        ("C384", "C384", 3, "C38"),
        ("C3841", "C3841", 4, "C384"),
        ("c3841", "C3841", 4, "C384"),
        (" Ｃ３８４１ ", "C3841", 4, "C384"),
        ("3841", "C3841", 4, "C384"),  # section letter left out: the division decides it
        ("01", "A01", 2, "A"),
        ("A0111", "A0111", 4, "A011"),
        ("K70", "K70", 2, "K"),
        ("T97", "T97", 2, "T"),
        ("t", "T", 1, None),
    ],
)
def test_industry_codes(text: str, canonical: str, level: int, parent: str | None) -> None:
    assert validate_industry_code(text) == canonical
    assert industry_code_level(text) == level
    assert industry_parent(text) == parent


def test_industry_parents_climb_to_the_section() -> None:
    chain, code = [], "C3841"
    while code is not None:
        chain.append(code)
        code = industry_parent(code)
    assert chain == ["C3841", "C384", "C38", "C"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", CodeErrorCode.EMPTY),
        ("C1", CodeErrorCode.SHAPE),
        ("C38411", CodeErrorCode.SHAPE),
        ("CC38", CodeErrorCode.SHAPE),
        ("C-38", CodeErrorCode.SHAPE),
        ("38C", CodeErrorCode.SHAPE),
        ("U", CodeErrorCode.UNKNOWN),
        ("Z38", CodeErrorCode.UNKNOWN),
        ("A38", CodeErrorCode.UNKNOWN),
        ("C44", CodeErrorCode.UNKNOWN),
        ("00", CodeErrorCode.UNKNOWN),
        ("98", CodeErrorCode.UNKNOWN),
    ],
)
def test_invalid_industry_codes(text: str, code: str) -> None:
    with pytest.raises(CodeError) as raised:
        validate_industry_code(text)
    assert raised.value.code == code


def test_division_in_the_wrong_section_names_the_right_range() -> None:
    with pytest.raises(CodeError) as raised:
        validate_industry_code("A38")
    assert "01-05" in str(raised.value)


@pytest.mark.shared_data
def test_every_code_in_the_published_classification_validates(shared_data) -> None:  # type: ignore[no-untyped-def]
    path = shared_data / "industries" / "gbt4754_2017.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8") as rows:
        table = list(csv.DictReader(rows))
    assert len(table) == 20 + 97 + 473 + 1381
    for row in table:
        assert validate_industry_code(row["code"]) == row["code"]
        assert industry_code_level(row["code"]) == int(row["level"])
        assert industry_parent(row["code"]) == (row["parent_code"] or None)


# --- Region codes (GB/T 2260) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical", "level", "parent"),
    [
        ("330000", "330000", "province", None),
        ("33", "330000", "province", None),
        ("330700", "330700", "prefecture", "330000"),
        ("3307", "330700", "prefecture", "330000"),
        ("330702", "330702", "county", "330700"),
        ("441200", "441200", "prefecture", "440000"),
        ("331100", "331100", "prefecture", "330000"),
        ("110101", "110101", "county", "110100"),
        ("419001", "419001", "county", "419000"),  # county-level city under the province
        (" ３３０７０２ ", "330702", "county", "330700"),
        ("810000", "810000", "province", None),
    ],
)
def test_region_codes(text: str, canonical: str, level: str, parent: str | None) -> None:
    assert validate_region_code(text) == canonical
    assert region_level(text) == level
    assert region_parent(text) == parent


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", CodeErrorCode.EMPTY),
        ("3", CodeErrorCode.SHAPE),
        ("330", CodeErrorCode.SHAPE),
        ("33070", CodeErrorCode.SHAPE),
        ("3307021", CodeErrorCode.SHAPE),
        ("33070a", CodeErrorCode.SHAPE),
        ("330001", CodeErrorCode.SHAPE),
        ("990000", CodeErrorCode.UNKNOWN),
        ("000000", CodeErrorCode.UNKNOWN),
    ],
)
def test_invalid_region_codes(text: str, code: str) -> None:
    with pytest.raises(CodeError) as raised:
        validate_region_code(text)
    assert raised.value.code == code


def _published_regions(folder):  # type: ignore[no-untyped-def]
    """(code, expected level, expected parent) for every row of the three tables."""
    for name, level, parent_column in (
        ("provinces.csv", "province", None),
        ("cities.csv", "prefecture", "provinceCode"),
        ("areas.csv", "county", "cityCode"),
    ):
        with (folder / name).open(encoding="utf-8") as rows:
            for row in csv.DictReader(rows):
                parent = row[parent_column].ljust(6, "0") if parent_column else None
                yield row["code"], level, parent


@pytest.mark.shared_data
def test_every_published_region_validates_with_its_parent(shared_data) -> None:  # type: ignore[no-untyped-def]
    folder = shared_data / "regions"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    checked = 0
    for text, level, parent in _published_regions(folder):
        code = validate_region_code(text)
        if code == parent:
            # Dongguan, Zhongshan, Danzhou have no counties; the table repeats the city.
            assert region_level(code) == "prefecture"
            continue
        assert (region_level(code), region_parent(code)) == (level, parent)
        checked += 1
    assert checked > 3000


# --- Errors ---------------------------------------------------------------------------------


def test_code_errors_are_value_errors_with_stable_codes() -> None:
    with pytest.raises(ValueError) as raised:
        validate_region_code("99")
    error = raised.value
    assert isinstance(error, CodeError)
    assert error.code == "unknown"
    assert error.text == "99"


def test_validators_accept_only_text() -> None:
    with pytest.raises(TypeError):
        validate_region_code(330700)  # type: ignore[arg-type]


def test_the_module_does_not_need_django() -> None:
    """Importers, the command line and analytics use it without Django settings."""
    probe = "import sys, devzone.core.codes; print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
