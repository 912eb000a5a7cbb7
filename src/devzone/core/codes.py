"""Identifiers devzone checks before trusting them: credit codes, project codes, GB/T codes.

Codes arrive typed by hand, pasted from PDFs or exported from other systems, often with
full-width characters from a Chinese input method. Each ``validate_*`` function returns the
canonical form (so two spellings of one code compare equal) or raises `CodeError`, whose
``code`` tells the web layer which translated message to show and whose English message says
what is wrong, e.g. which check character was expected.

Pure Python, no Django: importers, the API and the command line share these rules.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import NamedTuple


class CodeErrorCode(StrEnum):
    """Why an identifier was refused; stable strings the web layer maps to translations."""

    EMPTY = "empty"
    LENGTH = "length"
    CHARSET = "charset"
    CHECK_DIGIT = "check_digit"
    SHAPE = "shape"
    UNKNOWN = "unknown"


class CodeError(ValueError):
    """An identifier that is not valid; ``code`` is a `CodeErrorCode`, ``text`` the input."""

    def __init__(self, code: str, text: str, message: str) -> None:
        super().__init__(message)
        self.code = CodeErrorCode(code)
        self.text = text
        self.message = message


_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALF_WIDTH.update({0x3000: ord(" ")})
_HALF_WIDTH.update(dict.fromkeys((0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212), ord("-")))


def _half_width(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected text, not {type(text).__name__}")
    return text.translate(_HALF_WIDTH).strip()


def _require(text: str, cleaned: str, what: str) -> None:
    if not cleaned:
        raise CodeError(CodeErrorCode.EMPTY, text, f"no {what}: the text is empty")


# --- Unified social credit code (统一社会信用代码, GB 32100-2015) ---------------------------

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z: they look like digits
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_LENGTH = 18


class CreditCodeParts(NamedTuple):
    """The fields of a credit code, in order (1 + 1 + 6 + 9 + 1 characters)."""

    registration_authority: str  # 登记管理部门, e.g. 9 = market regulation
    kind: str  # 机构类别, e.g. 1 = enterprise
    region: str  # 登记管理机关行政区划码 (GB/T 2260)
    organisation: str  # 主体标识码 (the old organisation code, with its own check digit)
    check: str  # 校验码


def validate_credit_code(text: str) -> str:
    """The canonical credit code (upper-case, half-width, no spaces), or CodeError.

    The check character catches almost every mistyped or swapped character, which is why a
    code that fails it is refused rather than stored "as entered".
    """
    code = _credit_code_text(text)
    _require(text, code, "credit code")
    if len(code) != CREDIT_CODE_LENGTH:
        problem = f'a credit code has 18 characters; "{text}" has {len(code)}'
        raise CodeError(CodeErrorCode.LENGTH, text, problem)
    _check_credit_charset(code, text)
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        problem = f'the check character (18th) of "{code}" should be "{expected}", not "{code[17]}"'
        raise CodeError(CodeErrorCode.CHECK_DIGIT, text, problem)
    return code


def credit_code_check_char(first17: str) -> str:
    """The 18th character for the first 17: weights 3^i mod 31, check = (31 - sum % 31) % 31."""
    body = _credit_code_text(first17)
    if len(body) != CREDIT_CODE_LENGTH - 1:
        problem = f'need the first 17 characters of a credit code; "{first17}" has {len(body)}'
        raise CodeError(CodeErrorCode.LENGTH, first17, problem)
    _check_credit_charset(body, first17)
    values = (CREDIT_CODE_CHARSET.index(char) for char in body)
    total = sum(value * weight for value, weight in zip(values, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def is_valid_credit_code(text: str) -> bool:
    """True when `validate_credit_code` would accept the text."""
    try:
        validate_credit_code(text)
    except CodeError:
        return False
    return True


def credit_code_parts(code: str) -> CreditCodeParts:
    """Split a (validated) credit code into its fields."""
    code = validate_credit_code(code)
    return CreditCodeParts(code[0], code[1], code[2:8], code[8:17], code[17])


def _credit_code_text(text: str) -> str:
    return "".join(_half_width(text).split()).upper()


def _check_credit_charset(code: str, text: str) -> None:
    for position, char in enumerate(code, start=1):
        if char not in CREDIT_CODE_CHARSET:
            hint = " (I, O, S, V and Z are never used)" if char in "IOSVZ" else ""
            problem = (
                f'character {position} of "{text}" ("{char}") cannot be in a credit code{hint}'
            )
            raise CodeError(CodeErrorCode.CHARSET, text, problem)


# --- National investment project code (全国投资项目在线审批监管平台) -------------------------

PROJECT_CODE_EXAMPLE = "2301-330701-04-01-123456"
LOCAL_PROJECT_NUMBER_MAX_LENGTH = 64
_PROJECT_CODE_RE = re.compile(r"(\d{2})(\d{2})-\d{6}-\d{2}-\d{2}-\d{6}")
# Codes issued before the November 2020 rules (GB/T 40058-2021 since) start with the year,
# e.g. 2020-330327-48-01-167360; newer ones start with year and month (YYMM). A year from
# 2013 to 2020 cannot be a valid YYMM, so the two never collide.
_LEGACY_YEARS = range(2013, 2021)


def validate_project_code(text: str) -> str:
    """The canonical national project code (YYMM-region-NN-NN-serial), or CodeError "shape"."""
    code = _half_width(text)
    _require(text, code, "project code")
    match = _PROJECT_CODE_RE.fullmatch(code)
    if not match:
        problem = f'a national project code looks like {PROJECT_CODE_EXAMPLE}; "{text}" does not'
        raise CodeError(CodeErrorCode.SHAPE, text, problem)
    month = int(match.group(2))
    if not 1 <= month <= 12 and int(code[:4]) not in _LEGACY_YEARS:
        problem = f'"{text}" starts with "{code[:4]}", which is not a year and month (YYMM)'
        raise CodeError(CodeErrorCode.SHAPE, text, problem)
    return code


def is_national_project_code(text: str) -> bool:
    """True for a national project code; False for a local ledger number or anything else."""
    try:
        validate_project_code(text)
    except CodeError:
        return False
    return True


def validate_local_project_number(text: str) -> str:
    """A ledger's own project number: any printable text up to 64 characters, trimmed.

    Many zones number projects their own way ("JK-2023-017", "金开〔2023〕5号"), so the only
    rules are the ones that keep lookups working: not empty, not huge, nothing invisible.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text, not {type(text).__name__}")
    number = text.strip()
    _require(text, number, "project number")
    if len(number) > LOCAL_PROJECT_NUMBER_MAX_LENGTH:
        problem = f"a project number has at most 64 characters; this one has {len(number)}"
        raise CodeError(CodeErrorCode.LENGTH, text, problem)
    for char in number:
        if unicodedata.category(char) in ("Cc", "Cf"):
            problem = (
                f"project number {number!r} contains the invisible character U+{ord(char):04X}"
            )
            raise CodeError(CodeErrorCode.CHARSET, text, problem)
    return number


