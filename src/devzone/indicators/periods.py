"""Periods of statistical figures, as spreadsheets and bulletins write them.

"2023-09", "2023年9月", "2023Q3", "2023年三季度", "2023H1", "2023年上半年", "2023年1-9月",
"2023" and "2023年" all read into a :class:`SeriesPeriod`. Ranges from January (1-9月) and the
first half are year-to-date, so they are ``cumulative``; a frequency column ("月", "季", "年")
says what a bare month such as "2023-09" stands for in a quarterly or annual series.
No Django here, so the importer, the API and the tests read periods the same way.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

MONTH, QUARTER, HALF, YEAR, YEARS, OTHER = "month", "quarter", "half", "year", "years", "other"

_CN_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4}
_FREQUENCIES = {"月": MONTH, "季": QUARTER, "年": YEAR, "半年": HALF}
_DASH = r"\s*[-–—~至到]\s*"


class PeriodError(ValueError):
    """A period that cannot be read; the message quotes it."""


@dataclass(frozen=True)
class SeriesPeriod:
    start: date
    end: date
    granularity: str
    cumulative: bool = False

    @property
    def label(self) -> str:
        return period_label(self.start, self.end, self.cumulative)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_period(year: int, month: int) -> SeriesPeriod:
    return SeriesPeriod(date(year, month, 1), month_end(year, month), MONTH)


def ytd_period(year: int, last_month: int) -> SeriesPeriod:
    """January to ``last_month`` (1-9月); 1-1月 is January itself, and still year-to-date."""
    granularity = {3: QUARTER, 6: HALF, 9: QUARTER, 12: YEAR}.get(last_month, MONTH)
    return SeriesPeriod(date(year, 1, 1), month_end(year, last_month), granularity, True)


def quarter_period(year: int, quarter: int) -> SeriesPeriod:
    return SeriesPeriod(date(year, quarter * 3 - 2, 1), month_end(year, quarter * 3), QUARTER)


def half_period(year: int, half: int) -> SeriesPeriod:
    """H1 is year-to-date (上半年 is reported as 1-6月); H2 is the second half on its own."""
    if half == 1:
        return SeriesPeriod(date(year, 1, 1), date(year, 6, 30), HALF, True)
    return SeriesPeriod(date(year, 7, 1), date(year, 12, 31), HALF)


def year_period(year: int) -> SeriesPeriod:
    return SeriesPeriod(date(year, 1, 1), date(year, 12, 31), YEAR)


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^(\d{{4}})年?(?:1|01|一){_DASH}(\d{{1,2}})月?$"), "ytd"),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})$|^(\d{4})年(\d{1,2})月份?$"), "month"),
    (re.compile(r"^(\d{4})\s*[Qq]([1-4])$|^(\d{4})年?第?([1-4一二三四])季度?$"), "quarter"),
    (re.compile(r"^(\d{4})\s*[Hh]([12])$|^(\d{4})年?([上下])半年$"), "half"),
    (re.compile(r"^(\d{4})年?(?:全年|年度)?$"), "year"),
]


def parse_period(text: str, *, frequency: str | None = None) -> SeriesPeriod:
    """Read a period; ``frequency`` (月/季/年 or month/quarter/year) widens a bare month.

    In a quarterly column "2023-09" is the third quarter; in an annual one it is 2023; a
    cumulative column turns either into the year to date (see :func:`widen`).
    """
    cleaned = re.sub(r"\s+", "", str(text or ""))
    for pattern, kind in _PATTERNS:
        match = pattern.match(cleaned)
        if match is None:
            continue
        groups = [g for g in match.groups() if g is not None]
        period = _build(kind, groups, text)
        if kind == "month" and frequency:
            return widen(period, _frequency(frequency), cumulative=False)
        return period
    message = _("cannot read the period %(text)s (write 2023-09, 2023Q3 or 2023年1-9月)")
    raise PeriodError(message % {"text": repr(text)})


def widen(period: SeriesPeriod, granularity: str, *, cumulative: bool) -> SeriesPeriod:
    """The period a figure dated at ``period``'s last month covers, in a given frequency."""
    year, month = period.end.year, period.end.month
    if cumulative:
        return ytd_period(year, month)
    if granularity == QUARTER:
        if month % 3:
            raise PeriodError(_("%(period)s does not end a quarter") % {"period": period.label})
        return quarter_period(year, month // 3)
    if granularity == HALF:
        if month % 6:
            raise PeriodError(_("%(period)s does not end a half-year") % {"period": period.label})
        return half_period(year, month // 6)
    if granularity == YEAR:
        return year_period(year)
    return period


def _frequency(text: str) -> str:
    if text in _FREQUENCIES:
        return _FREQUENCIES[text]
    if text in (MONTH, QUARTER, HALF, YEAR):
        return text
    raise PeriodError(_("unknown frequency %(text)s (月, 季, 半年 or 年)") % {"text": repr(text)})


def _build(kind: str, groups: list[str], text: str) -> SeriesPeriod:
    year = int(groups[0])
    if kind == "year":
        return year_period(year)
    part = groups[1]
    if kind == "ytd":
        return ytd_period(year, _month(int(part), text))
    if kind == "month":
        return month_period(year, _month(int(part), text))
    if kind == "quarter":
        return quarter_period(year, _CN_NUMBERS.get(part) or int(part))
    return half_period(year, {"上": 1, "下": 2}.get(part) or int(part))


def _month(month: int, text: str) -> int:
    if not 1 <= month <= 12:
        raise PeriodError(
            _("no month %(month)s in %(text)s") % {"month": month, "text": repr(text)}
        )
    return month


def period_label(start: date, end: date, cumulative: bool) -> str:
    """A short neutral label: 2023-09, 2023Q3, 2023H1, 2023, 2023-01..09 (year to date)."""
    whole_months = start.day == 1 and end == month_end(end.year, end.month)
    if not whole_months or start.year != end.year:
        if whole_months and (start.month, end.month) == (1, 12):
            return f"{start.year}..{end.year}"
        return f"{start.isoformat()}..{end.isoformat()}"
    first, last, year = start.month, end.month, start.year
    if first == last:
        return f"{year}-{last:02d}"
    if (first, last) == (1, 12):
        return str(year)
    if (first, last) in ((1, 6), (7, 12)) and (cumulative or first == 7):
        return f"{year}H{1 if first == 1 else 2}"
    if cumulative:
        return f"{year}-01..{last:02d}"
    if last - first == 2 and last % 3 == 0:
        return f"{year}Q{last // 3}"
    return f"{year}-{first:02d}..{last:02d}"


_LABEL = re.compile(
    r"^(?P<year>\d{4})(?:H(?P<half>[12])|Q(?P<quarter>[1-4])|-(?P<month>\d{2})"
    r"|-01\.\.(?P<through>\d{2}))?$"
)


def readable_period(label: str, language: str) -> str:
    """:func:`period_label`'s label as a reader writes it: 2024年上半年 / H1 2024,
    2024年1-9月 / Jan–Sep 2024, 2024年第三季度 / Q3 2024; other labels as they are."""
    found = _LABEL.match(label or "")
    if found is None:
        return label
    year, chinese = found["year"], language.startswith("zh")
    if found["half"]:
        return (
            f"{year}年{'上' if found['half'] == '1' else '下'}半年"
            if chinese
            else f"H{found['half']} {year}"
        )
    if found["quarter"]:
        number = "一二三四"[int(found["quarter"]) - 1]
        return f"{year}年第{number}季度" if chinese else f"Q{found['quarter']} {year}"
    if found["month"]:
        month = int(found["month"])
        return f"{year}年{month}月" if chinese else f"{_MONTHS[month - 1]} {year}"
    if found["through"]:
        last = int(found["through"])
        return f"{year}年1-{last}月" if chinese else f"Jan–{_MONTHS[last - 1]} {year}"
    return f"{year}年" if chinese else year


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
