"""Periods as statistics write them, read without Django."""

from __future__ import annotations

import datetime as dt

import pytest

from devzone.indicators.periods import PeriodError, parse_period, period_label, widen


@pytest.mark.parametrize(
    ("text", "start", "end", "cumulative", "label"),
    [
        ("2023-09", dt.date(2023, 9, 1), dt.date(2023, 9, 30), False, "2023-09"),
        ("2023年9月", dt.date(2023, 9, 1), dt.date(2023, 9, 30), False, "2023-09"),
        ("2023Q3", dt.date(2023, 7, 1), dt.date(2023, 9, 30), False, "2023Q3"),
        ("2023年三季度", dt.date(2023, 7, 1), dt.date(2023, 9, 30), False, "2023Q3"),
        ("2023年1-9月", dt.date(2023, 1, 1), dt.date(2023, 9, 30), True, "2023-01..09"),
        ("2024年上半年", dt.date(2024, 1, 1), dt.date(2024, 6, 30), True, "2024H1"),
        ("2024H2", dt.date(2024, 7, 1), dt.date(2024, 12, 31), False, "2024H2"),
        ("2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31), False, "2021"),
        ("2021年", dt.date(2021, 1, 1), dt.date(2021, 12, 31), False, "2021"),
    ],
)
def test_periods_read_as_published(text, start, end, cumulative, label):
    period = parse_period(text)

    assert (period.start, period.end, period.cumulative) == (start, end, cumulative)
    assert period.label == label


def test_a_quarterly_column_widens_a_month_to_its_quarter_and_a_cumulative_one_to_the_year():
    month = parse_period("2025-03")

    assert parse_period("2025-03", frequency="季").label == "2025Q1"
    assert widen(month, "quarter", cumulative=True).start == dt.date(2025, 1, 1)
    assert parse_period("2024-12", frequency="年").label == "2024"


def test_january_to_january_is_still_year_to_date():
    assert parse_period("2024年1-1月").cumulative is True


@pytest.mark.parametrize("text", ["2023-13", "sometime", "2023Q5", ""])
def test_unreadable_periods_are_refused(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_a_month_of_a_quarterly_series_must_end_a_quarter():
    with pytest.raises(PeriodError):
        parse_period("2025-02", frequency="季")


def test_multi_year_label():
    assert period_label(dt.date(2017, 1, 1), dt.date(2021, 12, 31), False) == "2017..2021"


@pytest.mark.parametrize(
    ("label", "chinese", "english"),
    [
        ("2024H1", "2024年上半年", "H1 2024"),
        ("2023Q3", "2023年第三季度", "Q3 2023"),
        ("2024-09", "2024年9月", "Sep 2024"),
        ("2024-01..09", "2024年1-9月", "Jan–Sep 2024"),
        ("2023", "2023年", "2023"),
        ("2021..2023", "2021..2023", "2021..2023"),  # anything else as it is
    ],
)
def test_a_period_label_reads_in_the_readers_language(label, chinese, english):
    from devzone.indicators.periods import readable_period

    assert (readable_period(label, "zh-hans"), readable_period(label, "en")) == (chinese, english)