# --- Industry codes (GB/T 4754-2017) -------------------------------------------------------

INDUSTRY_SECTIONS = {  # section letter → (first division, last division)
    **{"A": (1, 5), "B": (6, 12), "C": (13, 43), "D": (44, 46), "E": (47, 50)},
    **{"F": (51, 52), "G": (53, 60), "H": (61, 62), "I": (63, 65), "J": (66, 69)},
    **{"K": (70, 70), "L": (71, 72), "M": (73, 75), "N": (76, 79), "O": (80, 82)},
    **{"P": (83, 83), "Q": (84, 85), "R": (86, 90), "S": (91, 96), "T": (97, 97)},
}
_INDUSTRY_RE = re.compile(r"(?P<section>[A-Z]?)(?P<digits>\d{2,4})?")


def validate_industry_code(text: str) -> str:
    """The canonical industry code: "C", "C38", "C384" or "C3841", or CodeError.

    Statistics tables often drop the section letter ("3841"); the division decides it, so it
    is added back. A division outside its section ("A38") is refused: it is a typo.
    """
    code = _half_width(text).upper()
    _require(text, code, "industry code")
    match = _INDUSTRY_RE.fullmatch(code)
    if not match or not code:
        problem = f'an industry code is a letter A-T and 2, 3 or 4 digits (C3841); not "{text}"'
        raise CodeError(CodeErrorCode.SHAPE, text, problem)
    digits = match.group("digits") or ""
    section = match.group("section") or _section_of(int(digits[:2]), text)
    _check_section(section, digits, text)
    return section + digits


