"""Who a figure is about: a region, zone, town, enterprise or project named near it.

Known names passed by the caller win; otherwise capitalised English names ending in a place or
company word, and Chinese names ending in 市/县/区/开发区/新区/镇/村/公司, are taken as subjects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_EN_KIND_WORDS = (
    ("zone", r"Development Zone|Pilot FTZ|FTZ|Free Trade Zone|High-tech Zone|New District|"
             r"Economic Zone|Industrial Park|agglomeration area"),
    ("town", r"Town|Village|Night Market"),
    ("region", r"City|County|District|Province"),
    ("enterprise", r"Co\., Ltd\.|Company|Group|Motors|Pharmaceuticals|Holding Limited"),
    ("project", r"Project"),
)  # fmt: skip
_EN_NAME = r"(?:[A-Z][\w’'&-]*(?:\s*\([A-Z][\w ]*\))?\s+){1,5}"
_EN_RE = re.compile(
    "|".join(f"(?P<{kind}>{_EN_NAME}(?:{words})\\b)" for kind, words in _EN_KIND_WORDS)
)
_ZH_RE = re.compile(
    r"(?P<zone>[\u4e00-\u9fff]{2,8}?(?:开发区|新区|高新区|自贸区|产业园))"
    r"|(?P<enterprise>[\u4e00-\u9fff]{2,12}?公司)"
    r"|(?P<town>[\u4e00-\u9fff]{2,6}?[镇村])"
    r"|(?P<region>[\u4e00-\u9fff]{2,4}?[市县区])"
)
_KNOWN_KINDS = {
    "Leapmotor": "enterprise",
    "CATL": "enterprise",
    "NWTN": "enterprise",
    "Jinhua": "region",
    "Zhaoqing": "region",
    "Lishui": "region",
    "Jinyi": "zone",
}
_STOP_WORDS = frozenset({"The", "In", "On", "At", "Since", "This", "These", "Among", "During"})


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    kind: str | None


class SubjectFinder:
    """Finds subject mentions in text; built once per extraction with the caller's names."""

    def __init__(self, known: Iterable[str | tuple[str, str]] = ()) -> None:
        names: dict[str, str | None] = dict(_KNOWN_KINDS)
        for item in known:
            name, kind = (item, None) if isinstance(item, str) else item
            names[name] = kind
        self.known = names
        ordered = sorted(names, key=len, reverse=True)
        self.known_re = re.compile("|".join(re.escape(n) + r"(?![a-z])" for n in ordered))

    def mentions(self, text: str, base: int) -> list[Mention]:
        found = [
            Mention(base + m.start(), base + m.end(), m.group(), self.known[m.group()])
            for m in self.known_re.finditer(text)
        ]
        for pattern in (_EN_RE, _ZH_RE):
            for m in pattern.finditer(text):
                name = _trim(m.group()) if pattern is _EN_RE else _after_date(text, m)
                if name:
                    found.append(
                        Mention(base + m.end() - len(name), base + m.end(), name, m.lastgroup)
                    )
        found.sort(key=lambda mention: (mention.end, -(mention.end - mention.start)))
        return found


def _after_date(text: str, match: re.Match[str]) -> str:
    """A Chinese name without the end of a date before it: "2023年金华市" names 金华市 (日照市
    keeps its 日: no digit precedes it), nor the word before it ("在金华市" names 金华市); none
    for words that only look like names ("实现地区生产总值", "占全市")."""
    name, start = match.group(), match.start()
    while name[:1] in "年月日" and start > 0 and text[start - 1].isdigit() and len(name) > 3:
        name, start = name[1:], start + 1
    if match.lastgroup != "region":
        return name
    if name.endswith("地区") and text.startswith("生产总值", match.end()):
        return ""  # 地区生产总值 is GDP, not a place
    if name[-2:-1] in "全本该各":
        return ""  # 全市, 本区, 各县: the whole of a place named elsewhere
    lead = _LEADING_WORD.match(name)
    if lead and len(name) - lead.end() >= 3:
        name = name[lead.end() :]
    return "" if name in _NOT_PLACES else name


# Words that stand before a place name without being part of it (and that no place name in
# China starts with: 从化区, 于都县, 和平区 and 将乐县 keep their first character).
_LEADING_WORD = re.compile(r"实现|完成|其中|同比|今年|去年|全年|[在占较据把被]")
_NOT_PLACES = frozenset(
    {"地区", "市区", "城区", "辖区", "园区", "景区", "社区", "小区", "街区", "城市"}
)


def _trim(name: str) -> str:
    words = name.split()
    while words and words[0] in _STOP_WORDS:
        words.pop(0)
    return " ".join(words)


def nearest(mentions: list[Mention], position: int) -> Mention | None:
    """The longest mention ending last before ``position``."""
    best = None
    for mention in mentions:
        if mention.end <= position and (
            best is None
            or mention.end > best.end
            or (mention.start <= best.start and mention.end >= best.end)
        ):
            best = mention
    return best
