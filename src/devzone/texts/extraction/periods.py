"""Reading time expressions ("last year", "1-9月", "上半年", "the first seven months of this year")
into `Period`s, resolved against the document's reference date.

Chinese statistics report cumulative periods (1-9月 is January to September, not September),
so month ranges starting in January are marked ``cumulative``. "今年以来" / "since the
beginning of this year" runs to the last month that ended before publication: statistics are
released for whole months, so a report of 11 October gives January to September (in January,
January itself, to date).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .model import Period

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}  # fmt: skip
_MONTHS_EN = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}  # january → 1


@dataclass(frozen=True)
class Reference:
    """The date that "this year" and "last year" mean; ``exact`` is False when only a year is
    known (inferred from the text), so "now" and "year to date" cannot be resolved."""

    year: int
    month: int
    day: int
    exact: bool

    @property
    def today(self) -> date:
        return date(self.year, self.month, self.day)


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), False, str(year))


def years_period(first: int, last: int) -> Period:
    if first == last:
        return year_period(first)
    return Period(date(first, 1, 1), date(last, 12, 31), False, f"{first}..{last}")


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last), False, f"{year}-{month:02d}")


def months_period(year: int, first: int, last: int) -> Period:
    if first == last:
        return month_period(year, first)
    end = date(year, last, calendar.monthrange(year, last)[1])
    label = f"{year}-{first:02d}..{year}-{last:02d}"
    return Period(date(year, first, 1), end, first == 1, label)


def half_period(year: int, half: int) -> Period:
    first, last = (1, 6) if half == 1 else (7, 12)
    period = months_period(year, first, last)
    return Period(period.start, period.end, half == 1, f"{year}H{half}")


def quarter_period(year: int, quarter: int) -> Period:
    period = months_period(year, quarter * 3 - 2, quarter * 3)
    return Period(period.start, period.end, False, f"{year}Q{quarter}")


def day_period(day: date) -> Period:
    return Period(day, day, False, day.isoformat())


def end_of_year(period: Period) -> Period:
    """The last year of a multi-year span: a level "reached" over five years is the last one's."""
    return year_period(period.end.year)


_NUM = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_CN_NUM = r"[一二两三四五六七八九十]"
_YEAR = r"(?:19|20)\d{2}"
_MONTH_NAMES = "|".join(_MONTHS_EN)
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("since_year", rf"since ({_YEAR})|({_YEAR})年以来"),
    ("inception", r"since (?:their|its|the) (?:inception|establishment|founding)|成立以来"),
    ("ytd", r"since the beginning of (?:this|the) year|so far this year|今年以来|年初以来"),
    ("past_years", rf"(?:over|in|during) the (?:past|last) ({_NUM}) years|过去({_CN_NUM})年"),
    ("first_months", rf"(?:the )?first ({_NUM}) months(?: of (this year|the year|{_YEAR}))?"),
    ("first_quarters", rf"(?:the )?first ({_NUM}) quarters(?: of (this year|{_YEAR}))?"
                       rf"|(?:({_YEAR})年)?前({_CN_NUM})季度"),
    ("jan_to", rf"from january to ({_MONTH_NAMES})(?: (this year|{_YEAR}))?"
               rf"|(?:({_YEAR})年)?1\s*[-—–~至到]\s*(\d{{1,2}})月"),
    ("half", rf"(?:the )?(first|second) half of (?:the year|this year|({_YEAR}))"
             rf"|(?:({_YEAR})年)?(上|下)半年"),
    ("quarter", rf"(?:({_YEAR})年)?(?:第)?([一二三四])季度"),
    ("month_year", rf"(?:in )?({_MONTH_NAMES}) (this year|last year|{_YEAR})"
                   rf"|({_YEAR})年(\d{{1,2}})月(?!\d|份?[-—~至])"),
    ("last_year", r"last year|the previous year|(?<![比较])(?:去年|上年)(?!同期)(?:全年)?"),
    ("this_year", r"this year|the year|within the year|during the year|今年|全年|年内|本年"),
    ("past_year", r"过去一年|过去的一年|一年来|the past year"),
    ("year_end", r"年末|年底|at the end of the year"),
    ("now", r"\b(?:now|currently|at present|to date|so far)\b|目前|截至目前|现已"),
    # A bare "1900" in Chinese text is 1900 km, not a year: years need 年 or a preposition.
    ("year", rf"(?<!\d)({_YEAR})年(?!\d{{1,2}}月)|\b(?:in|of|for|during) ({_YEAR})(?![\d年])"),
)  # fmt: skip
# The lookahead lets the regex engine skip, in one cheap test, every position where no time
# expression can start (most of a Chinese text); it is what keeps extraction above 1 MB/s.
_STARTS = r"(?=[0-9过今年去上下全本前第一二三四成目截现]|\b[A-Za-z])"
PERIOD_RE = re.compile(
    _STARTS + "(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS) + ")",
    re.IGNORECASE,
)


def _number(text: str) -> int:
    text = text.lower()
    if text.isdigit():
        return int(text)
    if text in WORD_NUMBERS:
        return WORD_NUMBERS[text]
    return _CN_DIGITS[text]


