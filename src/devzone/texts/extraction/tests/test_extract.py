"""Behaviour of the figure extractor on the sentences and traps of issue 6 and DESIGN.md §2."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from devzone.texts.extraction import (
    Fact,
    deduplicate,
    extract,
    fact_key,
    label,
    load_document,
)

PUBLISHED = date(2023, 9, 6)


def facts_of(text: str, published: date | None = PUBLISHED, **kwargs) -> list[Fact]:
    return extract(load_document(text, published=published), **kwargs)


def one(text: str, published: date | None = PUBLISHED) -> Fact:
    facts = facts_of(text, published)
    assert len(facts) == 1, [(f.metric, f.value, f.text) for f in facts]
    return facts[0]


def test_vehicles_delivered_last_year_with_growth():
    fact = one("Last year, they delivered 111,200 vehicles, a year-on-year increase of 154%.")
    assert (fact.metric, fact.value, fact.unit) == ("vehicles_delivered", Decimal(111200), None)
    assert fact.period.label == "2022"
    assert (fact.change.value, fact.change.kind, fact.change.direction) == (154, "rate", 1)
    assert fact.change.basis == "yoy"


def test_english_bn_is_read_as_written_not_corrected():
    """The translator wrote "bn" for 亿; the extractor keeps what the text says."""
    facts = facts_of(
        "During the first half of this year, the development zone signed agreements for "
        "20 projects with a total planned investment of 19.545 bn RMB."
    )
    assert [(f.metric, f.value, f.unit) for f in facts] == [
        ("projects_signed", Decimal(20), None),
        ("planned_investment", Decimal(19545000000), "CNY"),
    ]
    assert {f.period.label for f in facts} == {"2023H1"}
    assert all(f.period.cumulative for f in facts)


def test_respectively_gives_three_facts():
    facts = facts_of(
        "Since the beginning of this year, 116, 110 and 91 new projects have been started, "
        "completed and put into production respectively."
    )
    assert [(f.metric, f.value) for f in facts] == [
        ("projects_started", 116),
        ("projects_completed", 110),
        ("projects_in_production", 91),
    ]
    assert facts[0].period.label == "2023-01..2023-08"  # to date: the months ended by 6 Sept


def test_chinese_value_and_change_in_yi():
    fact = one("发布日期:2023-09-06\n1-7月，规模以上工业增加值4745.61亿元，同比增长44.6%。", None)
    assert (fact.metric, fact.value, fact.unit) == (
        "industrial_value_added",
        Decimal("474561000000"),
        "CNY",
    )
    assert fact.change.value == Decimal("44.6") and fact.change.kind == "rate"
    assert fact.period.label == "2023-01..2023-07" and fact.period.cumulative


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("发布日期:2024-02-01\n2023年金华市GDP达到6011.3亿元，同比增长6.1%。", "金华市"),
        ("发布日期:2024-02-01\n2023年日照市GDP达到2500亿元，同比增长6.1%。", "日照市"),
    ],
)
def test_a_year_before_a_place_is_not_part_of_its_name(text, subject):
    assert one(text, None).subject == subject


def test_rate_with_rank_and_two_point_differences():
    facts = facts_of(
        "Lishui City recorded a 6.9% year-on-year increase in GDP in the first half of 2024, "
        "placing it second in growth rate within the province and surpassing national and "
        "provincial averages by 1.9 and 1.3 percentage points respectively.",
        subjects=["Lishui City"],
    )
    growth, national, provincial = facts
    assert growth.metric == "gdp" and growth.value is None
    assert (growth.change.value, growth.change.kind) == (Decimal("6.9"), "rate")
    assert growth.rank == "second in growth rate within the province"
    assert growth.subject == "Lishui City"
    assert (national.change.value, national.change.kind, national.change.basis) == (
        Decimal("1.9"),
        "points",
        "vs_national",
    )
    assert (provincial.change.value, provincial.change.basis) == (Decimal("1.3"), "vs_provincial")
    assert {f.period.label for f in facts} == {"2024H1"}


def test_percent_and_percentage_points_are_never_mixed():
    rate = one("城镇化率达到68.7%，比上年提高1.2个百分点。")
    assert (rate.metric, rate.value, rate.unit) == ("urbanization_rate", Decimal("68.7"), "percent")
    assert (rate.change.kind, rate.change.value) == ("points", Decimal("1.2"))
    growth = one("财政收入增长1.2%。")
    assert (growth.value, growth.change.kind, growth.change.value) == (None, "rate", Decimal("1.2"))


def test_money_in_usd_and_large_growth():
    facts = facts_of(
        "In 2021, the import and export volume of the Jinyi Pilot FTZ reached 160.86 billion RMB, "
        "an increase of 39.9% year on year. The actual use of foreign capital reached 132 million "
        "US dollars, an increase of 632.7% year on year."
    )
    assert [(f.metric, f.value, f.unit, f.period.label, f.change.value) for f in facts] == [
        ("import_export", Decimal(160860000000), "CNY", "2021", Decimal("39.9")),
        ("foreign_capital_used", Decimal(132000000), "USD", "2021", Decimal("632.7")),
    ]
    assert facts[0].subject == "Jinyi Pilot FTZ"


def test_first_seven_months_is_cumulative():
    fact = one("In the first seven months of this year, they delivered 58,800 vehicles.")
    assert fact.period.label == "2023-01..2023-07"
    assert fact.period.cumulative
    assert (fact.period.start, fact.period.end) == (date(2023, 1, 1), date(2023, 7, 31))


@pytest.mark.parametrize(
    ("phrase", "label_"),
    [
        ("From January to September this year, 71 projects were introduced.", "2023-01..2023-09"),
        ("1-9月，引进项目71个。", "2023-01..2023-09"),
        ("上半年，引进项目71个。", "2023H1"),
        ("前三季度，引进项目71个。", "2023-01..2023-09"),
        ("去年，引进项目71个。", "2022"),
        ("今年以来，引进项目71个。", "2023-01..2023-08"),  # published 6 September
    ],
)  # fmt: skip
def test_period_expressions(phrase, label_):
    assert one(phrase).period.label == label_


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("reaching a cumulative total of over 220,000 vehicles delivered", 220000, "more_than"),
        ("The village has now welcomed almost 20,000 tenants.", 20000, "nearly"),
        ("more than 80% of the storefronts in the village have been leased.", 80, "more_than"),
        ("an area of about 992 square kilometers", 992000000, "about"),
        ("城镇新增就业1200万人以上。", 12000000, "more_than"),
        ("近14亿人口的发展中大国。", 1400000000, "nearly"),
    ],
)
def test_approximations_are_kept_as_qualifiers(text, value, qualifier):
    fact = one(text)
    assert (fact.value, fact.qualifier) == (Decimal(value), qualifier)


def test_occupancy_and_area_units():
    rooms, shops = facts_of(
        "Over 95% of the standard rooms, along with more than 80% of the storefronts in the "
        "village, have already been leased."
    )
    assert rooms.metric == shops.metric == "occupancy_rate"
    area = one("completing the land acquisition of 13,000 acres.")
    assert (area.metric, area.value, area.unit) == ("land_acquired", 13000, "mu")


def test_page_chrome_never_yields_figures():
    text = (
        "Title\n发布日期:2023-09-06 浏览次数:3051\n\n"
        "The new look of Jinhua City (photographed by Hong Bing 2023)\n"
        "Picture of 500 workers at the site. Photo by Liang Liang\n"
        "Picture taken by Nanfang+ reporter Shi Liang 12\n"
        "The Tangzhai Night Market has created almost 500 jobs. (By Jiang 12, translated by Wei)\n"
        "\n12 > >>\nNo comments:\n\nPost a Comment\n"
    )
    facts = facts_of(text, None)
    assert [(f.metric, f.value) for f in facts] == [("jobs", 500)]


def test_thresholds_slogans_dates_and_names_are_not_figures():
    text = (
        'It will build a "10,000 acres and 100 billion" large platform. On March 21, 2020, '
        "the first train left. It took just 15 days. Projects worth 100 million yuan or more "
        "were introduced. Class 100 clean rooms are used. 细颗粒物（PM\n2.5\n）浓度继续下降。"
    )
    assert facts_of(text) == []


def test_full_width_digits_and_chinese_numerals():
    facts = facts_of(
        "一、１９９４年国内工作的回顾\n国内生产总值达到４３８００亿元，比上年增长百分之十一点八。",
        date(1995, 3, 5),
    )
    assert [(f.metric, f.value, f.period.label, f.change.value) for f in facts] == [
        ("gdp", Decimal(4380000000000), "1994", Decimal("11.8"))
    ]


def test_amount_change_beside_a_level():
    fact = one("全年粮食总产量达到46947万吨，增产3877万吨。", date(2005, 3, 5))
    assert (fact.value, fact.unit) == (Decimal(469470000), "t")
    assert (fact.change.kind, fact.change.value, fact.change.unit) == ("amount", 38770000, "t")


def test_past_five_years_average_and_end_level():
    facts = facts_of(
        "Over the past five years Jinhua has focused on industry. Its GDP increased by an "
        "average of 6.2% annually. The total output value exceeded 500 billion RMB.",
        date(2022, 6, 28),
    )
    average, level = facts
    assert average.period.label == "2017..2021" and average.change.basis == "avg_annual"
    assert level.period.label == "2021" and level.qualifier == "more_than"


def test_targets_are_marked():
    fact = one("今年发展主要预期目标是：国内生产总值增长5%左右。", date(2024, 3, 5))
    assert fact.modality == "target" and fact.qualifier == "about"
    assert fact.period.label == "2024"


def test_subject_heuristics_and_known_names():
    fact = one("Panlong Village has now welcomed almost 20,000 tenants.")
    assert (fact.subject, fact.subject_kind) == ("Panlong Village", "town")
    fact = facts_of("金华开发区引进项目20个。", subjects=[("金华开发区", "zone")])[0]
    assert (fact.subject, fact.subject_kind) == ("金华开发区", "zone")


def test_span_points_at_the_source_text():
    doc = load_document("Title\n\nThey delivered 58,800 vehicles in 2023.")
    fact = extract(doc)[0]
    assert doc.text[fact.span[0] : fact.span[1]] == fact.text == "58,800"


def test_the_same_figure_twice_is_one():
    text = "In 2021, there were 20,381 newly registered companies in 2021."
    first = facts_of(text)[0]
    second = facts_of("Intro.\n" + text)[0]
    assert fact_key(first) == fact_key(second)
    assert deduplicate([first, second]) == [first]


def test_labels_in_both_languages():
    assert label("gdp", "zh-hans") == "地区生产总值"
    assert label("import_export") == "Import and export"
    assert label("count:countries") == "number of countries"
    assert label("count:countries", "zh-hans") == "国家数"
    assert label("count:pagodas", "zh-hans") == "数量（pagodas）"  # a noun not in the table


def test_as_json_is_plain():
    data = one(
        "Last year, they delivered 111,200 vehicles, a year-on-year increase of 154%."
    ).as_json()
    assert data["value"] == "111200" and data["change"]["value"] == "154"
    assert data["period"]["label"] == "2022"


@pytest.mark.parametrize(
    ("text", "value"),
    [("金华开发区引进项目总投资5千万元。", 50_000_000), ("总投资3百万元。", 3_000_000)],
)
def test_thousands_and_hundreds_of_wan_are_one_amount(text, value):
    fact = one(text)
    assert (fact.value, fact.unit) == (Decimal(value), "CNY")


def test_a_minus_sign_before_a_growth_rate_turns_its_direction():
    fact = one("2023年1-9月，丽水市规模以上工业增加值同比增长-2.4%。")
    assert (fact.change.value, fact.change.kind, fact.change.direction) == (
        Decimal("2.4"),
        "rate",
        -1,
    )
    assert fact.period.label == "2023-01..2023-09"  # the dash of 1-9月 is a range


def test_points_above_the_national_rate_are_a_gap_not_a_change_over_last_year():
    facts = facts_of("2023年1-9月，丽水市规模以上工业增加值增长8.1%，增速高于全国1.9个百分点。")
    points = [f.change for f in facts if f.change and f.change.kind == "points"]
    assert [(c.value, c.basis) for c in points] == [(Decimal("1.9"), "vs_national")]
    again = facts_of("2023年，丽水市固定资产投资比上年增长5.2%，增速比上年提高1.3个百分点。")
    points = [f.change for f in again if f.change and f.change.kind == "points"]
    assert [(c.value, c.basis) for c in points] == [(Decimal("1.3"), "yoy")]


def test_the_whole_of_last_year_is_last_year():
    fact = one("去年全年，丽水市完成固定资产投资1200亿元。", published=date(2024, 1, 15))
    assert fact.period.label == "2023"


@pytest.mark.parametrize(
    ("text", "published", "label"),
    [
        ("前三季度，丽水市完成固定资产投资1200亿元。", date(2024, 1, 15), "2023-01..2023-09"),
        ("1-2月，丽水市完成固定资产投资120亿元。", date(2024, 1, 15), "2023-01..2023-02"),
        ("上半年，丽水市完成固定资产投资600亿元。", date(2024, 6, 20), "2024H1"),
        ("2024年前三季度，丽水市完成固定资产投资1200亿元。", date(2024, 1, 15), "2024-01..2024-09"),
    ],
)
def test_a_part_of_a_year_without_its_year_is_the_last_one_reported(text, published, label):
    assert one(text, published=published).period.label == label


def test_since_the_beginning_of_the_year_is_to_date_even_in_january():
    fact = one("今年以来，丽水市完成固定资产投资100亿元。", published=date(2024, 1, 25))
    assert fact.period.cumulative and fact.period.label == "2024-01"


def test_growth_by_times_is_a_rate():
    fact = one("2023年，丽水市跨境电商进出口额同比增长1.5倍。")
    assert (fact.change.value, fact.change.kind, fact.change.direction) == (
        Decimal(150),
        "rate",
        1,
    )


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("2023年，丽水经济技术开发区某新能源项目用地约150亩。", "land_area", 150),
        ("2023年，丽水市新增供地3000亩。", "land_supplied", 3000),
    ],
)
def test_land_of_a_project_and_land_supplied(text, metric, value):
    fact = one(text)
    assert (fact.metric, fact.value, fact.unit) == (metric, Decimal(value), "mu")


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("2023年，丽水市实现地区生产总值1900亿元。", "丽水市"),
        ("2023年，在丽水市完成固定资产投资1200亿元。", "丽水市"),
        ("2023年，和平区完成固定资产投资120亿元。", "和平区"),
    ],
)
def test_words_before_a_place_or_like_one_are_not_its_name(text, subject):
    assert one(text).subject == subject


def test_the_whole_city_is_not_a_place_of_its_own():
    facts = facts_of("2023年，丽水市规上工业增加值800亿元，占全市生产总值的42%。")
    assert {fact.subject for fact in facts} == {"丽水市"}


def test_the_period_compared_with_is_not_the_figures_period():
    facts = facts_of(
        "2023年1-9月，丽水市规模以上工业增加值同比下降3.5%，降幅比1-8月收窄0.5个百分点，"
        "增速比上半年提高1.3个百分点。",
        published=date(2023, 10, 20),
    )
    assert {f.period.label for f in facts} == {"2023-01..2023-09"}
    assert not [f for f in facts if f.value == 1]  # the 1 of 1-8月 is no figure


@pytest.mark.parametrize(
    ("text", "level", "points", "direction", "basis"),
    [
        ("2023年，丽水市研发投入强度由29.6%提高到31.5%。", "31.5", "1.9", 1, ""),
        ("2023年，全市城镇化率由上年的58.6%提高到60.1%。", "60.1", "1.5", 1, "yoy"),
        ("2023年，全市城镇化率由58.6%回落到57.1%。", "57.1", "1.5", -1, ""),
    ],
)
def test_a_rate_from_one_level_to_another_is_the_new_level_and_points(
    text, level, points, direction, basis
):
    fact = one(text, published=date(2024, 2, 1))
    assert (fact.value, fact.unit) == (Decimal(level), "percent")
    assert (fact.change.value, fact.change.kind) == (Decimal(points), "points")
    assert (fact.change.direction, fact.change.basis) == (direction, basis)


def test_growth_rates_of_two_years_stay_two_rates():
    facts = facts_of("1994年，全社会固定资产投资增幅由上年的58.6%回落到27.8%。")
    assert [(f.change.value, f.change.kind) for f in facts if f.change] == [
        (Decimal("58.6"), "rate"),
        (Decimal("27.8"), "rate"),
    ]


def test_a_traditional_decimal_point_is_read():
    fact = one("2023年，规上工业增加值增长百分之十二點五。")  # 點 as in traditional texts
    assert fact.change.value == Decimal("12.5")


def test_rates_of_named_segments_are_each_their_own_metric():
    text = (
        "In the first half of 2024, industrial value added increased by 24.5% in manufacturing "
        "and 17.5% in equipment manufacturing."
    )
    facts = facts_of(text, date(2024, 7, 20))
    assert [f.metric for f in facts] == [
        "industrial_value_added:manufacturing",
        "industrial_value_added:equipment_manufacturing",
    ]
    assert label(facts[1].metric, "zh-hans") == "规模以上工业增加值（装备制造业）"


def test_a_place_in_a_larger_one_is_the_subject():
    facts = facts_of(
        "Lishui City in Zhejiang Province recorded a 6.9% year-on-year increase in GDP in the "
        "first half of 2024.",
        date(2024, 7, 20),
    )
    assert facts[0].subject == "Lishui City"