def industry_code_level(code: str) -> int:
    """1 section (C), 2 division (C38), 3 group (C384), 4 class (C3841)."""
    code = validate_industry_code(code)
    return 1 if len(code) == 1 else len(code) - 1


def industry_parent(code: str) -> str | None:
    """The code one level up: C3841 → C384 → C38 → C → None."""
    code = validate_industry_code(code)
    if len(code) == 1:
        return None
    return code[0] if len(code) == 3 else code[:-1]


def _section_of(division: int, text: str) -> str:
    for section, (first, last) in INDUSTRY_SECTIONS.items():
        if first <= division <= last:
            return section
    problem = f'"{text}": GB/T 4754-2017 has no division {division:02d}'
    raise CodeError(CodeErrorCode.UNKNOWN, text, problem)


def _check_section(section: str, digits: str, text: str) -> None:
    if section not in INDUSTRY_SECTIONS:
        problem = f'"{text}": GB/T 4754-2017 sections run from A to T, there is no {section}'
        raise CodeError(CodeErrorCode.UNKNOWN, text, problem)
    first, last = INDUSTRY_SECTIONS[section]
    if digits and not first <= int(digits[:2]) <= last:
        span = f"{first:02d}-{last:02d}"
        problem = f'"{text}": division {digits[:2]} is not in section {section} ({span})'
        raise CodeError(CodeErrorCode.UNKNOWN, text, problem)


# --- Administrative region codes (GB/T 2260) -----------------------------------------------

REGION_PROVINCE = "province"
REGION_PREFECTURE = "prefecture"
REGION_COUNTY = "county"
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64"}
    | {"65", "71", "81", "82"}
)
_REGION_RE = re.compile(r"\d{2}|\d{4}|\d{6}")


def validate_region_code(text: str) -> str:
    """The six-digit region code; "33" → "330000" and "3307" → "330700" (short forms)."""
    code = _half_width(text)
    _require(text, code, "region code")
    if not _REGION_RE.fullmatch(code):
        problem = f'a region code has 6 digits (or 2 or 4 for short), like 330700; not "{text}"'
        raise CodeError(CodeErrorCode.SHAPE, text, problem)
    code = code.ljust(6, "0")
    if code[:2] not in PROVINCE_CODES:
        problem = f'"{text}": no province has the code {code[:2]}'
        raise CodeError(CodeErrorCode.UNKNOWN, text, problem)
    if code[2:4] == "00" and code[4:] != "00":
        problem = f'"{text}": a county code needs its prefecture (digits 3-4 are 00)'
        raise CodeError(CodeErrorCode.SHAPE, text, problem)
    return code


def region_level(code: str) -> str:
    """ "province" (330000), "prefecture" (330700) or "county" (330702)."""
    code = validate_region_code(code)
    if code[2:] == "0000":
        return REGION_PROVINCE
    return REGION_PREFECTURE if code[4:] == "00" else REGION_COUNTY


def region_parent(code: str) -> str | None:
    """The region one level up: 330702 → 330700 → 330000 → None."""
    level = region_level(code)
    code = validate_region_code(code)
    if level == REGION_PROVINCE:
        return None
    return code[:2] + "0000" if level == REGION_PREFECTURE else code[:4] + "00"


# --- Currencies (ISO 4217) --------------------------------------------------------------------

