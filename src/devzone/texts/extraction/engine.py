"""The extractor: from a `Document` to a list of `Fact`s.

The text is read paragraph by paragraph and sentence by sentence. In each sentence the figures
are found (`figures`), each is given a metric (the nearest catalogue word before it, or the
word right after it: "20,381 newly registered companies"), a role (a level, or a change when a
word for growth stands before it), a period (the nearest time expression, else the one carried
from earlier sentences of the paragraph, else the section heading's year) and a subject.
Lists ("116, 110 and 91 … respectively", "分别增长7.7%和6.8%") are paired in order, and a
level and its growth in one sentence are merged into one fact.

Everything is regular expressions compiled once at import; there is no per-character loop in
Python, which is what lets the extractor read several megabytes a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from . import metrics as catalogue
from .chrome import mask_chrome
from .figures import FULL_WIDTH, Figure, find_figures
from .model import MODALITY_ACTUAL, MODALITY_TARGET, Change, Document, Fact, Period
from .periods import PERIOD_RE, Reference, end_of_year, resolve
from .subjects import SubjectFinder, nearest

_SENTENCE_RE = re.compile(r"[^。！？!?;\n]+(?:[。！？!?;]|$)|(?<=[.])", re.MULTILINE)
_EN_SENTENCE_END_RE = re.compile(
    r"(?<=[A-Za-z0-9)”\"])(?<!Co)(?<!Ltd)(?<!No)(?<![A-Z]\.[A-Z])\.\s+(?=[A-Z“\"(])"
)
_HEADING_MAX = 40
_QUOTE_RE = re.compile(r"“[^”\n]{0,60}”|\"[^\"\n]{0,60}\"")
_DIRECTION_RE = re.compile(
    r"(?P<word>增长|增加|提高|上升|上涨|增产|下降|减少|降低|回落|下滑|减产|下跌|增|降|减|涨"
    r"|increase[sd]?|grew|grow[sn]?|growth|rose|rise[sn]?|up|declined?|decrease[sd]?|fell|"
    r"dropped|down)"
    r"(?P<to>到|至|为|\s+to)?(?:了|达到|达)?"
    r"(?:\s+(?:by|of))?(?:\s+an average of)?\s*$",
    re.IGNORECASE,
)
_DOWN_WORDS = re.compile(r"下降|减少|降低|回落|下滑|减产|下跌|降|减|decl|decrease|fell|drop|down")
_GROWTH_RATE_RE = re.compile(r"增长幅度|增幅|涨幅|增速|增长率|growth rate")
_AFTER_CHANGE_RE = re.compile(
    r"^\s*(?:year[- ]on[- ]year\s+)?(?P<word>increase|growth|rise|decline|decrease|drop)"
    r"(?:\s+in\s+(?P<metric>[A-Za-z][A-Za-z -]{1,40}))?",
    re.IGNORECASE,
)
_SHARE_AFTER_RE = re.compile(r"^\s*of\b(?!\s+(?:more|over|about|nearly))", re.IGNORECASE)
_SHARE_BEFORE_RE = re.compile(r"占[^,。;]{0,12}$")
_LEASED_RE = re.compile(r"leased|rented|occupied|出租|入住", re.IGNORECASE)
_AVERAGE_RE = re.compile(r"average|年均|平均每年", re.IGNORECASE)
_RESPECTIVELY_RE = re.compile(r"respectively|分别", re.IGNORECASE)
_LIST_GAP_RE = re.compile(r"^\s*(?:,|、|and|和|及|与)?\s*(?:and\s+)?$", re.IGNORECASE)
_TARGET_RE = re.compile(
    r"\b(?:will|strive|strives|goal|target|aims? to|plans? to|ensure|ensuring)\b"
    r"|预期目标|目标|力争|拟",
    re.IGNORECASE,
)
_THRESHOLD_BEFORE_RE = re.compile(
    r"(?:projects?|enterprises?|companies)\s+(?:with\s+(?:an?\s+|total\s+)?investments?\s*|"
    r"of\s*|worth\s*)$|among the top\b.*$|(?:\bone of the|\btop)\s+$",
    re.IGNORECASE,
)
_THRESHOLD_AFTER_RE = re.compile(r"^(?:以上|及以上)?的?(?:项目|企业)|^\s*or more\b", re.IGNORECASE)
_NAME_BEFORE_RE = re.compile(r"(?<![.;:,])\b[A-Z][a-z]+\s+$")
_NOUN_AFTER_RE = re.compile(
    r"^\s+((?:(?!(?:and|of|in|the|a|to|with|from|for|by|at|on|than|is|are|was|were|has|have|"
    r"per)\b)[a-z][a-z-]*\s+|\([^)]{0,40}\)\s+|[A-Z]{2,5}\s+){0,3}?)"
    r"(?P<head>[a-z][a-z-]*?(?:ies|es|s))(?<!ss)\b(?!\s+per\b)",
)
_NUMBER_OF_RE = re.compile(r"the number of\s+(?:[A-Za-z]+\s+){0,2}?(?P<head>[a-z]+s)\b[^,.]*$")
_EXCLUDED_NOUNS = frozenset(
    {"days", "years", "months", "hours", "minutes", "weeks", "seconds", "times", "departments",
     "teams", "actions", "units", "items", "measures", "functions", "percents", "points",
     "rooms", "particles", "newcomers", "areas", "clusters", "echelons", "lines"}
)  # fmt: skip
_PROJECT_VERBS = (
    ("put into production", "projects_in_production"),
    ("投产", "projects_in_production"),
    ("started", "projects_started"),
    ("开工", "projects_started"),
    ("completed", "projects_completed"),
    ("竣工", "projects_completed"),
    ("signed", "projects_signed"),
    ("签约", "projects_signed"),
    ("introduced", "projects_introduced"),
    ("attracted", "projects_introduced"),
    ("implemented", "projects_introduced"),
    ("引进", "projects_introduced"),
)
_PROJECT_VERB_RE = re.compile("|".join(re.escape(v) for v, _ in _PROJECT_VERBS), re.IGNORECASE)
_PROJECT_VERB_METRIC = {v.lower(): m for v, m in _PROJECT_VERBS}
_NOUN_METRICS = {
    "residents": "population",
    "tenants": "tenants",
    "jobs": "jobs",
}
_BASIS_WORDS_RE = re.compile(r"national|provincial|全国|全省", re.IGNORECASE)
_RANK_RE = re.compile(
    r"(?:placing it |ranking |ranks? )?(?:first|second|third|fourth|fifth|top \w+)"
    r"(?: in growth rate)? (?:with)?in (?:the |Zhejiang )?(?:province|Province|country|China)"
    r"|居(?:全国|全省|全市|世界)第[一二三四五六七八九十\d]+位?"
    r"|(?:排名|排在|排|位居|位列|列)[^，。；,;\d]{0,10}?第[一二三四五六七八九十\d]+(?:位|名)?"
    r"|居世界第[一二三四五]位上升为第[一二三四五]位",
)
_GENERIC_METRICS = frozenset({"total_investment"})


@dataclass
class _Item:
    """A figure on its way to becoming a fact."""

    figure: Figure
    metric: str | None = None
    own_metric: bool = False
    change: Change | None = None
    is_level: bool = True
    period: Period | None = None
    basis: str = "yoy"
    rank: str | None = None
    merged: bool = False
    skip: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass
class _State:
    reference: Reference | None
    section_period: Period | None = None
    paragraph_period: Period | None = None
    paragraph_subject: object = None
    previous_sentence: str = ""


def extract(doc: Document, *, subjects: Iterable[str | tuple[str, str]] = ()) -> list[Fact]:
    """Every figure statement in ``doc``, in reading order.

    ``subjects`` are known names (or ``(name, kind)`` pairs) of regions, zones, enterprises and
    projects, tried before the naming heuristics.
    """
    text = mask_chrome(doc.text.translate(FULL_WIDTH))
    state = _State(reference=_reference(doc))
    finder = SubjectFinder(subjects)
    facts: list[Fact] = []
    position = 0
    lines = text.split("\n")
    several = sum(1 for line in lines if line.strip()) > 1
    for line in lines:
        start, position = position, position + len(line) + 1
        if not line.strip():
            continue
        if several and _is_heading(line):
            _read_heading(line, state)
            continue
        state.paragraph_period = None
        state.paragraph_subject = None
        state.previous_sentence = ""
        for s_start, s_end in _sentences(line):
            sentence = line[s_start:s_end]
            found = _sentence_facts(doc, sentence, start + s_start, state)
            for fact in found:
                _set_subject(fact, finder, line, start)
            facts.extend(found)
            state.previous_sentence = sentence
    return facts


def _reference(doc: Document) -> Reference | None:
    if doc.published is not None:
        day = doc.published
        return Reference(day.year, day.month, day.day, exact=True)
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", doc.text)]
    if not years:
        return None
    latest = max(years)
    return Reference(latest, 12, 31, exact=False)


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) <= _HEADING_MAX and not re.search(r"[。.!?！？;:：,，]$", stripped)


_DATE_LINE_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2},|发布|日期"
)


def _read_heading(line: str, state: _State) -> None:
    """A heading's year ("一、2023年工作回顾", "过去一年工作回顾") dates its section; a
    dateline ("Wednesday, October 11, 2023") is the page's date, not a section's."""
    if _DATE_LINE_RE.search(line):
        return
    for match in PERIOD_RE.finditer(line):
        if match.lastgroup in ("year", "past_year", "past_years"):
            state.section_period = resolve(match, state.reference, None)


def _sentences(line: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^。！？!?;]+[。！？!?;]?", line):
        start = match.start()
        for end_match in _EN_SENTENCE_END_RE.finditer(match.group()):
            spans.append((start, match.start() + end_match.end()))
            start = match.start() + end_match.end()
        spans.append((start, match.end()))
    return [(a, b) for a, b in spans if line[a:b].strip()]


_SUBJECT_WINDOW = 300


def _set_subject(fact: Fact, finder: SubjectFinder, line: str, base: int) -> None:
    """The nearest name before the figure, looking back at most a few sentences."""
    offset = max(0, fact.span[0] - base - _SUBJECT_WINDOW)
    window = line[offset : fact.span[0] - base]
    mentions = finder.mentions(window, base + offset)
    mention = nearest(mentions, fact.span[0])
    if mention is not None:  # "Lishui City in Zhejiang Province recorded": Lishui's figure
        joint = line[mention.start - base - 4 : mention.start - base]
        if joint == " in ":
            place = nearest(mentions, mention.start - 4)
            if place is not None and place.end == mention.start - 4:
                mention = place
        fact.subject, fact.subject_kind = mention.name, mention.kind


def _sentence_facts(doc: Document, sentence: str, base: int, state: _State) -> list[Fact]:
    periods = _periods(sentence, state)
    figures = [f for f in find_figures(sentence, base) if not _in_quotes(sentence, f, base)]
    target_word = _TARGET_RE.search(sentence)
    target = bool(target_word and figures and target_word.start() < figures[-1].start - base)
    if not figures:
        _carry(periods, state, target)
        return []
    items = [_Item(figure) for figure in figures]
    _share_list_units(items, sentence, base)
    for index in range(len(items)):
        _classify(items, index, sentence, base, state)
    _pair_lists(items, sentence, base)
    _from_to(items, sentence, base)
    _segments(items, sentence, base)
    for index, item in enumerate(items):
        item.period = _period_for(items, index, periods, sentence, base, state, target)
    _merge(items)
    _attach_ranks(items, sentence, base)
    _carry(periods, state, target)
    return [
        _fact(doc, item, target)
        for item in items
        if not item.skip and not item.merged and item.metric
    ]


# --- periods ------------------------------------------------------------------------------


@dataclass
class _PeriodMention:
    start: int
    end: int
    period: Period | None
    name: str
    next_only: bool


def _periods(sentence: str, state: _State) -> list[_PeriodMention]:
    context_year = state.section_period.end.year if state.section_period else None
    found = []
    for match in PERIOD_RE.finditer(sentence):
        name = match.lastgroup or ""
        if sentence[match.start() - 1 : match.start()] in ("比", "较", "与") and match.start():
            continue  # "增速比上半年提高1.3个百分点": what is compared with, not the period
        period = resolve(match, state.reference, context_year)
        # "由上年的58.6%回落到27.8%", "由上年居世界第四位": a comparison, not the sentence's period.
        next_only = sentence[match.end() : match.end() + 1] == "的" or (
            sentence[match.start() - 1 : match.start()] == "由"
        )
        found.append(_PeriodMention(match.start(), match.end(), period, name, next_only))
    return found


def _carry(periods: list[_PeriodMention], state: _State, target: bool) -> None:
    usable = [
        p for p in periods if p.period and p.name not in ("now", "year_end") and not p.next_only
    ]
    if usable:
        state.paragraph_period = usable[-1].period


def _period_for(
    items: list[_Item],
    index: int,
    periods: list[_PeriodMention],
    sentence: str,
    base: int,
    state: _State,
    target: bool,
) -> Period | None:
    item = items[index]
    start, end = item.figure.start - base, item.figure.end - base
    next_start = items[index + 1].figure.start - base if index + 1 < len(items) else len(sentence)
    after = [
        p
        for p in periods
        if end <= p.start < next_start
        and not re.search(r"[,;，。]", sentence[end : p.start])
        and p.start - end <= 40
        and p.name != "now"
    ]
    previous_end = items[index - 1].figure.end - base if index else 0
    before = [
        p for p in periods
        if p.end <= start and (not p.next_only or p.end >= previous_end)
    ]  # fmt: skip
    chosen = after[0] if after else (before[-1] if before else None)
    if chosen is not None and chosen.name == "inception":
        others = [p for p in periods if p.period is not None and p is not chosen]
        return _open_period(others[-1].period if others else None)
    if chosen is not None and chosen.period is not None:
        period = chosen.period
    elif chosen is not None and chosen.name in ("since_year", "now"):
        return None
    elif target:
        period = None
    else:
        period = state.paragraph_period or state.section_period
    if period is not None and item.figure.quantity is not None and item.is_level:
        multi_year = period.end.year > period.start.year if period.start else False
        if multi_year and not _AVERAGE_RE.search(sentence):
            period = end_of_year(period)
    return period


def _open_period(beside: Period | None) -> Period | None:
    if beside is None:
        return None
    label = beside.label.split("..")[-1]
    return Period(None, beside.end, True, f"..{label}")


# --- metric and role ----------------------------------------------------------------------


def _classify(items: list[_Item], index: int, sentence: str, base: int, state: _State) -> None:
    item = items[index]
    figure = item.figure
    gap_start = items[index - 1].figure.end - base if index else 0
    gap = sentence[gap_start : figure.start - base]
    after = sentence[figure.end - base : figure.end - base + 60]
    if _is_threshold(gap, after, figure, sentence[: figure.start - base]):
        item.skip = True
        return
    keyword = _last_keyword(gap, figure)
    tail = gap[keyword.end() :] if keyword else gap
    right_metric = _right_metric(after, figure)
    noun = _NOUN_AFTER_RE.match(after) if figure.kind == "number" else None
    if noun and noun.group("head") in _EXCLUDED_NOUNS:
        item.skip = True
        return
    if noun:
        noun_metric = _count_metric(after, tail, sentence, state)
        if noun_metric:
            keyword, right_metric = None, noun_metric
    if keyword and not (right_metric and catalogue.metric_for(keyword.group()) in _GENERIC_METRICS):
        item.metric, item.own_metric = catalogue.metric_for(keyword.group()), True
    elif right_metric:
        item.metric, item.own_metric = right_metric, True
    if figure.kind in ("rate", "points"):
        _classify_rate(items, index, gap, tail, after, sentence)
        items[index].change = _signed(items[index].change, gap)
    else:
        _classify_amount(items, index, tail, after, sentence, state)
    if "threshold of" in tail and re.search(r"surpass|exceed", gap):
        figure.qualifier = "more_than"


def _is_threshold(gap: str, after: str, figure: Figure, before: str) -> bool:
    if (
        figure.kind == "money"
        and _THRESHOLD_BEFORE_RE.search(gap)
        and (figure.qualifier or re.match(r"\s*or more", after))
    ):
        return True
    if figure.kind == "money" and _THRESHOLD_AFTER_RE.search(after):
        return True
    if re.search(r"among the top\b|\btop\s+$|\bone of the\s+$", before):
        return True
    return figure.kind == "number" and bool(_NAME_BEFORE_RE.search(gap))


def _last_keyword(gap: str, figure: Figure) -> re.Match[str] | None:
    matches = list(catalogue.METRIC_RE.finditer(gap))
    for match in reversed(matches):
        if _compatible(catalogue.metric_for(match.group()), figure):
            return match
    return None


def _compatible(metric: str, figure: Figure) -> bool:
    if metric in catalogue.COUNT_METRICS:
        return figure.kind in ("number",)
    if metric in catalogue.MONEY_METRICS:
        return figure.kind in ("money", "rate")
    if metric in catalogue.AREA_METRICS:
        return figure.kind == "area"
    if metric in catalogue.RATE_METRICS:
        return figure.kind in ("rate", "points")
    return True


_CJK_LEAD_RE = re.compile(r"^[\u4e00-\u9fff]{0,4}?(?=[\u4e00-\u9fff])")


def _right_metric(after: str, figure: Figure) -> str | None:
    direct = catalogue.METRIC_RE.match(after)
    if direct is None and after[:1] >= "\u4e00" and figure.kind == "number":
        direct = catalogue.METRIC_RE.search(after[:8].split(",")[0])
    if direct and re.match(r"[\u4e00-\u9fff]", direct.group()):
        metric = catalogue.metric_for(direct.group())
        if _compatible(metric, figure):
            return metric
    if figure.kind == "money":
        match = re.match(r"\s*(?:in|of)\s+", after, re.IGNORECASE)
        rest = after[match.end() :] if match else None
    elif figure.kind == "rate":
        match = _AFTER_CHANGE_RE.match(after)
        rest = match.group("metric") if match and match.group("metric") else after
    else:
        rest = after
    if not rest:
        return None
    keyword = catalogue.METRIC_RE.match(rest.lstrip())
    if keyword and _compatible(catalogue.metric_for(keyword.group()), figure):
        return catalogue.metric_for(keyword.group())
    return None


def _classify_rate(
    items: list[_Item], index: int, gap: str, tail: str, after: str, sentence: str
) -> None:
    item, figure = items[index], items[index].figure
    previous = items[index - 1] if index else None
    direction_match = _DIRECTION_RE.search(tail)
    after_change = _AFTER_CHANGE_RE.match(after)
    metric = item.metric
    if figure.kind == "points":
        direction = _direction(direction_match, previous)
        item.is_level = False
        item.change = Change(figure.quantity.value, "points", direction, _points_basis(tail))
    elif _GROWTH_RATE_RE.search(gap) or (
        direction_match and not (direction_match.group("to") and metric in catalogue.RATE_METRICS)
    ):
        direction = +1 if _GROWTH_RATE_RE.search(gap) and not direction_match else None
        if direction is None:
            direction = _direction(direction_match, previous)
            if direction_match and direction_match.group("to"):
                direction = +1
        basis = "avg_annual" if _AVERAGE_RE.search(tail) else "yoy"
        item.is_level = False
        item.change = Change(figure.quantity.value, "rate", direction, basis)
    elif after_change:
        word = after_change.group("word").lower()
        direction = -1 if word in ("decline", "decrease", "drop") else +1
        item.is_level = False
        item.change = Change(figure.quantity.value, "rate", direction, "yoy")
    elif _SHARE_AFTER_RE.match(after) or _SHARE_BEFORE_RE.search(gap):
        item.metric = "occupancy_rate" if _LEASED_RE.search(sentence) else "share"
        item.own_metric = True
    elif metric in catalogue.RATE_METRICS:
        pass
    elif previous is not None and previous.change is not None and not item.own_metric:
        change = previous.change
        item.is_level = False
        item.change = Change(figure.quantity.value, "rate", change.direction, change.basis)
    elif metric is not None:
        item.is_level = False
        item.change = Change(figure.quantity.value, "rate", +1, "yoy")
    if item.metric is None and previous is not None and previous.metric:
        item.metric = previous.metric


def _points_basis(tail: str) -> str:
    """What a change in percentage points is measured against: "高于全国1.9个百分点" is a gap to
    the national rate, "比上年提高1.9个百分点" a change over the year before."""
    words = [w.lower() for w in _BASIS_WORDS_RE.findall(tail)]
    if not words:
        return "yoy"
    return "vs_national" if words[-1] in ("national", "全国") else "vs_provincial"


def _signed(change: Change | None, gap: str) -> Change | None:
    """A minus sign written before the figure ("增长-2.4%") turns the stated direction round.

    Not a dash after a digit: "1-9月" is a range, and its "9" no negative number.
    """
    if change is None or not _MINUS_BEFORE_RE.search(gap):
        return change
    return Change(change.value, change.kind, -change.direction, change.basis)


_MINUS_BEFORE_RE = re.compile(r"(?<![\d.])\s*[-−－﹣]\s*$")


def _direction(match: re.Match[str] | None, previous: _Item | None) -> int:
    if match is not None:
        return -1 if _DOWN_WORDS.match(match.group("word").lower()) else +1
    if previous is not None and previous.change is not None:
        return previous.change.direction
    return +1


def _classify_amount(
    items: list[_Item], index: int, tail: str, after: str, sentence: str, state: _State
) -> None:
    item, figure = items[index], items[index].figure
    previous = items[index - 1] if index else None
    direction_match = _DIRECTION_RE.search(tail)
    if (
        direction_match
        and not direction_match.group("to")
        and previous is not None
        and previous.change is None
        and previous.figure.unit == figure.unit
        and not item.own_metric
    ):
        direction = -1 if _DOWN_WORDS.match(direction_match.group("word").lower()) else +1
        previous.change = Change(figure.quantity.value, "amount", direction, "yoy", figure.unit)
        item.skip = True
        return
    if item.metric is None and figure.kind == "number":
        item.metric = _count_metric(after, tail, sentence, state)
        item.own_metric = item.metric is not None
    if item.metric is None and previous is not None and previous.metric:
        after_change = previous.change is not None and not previous.is_level
        if _compatible(previous.metric, figure) and (after_change or not re.search(r"[,;]", tail)):
            item.metric = previous.metric
    if item.metric is None and figure.kind == "area" and len(sentence) < 40:
        keyword = _last_keyword(state.previous_sentence, figure)
        if keyword:
            item.metric = catalogue.metric_for(keyword.group())


def _count_metric(after: str, tail: str, sentence: str, state: _State) -> str | None:
    noun = _NOUN_AFTER_RE.match(after)
    if noun is None:
        number_of = _NUMBER_OF_RE.search(tail)
        if number_of and number_of.group("head") not in _EXCLUDED_NOUNS - {"lines"}:
            return f"count:{number_of.group('head')}"
        return None
    head = noun.group("head")
    phrase = noun.group(0).lower()
    if head in _EXCLUDED_NOUNS:
        return None
    if head in _NOUN_METRICS:
        return _NOUN_METRICS[head]
    if head == "projects":
        return _project_metric(sentence) or _project_metric(state.previous_sentence) or "projects"
    if head == "vehicles":
        if re.search(r"deliver", sentence, re.IGNORECASE):
            return "vehicles_delivered"
        return "vehicle_output" if re.search(r"produc", sentence) else "count:vehicles"
    if head in ("companies", "enterprises") and "newly registered" in phrase:
        return "new_enterprises"
    if head == "entities" and "new" in phrase:
        return "new_market_entities"
    return f"count:{head}"


def _project_metric(sentence: str) -> str | None:
    verb = _PROJECT_VERB_RE.search(sentence)
    return _PROJECT_VERB_METRIC[verb.group().lower()] if verb else None


# --- lists --------------------------------------------------------------------------------


def _list_runs(items: list[_Item], sentence: str, base: int) -> list[list[int]]:
    runs: list[list[int]] = []
    for index in range(len(items)):
        if index and _LIST_GAP_RE.match(
            sentence[items[index - 1].figure.end - base : items[index].figure.start - base]
        ):
            runs[-1].append(index)
        else:
            runs.append([index])
    return [run for run in runs if len(run) > 1]


def _share_list_units(items: list[_Item], sentence: str, base: int) -> None:
    """ "1.9 and 1.3 percentage points": the unit of the last member belongs to all."""
    for run in _list_runs(items, sentence, base):
        last = items[run[-1]].figure
        for index in run[:-1]:
            figure = items[index].figure
            if figure.kind == "number" and not figure.has_unit and last.kind != "number":
                figure.kind, figure.unit = last.kind, last.unit
                scale = last.quantity.value  # only the kind and unit are shared, not the scale
                del scale


def _pair_lists(items: list[_Item], sentence: str, base: int) -> None:
    respectively = _RESPECTIVELY_RE.search(sentence)
    for run in _list_runs(items, sentence, base):
        members = [items[i] for i in run]
        if any(m.skip for m in members):
            continue
        first = members[0].figure.start - base
        last = members[-1].figure.end - base
        if members[0].change and members[0].change.kind == "points":
            _pair_bases(members, sentence[:first])
            continue
        if not respectively and not all(m.change for m in members):
            continue
        metrics = _keywords_in(sentence[:first], members[0].figure) if respectively else []
        if respectively and len(metrics) < len(run):
            metrics = _keywords_in(sentence[last : respectively.start()], members[0].figure)
        if not respectively:
            levels = [i for i in items[: run[0]] if i.change is None and i.metric and i.is_level]
            metrics = [i.metric for i in levels]
        if len(metrics) >= len(run):
            for member, metric in zip(members, metrics[-len(run) :], strict=True):
                member.metric, member.own_metric = metric, True
        direction = next((m.change.direction for m in members if m.change), None)
        for member in members:
            if member.change and direction:
                member.change = Change(
                    member.change.value, member.change.kind, direction, member.change.basis
                )


def _keywords_in(text: str, figure: Figure) -> list[str]:
    found = [
        (m.start(), catalogue.metric_for(m.group())) for m in catalogue.METRIC_RE.finditer(text)
    ]
    verbs = [
        (m.start(), _PROJECT_VERB_METRIC[m.group().lower()])
        for m in _PROJECT_VERB_RE.finditer(text)
    ]
    if figure.kind == "number" and len(verbs) > 1:
        found = verbs
    return [metric for _, metric in sorted(found)]


def _pair_bases(members: list[_Item], before: str) -> None:
    words = [w.lower() for w in _BASIS_WORDS_RE.findall(before)]
    bases = ["vs_national" if w in ("national", "全国") else "vs_provincial" for w in words]
    for member, basis in zip(members, bases[-len(members) :], strict=False):
        if member.change:
            change = member.change
            member.change = Change(change.value, change.kind, change.direction, basis)


# --- assembling ---------------------------------------------------------------------------


_SEGMENT_RE = re.compile(
    r"\s+in\s+(?:the\s+)?(?P<segment>(?:[a-z-]+\s+){0,2}"
    r"(?:manufacturing|industry|industries|sector|services|agriculture))\b",
    re.IGNORECASE,
)


def _segments(items: list[_Item], sentence: str, base: int) -> None:
    """ "Value added increased by 24.5% in manufacturing, 17.5% in equipment manufacturing":
    each rate is its own segment's (industrial_value_added:manufacturing), not three rates of
    one series."""
    for item in items:
        if not item.metric or ":" in item.metric:
            continue
        match = _SEGMENT_RE.match(sentence, item.figure.end - base)
        if match:
            segment = "_".join(match.group("segment").lower().split())
            item.metric = f"{item.metric}:{segment}"


_FROM_TO_RE = re.compile(
    r"由(?P<before>[^，。；,;%]{0,12}?)(?P<a>\d+(?:\.\d+)?)%"
    r"(?:提高|提升|上升|增长|增加|扩大|回落|下降|降低|减少|缩小|回升)(?:到|至)"
    r"(?P<b>\d+(?:\.\d+)?)%"
)


_GROWTH_WORD_RE = re.compile(r"增长|增幅|增速|涨幅|降幅")


def _from_to(items: list[_Item], sentence: str, base: int) -> None:
    """ "由29.6%提高到31.5%": the level is the second rate, the change its distance from the
    first in percentage points (+1.9); the first is no figure of its own."""
    for match in _FROM_TO_RE.finditer(sentence):
        if _GROWTH_WORD_RE.search(sentence[max(0, match.start() - 6) : match.start()]):
            continue  # "投资增幅由上年的58.6%回落到27.8%": two years' growth rates, not a level
        first = _item_at(items, base + match.start("a"))
        second = _item_at(items, base + match.start("b"))
        if first is None or second is None or first is second:
            continue
        old, new = first.figure.quantity.value, second.figure.quantity.value
        basis = "yoy" if re.search(r"上年|去年|上一年", match.group("before")) else ""
        direction = (new > old) - (new < old)
        second.is_level, second.basis = True, basis or second.basis
        second.change = Change(abs(new - old), "points", direction, basis)
        if not second.metric:
            second.metric = first.metric
        first.skip = True


def _item_at(items: list[_Item], position: int) -> _Item | None:
    return next((i for i in items if i.figure.start <= position < i.figure.end), None)


def _merge(items: list[_Item]) -> None:
    """A level and its change for the same metric and period in one sentence are one fact."""
    for index, item in enumerate(items):
        if item.skip or item.merged or not item.metric:
            continue
        for other in items[index + 1 :]:
            if other.skip or other.merged or other.metric != item.metric:
                continue
            if other.period != item.period:
                continue
            level, change = (item, other) if item.change is None else (other, item)
            if level.change is None and change.is_level is False and level.is_level:
                level.change = change.change
                if change.figure.qualifier and not level.figure.qualifier:
                    level.notes.append("qualifier of the change")
                change.merged = True
                level.figure.end = max(level.figure.end, change.figure.end)
                level.figure.start = min(level.figure.start, change.figure.start)
                if level is other:
                    other.merged, item.merged = False, True
                break


def _attach_ranks(items: list[_Item], sentence: str, base: int) -> None:
    for match in _RANK_RE.finditer(sentence):
        owners = [i for i in items if i.figure.end - base <= match.start() and not i.merged]
        if owners:
            owners[-1].rank = match.group().removeprefix("placing it ").strip()


def _fact(doc: Document, item: _Item, target: bool) -> Fact:
    figure = item.figure
    value = figure.quantity.value if item.is_level else None
    unit = figure.unit if item.is_level else None
    kind = figure.kind if item.is_level else "change"
    qualifier = figure.qualifier
    start, end = figure.start, figure.end
    return Fact(
        subject=None,
        subject_kind=None,
        metric=item.metric or "",
        value=value,
        unit=unit,
        kind=kind,
        qualifier=qualifier,
        period=item.period,
        change=item.change,
        rank=item.rank,
        span=(start, end),
        text=doc.text[start:end],
        confidence=_confidence(item),
        modality=MODALITY_TARGET if target else MODALITY_ACTUAL,
        notes=item.notes,
    )


def _confidence(item: _Item) -> float:
    score = 0.5
    if item.own_metric:
        score += 0.25
    if item.period is not None:
        score += 0.15
    if item.metric and not item.metric.startswith("count:"):
        score += 0.1
    return round(min(score, 1.0), 2)


def _in_quotes(sentence: str, figure: Figure, base: int) -> bool:
    start = figure.start - base
    return any(m.start() < start < m.end() for m in _QUOTE_RE.finditer(sentence))


def published_or_none(doc: Document) -> date | None:
    return doc.published
