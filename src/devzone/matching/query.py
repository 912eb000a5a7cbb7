"""What a typed name may mean: the readings a query is scored under.

A query is a name as a person types it: a short name (华瓷股份), a stock short name with
exchange marks (*ST上普, 白云山A), a name opening with a province abbreviation (沪农商行,
鄂武商), a full legal name, or an English name. It can mean more than one thing (京东方 is a
trade name, not 北京 + 东方), so it yields several :class:`Reading`s and a candidate keeps its
best score over them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .contraction import Prepared, prepare
from .legalname import LegalName, parse_legal_name
from .normalize import is_cjk, normalize
from .reference import listing_marks, province_abbreviations

_MIN_REST = 2  # characters that must remain after taking a mark or abbreviation off


@dataclass(frozen=True, slots=True)
class Reading:
    """One interpretation of a query: the text to match and the region it implies."""

    text: str
    parsed: LegalName
    region_codes: tuple[str, ...]
    via_abbreviation: bool
    prepared: Prepared
    key: str  # ``parsed.key``, kept: it is compared with every candidate

    @classmethod
    def of(cls, text: str, region_codes: tuple[str, ...] | None = None) -> Reading:
        """Read *text*; *region_codes* given when a province abbreviation was taken off."""
        parsed = parse_legal_name(text)
        codes = parsed.region_codes if region_codes is None else region_codes
        return cls(text, parsed, codes, region_codes is not None, prepare(parsed), parsed.key)


@dataclass(frozen=True, slots=True)
class Query:
    """A typed name with its listing marks set aside and its readings."""

    original: str
    normalized: str
    marks: tuple[str, ...]
    readings: tuple[Reading, ...]

    @property
    def text(self) -> str:
        """The main reading's text (the query without listing marks)."""
        return self.readings[0].text if self.readings else ""


def parse_query(query: str) -> Query:
    """Normalize *query*, set listing marks aside and list its readings."""
    normalized = normalize(query)
    text, marks = strip_listing_marks(normalized)
    if not text:
        return Query(query, normalized, marks, ())
    readings = [Reading.of(text)]
    abbreviation = province_abbreviations().get(text[:1])
    if abbreviation and len(text) - 1 >= _MIN_REST and not readings[0].parsed.region:
        readings.append(Reading.of(text[1:], abbreviation))
    return Query(query, normalized, marks, tuple(readings))


def strip_listing_marks(text: str) -> tuple[str, tuple[str, ...]]:
    """Take stock-exchange marks off a normalized short name: *st上普 → 上普, 白云山a → 白云山.

    Latin marks are only taken when they touch a Chinese character, so tcl科技 keeps its c.
    """
    prefixes, suffixes = listing_marks()
    marks: list[str] = []
    changed = True
    while changed:
        changed = False
        for mark in prefixes:
            rest = text[len(mark) :]
            if text.startswith(mark) and _takes(mark, rest[:1], rest):
                text, changed = rest, True
                marks.append(mark)
                break
        for mark in suffixes:
            rest = text[: -len(mark)]
            if text.endswith(mark) and _takes(mark, rest[-1:], rest):
                text, changed = rest, True
                marks.append(mark)
                break
    return text, tuple(marks)


def _takes(mark: str, neighbour: str, rest: str) -> bool:
    """A mark comes off when enough name remains and, for Latin marks, it touches Chinese."""
    if len(rest) < _MIN_REST:
        return False
    return is_cjk(mark[-1]) or is_cjk(neighbour)