# Active ISO 4217 codes (2025), without the fund, metal and test codes no investment is made in.
# Foreign capital is recorded in its own currency; a code outside this list is a typo.
CURRENCY_CODES = frozenset(
    (
        "AED",
        "AFN",
        "ALL",
        "AMD",
        "AOA",
        "ARS",
        "AUD",
        "AWG",
        "AZN",
        "BAM",
        "BBD",
        "BDT",
        "BGN",
        "BHD",
        "BIF",
        "BMD",
        "BND",
        "BOB",
        "BRL",
        "BSD",
        "BTN",
        "BWP",
        "BYN",
        "BZD",
        "CAD",
        "CDF",
        "CHF",
        "CLP",
        "CNY",
        "COP",
        "CRC",
        "CUP",
        "CVE",
        "CZK",
        "DJF",
        "DKK",
        "DOP",
        "DZD",
        "EGP",
        "ERN",
        "ETB",
        "EUR",
        "FJD",
        "FKP",
        "GBP",
        "GEL",
        "GHS",
        "GIP",
        "GMD",
        "GNF",
        "GTQ",
        "GYD",
        "HKD",
        "HNL",
        "HTG",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "IQD",
        "IRR",
        "ISK",
        "JMD",
        "JOD",
        "JPY",
        "KES",
        "KGS",
        "KHR",
        "KMF",
        "KPW",
        "KRW",
        "KWD",
        "KYD",
        "KZT",
        "LAK",
        "LBP",
        "LKR",
        "LRD",
        "LSL",
        "LYD",
        "MAD",
        "MDL",
        "MGA",
        "MKD",
        "MMK",
        "MNT",
        "MOP",
        "MRU",
        "MUR",
        "MVR",
        "MWK",
        "MXN",
        "MYR",
        "MZN",
        "NAD",
        "NGN",
        "NIO",
        "NOK",
        "NPR",
        "NZD",
        "OMR",
        "PAB",
        "PEN",
        "PGK",
        "PHP",
        "PKR",
        "PLN",
        "PYG",
        "QAR",
        "RON",
        "RSD",
        "RUB",
        "RWF",
        "SAR",
        "SBD",
        "SCR",
        "SDG",
        "SEK",
        "SGD",
        "SHP",
        "SLE",
        "SOS",
        "SRD",
        "SSP",
        "STN",
        "SVC",
        "SYP",
        "SZL",
        "THB",
        "TJS",
        "TMT",
        "TND",
        "TOP",
        "TRY",
        "TTD",
        "TWD",
        "TZS",
        "UAH",
        "UGX",
        "USD",
        "UYU",
        "UZS",
        "VES",
        "VND",
        "VUV",
        "WST",
        "XAF",
        "XCD",
        "XCG",
        "XOF",
        "XPF",
        "YER",
        "ZAR",
        "ZMW",
        "ZWG",
    )
)
# The names a ledger uses for the currencies foreign capital usually comes in.
CURRENCY_NAMES = {
    "美元": "USD",
    "人民币": "CNY",
    "欧元": "EUR",
    "港元": "HKD",
    "港币": "HKD",
    "日元": "JPY",
    "英镑": "GBP",
    "韩元": "KRW",
    "新加坡元": "SGD",
    "新台币": "TWD",
    "台币": "TWD",
    "澳元": "AUD",
    "加元": "CAD",
    "瑞士法郎": "CHF",
    "澳门元": "MOP",
}


def validate_currency_code(text: str) -> str:
    """The ISO 4217 code of a currency given by code ("usd", "ＵＳＤ") or Chinese name ("美元")."""
    cleaned = _half_width(text)
    _require(text, cleaned, "currency")
    code = CURRENCY_NAMES.get(cleaned, cleaned.upper())
    if not re.fullmatch(r"[A-Z]{3}", code):
        problem = f'a currency is a three-letter ISO 4217 code such as USD; not "{text}"'
        raise CodeError(CodeErrorCode.SHAPE, text, problem)
    if code not in CURRENCY_CODES:
        raise CodeError(CodeErrorCode.UNKNOWN, text, f'"{text}" is not an ISO 4217 currency code')
    return code