def _groups(match: re.Match[str], name: str) -> list[str | None]:
    """The sub-groups of the named alternative that matched (numbered groups after it)."""
    index = PERIOD_RE.groupindex[name]
    count = re.compile(dict(_PATTERNS)[name]).groups
    return [match.group(index + i) for i in range(1, count + 1)]


def _year_of(text: str | None, ref: Reference, context_year: int | None) -> int:
    if text is None or text.lower() in ("this year", "the year"):
        return context_year or ref.year
    if text.lower() == "last year":
        return ref.year - 1
    return int(text)


def resolve(match: re.Match[str], ref: Reference | None, context_year: int | None) -> Period | None:
    """The period one match of `PERIOD_RE` names, or None when it cannot be resolved."""
    name = match.lastgroup
    assert name is not None
    g = _groups(match, name)
    if name == "year":
        return year_period(int(g[0] or g[1]))
    if ref is None:
        return None
    period = _RESOLVERS[name](g, ref, context_year)
    if (
        period is not None
        and name in _PARTS_OF_A_YEAR
        and context_year is None
        and ref.exact
        and not any(_names_year(group) for group in g)
        and period.end > ref.today + _REPORTING_LAG
    ):
        # "前三季度" in a text of 15 January is last year's: this year's is months away
        earlier = Reference(ref.year - 1, ref.month, min(ref.day, 28), ref.exact)
        period = _RESOLVERS[name](g, earlier, None)
    return period


# Parts of a year named without their year ("前三季度", "1-2月", "上半年"): when the text is
# published long before such a part of its year ends, the figure is last year's.
_PARTS_OF_A_YEAR = frozenset({"first_months", "first_quarters", "jan_to", "half", "quarter"})
_REPORTING_LAG = timedelta(days=31)  # a figure may come out a few weeks before its period ends


def _names_year(group: str | None) -> bool:
    if group is None:
        return False
    return (group.isdigit() and len(group) == 4) or group.lower() in (
        "this year",
        "the year",
        "last year",
    )


def _ytd(g: list, ref: Reference, cy: int | None) -> Period | None:
    if not ref.exact:
        return year_period(ref.year)
    period = months_period(ref.year, 1, max(ref.month - 1, 1))
    return Period(period.start, period.end, True, period.label)  # January alone is to date too


def _past_years(g: list, ref: Reference, cy: int | None) -> Period | None:
    n = _number(g[0] or g[1])
    return years_period(ref.year - n, ref.year - 1)


def _first_months(g: list, ref: Reference, cy: int | None) -> Period | None:
    return months_period(_year_of(g[1], ref, cy), 1, _number(g[0]))


def _first_quarters(g: list, ref: Reference, cy: int | None) -> Period | None:
    if g[0]:
        return months_period(_year_of(g[1], ref, cy), 1, 3 * _number(g[0]))
    return months_period(_year_of(g[2], ref, cy), 1, 3 * _number(g[3]))


def _jan_to(g: list, ref: Reference, cy: int | None) -> Period | None:
    if g[0]:
        return months_period(_year_of(g[1], ref, cy), 1, _MONTHS_EN[g[0].lower()])
    last = int(g[3])
    return months_period(_year_of(g[2], ref, cy), 1, last) if 1 <= last <= 12 else None


def _half(g: list, ref: Reference, cy: int | None) -> Period | None:
    if g[0]:
        return half_period(_year_of(g[1], ref, cy), 1 if g[0].lower() == "first" else 2)
    return half_period(_year_of(g[2], ref, cy), 1 if g[3] == "上" else 2)


def _quarter(g: list, ref: Reference, cy: int | None) -> Period | None:
    return quarter_period(_year_of(g[0], ref, cy), _CN_DIGITS[g[1]])


def _month_year(g: list, ref: Reference, cy: int | None) -> Period | None:
    if g[0]:
        return month_period(_year_of(g[1], ref, cy), _MONTHS_EN[g[0].lower()])
    month = int(g[3])
    return month_period(int(g[2]), month) if 1 <= month <= 12 else None


def _last_year(g: list, ref: Reference, cy: int | None) -> Period | None:
    """The year before the one being discussed (a report on 1994 says 上年 for 1993)."""
    base = cy if cy is not None and cy < ref.year else ref.year
    return year_period(base - 1)


def _this_year(g: list, ref: Reference, cy: int | None) -> Period | None:
    return year_period(cy or ref.year)


def _past_year(g: list, ref: Reference, cy: int | None) -> Period | None:
    return year_period(ref.year - 1)


def _year_end(g: list, ref: Reference, cy: int | None) -> Period | None:
    return month_period(cy or ref.year, 12)


def _now(g: list, ref: Reference, cy: int | None) -> Period | None:
    return day_period(ref.today) if ref.exact else None


def _unknown(g: list, ref: Reference, cy: int | None) -> Period | None:
    """ "Since 2021" names a start, not a period a figure belongs to; the engine resolves
    "since inception" against the period beside it."""
    return None


_RESOLVERS = {
    "since_year": _unknown,
    "inception": _unknown,
    "ytd": _ytd,
    "past_years": _past_years,
    "first_months": _first_months,
    "first_quarters": _first_quarters,
    "jan_to": _jan_to,
    "half": _half,
    "quarter": _quarter,
    "month_year": _month_year,
    "last_year": _last_year,
    "this_year": _this_year,
    "past_year": _past_year,
    "year_end": _year_end,
    "now": _now,
}
