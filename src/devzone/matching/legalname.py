"""Split a Chinese (or English) enterprise name into the parts its registration rules define.

A Chinese legal name is 行政区划 + 字号 + 行业 + 组织形式 (region + trade name + industry +
legal form), sometimes followed by a branch (…有限公司金华分公司) and carrying bracketed notes
such as a former name (（原常熟开关厂）) or a region (（金华）). People refer to an enterprise by
its trade name or a contraction of it, so matching needs the parts apart; none is thrown away:
each has its own field and :attr:`LegalName.sequence` puts them back together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import has_cjk, normalize
from .reference import (
    branch_suffixes,
    english_legal_forms,
    generic_trade_words,
    industry_words,
    legal_forms,
    zone_words,
)
from .regions import RegionMention, region_lexicon

_BRACKETED = re.compile(r"\(([^()]*)\)")
_FORMER = re.compile(r"^(?:原名称|原公司名称|原公司名|原企业名称|原名|曾用名|原称|原)(.+)$")
# Bracketed words that belong to the legal form and stay in place: 合伙企业(有限合伙), (集团).
_FORM_BRACKETS = frozenset({"有限合伙", "普通合伙", "特殊普通合伙", "集团"})
# Where the head office's name ends when a branch name follows it.
_HEAD_ENDINGS = ("公司", "银行", "集团", "(有限合伙)", "(普通合伙)")
_MIN_CORE = 2
_GROUP = "集团"
_MAX_INDUSTRY_WORD = 6


@dataclass(frozen=True, slots=True)
class LegalName:
    """The parts of an enterprise name; ``sequence`` is region + core + industry + legal form."""

    original: str
    normalized: str
    group: str = ""  # a parent group named first: 攀钢集团 in 攀钢集团四川长城特殊钢…
    region: str = ""
    core: str = ""
    industry: str = ""
    legal_form: str = ""
    branch: str = ""
    former_name: str = ""
    notes: tuple[str, ...] = ()
    region_codes: tuple[str, ...] = ()
    is_latin: bool = False  # written without Chinese characters (an English name)

    @property
    def body(self) -> str:
        """The distinctive part, without legal form or branch: 湖南华联瓷业."""
        return self.group + self.region + self.core + self.industry

    @property
    def sequence(self) -> str:
        """Parts in canonical order, the string a short name is a contraction of."""
        return self.body + self.legal_form

    @property
    def key(self) -> str:
        """Equality key: the parts without notes; an English name without its legal form."""
        return self.core if self.is_latin else self.sequence + self.branch


def parse_legal_name(name: str) -> LegalName:
    """Split *name* into region, trade name (core), industry, legal form, branch and notes.

    Every part is kept: 宁德时代新能源科技股份有限公司 → core 宁德时代, industry 新能源科技,
    legal form 股份有限公司; 常熟开关制造有限公司（原常熟开关厂） → former_name 常熟开关厂.
    """
    normalized = normalize(name)
    if not has_cjk(normalized):
        return _parse_latin(name, normalized)
    text, brackets = _pull_brackets(normalized)
    head, branch = _split_branch(text)
    rest, form = _split_suffix(head, *legal_forms())
    group, rest = _split_group(rest)
    region, body = _split_region(rest)
    former, notes, region = _classify_brackets(brackets, region)
    core, industry = _split_industry(body)
    return LegalName(
        original=name,
        normalized=normalized,
        group=group,
        region=region.text if region else "",
        core=core,
        industry=industry,
        legal_form=form,
        branch=branch,
        former_name=former,
        notes=notes,
        region_codes=region.codes if region else (),
    )


def _parse_latin(name: str, normalized: str) -> LegalName:
    """English names: only the legal form ("co ltd", "inc") and brackets are told apart."""
    text, brackets = _pull_brackets(normalized)
    words = " ".join(text.split())
    rest, form = _split_suffix(" " + words, *english_legal_forms())
    former, notes, _ = _classify_brackets(brackets, None)
    return LegalName(
        original=name,
        normalized=normalized,
        core=rest.strip(),
        legal_form=form.strip(),
        former_name=former,
        notes=notes,
        is_latin=True,
    )


def _pull_brackets(text: str) -> tuple[str, list[str]]:
    """Take bracketed notes out of *text*, leaving the legal-form ones ((有限合伙), (集团))."""
    pulled: list[str] = []

    def pull(match: re.Match[str]) -> str:
        content = match.group(1).strip()
        if content in _FORM_BRACKETS:
            return f"({content})"
        if content:
            pulled.append(content)
        return ""

    previous = None
    while previous != text:  # innermost first, so nested brackets come out too
        previous, text = text, _BRACKETED.sub(pull, text)
    return _close_stray(text, pulled), pulled


def _close_stray(text: str, pulled: list[str]) -> str:
    """An unclosed "(" opens a note running to the end; a lone ")" is dropped."""
    if "(" not in text and ")" not in text:
        return text
    opened = text.rfind("(")
    if opened >= 0 and ")" not in text[opened:]:
        if text[opened + 1 :]:
            pulled.append(text[opened + 1 :])
        text = text[:opened]
    depth = 0
    kept: list[str] = []
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth >= 0:
            kept.append(ch)
        depth = max(depth, 0)
    return "".join(kept)


def _classify_brackets(
    brackets: list[str], region: RegionMention | None
) -> tuple[str, tuple[str, ...], RegionMention | None]:
    """Sort bracketed texts into a region (when the name has none), a former name, and notes."""
    former = ""
    notes: list[str] = []
    lexicon = region_lexicon()
    for content in brackets:
        mention = lexicon.lookup(content)
        former_match = _FORMER.match(content)
        if mention and region is None:
            region = mention
        elif former_match and not former:
            former = former_match.group(1)
        else:
            notes.append(content)
    return former, tuple(notes), region


def _split_branch(text: str) -> tuple[str, str]:
    """Split 某某有限公司金华分公司 into the head office's name and the branch's own part."""
    for suffix in branch_suffixes():
        if not text.endswith(suffix):
            continue
        before = text[: -len(suffix)]
        cut = max(
            (before.rfind(end) + len(end) for end in _HEAD_ENDINGS if end in before), default=0
        )
        if cut >= _MIN_CORE:
            return text[:cut], text[cut:]
    return text, ""


def _split_suffix(text: str, suffixes: frozenset[str], sizes: tuple[int, ...]) -> tuple[str, str]:
    """Remove the longest listed suffix that leaves at least a two-character name.

    *sizes* are the suffix lengths, longest first, so each try is one set lookup.
    """
    for size in sizes:
        if len(text) - size >= _MIN_CORE and text[-size:] in suffixes:
            return text[:-size], text[-size:]
    return text, ""


def _split_group(text: str) -> tuple[str, str]:
    """Split off a parent group named before the enterprise's own name (沈机集团 + 昆明机床).

    Short names drop the parent (长城股份 ← 攀钢集团四川长城特殊钢), so it is its own part.
    """
    at = text.find(_GROUP)
    end = at + len(_GROUP)
    if at >= _MIN_CORE and len(text) - end >= _MIN_CORE:
        return text[:end], text[end:]
    return "", text


def _split_region(text: str) -> tuple[RegionMention | None, str]:
    """Take the place name off the front (or the end) of *text* when a name remains.

    The longest chain of place names leaving a trade name wins (浙江省金华市 + 某某贸易), with
    a functional area kept beside it (苏州 + 工业园区). When only industry words follow
    (中国 + 农业银行, 宁波 + 银行) a province or city name is still the region and the industry
    words stand as the trade name (a county stem is not: 凌云 + 工业 is a trade name); when a
    generic word follows (宁德 + 时代) the place name belongs to the trade name.
    """
    parts = region_lexicon().match_prefix(text)
    for strict in (True, False):  # prefer a split whose trade name has no industry word inside
        for size in range(len(parts), 0, -1):
            prefix = _with_zone(text, "".join(part.text for part in parts[:size]))
            if _is_trade_name(text[len(prefix) :], strict=strict):
                return RegionMention(prefix, parts[size - 1].codes), text[len(prefix) :]
    if parts and not parts[0].county and _is_industry_only(text[len(parts[0].text) :]):
        return parts[0], text[len(parts[0].text) :]
    suffix = region_lexicon().match_suffix(text)
    if suffix and _is_trade_name(text[: -len(suffix.text)]):
        return suffix, text[: -len(suffix.text)]
    return None, text


def _with_zone(text: str, prefix: str) -> str:
    """Extend a place-name prefix by a functional-area word that follows it, if any."""
    rest = text[len(prefix) :]
    zones, sizes = zone_words()
    for size in sizes:
        if rest[:size] in zones:
            return prefix + rest[:size]
    return prefix


def _is_trade_name(text: str, *, strict: bool = False) -> bool:
    """True when *text* holds a trade name of its own besides its industry words.

    *strict* also refuses a trade name ending in an industry word it could not shed: 广州白云
    + 山医药 is a worse split than 广州 + 白云山医药.
    """
    core, _ = _split_industry(text)
    if len(core) < _MIN_CORE or core in generic_trade_words() or core in industry_words():
        return False
    return not (strict and _split_industry(core, floor=0, once=True)[1])


def _is_industry_only(text: str) -> bool:
    """True when *text* is nothing but industry words (农业银行)."""
    return _split_industry(text)[0] in industry_words()


def industry_word_list(industry: str) -> list[str]:
    """The industry words of an industry part, in order: 新能源科技 → [新能源, 科技]."""
    words: list[str] = []
    rest = industry
    while rest:
        head, last = _split_industry(rest, floor=0, once=True)
        if not last:
            return [rest, *words]
        words.insert(0, last)
        rest = head
    return words


def _split_industry(text: str, floor: int = _MIN_CORE, *, once: bool = False) -> tuple[str, str]:
    """Peel industry words (科技, 新能源, 液压) off the end while *floor* characters remain."""
    words = industry_words()
    industry = ""
    while True:
        for size in range(min(_MAX_INDUSTRY_WORD, len(text) - floor), 1, -1):
            if text[-size:] in words:
                text, industry = text[:-size], text[-size:] + industry
                if once:
                    return text, industry
                break
        else:
            return text, industry
