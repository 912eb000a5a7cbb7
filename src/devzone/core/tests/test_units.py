"""Units and numbers (DESIGN.md §2): every figure is read and written exactly, or refused."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from decimal import Decimal, localcontext

import pytest

from devzone.core.units import (
    KIND_AREA,
    KIND_MONEY,
    KIND_NUMBER,
    KIND_POINTS,
    KIND_RATE,
    QUALIFIER_ABOUT,
    QUALIFIER_AT_LEAST,
    QUALIFIER_LESS_THAN,
    QUALIFIER_MORE_THAN,
    QUALIFIER_NEARLY,
    SCALE_WAN,
    SCALE_YI,
    Quantity,
    UnitError,
    UnitErrorCode,
    format_area,
    format_money,
    format_points,
    format_rate,
    growth_rate,
    parse_amount,
    parse_area,
    parse_money,
    parse_rate,
    points_difference,
    to_mu,
    to_square_metres,
)

D = Decimal


def money(value: str, currency: str = "CNY", qualifier: str | None = None) -> Quantity:
    return Quantity(D(value), currency, KIND_MONEY, qualifier)


# --- Money --------------------------------------------------------------------------------

MONEY_CASES = [
    ("19.545亿元", "1954500000", "CNY"),
    ("1.9545 bn RMB", "1954500000", "CNY"),
    # The brief listed "19.545 bn RMB" as 1954500000, but 19.545 bn is 19.545 × 10^9.
    ("19.545 bn RMB", "19545000000", "CNY"),
    ("68.9 billion yuan", "68900000000", "CNY"),
    ("5千万元", "50000000", "CNY"),
    ("五千万元", "50000000", "CNY"),
    ("五千万", "50000000", "CNY"),
    ("132 million US dollars", "132000000", "USD"),
    ("100000万美元", "1000000000", "USD"),
    ("16.4亿", "1640000000", "CNY"),
    ("1,954,500,000元", "1954500000", "CNY"),
    ("￥1,200万", "12000000", "CNY"),
    ("¥1,200万", "12000000", "CNY"),
    ("RMB 2 billion", "2000000000", "CNY"),
    ("2 bn RMB", "2000000000", "CNY"),
    ("3.5万亿元", "3500000000000", "CNY"),
    ("人民币3亿元", "300000000", "CNY"),
    ("3亿元人民币", "300000000", "CNY"),
    ("10 billion RMB", "10000000000", "CNY"),
    ("2 billion RMB", "2000000000", "CNY"),
    ("150 million RMB", "150000000", "CNY"),
    ("HK$5亿", "500000000", "HKD"),
    ("5亿港元", "500000000", "HKD"),
    ("€3 million", "3000000", "EUR"),
    ("300万欧元", "3000000", "EUR"),
    ("US$1.32 billion", "1320000000", "USD"),
    ("1.32亿美元", "132000000", "USD"),
    ("$132 million", "132000000", "USD"),
    ("5亿英镑", "500000000", "GBP"),
    ("20亿日元", "2000000000", "JPY"),
    ("5 hundred million yuan", "500000000", "CNY"),
    ("5m", "5000000", "CNY"),
    ("2bn", "2000000000", "CNY"),
    ("800元", "800", "CNY"),
    ("0.5亿元", "50000000", "CNY"),
    ("百亿元", "10000000000", "CNY"),
    ("1亿2000万元", "120000000", "CNY"),
    ("-5亿元", "-500000000", "CNY"),
    ("+5亿元", "500000000", "CNY"),
    ("人民币 3 亿 元", "300000000", "CNY"),
]


@pytest.mark.parametrize(("text", "value", "currency"), MONEY_CASES)
def test_money_is_read_exactly(text: str, value: str, currency: str) -> None:
    assert parse_money(text) == money(value, currency)


def test_sixteen_point_four_yi_has_no_float_artefact() -> None:
    quantity = parse_money("16.4亿")
    assert quantity.value == D("1640000000")
    assert isinstance(quantity.value, Decimal)
    assert str(quantity.value) == "1640000000"


def test_parsing_does_not_depend_on_the_global_decimal_context() -> None:
    with localcontext() as context:
        context.prec = 3
        assert parse_money("19.545亿元").value == D("1954500000")


def test_a_bare_number_is_money_in_the_default_currency() -> None:
    assert parse_money("5000", default_currency="USD") == money("5000", "USD")
    assert parse_amount("5000") == Quantity(D(5000), None, KIND_NUMBER, None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5000", "50000000"),  # a 万元 column: 5000 means 5000万元
        ("五千", "50000000"),
        ("¥1,200", "12000000"),  # a currency sign is formatting, not a unit word
        ("约3.5", "35000"),
        ("16.4亿", "1640000000"),  # states its own magnitude
        ("5000万", "50000000"),
        ("5000元", "5000"),  # states its own unit
        ("2 million", "2000000"),
    ],
)
def test_default_scale_applies_only_to_cells_without_magnitude_or_unit(
    text: str, value: str
) -> None:
    assert parse_money(text, default_scale=SCALE_WAN).value == D(value)


def test_default_scale_keeps_the_qualifier() -> None:
    assert parse_money("约3.5", default_scale=SCALE_YI) == money("350000000", qualifier="about")


def test_default_currency_must_be_a_currency_code() -> None:
    with pytest.raises(UnitError) as raised:
        parse_money("5", default_currency="yuan")
    assert raised.value.code == UnitErrorCode.UNSUPPORTED


# --- Chinese numerals and full-width digits -------------------------------------------------

NUMERAL_CASES = [
    ("十二", "12"),
    ("十", "10"),
    ("二十五", "25"),
    ("一百零五", "105"),
    ("一千零一十", "1010"),
    ("两千三百万", "23000000"),
    ("三点五亿", "350000000"),
    ("三点一四", "3.14"),
    ("十二点五万", "125000"),
    ("三点五千万", "35000000"),
    ("壹佰贰拾叁", "123"),
    ("贰拾", "20"),
    ("仟", "1000"),
    ("一亿零五百万", "105000000"),
    ("一万二千亿", "1200000000000"),
    ("一万亿零五亿", "1000500000000"),
    ("两万亿", "2000000000000"),
    ("十万", "100000"),
    ("零", "0"),
    ("〇", "0"),
    ("二〇二三", "2023"),
    ("一〇五", "105"),
    # Colloquial: a last digit after a unit is one place lower.
    ("一百五", "150"),
    ("两万五", "25000"),
    ("三千二", "3200"),
    ("一亿五", "150000000"),
    ("１２３", "123"),
    ("１，２００万", "12000000"),
    ("１９．５４５亿", "1954500000"),
]


@pytest.mark.parametrize(("text", "value"), NUMERAL_CASES)
def test_chinese_numerals_and_full_width_digits(text: str, value: str) -> None:
    assert parse_amount(text) == Quantity(D(value), None, KIND_NUMBER, None)


_DIGITS = "零一二三四五六七八九"


def _chinese_section(n: int) -> str:
    """Reference spelling of 0 < n < 10000, written independently of the parser."""
    out, zero_pending = "", False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            zero_pending = zero_pending or bool(out)
            continue
        out += ("零" if zero_pending else "") + _DIGITS[digit] + unit
        zero_pending = False
    return out


def _chinese(n: int) -> str:
    if n == 0:
        return "零"
    out = ""
    for group, unit in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if group == 0:
            continue
        needs_zero = out and (group < 1000 or not out.endswith(("亿", "万")) or _skipped(n, unit))
        out += ("零" if needs_zero else "") + _chinese_section(group) + unit
    return out[1:] if out.startswith("一十") else out


def _skipped(n: int, unit: str) -> bool:
    """True when the 万 group between 亿 and this group is empty ("一亿零五" needs its 零)."""
    return unit == "" and n >= 10**8 and n // 10**4 % 10**4 == 0


def test_reference_spelling_is_right() -> None:
    assert _chinese(105) == "一百零五"
    assert _chinese(1010) == "一千零一十"
    assert _chinese(12) == "十二"
    assert _chinese(105000000) == "一亿零五百万"
    assert _chinese(100000005) == "一亿零五"
    assert _chinese(23000000) == "二千三百万"


def test_every_chinese_numeral_reads_back_as_its_integer() -> None:
    rng = random.Random(2260)
    numbers = [*range(0, 3000), *(rng.randrange(0, 10**12) for _ in range(3000))]
    numbers += [10**4, 10**8, 10**8 + 5, 10**8 + 10**4, 10**11 + 1]
    for n in numbers:
        assert parse_amount(_chinese(n)).value == n, _chinese(n)


# --- Qualifiers -----------------------------------------------------------------------------

QUALIFIER_CASES = [
    ("超过500亿元", KIND_MONEY, "50000000000", QUALIFIER_MORE_THAN),
    ("逾500亿元", KIND_MONEY, "50000000000", QUALIFIER_MORE_THAN),
    ("500亿元以上", KIND_MONEY, "50000000000", QUALIFIER_MORE_THAN),
    ("over 20 bn RMB", KIND_MONEY, "20000000000", QUALIFIER_MORE_THAN),
    ("more than 3,000", KIND_NUMBER, "3000", QUALIFIER_MORE_THAN),
    ("exceeding 5 billion yuan", KIND_MONEY, "5000000000", QUALIFIER_MORE_THAN),
    ("above 5%", KIND_RATE, "5", QUALIFIER_MORE_THAN),
    ("500余亩", KIND_AREA, "500", QUALIFIER_MORE_THAN),
    ("30多亿元", KIND_MONEY, "3000000000", QUALIFIER_MORE_THAN),
    ("近500人", KIND_NUMBER, "500", QUALIFIER_NEARLY),
    ("近500", KIND_NUMBER, "500", QUALIFIER_NEARLY),
    ("将近2万亩", KIND_AREA, "20000", QUALIFIER_NEARLY),
    ("接近10亿元", KIND_MONEY, "1000000000", QUALIFIER_NEARLY),
    ("nearly 20,000", KIND_NUMBER, "20000", QUALIFIER_NEARLY),
    ("almost 5 million", KIND_NUMBER, "5000000", QUALIFIER_NEARLY),
    ("close to 10 billion yuan", KIND_MONEY, "10000000000", QUALIFIER_NEARLY),
    ("约5亿元", KIND_MONEY, "500000000", QUALIFIER_ABOUT),
    ("大约5亿元", KIND_MONEY, "500000000", QUALIFIER_ABOUT),
    ("约合人民币5亿元", KIND_MONEY, "500000000", QUALIFIER_ABOUT),
    ("1亿元左右", KIND_MONEY, "100000000", QUALIFIER_ABOUT),
    ("about 300 mu", KIND_AREA, "300", QUALIFIER_ABOUT),
    ("around 5%", KIND_RATE, "5", QUALIFIER_ABOUT),
    ("approximately 2 billion yuan", KIND_MONEY, "2000000000", QUALIFIER_ABOUT),
    ("some 500 enterprises", KIND_NUMBER, "500", QUALIFIER_ABOUT),
    ("不到15%", KIND_RATE, "15", QUALIFIER_LESS_THAN),
    ("不足1亿元", KIND_MONEY, "100000000", QUALIFIER_LESS_THAN),
    ("少于50家", KIND_NUMBER, "50", QUALIFIER_LESS_THAN),
    ("less than 1%", KIND_RATE, "1", QUALIFIER_LESS_THAN),
    ("under 500 mu", KIND_AREA, "500", QUALIFIER_LESS_THAN),
    ("fewer than 50 companies", KIND_NUMBER, "50", QUALIFIER_LESS_THAN),
    ("至少5亿元", KIND_MONEY, "500000000", QUALIFIER_AT_LEAST),
    ("不低于8%", KIND_RATE, "8", QUALIFIER_AT_LEAST),
    ("at least 5,000 jobs", KIND_NUMBER, "5000", QUALIFIER_AT_LEAST),
    ("500 or more", KIND_NUMBER, "500", QUALIFIER_AT_LEAST),
    ("约500亿元左右", KIND_MONEY, "50000000000", QUALIFIER_ABOUT),  # redundant, not contradictory
]


@pytest.mark.parametrize(("text", "kind", "value", "qualifier"), QUALIFIER_CASES)
def test_qualifiers_are_kept_beside_the_number(
    text: str, kind: str, value: str, qualifier: str
) -> None:
    quantity = parse_amount(text)
    assert (quantity.kind, quantity.value, quantity.qualifier) == (kind, D(value), qualifier)


@pytest.mark.parametrize("text", ["5亿元", "5,000", "154%", "120亩"])
def test_an_exact_figure_has_no_qualifier(text: str) -> None:
    assert parse_amount(text).qualifier is None


# --- Area -----------------------------------------------------------------------------------

AREA_CASES = [
    ("120亩", "120", "mu"),
    ("8,800 acres", "8800", "mu"),
    ("13,000 acres", "13000", "mu"),
    ("10,000 acres", "10000", "mu"),
    ("1 acre", "1", "mu"),
    ("120 mu", "120", "mu"),
    ("1.2万亩", "12000", "mu"),
    ("5亿亩", "500000000", "mu"),
    ("50公顷", "500000", "m2"),
    ("50 hectares", "500000", "m2"),
    ("5 ha", "50000", "m2"),
    ("992 square kilometers", "992000000", "m2"),
    ("992 square kilometres", "992000000", "m2"),
    ("992平方公里", "992000000", "m2"),
    ("992平方千米", "992000000", "m2"),
    ("992 km²", "992000000", "m2"),
    ("992 km2", "992000000", "m2"),
    ("400 square meters", "400", "m2"),
    ("400平方米", "400", "m2"),
    ("400 m²", "400", "m2"),
    ("400㎡", "400", "m2"),
    ("400 sq m", "400", "m2"),
    ("10万平方米", "100000", "m2"),
]


@pytest.mark.parametrize(("text", "value", "unit"), AREA_CASES)
def test_area_keeps_mu_and_turns_the_rest_into_square_metres(
    text: str, value: str, unit: str
) -> None:
    assert parse_area(text) == Quantity(D(value), unit, KIND_AREA, None)


def test_area_conversions_are_exact() -> None:
    assert to_mu(parse_area("50公顷")) == D(750)
    assert to_mu(parse_area("1平方公里")) == D(1500)
    assert to_mu(parse_area("120亩")) == D(120)
    assert to_square_metres(parse_area("120亩")) == D(80000)
    assert to_square_metres(parse_area("3亩")) == D(2000)
    assert to_square_metres(parse_area("50公顷")) == D(500000)


def test_one_mu_is_ten_thousand_fifteenths_of_a_square_metre() -> None:
    square_metres = to_square_metres(parse_area("1亩"))
    assert square_metres.quantize(D("0.01")) == D("666.67")
    assert square_metres * 15 == pytest.approx(D(10000))
    assert to_mu(Quantity(square_metres, "m2", KIND_AREA, None)).quantize(D("1E-20")) == 1


def test_a_bare_number_is_an_area_when_the_column_names_the_unit() -> None:
    assert parse_area("120", default_unit="亩") == Quantity(D(120), "mu", KIND_AREA, None)
    assert parse_area("约50", default_unit="公顷") == Quantity(
        D(500000), "m2", KIND_AREA, QUALIFIER_ABOUT
    )
    assert parse_area("400", default_unit="m²").value == D(400)


def test_default_unit_must_be_an_area_unit() -> None:
    with pytest.raises(UnitError) as raised:
        parse_area("120", default_unit="元")
    assert raised.value.code == UnitErrorCode.UNSUPPORTED


# --- Rates and percentage points --------------------------------------------------------------

RATE_CASES = [
    ("154%", KIND_RATE, "154", None, None),
    ("+154%", KIND_RATE, "154", 1, None),
    ("-3.2%", KIND_RATE, "3.2", -1, None),
    ("同比增长44.6%", KIND_RATE, "44.6", 1, None),
    ("增长44.6%", KIND_RATE, "44.6", 1, None),
    ("同比增5.2%", KIND_RATE, "5.2", 1, None),
    ("下降3.2%", KIND_RATE, "3.2", -1, None),
    ("比上年下降3.2%", KIND_RATE, "3.2", -1, None),
    ("增长-3.2%", KIND_RATE, "3.2", -1, None),  # bulletins write a fall as negative growth
    ("增长8%以上", KIND_RATE, "8", 1, QUALIFIER_MORE_THAN),
    ("同比增长超过5%", KIND_RATE, "5", 1, QUALIFIER_MORE_THAN),
    ("a year-on-year increase of 154%", KIND_RATE, "154", 1, None),
    ("an increase of 632.7%", KIND_RATE, "632.7", 1, None),
    ("up 39.9%", KIND_RATE, "39.9", 1, None),
    ("up 39.9% year-on-year", KIND_RATE, "39.9", 1, None),
    ("down by 3%", KIND_RATE, "3", -1, None),
    ("a decline of 2.1%", KIND_RATE, "2.1", -1, None),
    ("growth of about 8%", KIND_RATE, "8", 1, QUALIFIER_ABOUT),
    ("不到15%", KIND_RATE, "15", None, QUALIFIER_LESS_THAN),
    ("百分之十五", KIND_RATE, "15", None, None),
    ("15 percent", KIND_RATE, "15", None, None),
    ("１２．５％", KIND_RATE, "12.5", None, None),
    ("1.9个百分点", KIND_POINTS, "1.9", None, None),
    ("1.9百分点", KIND_POINTS, "1.9", None, None),
    ("1.9 percentage points", KIND_POINTS, "1.9", None, None),
    ("1 percentage point", KIND_POINTS, "1", None, None),
    ("提高1.3个百分点", KIND_POINTS, "1.3", 1, None),
    ("比上年同期下降0.5个百分点", KIND_POINTS, "0.5", -1, None),
    ("an increase of 1.9 percentage points", KIND_POINTS, "1.9", 1, None),
]


@pytest.mark.parametrize(("text", "kind", "value", "direction", "qualifier"), RATE_CASES)
def test_rates_and_points_carry_their_direction_separately(
    text: str, kind: str, value: str, direction: int | None, qualifier: str | None
) -> None:
    unit = "percent" if kind == KIND_RATE else "pp"
    assert parse_rate(text) == Quantity(D(value), unit, kind, qualifier, direction)


def test_signed_value_applies_the_direction() -> None:
    assert parse_rate("下降3.2%").signed_value == D("-3.2")
    assert parse_rate("增长3.2%").signed_value == D("3.2")
    assert parse_rate("3.2%").signed_value == D("3.2")


def test_growth_rate_and_points_difference_are_exact() -> None:
    assert growth_rate(D("7.327"), D("1")) == D("632.7")
    assert growth_rate(D("254"), D("100")) == D("154")
    assert growth_rate(D("96.8"), D("100")) == D("-3.2")
    assert growth_rate(D("689"), D("689")) == D("0")
    assert points_difference(D("8.5"), D("6.6")) == D("1.9")
    assert points_difference(D("5"), D("6.9")) == D("-1.9")


def test_growth_rate_that_does_not_terminate_keeps_28_digits() -> None:
    with localcontext() as context:
        context.prec = 5
        assert growth_rate(D(4), D(3)) == D("33.33333333333333333333333333")


@pytest.mark.parametrize(
    ("previous", "code"),
    [(D(0), UnitErrorCode.ZERO_BASE), (D("-5"), UnitErrorCode.NEGATIVE_BASE)],
)
def test_growth_rate_needs_a_positive_base(previous: Decimal, code: str) -> None:
    with pytest.raises(UnitError) as raised:
        growth_rate(D(5), previous)
    assert raised.value.code == code


# --- What is refused, and why -----------------------------------------------------------------

ERROR_CASES = [
    ("", UnitErrorCode.EMPTY),
    ("   ", UnitErrorCode.EMPTY),
    ("\u3000", UnitErrorCode.EMPTY),
    ("两三个", UnitErrorCode.AMBIGUOUS),
    ("三四十亿", UnitErrorCode.AMBIGUOUS),
    ("一两亿元", UnitErrorCode.AMBIGUOUS),
    ("5-6亿元", UnitErrorCode.AMBIGUOUS),
    ("5~6亿", UnitErrorCode.AMBIGUOUS),
    ("5～6亿", UnitErrorCode.AMBIGUOUS),
    ("5至6亿元", UnitErrorCode.AMBIGUOUS),
    ("5%-8%", UnitErrorCode.AMBIGUOUS),
    ("2-3个百分点", UnitErrorCode.AMBIGUOUS),
    ("5 to 6 billion yuan", UnitErrorCode.AMBIGUOUS),
    ("between 5 and 6 billion", UnitErrorCode.AMBIGUOUS),
    ("十几亿", UnitErrorCode.AMBIGUOUS),
    ("几十亿元", UnitErrorCode.AMBIGUOUS),
    ("数十亿元", UnitErrorCode.AMBIGUOUS),
    ("上百亿元", UnitErrorCode.AMBIGUOUS),
    ("超过500亿元左右", UnitErrorCode.AMBIGUOUS),
    ("待定", UnitErrorCode.NO_NUMBER),
    ("亿元", UnitErrorCode.NO_NUMBER),
    ("万元", UnitErrorCode.NO_NUMBER),
    ("abc", UnitErrorCode.NO_NUMBER),
    ("约", UnitErrorCode.NO_NUMBER),
    ("12.3.4亿", UnitErrorCode.MALFORMED),
    ("1,23,4", UnitErrorCode.MALFORMED),
    ("3,5 million", UnitErrorCode.MALFORMED),
    ("5.亿", UnitErrorCode.MALFORMED),
    ("1e9", UnitErrorCode.MALFORMED),
    ("1.5E+9元", UnitErrorCode.MALFORMED),
    ("NaN", UnitErrorCode.MALFORMED),
    ("nan亿元", UnitErrorCode.MALFORMED),
    ("Infinity", UnitErrorCode.MALFORMED),
    ("-inf", UnitErrorCode.MALFORMED),
    ("∞", UnitErrorCode.MALFORMED),
    ("5亿元%", UnitErrorCode.MALFORMED),
    ("5亿美元人民币", UnitErrorCode.MALFORMED),
    ("$5亿元", UnitErrorCode.MALFORMED),
    ("百分之5%", UnitErrorCode.MALFORMED),
    ("¥120亩", UnitErrorCode.MALFORMED),
    ("-50亩", UnitErrorCode.MALFORMED),
    ("5000元/平方米", UnitErrorCode.MALFORMED),
    ("增长5亿元", UnitErrorCode.MALFORMED),
    ("5万 million", UnitErrorCode.MALFORMED),
    ("5五", UnitErrorCode.MALFORMED),
    ("三百二千", UnitErrorCode.MALFORMED),
    ("五万三万", UnitErrorCode.MALFORMED),
    ("五亿三亿", UnitErrorCode.MALFORMED),
    ("++5", UnitErrorCode.MALFORMED),
    ("5 zorkmids", UnitErrorCode.UNKNOWN_UNIT),
    ("5吨", UnitErrorCode.UNKNOWN_UNIT),
    ("约五亿吧", UnitErrorCode.UNKNOWN_UNIT),
    ("1.3 points", UnitErrorCode.UNKNOWN_UNIT),
    ("5 m", UnitErrorCode.UNKNOWN_UNIT),  # a lone "m" after a space could be metres
    ("环比增长5%", UnitErrorCode.UNSUPPORTED),
    ("up 5% month-on-month", UnitErrorCode.UNSUPPORTED),
]


@pytest.mark.parametrize(("text", "code"), ERROR_CASES)
def test_unreadable_figures_are_refused_with_a_code(text: str, code: str) -> None:
    with pytest.raises(UnitError) as raised:
        parse_amount(text)
    assert raised.value.code == code
    assert raised.value.text == text
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("5-6亿元", ["range", "5-6"]),
        ("两三个", ["两三", "range"]),
        ("12.3.4亿", ["12.3.4", "decimal point"]),
        ("1,23,4", ["1,23,4", "groups of three"]),
        ("5 zorkmids", ["unknown unit", "zorkmids"]),
        ("1.3 points", ["percentage points"]),
        ("1e9", ["scientific notation"]),
        ("亿元", ["no number", "亿元"]),
        ("5亿元%", ["%"]),
        ("", ["empty"]),
    ],
)
def test_error_messages_name_the_problem(text: str, words: list[str]) -> None:
    with pytest.raises(UnitError) as raised:
        parse_amount(text)
    for word in words:
        assert word in str(raised.value)


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (parse_area, "5亿元"),
        (parse_area, "15%"),
        (parse_area, "120"),  # no unit, and no column default
        (parse_area, "120个"),
        (parse_money, "120亩"),
        (parse_money, "15%"),
        (parse_money, "500人"),  # a count is not money
        (parse_money, "1.9个百分点"),
        (parse_rate, "5亿元"),
        (parse_rate, "120亩"),
        (parse_rate, "15"),
    ],
)
def test_a_figure_of_the_wrong_kind_is_refused(parse, text: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnitError) as raised:
        parse(text)
    assert raised.value.code == UnitErrorCode.WRONG_KIND
    assert text in str(raised.value)


def test_conversions_refuse_what_is_not_an_area() -> None:
    with pytest.raises(UnitError) as raised:
        to_mu(parse_money("5亿元"))
    assert raised.value.code == UnitErrorCode.WRONG_KIND


def test_parsers_accept_only_text() -> None:
    with pytest.raises(TypeError):
        parse_amount(16.4)  # type: ignore[arg-type]


# --- Quantity -------------------------------------------------------------------------------


def test_as_json_writes_the_value_as_a_plain_decimal_string() -> None:
    assert parse_money("19.545亿元").as_json() == {
        "value": "1954500000",
        "unit": "CNY",
        "kind": "money",
        "qualifier": None,
    }
    assert parse_money("0.5元").as_json()["value"] == "0.5"
    assert Quantity(D("1.50"), None, KIND_NUMBER, None).as_json()["value"] == "1.5"
    assert Quantity(D("1E+3"), None, KIND_NUMBER, None).as_json()["value"] == "1000"
    assert Quantity(D("1E-7"), None, KIND_NUMBER, None).as_json()["value"] == "0.0000001"


def test_as_json_includes_direction_only_when_there_is_one() -> None:
    assert parse_rate("下降3.2%").as_json() == {
        "value": "3.2",
        "unit": "percent",
        "kind": "rate",
        "qualifier": None,
        "direction": -1,
    }
    assert "direction" not in parse_rate("3.2%").as_json()
    assert json.loads(json.dumps(parse_area("约120亩").as_json()))["qualifier"] == "about"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((1.5, None, KIND_NUMBER, None), TypeError),
        ((D("NaN"), None, KIND_NUMBER, None), TypeError),
        ((D(1), None, "volume", None), ValueError),
        ((D(1), "yuan", KIND_MONEY, None), ValueError),
        ((D(1), None, KIND_MONEY, None), ValueError),
        ((D(1), "acre", KIND_AREA, None), ValueError),
        ((D(-1), "mu", KIND_AREA, None), ValueError),
        ((D(1), "CNY", KIND_NUMBER, None), ValueError),
        ((D(1), None, KIND_NUMBER, "roughly"), ValueError),
        ((D(1), "percent", KIND_RATE, None, 2), ValueError),
        ((D(1), "CNY", KIND_MONEY, None, 1), ValueError),
    ],
)
def test_quantity_refuses_inconsistent_values(args: tuple[object, ...], error: type) -> None:
    with pytest.raises(error):
        Quantity(*args)  # type: ignore[arg-type]


def test_quantities_compare_by_value_not_by_spelling() -> None:
    assert Quantity(D("1.9545E+9"), "CNY", KIND_MONEY, None) == parse_money("19.545亿元")
    assert str(Quantity(D("1.9545E+9"), "CNY", KIND_MONEY, None).value) == "1954500000"


# --- Formatting -----------------------------------------------------------------------------

FORMAT_CASES = [
    ("1954500000", "CNY", "zh-hans", "19.545亿元"),
    ("50000000", "CNY", "zh-hans", "5000万元"),
    ("800", "CNY", "zh-hans", "800元"),
    ("0", "CNY", "zh-hans", "0元"),
    ("132000000", "USD", "zh-hans", "1.32亿美元"),
    ("500000000", "HKD", "zh-hans", "5亿港元"),
    ("3000000", "EUR", "zh-hans", "300万欧元"),
    ("3500000000000", "CNY", "zh-hans", "3.5万亿元"),
    ("-500000000", "CNY", "zh-hans", "-5亿元"),
    ("1954500000", "CNY", "en", "1.9545 billion yuan"),
    ("68900000000", "CNY", "en", "68.9 billion yuan"),
    ("132000000", "USD", "en", "132 million US dollars"),
    ("3000000", "EUR", "en", "3 million euros"),
    ("3500000000000", "CNY", "en", "3.5 trillion yuan"),
    ("500000", "CNY", "en", "500,000 yuan"),
    ("800", "CNY", "en", "800 yuan"),
    ("1", "USD", "en", "1 US dollar"),
    ("1", "EUR", "en-GB", "1 euro"),
    ("1000000", "USD", "en_US", "1 million US dollars"),
    ("1954500000", "CNY", "zh", "19.545亿元"),
    ("1954500000", "CNY", "zh_Hans", "19.545亿元"),
]


@pytest.mark.parametrize(("value", "currency", "language", "expected"), FORMAT_CASES)
def test_money_is_written_the_way_each_language_writes_it(
    value: str, currency: str, language: str, expected: str
) -> None:
    assert format_money(D(value), currency, language=language) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        ("1954500000", {"places": 2}, "19.55亿元"),  # half up, not half even
        ("1954500000", {"places": 1}, "19.5亿元"),
        ("1950000000", {"places": 2}, "19.5亿元"),  # trailing zeros stripped after rounding
        ("1954500000", {"scale": "wan"}, "195450万元"),
        ("1954500000", {"scale": "yuan"}, "1954500000元"),
        ("50000000", {"scale": "yi"}, "0.5亿元"),
        ("3500000000000", {"scale": "yi"}, "35000亿元"),
        ("1954500000", {"language": "en", "scale": "million"}, "1,954.5 million yuan"),
        ("1954500000", {"language": "en", "scale": "yuan"}, "1,954,500,000 yuan"),
        ("5000", {"language": "en", "scale": "thousand"}, "5 thousand yuan"),
        ("1954500000", {"language": "en", "places": 2}, "1.95 billion yuan"),
        ("1955000000", {"language": "en", "places": 2}, "1.96 billion yuan"),
        # rounding up into the next magnitude names that magnitude
        ("999996000", {"language": "en", "places": 2}, "1 billion yuan"),
        ("99999999", {"places": 2}, "1亿元"),
        ("999996000", {"language": "en", "scale": "million", "places": 2}, "1,000 million yuan"),
    ],
)
def test_scale_and_places_can_be_forced(value: str, kwargs: dict, expected: str) -> None:  # type: ignore[type-arg]
    assert format_money(D(value), **kwargs) == expected


@pytest.mark.parametrize(
    "kwargs",
    [
        {"scale": "billion"},  # an English scale in Chinese
        {"language": "en", "scale": "yi"},
        {"language": "fr"},
        {"places": -1},
    ],
)
def test_unsupported_formats_are_refused(kwargs: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(UnitError) as raised:
        format_money(D(5), **kwargs)
    assert raised.value.code == UnitErrorCode.UNSUPPORTED


def test_unknown_currency_is_refused() -> None:
    with pytest.raises(UnitError) as raised:
        format_money(D(5), "XYZ")
    assert raised.value.code == UnitErrorCode.UNSUPPORTED


def test_formatting_refuses_floats() -> None:
    with pytest.raises(TypeError):
        format_money(19.545e8)  # type: ignore[arg-type]


def test_area_rate_and_points_formats() -> None:
    assert format_area(D(120)) == "120亩"
    assert format_area(D(8800), language="en") == "8,800 mu"
    assert format_area(D("12.50")) == "12.5亩"
    assert format_rate(D(154)) == "+154%"
    assert format_rate(D("-3.2"), language="en") == "-3.2%"
    assert format_rate(D(0)) == "0%"
    assert format_points(D("1.9")) == "1.9个百分点"
    assert format_points(D("1.9"), "en") == "1.9 percentage points"
    assert format_points(D(1), language="en") == "1 percentage point"
    assert format_points(D("-0.5")) == "-0.5个百分点"


def _sample_values() -> list[Decimal]:
    rng = random.Random(4754)
    fixed = ["0", "1", "0.01", "800", "9999", "10000", "99999999", "100000000", "1954500000"]
    fixed += ["68900000000", "132000000", "3500000000000", "1000000000000000", "12345.678"]
    values = [D(v) for v in fixed]
    for _ in range(400):
        digits = rng.randrange(1, 10 ** rng.randrange(1, 16))
        value = D(digits).scaleb(rng.randrange(-4, 7))
        values.append(-value if rng.random() < 0.2 else value)
    return values


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("currency", ["CNY", "USD", "EUR", "HKD", "GBP", "JPY"])
def test_formatted_money_reads_back_exactly(language: str, currency: str) -> None:
    for value in _sample_values():
        text = format_money(value, currency, language=language)
        assert parse_money(text) == Quantity(value, currency, KIND_MONEY, None), text


@pytest.mark.parametrize(
    ("language", "scale"),
    [
        *(("zh-hans", scale) for scale in ("yuan", "wan", "yi", "wanyi")),
        *(("en", scale) for scale in ("yuan", "thousand", "million", "billion", "trillion")),
    ],
)
def test_money_in_a_forced_scale_reads_back_exactly(language: str, scale: str) -> None:
    for value in _sample_values():
        text = format_money(value, language=language, scale=scale)
        assert parse_money(text).value == value, text


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_areas_rates_and_points_read_back_exactly(language: str) -> None:
    for value in _sample_values():
        if value >= 0:
            assert parse_area(format_area(value, language=language)).value == value
        assert parse_rate(format_rate(value, language=language)).signed_value == value
        points = parse_rate(format_points(value, language))
        assert (points.kind, points.signed_value) == (KIND_POINTS, value)


# --- Real text ------------------------------------------------------------------------------

_MONEY_SPAN = re.compile(r"(\d+(?:\.\d+)?)(万亿|亿|万)元")
_SCALES = {"万亿": D(10) ** 12, "亿": D(10) ** 8, "万": D(10) ** 4}


@pytest.mark.shared_data
def test_money_in_government_work_reports_reads_exactly(shared_data) -> None:  # type: ignore[no-untyped-def]
    """Every "<number>亿元" in 72 State Council work reports reads as number × 亿."""
    path = shared_data / "texts" / "government_work_reports.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found")
    seen = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        for match in _MONEY_SPAN.finditer(json.loads(line)["content"]):
            expected = D(match.group(1)) * _SCALES[match.group(2)]
            assert parse_money(match.group()).value == expected, match.group()
            seen += 1
    assert seen > 500


def test_the_module_does_not_need_django() -> None:
    """Importers, the command line and analytics use it without Django settings."""
    probe = "import sys, devzone.core.units; print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
